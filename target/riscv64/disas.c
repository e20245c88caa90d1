/*
 * riscv64 disassembler: prints a decoded instruction from its table row's
 * operand template (see rv_row in decode.h) in the syntax of GNU objdump
 * -M no-aliases (binutils 2.40), so the decoder and the log can never
 * disagree about what an instruction is.  tests/riscv64-disas/run checks
 * the output against objdump line by line.
 *
 * CSR names: the user-level ones (fflags, frm, fcsr, cycle, time, instret,
 * hpmcounterN and their RV32 high halves); any other csr is printed as a
 * number, where objdump would name privileged and vector CSRs.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "target/riscv64/decode.h"
#include "uemu/riscv64-disas.h"

static const char *const xreg_name[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const freg_name[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
    "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
    "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static const char *const rm_name[8] = {
    "rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn",
};

static const struct {
    uint16_t csr;
    const char *name;
} csr_names[] = {
    { 0x001, "fflags" }, { 0x002, "frm" }, { 0x003, "fcsr" },
    { 0xc00, "cycle" }, { 0xc01, "time" }, { 0xc02, "instret" },
    { 0xc80, "cycleh" }, { 0xc81, "timeh" }, { 0xc82, "instreth" },
};

/* Output cursor: appends never overrun, the result is always terminated. */
typedef struct out {
    char *buf;
    size_t size, len;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->len >= o->size)
        return;
    va_start(ap, fmt);
    n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len = o->len + (size_t)n < o->size ? o->len + (size_t)n : o->size;
}

static void put_csr(out *o, uint16_t csr)
{
    for (size_t i = 0; i < sizeof(csr_names) / sizeof(csr_names[0]); i++) {
        if (csr_names[i].csr == csr) {
            put(o, "%s", csr_names[i].name);
            return;
        }
    }
    if (csr >= 0xc03 && csr <= 0xc1f)
        put(o, "hpmcounter%u", csr - 0xc00u);
    else if (csr >= 0xc83 && csr <= 0xc9f)
        put(o, "hpmcounter%uh", csr - 0xc80u);
    else
        put(o, "0x%x", csr);
}

/* A fence set: the letters of i, o, r, w present, "unknown" when empty. */
static void put_fence_set(out *o, unsigned set)
{
    if (!set) {
        put(o, "unknown");
        return;
    }
    for (unsigned bit = 0; bit < 4; bit++)
        if (set & (8u >> bit))
            put(o, "%c", "iorw"[bit]);
}

static void put_rm(out *o, const rv_insn *d)
{
    if (d->row->flags & RV_RM_EXACT) {
        if (d->rm != RV_RM_RNE)
            put(o, ",%s", rm_name[d->rm]);
    } else if (d->rm != RV_RM_DYN) {
        put(o, ",%s", rm_name[d->rm]);
    }
}

static void put_operands(out *o, const rv_insn *d, uint64_t pc)
{
    for (const char *a = d->row->args; *a; a++) {
        switch (*a) {
        case 'd': put(o, "%s", xreg_name[d->rd]); break;
        case 's': put(o, "%s", xreg_name[d->rs1]); break;
        case 't': put(o, "%s", xreg_name[d->rs2]); break;
        case 'D': put(o, "%s", freg_name[d->rd]); break;
        case 'S': put(o, "%s", freg_name[d->rs1]); break;
        case 'T': put(o, "%s", freg_name[d->rs2]); break;
        case 'R': put(o, "%s", freg_name[d->rs3]); break;
        case 'i': put(o, "%" PRId64, d->imm); break;
        case 'u': put(o, "0x%" PRIx64, ((uint64_t)d->imm >> 12) & 0xfffff); break;
        case '>': put(o, "0x%x", d->shamt); break;
        case 'b': put(o, "0x%" PRIx64, pc + (uint64_t)d->imm); break;
        case 'c': put_csr(o, d->csr); break;
        case 'm': put_rm(o, d); break;
        case 'p': put_fence_set(o, d->pred); break;
        case 'q': put_fence_set(o, d->succ); break;
        default: put(o, "%c", *a); break;
        }
    }
}

unsigned rv_disas(char *buf, size_t size, uint64_t pc, uint32_t raw)
{
    out o = { buf, size, 0 };
    rv_insn d;
    bool ok = rv_decode(raw, &d);

    if (size)
        buf[0] = '\0';
    if (!ok && !(d.row && d.row->id == RV_ILLEGAL)) {
        if (d.len == 2)
            put(&o, ".2byte\t0x%x", raw & 0xffff);
        else
            put(&o, ".4byte\t0x%x", raw);
        return d.len;
    }
    put(&o, "%s", d.row->name);
    if (d.row->fmt == RV_FMT_AMO && (d.aq || d.rl))
        put(&o, ".%s%s", d.aq ? "aq" : "", d.rl ? "rl" : "");
    if (d.row->args[0]) {
        put(&o, "\t");
        put_operands(&o, &d, pc);
    }
    return d.len;
}
