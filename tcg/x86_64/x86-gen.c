/*
 * Lowering of the IR to x86_64 machine code.
 *
 * Every temp has a home: locals a frame slot [rsp + 8 * n] (i32 values
 * kept zero-extended), globals their CPU-state field [r14 + offset], env
 * r14 itself.  The register allocator of x86-regs.c keeps temps in host
 * registers and the CPU state current at helper calls, faulting ops and
 * exits (a guest access in registers instead names the globals it
 * leaves in registers in the block's fault map, x86-fault.c); mov, movi and the common ALU ops work on its registers
 * directly, the other ops copy their inputs into scratch registers (rax,
 * rcx, rdx, rsi, rdi), compute there and copy their outputs back.  Guest memory is one instruction,
 * [r15 + addr] or [addr] when guest_base is 0; a failed alignment check
 * jumps to a stub at the end of the block that records tcg_fault and
 * returns TCG_EXIT_FAULT.  goto_tb is a jmp whose 4-byte displacement is
 * 4-byte aligned, so tcg_tb_set_jump can patch it with one atomic store
 * while other threads run the block.
 */
#include <capstone.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/x86_64/x86.h"

struct fixup {
    uint8_t *disp;
    int label;
};

struct stub {
    uint8_t *disp;
    int insn;
    unsigned memop;
    bool write;
};

struct gen {
    struct xbuf b;
    const struct tcg_ctx *s;
    unsigned feat;
    bool gb;                       /* guest_base != 0: use r15 */
    struct x86_regs regs;
    uint8_t *label_at[TCG_MAX_LABELS];
    /* Pinned globals possibly unsynced on some branch to each label
     * (x86_regs_pinned_dirty bits), and whether a branch to it comes
     * after it (then unknown when the label is placed). */
    uint8_t label_dirty[TCG_MAX_LABELS];
    bool label_back[TCG_MAX_LABELS];
    int label_op[TCG_MAX_LABELS];  /* the set_label op's index */
    int branch_label;              /* for read_after_label */
    bool reachable;                /* the op before falls through */
    struct fixup *fix;
    int nfix;
    struct stub *stubs;
    int nstubs;
    uint32_t *relocs;              /* tcg_tb.relocs while generating */
    unsigned nrelocs, reloc_cap;
    bool reloc_failed;             /* out of memory for them */
    struct byte_buf fmap;          /* x86-fault.c */
    /* cold code (the helper calls behind FP fast paths), placed after
     * the block's code: the bytes, and a struct cold_piece for each */
    struct byte_buf cold, pieces;
};

struct cold_piece {
    size_t off, len;               /* in cold; ends in a jmp rel32 */
    uint8_t *from;                 /* the rel32 of the jump to it */
    uint8_t *back;                 /* where its jmp returns */
};

static const uint8_t cc_of[TCG_COND_COUNT] = {
    [TCG_COND_EQ] = CC_E, [TCG_COND_NE] = CC_NE, [TCG_COND_LT] = CC_L,
    [TCG_COND_GE] = CC_GE, [TCG_COND_LE] = CC_LE, [TCG_COND_GT] = CC_G,
    [TCG_COND_LTU] = CC_B, [TCG_COND_GEU] = CC_AE, [TCG_COND_LEU] = CC_BE,
    [TCG_COND_GTU] = CC_A,
};

static const int arg_regs[TCG_MAX_HELPER_ARGS] = { RDI, RSI, RDX, RCX, R8, R9 };

static uint64_t popcount_fallback(uint64_t v)
{
    return (uint64_t)__builtin_popcountll(v);
}

/* Called from a block's stub: the return address names the block. */
static __attribute__((noinline)) void record_fault(uint64_t addr, unsigned memop,
                                                   unsigned write, int insn)
{
    tcg_fault = (struct tcg_fault){ addr, memop, write != 0, insn,
                                    (uintptr_t)__builtin_return_address(0) };
}

static void ld(struct gen *g, int reg, uint64_t t)
{
    x86_reg_load(&g->regs, reg, t);
}

static void st(struct gen *g, uint64_t t, int reg)
{
    x86_reg_store(&g->regs, t, reg);
}

/* dst = src's low 1 << size bytes, sign- or zero-extended to 64 (w) or 32. */
static void extend(struct gen *g, int dst, int src, unsigned size, bool sign,
                   int w)
{
    switch (size) {
    case 0:
        x_rr(&g->b, X_B8 | (sign ? w | OP_MOVSB : OP_MOVZB), dst, src);
        break;
    case 1:
        x_rr(&g->b, sign ? w | OP_MOVSW : OP_MOVZW, dst, src);
        break;
    case 2:
        x_rr(&g->b, sign && w ? X_W | OP_MOVSXD : OP_MOV_LD, dst, src);
        break;
    default:
        if (dst != src)
            x_rr(&g->b, X_W | OP_MOV_LD, dst, src);
        break;
    }
}

/* Load 1 << size bytes at [base + index + disp] into dst, extended. */
static void load(struct gen *g, int dst, unsigned memop, int w, int base,
                 int index, int32_t disp)
{
    unsigned size = memop & TCG_MO_SIZE;
    bool sign = memop & TCG_MO_SIGN;
    int op;

    switch (size) {
    case 0: op = sign ? w | OP_MOVSB : OP_MOVZB; break;
    case 1: op = sign ? w | OP_MOVSW : OP_MOVZW; break;
    case 2: op = sign && w ? X_W | OP_MOVSXD : OP_MOV_LD; break;
    default: op = X_W | OP_MOV_LD; break;
    }
    x_rm(&g->b, op, dst, base, index, disp);
}

static int sized(unsigned size, int op8, int op)
{
    switch (size) {
    case 0: return op8 | X_B8;
    case 1: return X_66 | op;
    case 2: return op;
    default: return X_W | op;
    }
}

static void store(struct gen *g, int src, unsigned size, int base, int index,
                  int32_t disp)
{
    x_rm(&g->b, sized(size, OP_MOV_ST8, OP_MOV_ST), src, base, index, disp);
}

static void add_reloc(struct gen *g, const uint8_t *at, unsigned kind)
{
    if (g->nrelocs == g->reloc_cap) {
        unsigned cap = g->reloc_cap ? 2 * g->reloc_cap : 64;
        uint32_t *r = realloc(g->relocs, cap * sizeof(*r));

        if (!r) {
            g->reloc_failed = true;
            return;
        }
        g->relocs = r;
        g->reloc_cap = cap;
    }
    g->relocs[g->nrelocs++] = (uint32_t)(at - g->b.start) << 2 | kind;
}

static void jmp_epilogue(struct gen *g, int cc)
{
    uint8_t *d = x_jcc32(&g->b, cc);

    x_patch32(d, x86_epilogue() - g->b.rx_delta);
    add_reloc(g, d, TCG_RELOC_EPILOGUE);
}

/*
 * Whether local t may be read after label (its value on a branch there
 * must be in its home): looks along the ops from the label to the first
 * write of t, exit, or other label or branch (then: maybe).
 */
static bool read_after_label(void *ctx, int t)
{
    const struct gen *g = ctx;
    const struct tcg_ctx *s = g->s;

    for (int i = g->label_op[g->branch_label] + 1; i < s->nb_ops; i++) {
        const struct tcg_op *op = &s->ops[i];
        int flags = tcg_opdefs[op->opc].flags;

        for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
            if (op->args[k] == (uint64_t)t)
                return true;
        }
        for (int k = 0; k < op->nb_oargs; k++) {
            if (op->args[k] == (uint64_t)t)
                return false;
        }
        if (flags & TCG_OPF_NORETURN)
            return false;
        if (op->opc == TCG_OP_set_label || op->opc == TCG_OP_br || op->opc == TCG_OP_brcond)
            return true;
    }
    return false;
}

/* Before a conditional branch: write back what the label's code may read. */
static void writeback_for_branch(struct gen *g, uint64_t label)
{
    g->branch_label = (int)label;
    x86_regs_writeback_live(&g->regs, read_after_label, g);
}

static void branch(struct gen *g, int cc, uint64_t label)
{
    g->label_dirty[label] |= (uint8_t)x86_regs_pinned_dirty(&g->regs);
    g->fix[g->nfix++] = (struct fixup){ x_jcc32(&g->b, cc), (int)label };
}

/*
 * A guest access in allocated registers runs with the dirty globals
 * still only in registers: the fault map (x86-fault.c) names them for
 * the access's code.  access_begin before the access chooses its
 * registers (out: the temp it writes, -1 for a store: at a fault its
 * register still holds the old value, which counts only when it held
 * that before), access_mark after, right before the access's code,
 * access_end after that code.
 */
struct access {
    int64_t skip;
    uint8_t *start;
    struct x86_dirty d[8];
    int n;
};

static void access_begin(const struct gen *g, struct access *ac, int64_t out)
{
    bool kept = out >= 0 && g->regs.slot_of[out] >= 0 && g->regs.dirty[out];

    ac->skip = kept ? -1 : out;
}

static void access_mark(struct gen *g, struct access *ac)
{
    ac->n = x86_regs_dirty_globals(&g->regs, ac->skip, ac->d);
    for (int i = 0; i < ac->n; i++) {
        if (ac->d[i].off < 0 || ac->d[i].off > X86_FAULT_MAP_MAX_OFF) {
            /* beyond what the map can name: written back instead */
            x86_regs_sync_globals(&g->regs);
            ac->n = 0;
            break;
        }
    }
    ac->start = g->b.p;
}

static void access_end(struct gen *g, const struct access *ac)
{
    if (ac->n)
        x86_fault_map_add(&g->fmap, (uint32_t)(ac->start - g->b.start),
                          (uint32_t)(g->b.p - g->b.start), ac->d, ac->n);
}

/* A qemu_ld/qemu_st that gen_op does in allocated registers, with no
 * alignment check (whose stub returns: the state must be current). */
static bool direct(const struct gen *g, const uint64_t *a, int n);
static bool access_direct(const struct gen *g, const struct tcg_op *op)
{
    return (op->opc == TCG_OP_qemu_ld || op->opc == TCG_OP_qemu_st) &&
           !(op->args[2] & TCG_MO_ALIGN) && direct(g, op->args, 2);
}

/* Guest address in rax: check alignment; returns the access's base/index. */
static void guest_addr(struct gen *g, unsigned memop, bool write, int insn,
                       int *base, int *index)
{
    unsigned size = memop & TCG_MO_SIZE;

    if ((memop & TCG_MO_ALIGN) && size) {
        x_b(&g->b, 0xa8);               /* test al, imm8 */
        x_b(&g->b, (1u << size) - 1);
        g->stubs[g->nstubs++] = (struct stub){ x_jcc32(&g->b, CC_NE), insn, memop, write };
    }
    *base = g->gb ? X86_GUEST_BASE : RAX;
    *index = g->gb ? RAX : X_NOREG;
}

static void gen_div(struct gen *g, const struct tcg_op *op, int w)
{
    bool sign = op->opc == TCG_OP_div || op->opc == TCG_OP_rem;
    bool rem = op->opc == TCG_OP_rem || op->opc == TCG_OP_remu;
    uint8_t *zero, *minus1 = NULL, *done1, *done2 = NULL;

    ld(g, RAX, op->args[1]);
    ld(g, RCX, op->args[2]);
    x_rr(&g->b, w | OP_TEST, RCX, RCX);
    zero = x_jcc8(&g->b, CC_E);
    if (sign) {
        /* x / -1 is -x (MIN stays MIN) and x % -1 is 0: never idiv it */
        x_rr(&g->b, w | 0x83, 7, RCX);
        x_b(&g->b, 0xff);
        minus1 = x_jcc8(&g->b, CC_E);
        if (w)
            x_b(&g->b, 0x48);
        x_b(&g->b, 0x99);               /* cqo / cdq */
        x_rr(&g->b, w | OP_GRP3, EXT_IDIV, RCX);
    } else {
        x_rr(&g->b, OP_XOR, RDX, RDX);
        x_rr(&g->b, w | OP_GRP3, EXT_DIV, RCX);
    }
    if (rem)
        x_rr(&g->b, X_W | OP_MOV_LD, RAX, RDX);
    done1 = x_jcc8(&g->b, -1);
    if (sign) {
        x_patch8(minus1, g->b.p);
        if (rem)
            x_rr(&g->b, OP_XOR, RAX, RAX);
        else
            x_rr(&g->b, w | OP_GRP3, EXT_NEG, RAX);
        done2 = x_jcc8(&g->b, -1);
    }
    x_patch8(zero, g->b.p);
    if (!rem)
        x_movi(&g->b, RAX, w ? ~0ull : 0xffffffffu);
    x_patch8(done1, g->b.p);
    if (done2)
        x_patch8(done2, g->b.p);
    st(g, op->args[0], RAX);
}

static void gen_bswap(struct gen *g, const struct tcg_op *op)
{
    static const int size_of[] = { 1, 2, 3 };
    int size = size_of[op->opc - TCG_OP_bswap16];
    int base;
    int32_t disp;

    if ((g->feat & TCG_FEAT_MOVBE) && x86_home(g->s, op->args[1], &base, &disp) &&
        x86_reg_home_valid(&g->regs, op->args[1])) {
        x_rm(&g->b, sized((unsigned)size, OP_MOVBE_LD, OP_MOVBE_LD), RAX, base,
             X_NOREG, disp);
    } else {
        ld(g, RAX, op->args[1]);
        if (size == 1) {
            x_rr(&g->b, X_66 | OP_SHIFT_I, EXT_ROL, RAX);
            x_b(&g->b, 8);
        } else {
            x_op(&g->b, (size == 3 ? X_W : 0) | X_0F | (0xc8 + RAX), X_NOREG,
                 X_NOREG, RAX);
        }
    }
    if (size == 1)
        x_rr(&g->b, OP_MOVZW, RAX, RAX);
    st(g, op->args[0], RAX);
}

static void gen_count(struct gen *g, const struct tcg_op *op, int w)
{
    int width = w ? 64 : 32;

    ld(g, RAX, op->args[1]);
    switch (op->opc) {
    case TCG_OP_clz:
        if (g->feat & TCG_FEAT_LZCNT) {
            x_rr(&g->b, w | OP_LZCNT, RAX, RAX);
        } else {
            /* width - 1 - bsr, with bsr of 0 taken as -1 */
            x_movi(&g->b, RCX, ~0ull);
            x_rr(&g->b, w | OP_BSR, RAX, RAX);
            x_rr(&g->b, X_W | (OP_CMOV + CC_E), RAX, RCX);
            x_rr(&g->b, X_W | OP_GRP3, EXT_NEG, RAX);
            x_rr(&g->b, X_W | 0x83, 0, RAX);
            x_b(&g->b, (unsigned)width - 1);
        }
        break;
    case TCG_OP_ctz:
        if (g->feat & TCG_FEAT_BMI1) {
            x_rr(&g->b, w | OP_TZCNT, RAX, RAX);
        } else {
            x_movi(&g->b, RCX, (uint64_t)width);
            x_rr(&g->b, w | OP_BSF, RAX, RAX);
            x_rr(&g->b, X_W | (OP_CMOV + CC_E), RAX, RCX);
        }
        break;
    default:
        if (g->feat & TCG_FEAT_POPCNT) {
            x_rr(&g->b, w | OP_POPCNT, RAX, RAX);
        } else {
            x86_regs_before_call(&g->regs);
            x_rr(&g->b, X_W | OP_MOV_LD, RDI, RAX);
            x_call_abs(&g->b, (const void *)popcount_fallback);
        }
        break;
    }
    st(g, op->args[0], RAX);
}

static void gen_shift(struct gen *g, const struct tcg_op *op, int w)
{
    static const int ext[] = { EXT_SHL, EXT_SHR, EXT_SAR, EXT_ROL, EXT_ROR };
    static const int pp[] = { 1, 3, 2 };
    int k = op->opc - TCG_OP_shl;

    ld(g, RAX, op->args[1]);
    ld(g, RCX, op->args[2]);
    /* x86 takes counts modulo the operand width: the IR's rule */
    if (k < 3 && (g->feat & TCG_FEAT_BMI2))
        x_vex(&g->b, 0xf7, pp[k], w != 0, RAX, RCX, RAX);
    else
        x_rr(&g->b, w | OP_SHIFT_CL, ext[k], RAX);
    st(g, op->args[0], RAX);
}

static void gen_atomic(struct gen *g, const struct tcg_op *op, int w, int insn)
{
    bool cas = op->opc == TCG_OP_atomic_cmpxchg;
    unsigned memop = (unsigned)op->args[cas ? 4 : 3];
    unsigned size = memop & TCG_MO_SIZE;
    int aop = cas ? -1 : (int)op->args[4];
    int base, index;
    uint8_t *loop;

    ld(g, RAX, op->args[1]);
    guest_addr(g, memop | TCG_MO_ALIGN, true, insn, &base, &index);
    if (index >= 0)
        x_rm(&g->b, X_W | OP_LEA, RDI, base, index, 0);
    else
        x_rr(&g->b, X_W | OP_MOV_LD, RDI, RAX);
    if (cas) {
        ld(g, RAX, op->args[2]);
        ld(g, RCX, op->args[3]);
        x_rm(&g->b, X_LOCK | sized(size, OP_CMPXCHG8, OP_CMPXCHG), RCX, RDI,
             X_NOREG, 0);
    } else if (aop == TCG_AOP_ADD || aop == TCG_AOP_XCHG) {
        ld(g, RCX, op->args[2]);
        x_rm(&g->b, aop == TCG_AOP_ADD ? X_LOCK | sized(size, OP_XADD8, OP_XADD)
                                       : sized(size, OP_XCHG8, OP_XCHG),
             RCX, RDI, X_NOREG, 0);
        x_rr(&g->b, X_W | OP_MOV_LD, RAX, RCX);
    } else {
        bool minmax = aop >= TCG_AOP_SMIN;
        bool sgn = aop == TCG_AOP_SMIN || aop == TCG_AOP_SMAX;
        static const int logic[] = { [TCG_AOP_AND] = OP_AND, [TCG_AOP_OR] = OP_OR,
                                     [TCG_AOP_XOR] = OP_XOR };
        static const int pick[] = { [TCG_AOP_SMIN] = CC_G, [TCG_AOP_SMAX] = CC_L,
                                    [TCG_AOP_UMIN] = CC_A, [TCG_AOP_UMAX] = CC_B };

        ld(g, RCX, op->args[2]);
        if (minmax)
            extend(g, RCX, RCX, size, sgn, X_W);
        load(g, RAX, size, X_W, RDI, X_NOREG, 0);
        loop = g->b.p;
        if (minmax) {
            extend(g, RDX, RAX, size, sgn, X_W);
            x_rr(&g->b, X_W | OP_CMP, RCX, RDX);
            x_rr(&g->b, X_W | (OP_CMOV + pick[aop]), RDX, RCX);
        } else {
            x_rr(&g->b, X_W | OP_MOV_LD, RDX, RAX);
            x_rr(&g->b, X_W | logic[aop], RCX, RDX);
        }
        x_rm(&g->b, X_LOCK | sized(size, OP_CMPXCHG8, OP_CMPXCHG), RDX, RDI,
             X_NOREG, 0);
        x_patch8(x_jcc8(&g->b, CC_NE), loop);
    }
    extend(g, RAX, RAX, size, memop & TCG_MO_SIGN, w);
    st(g, op->args[0], RAX);
}

/* add qword [addr], v (lock add when atomic), through rcx */
static void gen_profile_add(struct gen *g, uint64_t *addr, int v, bool atomic)
{
    x_movi(&g->b, RCX, (uintptr_t)addr);
    x_rm(&g->b, (atomic ? X_LOCK : 0) | X_W | 0x83, EXT_ADD, RCX, X_NOREG, 0);
    x_b(&g->b, (uint8_t)v);
}

/* rax = the TSC (rdtsc's edx:eax); clobbers rdx */
static void gen_rdtsc(struct gen *g)
{
    x_b(&g->b, 0x0f);
    x_b(&g->b, 0x31);
    x_shifti(&g->b, 1, EXT_SHL, RDX, 32);
    x_rr(&g->b, X_W | OP_OR, RDX, RAX);
}

/*
 * -d profile: the call counted and timed with the TSC.  The start time
 * and the result wait in 16 bytes below the frame (rsp stays aligned);
 * rdx, an argument, is kept in r10 across rdtsc (the call sequence has
 * freed r10 and r11).
 */
static void gen_call_timed(struct gen *g, const void *fn)
{
    x_alui(&g->b, X_W, EXT_SUB, RSP, 16);
    x_rr(&g->b, X_W | OP_MOV_LD, R10, RDX);
    gen_rdtsc(g);
    x_rm(&g->b, X_W | OP_MOV_ST, RAX, RSP, X_NOREG, 0);
    x_rr(&g->b, X_W | OP_MOV_LD, RDX, R10);
    x_call_abs(&g->b, fn);
    x_rm(&g->b, X_W | OP_MOV_ST, RAX, RSP, X_NOREG, 8);
    gen_rdtsc(g);
    x_rm(&g->b, X_W | OP_SUB_LD, RAX, RSP, X_NOREG, 0);
    x_movi(&g->b, RCX, (uintptr_t)&tcg_prof.helper_cycles);
    x_rm(&g->b, X_LOCK | X_W | OP_ADD, RAX, RCX, X_NOREG, 0);
    gen_profile_add(g, &tcg_prof.helper_calls, 1, true);
    x_rm(&g->b, X_W | OP_MOV_LD, RAX, RSP, X_NOREG, 8);
    x_alui(&g->b, X_W, EXT_ADD, RSP, 16);
}

/*
 * Keep the code from here (cold_begin) to cold_end out of the block's
 * way: it is written to g->cold and moved after the block's code
 * (cold_place), where the jump whose rel32 is at from goes to it, and it
 * jumps back to what follows.  So the code must not depend on its
 * address (calls are absolute) nor jump out but back.  Out of memory,
 * it goes to scratch and the block fails (g->cold.failed).
 */
static void cold_begin(struct gen *g, struct xbuf *hot, uint8_t *scratch)
{
    uint8_t *p = byte_buf_grow(&g->cold, X_MAX_OP_BYTES);

    *hot = g->b;
    g->b.start = g->b.p = p ? p : scratch;
    g->b.end = g->b.start + X_MAX_OP_BYTES;
}

static void cold_end(struct gen *g, const struct xbuf *hot, uint8_t *from)
{
    struct cold_piece *c;
    size_t len;

    x_jcc32(&g->b, -1);
    len = (size_t)(g->b.p - g->b.start);
    g->b = *hot;
    if (g->cold.failed)
        return;
    g->cold.len -= X_MAX_OP_BYTES - len;
    if ((c = byte_buf_grow(&g->pieces, sizeof(*c))))
        *c = (struct cold_piece){ g->cold.len - len, len, from, g->b.p };
}

/* The cold code after the block's code; false when there is no room. */
static bool cold_place(struct gen *g)
{
    const struct cold_piece *c = (const struct cold_piece *)g->pieces.p;

    for (size_t i = 0; i < g->pieces.len / sizeof(*c); i++, c++) {
        if ((size_t)(g->b.end - g->b.p) < c->len + X_MAX_OP_BYTES)
            return false;
        memcpy(g->b.p, g->cold.p + c->off, c->len);
        x_patch32(c->from, g->b.p);
        g->b.p += c->len;
        x_patch32(g->b.p - 4, c->back);
    }
    return true;
}

/*
 * A call whose helper has an inline fast path (x86-fast.c): the fast
 * path reads its operands without changing the allocator's state and
 * clobbers only scratch registers, so the cached temps stay in r10/r11
 * on it; the rare way on to the call saves those two around it instead
 * of spilling them for both paths.
 */
static void gen_call_fast(struct gen *g, const struct tcg_op *op, const struct tcg_helper *h)
{
    bool save = x86_regs_call_clobbered_busy(&g->regs);
    bool fp_result = op->nb_oargs && x86_fast_result_fp(h);
    uint8_t scratch[X_MAX_OP_BYTES], *slow = NULL;
    struct xbuf hot;

    for (int i = 0; i < h->nargs; i++) {
        if (!x86_fast_deferred(&g->regs, op, h, i))
            x86_reg_peek(&g->regs, arg_regs[i], op->args[op->nb_oargs + i]);
    }
    /* the way to the helper (a NaN: rare) out of line; none when the
     * fast path always applies */
    if (x86_gen_fast(&g->regs, op, h, &slow) > 0) {
        cold_begin(g, &hot, scratch);
        for (int i = 0; i < h->nargs; i++) {
            if (x86_fast_deferred(&g->regs, op, h, i))
                x86_reg_peek(&g->regs, arg_regs[i], op->args[op->nb_oargs + i]);
        }
        if (save) {
            /* two pushes keep rsp 16-byte aligned for the call */
            x_push(&g->b, R10);
            x_push(&g->b, R11);
        }
        if (tcg_profiling)
            gen_call_timed(g, h->func);
        else
            x_call_abs(&g->b, h->func);
        if (save) {
            x_pop(&g->b, R11);
            x_pop(&g->b, R10);
        }
        /* the call clobbered the xmm shadows and left the result in rax
         * only: as the fast path has them */
        x86_xmm_refill(&g->regs);
        if (fp_result)
            x_rr(&g->b, X_W | OP_MOVD_X, 0, RAX);
        cold_end(g, &hot, slow);
    }
    if (op->nb_oargs && fp_result) {
        /* from xmm0 (both ways have it there) straight to its register,
         * and kept there as its shadow: the next FP op reads it from
         * there, not through a general register (each crossing costs
         * latency on the chain) */
        int wq = x86_fast_f64(h) ? X_W : 0;

        if (direct(g, op->args, 1)) {
            unsigned keep = 0;

            x_rr(&g->b, wq | OP_MOVD_R, 0, x86_reg_def(&g->regs, op->args[0], &keep));
        } else {
            x_rr(&g->b, wq | OP_MOVD_R, 0, RAX);
            st(g, op->args[0], RAX);
        }
        if (x86_fast_read_later(g->s, op, op->args[0]))
            x_rr(&g->b, X_0F | 0x28, x86_xmm_assign(&g->regs, op->args[0]), 0);
    } else if (op->nb_oargs) {
        if (h->ret == TCG_TYPE_I32)
            x_rr(&g->b, OP_MOV_LD, RAX, RAX);
        st(g, op->args[0], RAX);
    }
}

static void gen_call(struct gen *g, const struct tcg_op *op)
{
    const struct tcg_helper *h = tcg_op_helper(op);
    unsigned no_globals = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS;

    /* the helper sees and may change the CPU state: sync it first */
    if ((h->flags & no_globals) != no_globals)
        x86_regs_sync_globals(&g->regs);
    if (x86_fast_usable(&g->regs, op, h) && (h->flags & no_globals) == no_globals) {
        gen_call_fast(g, op, h);
        return;
    }
    for (int i = 0; i < h->nargs; i++)
        ld(g, arg_regs[i], op->args[op->nb_oargs + i]);
    /* after the loads, which may have cached a temp in r10/r11 */
    x86_regs_before_call(&g->regs);
    if (tcg_profiling)
        gen_call_timed(g, h->func);
    else
        x_call_abs(&g->b, h->func);
    if (!(h->flags & TCG_CALL_NO_WRITE_GLOBALS))
        x86_regs_forget_globals(&g->regs);
    if (op->nb_oargs) {
        if (h->ret == TCG_TYPE_I32)
            x_rr(&g->b, OP_MOV_LD, RAX, RAX);
        st(g, op->args[0], RAX);
    }
}

/* Whether the op's n temps can be used in allocated registers. */
static bool direct(const struct gen *g, const uint64_t *a, int n);

/* add d, env, x (a pointer into the CPU state): lea d, [r14 + x]. */
static bool gen_env_add(struct gen *g, const struct tcg_op *op)
{
    const uint64_t *a = op->args;
    unsigned keep = 0;
    int rx;

    if (op->opc != TCG_OP_add || op->type != TCG_TYPE_I64 || !g->regs.enabled ||
        g->s->temps[a[1]].kind != TCG_TEMP_ENV || !direct(g, a + 2, 1) || !direct(g, a, 1))
        return false;
    rx = x86_reg_use(&g->regs, a[2], &keep);
    x_rm(&g->b, X_W | OP_LEA, x86_reg_def(&g->regs, a[0], &keep), X86_ENV, rx, 0);
    return true;
}

/* Whether the op's n temps can be used in allocated registers. */
static bool direct(const struct gen *g, const uint64_t *a, int n)
{
    if (!g->regs.enabled)
        return false;
    for (int i = 0; i < n; i++) {
        if (g->s->temps[a[i]].kind == TCG_TEMP_ENV)
            return false;
    }
    return true;
}

/* dst = dst op src; op is an ALU opcode (op r/m, reg form) or OP_IMUL. */
static void binop_rr(struct gen *g, int w, int op, int dst, int src)
{
    if (op == OP_IMUL)
        x_rr(&g->b, w | OP_IMUL, dst, src);
    else
        x_rr(&g->b, w | op, src, dst);
}

/* d = a op b with the temps in allocated registers. */
static void gen_binop_direct(struct gen *g, const uint64_t *a, int w, int op,
                             bool commutative)
{
    unsigned keep = 0;
    int rb = x86_reg_use(&g->regs, a[2], &keep);
    int ra = x86_reg_use(&g->regs, a[1], &keep);
    int rd = x86_reg_def(&g->regs, a[0], &keep);

    if (rd == rb && rd != ra) {
        /* d is b: b op= a when that is the same, else go through rax */
        if (commutative) {
            binop_rr(g, w, op, rd, ra);
        } else {
            x_rr(&g->b, X_W | OP_MOV_LD, RAX, ra);
            binop_rr(g, w, op, RAX, rb);
            x_rr(&g->b, X_W | OP_MOV_LD, rd, RAX);
        }
        return;
    }
    if (rd != ra)
        x_rr(&g->b, X_W | OP_MOV_LD, rd, ra);
    binop_rr(g, w, op, rd, rb);
}

/* t as an immediate for an op of width w: a pending constant that the
 * instruction's sign-extended imm32 reproduces. */
static bool imm_of(const struct gen *g, uint64_t t, int w, int32_t *imm)
{
    uint64_t v;

    if (!g->regs.enabled || !x86_reg_const(&g->regs, t, &v))
        return false;
    if (!w) {
        *imm = (int32_t)(uint32_t)v;
        return true;
    }
    if (v != (uint64_t)(int64_t)(int32_t)v)
        return false;
    *imm = (int32_t)v;
    return true;
}

/* d = a op imm (add, sub, and, or, xor, mul) in allocated registers. */
static bool gen_binop_imm(struct gen *g, const struct tcg_op *op, int w)
{
    static const int ext[] = {
        [TCG_OP_add] = EXT_ADD, [TCG_OP_sub] = EXT_SUB, [TCG_OP_and] = EXT_AND,
        [TCG_OP_or] = EXT_OR, [TCG_OP_xor] = EXT_XOR,
    };
    const uint64_t *a = op->args;
    uint64_t src = a[1];
    unsigned keep = 0;
    int32_t imm;
    int ra, rd;

    if (!imm_of(g, a[2], w, &imm)) {
        if (op->opc == TCG_OP_sub || !imm_of(g, a[1], w, &imm))
            return false;
        src = a[2];
    }
    ra = x86_reg_use(&g->regs, src, &keep);
    rd = x86_reg_def(&g->regs, a[0], &keep);
    if (op->opc == TCG_OP_mul) {
        x_imuli(&g->b, w, rd, ra, imm);
        return true;
    }
    if (rd != ra && op->opc == TCG_OP_add) {
        /* one instruction instead of mov + add (no flags are kept) */
        x_rm(&g->b, w | OP_LEA, rd, ra, X_NOREG, imm);
        return true;
    }
    if (rd != ra)
        x_rr(&g->b, w | OP_MOV_LD, rd, ra);
    x_alui(&g->b, w, ext[op->opc], rd, imm);
    return true;
}

/*
 * ld t, env (or a pointer in a register), off followed by brcond t,
 * imm or a register with t dead after it (an exit-request check, a
 * jump-cache entry's pc and flags): one cmp against
 * memory, no register for t.  True when both ops were done.
 */
static bool gen_env_branch(struct gen *g, const struct tcg_op *ld, const struct tcg_op *br)
{
    const uint64_t *a = ld->args, *b = br->args;
    int w = ld->type == TCG_TYPE_I64 ? X_W : 0;
    unsigned size = w ? 3 : 2, keep = 0;
    bool narrow, env, reg;
    uint64_t v;
    int32_t imm = 0;
    int base, rv = RAX;

    if (ld->opc != TCG_OP_ld || br->opc != TCG_OP_brcond || br->type != ld->type)
        return false;
    /* an i64 of a zero-extended 32-bit field against a 32-bit constant,
     * for (in)equality: the 32-bit compare says the same */
    narrow = w && (a[3] & (TCG_MO_SIZE | TCG_MO_SIGN)) == 2 &&
             (b[2] == TCG_COND_EQ || b[2] == TCG_COND_NE);
    env = g->s->temps[a[1]].kind == TCG_TEMP_ENV;
    if (!g->regs.enabled || (!env && !direct(g, a + 1, 1)) ||
        g->s->temps[a[0]].kind != TCG_TEMP_LOCAL || (int64_t)a[2] != (int32_t)a[2] ||
        ((a[3] & TCG_MO_SIZE) != size && !narrow) || b[0] != a[0] || b[1] == a[0] ||
        b[1] == a[1] || !(br->dead & 1))
        return false;
    reg = !x86_reg_const(&g->regs, b[1], &v);
    if (reg) {
        /* against a register: cmp [base + off], reg */
        if ((a[3] & TCG_MO_SIZE) != size || !direct(g, b + 1, 1))
            return false;
    } else if ((a[3] & TCG_MO_SIZE) != size) {
        if (v > 0xffffffffu)
            return false;
        w = 0;
        imm = (int32_t)(uint32_t)v;
    } else if (!imm_of(g, b[1], w, &imm)) {
        return false;
    }
    /* the registers before anything is freed (nothing below writes a
     * register until the compare) */
    base = env ? X86_ENV : x86_reg_use(&g->regs, a[1], &keep);
    if (reg)
        rv = x86_reg_use(&g->regs, b[1], &keep);
    /* as brcond does: what dies here is not written back */
    x86_regs_drop_dead(&g->regs, br);
    writeback_for_branch(g, b[3]);
    if (reg) {
        x_rm(&g->b, w | OP_CMP, rv, base, X_NOREG, (int32_t)a[2]);
    } else if (imm == (int8_t)imm) {
        x_rm(&g->b, w | 0x83, EXT_CMP, base, X_NOREG, (int32_t)a[2]);
        x_b(&g->b, (uint8_t)imm);
    } else {
        x_rm(&g->b, w | 0x81, EXT_CMP, base, X_NOREG, (int32_t)a[2]);
        x_d32(&g->b, (uint32_t)imm);
    }
    branch(g, cc_of[b[2]], b[3]);
    return true;
}

/*
 * add t, base, imm followed by a guest load or store at t, t dead after
 * it (a front end's rs1 + offset): one access at [base + imm], the add
 * never emitted.  Guest addresses wrap at 2^64 as the host's do, so the
 * displacement gives the same address.  True when both ops were done.
 */
static bool gen_folded_access(struct gen *g, const struct tcg_op *add,
                              const struct tcg_op *mem)
{
    const uint64_t *a = add->args, *m = mem->args;
    uint64_t base = a[1];
    unsigned keep = 0;
    struct access ac;
    int32_t disp;
    int rb;

    if (add->opc != TCG_OP_add || add->type != TCG_TYPE_I64 ||
        (mem->opc != TCG_OP_qemu_ld && mem->opc != TCG_OP_qemu_st) ||
        m[1] != a[0] || m[0] == a[0] || !(mem->dead >> 1 & 1) ||
        (m[2] & TCG_MO_ALIGN) || g->s->temps[a[0]].kind != TCG_TEMP_LOCAL ||
        !direct(g, a, 3) || !direct(g, m, 2))
        return false;
    if (!imm_of(g, a[2], X_W, &disp)) {
        if (!imm_of(g, a[1], X_W, &disp))
            return false;
        base = a[2];
    }
    access_begin(g, &ac, mem->opc == TCG_OP_qemu_ld ? (int64_t)m[0] : -1);
    rb = x86_reg_use(&g->regs, base, &keep);
    if (mem->opc == TCG_OP_qemu_ld) {
        int rd = x86_reg_def(&g->regs, m[0], &keep);

        access_mark(g, &ac);
        load(g, rd, (unsigned)m[2], mem->type == TCG_TYPE_I64 ? X_W : 0,
             g->gb ? X86_GUEST_BASE : rb, g->gb ? rb : X_NOREG, disp);
    } else {
        int rv = x86_reg_use(&g->regs, m[0], &keep);

        access_mark(g, &ac);
        store(g, rv, m[2] & TCG_MO_SIZE, g->gb ? X86_GUEST_BASE : rb,
              g->gb ? rb : X_NOREG, disp);
    }
    access_end(g, &ac);
    return true;
}

/* d = a shifted by a constant count, in allocated registers. */
static bool gen_shift_imm(struct gen *g, const struct tcg_op *op, int w)
{
    static const int ext[] = { EXT_SHL, EXT_SHR, EXT_SAR, EXT_ROL, EXT_ROR };
    const uint64_t *a = op->args;
    unsigned keep = 0;
    uint64_t v;
    int ra, rd, n;

    if (!direct(g, a, 2) || !x86_reg_const(&g->regs, a[2], &v))
        return false;
    n = (int)(v & (w ? 63 : 31));
    ra = x86_reg_use(&g->regs, a[1], &keep);
    rd = x86_reg_def(&g->regs, a[0], &keep);
    if (rd != ra || !w)
        x_rr(&g->b, w | OP_MOV_LD, rd, ra);
    if (n)
        x_shifti(&g->b, w != 0, ext[op->opc - TCG_OP_shl], rd, n);
    return true;
}

/* cmp a, b for brcond/setcond, in allocated registers; the condition
 * after a swap of the operands when only a is a constant. */
static int gen_cmp_direct(struct gen *g, const uint64_t *a, int w, int cond,
                          unsigned *keep)
{
    static const uint8_t swapped[TCG_COND_COUNT] = {
        [TCG_COND_EQ] = TCG_COND_EQ, [TCG_COND_NE] = TCG_COND_NE,
        [TCG_COND_LT] = TCG_COND_GT, [TCG_COND_GE] = TCG_COND_LE,
        [TCG_COND_LE] = TCG_COND_GE, [TCG_COND_GT] = TCG_COND_LT,
        [TCG_COND_LTU] = TCG_COND_GTU, [TCG_COND_GEU] = TCG_COND_LEU,
        [TCG_COND_LEU] = TCG_COND_GEU, [TCG_COND_GTU] = TCG_COND_LTU,
    };
    uint64_t x = a[0], y = a[1];
    int32_t imm;
    bool has_imm = imm_of(g, y, w, &imm);

    if (!has_imm && imm_of(g, x, w, &imm)) {
        x = a[1];
        y = a[0];
        cond = swapped[cond];
        has_imm = true;
    }
    if (has_imm) {
        int rx = x86_reg_use(&g->regs, x, keep);

        if (imm == 0 && (cond == TCG_COND_EQ || cond == TCG_COND_NE))
            x_rr(&g->b, w | OP_TEST, rx, rx);
        else
            x_alui(&g->b, w, EXT_CMP, rx, imm);
    } else {
        int ry = x86_reg_use(&g->regs, y, keep);
        int rx = x86_reg_use(&g->regs, x, keep);

        x_rr(&g->b, w | OP_CMP, ry, rx);
    }
    return cond;
}

/* st of a pending constant to env: mov [r14 + disp], imm (no register);
 * false when the value is no constant the instruction can hold. */
static bool store_imm(struct gen *g, uint64_t t, unsigned size, int base, int32_t disp)
{
    uint64_t v;

    if (!x86_reg_const(&g->regs, t, &v) ||
        (size == 3 && v != (uint64_t)(int64_t)(int32_t)v))
        return false;
    x_rm(&g->b, size == 0 ? 0xc6 : sized(size, 0xc7, 0xc7), 0, base, X_NOREG, disp);
    switch (size) {
    case 0: x_b(&g->b, (uint8_t)v); break;
    case 1: x_b(&g->b, (uint8_t)v); x_b(&g->b, (uint8_t)(v >> 8)); break;
    default: x_d32(&g->b, (uint32_t)v); break;
    }
    return true;
}

static void gen_op(struct gen *g, const struct tcg_op *op, int insn)
{
    static const int alu[] = {
        [TCG_OP_add] = OP_ADD, [TCG_OP_sub] = OP_SUB, [TCG_OP_and] = OP_AND,
        [TCG_OP_or] = OP_OR, [TCG_OP_xor] = OP_XOR,
    };
    const uint64_t *a = op->args;
    int w = op->type == TCG_TYPE_I64 ? X_W : 0;
    int width = w ? 64 : 32;
    int base, index;
    int32_t disp;
    uint64_t m;

    /* a fault must find the CPU state current, or in the fault map */
    if ((tcg_opdefs[op->opc].flags & TCG_OPF_MAY_FAULT) && !access_direct(g, op))
        x86_regs_sync_globals(&g->regs);
    switch (op->opc) {
    case TCG_OP_mov:
        if (direct(g, a, 2) && x86_reg_const(&g->regs, a[1], &m)) {
            unsigned keep = 0;

            if (g->s->temps[a[0]].kind == TCG_TEMP_LOCAL)
                x86_reg_set_const(&g->regs, a[0], m);
            else
                x_movi(&g->b, x86_reg_def(&g->regs, a[0], &keep), m);
            break;
        }
        if (direct(g, a, 2)) {
            unsigned keep = 0;
            int ra = x86_reg_use(&g->regs, a[1], &keep);
            int rd = x86_reg_def(&g->regs, a[0], &keep);

            if (rd != ra)
                x_rr(&g->b, X_W | OP_MOV_LD, rd, ra);
            break;
        }
        ld(g, RAX, a[1]);
        st(g, a[0], RAX);
        break;
    case TCG_OP_movi:
        if (direct(g, a, 1) && g->s->temps[a[0]].kind == TCG_TEMP_LOCAL) {
            x86_reg_set_const(&g->regs, a[0], tcg_trunc(op->type, a[1]));
            break;
        }
        if (direct(g, a, 1)) {
            unsigned keep = 0;

            x_movi(&g->b, x86_reg_def(&g->regs, a[0], &keep), a[1]);
            break;
        }
        x_movi(&g->b, RAX, a[1]);
        st(g, a[0], RAX);
        break;
    case TCG_OP_add: case TCG_OP_sub: case TCG_OP_and: case TCG_OP_or:
    case TCG_OP_xor: case TCG_OP_mul:
        if (direct(g, a, 3) && gen_binop_imm(g, op, w))
            break;
        if (direct(g, a, 3)) {
            gen_binop_direct(g, a, w, op->opc == TCG_OP_mul ? OP_IMUL : alu[op->opc],
                             op->opc != TCG_OP_sub);
            break;
        }
        if (gen_env_add(g, op))
            break;
        ld(g, RAX, a[1]);
        ld(g, RCX, a[2]);
        binop_rr(g, w, op->opc == TCG_OP_mul ? OP_IMUL : alu[op->opc], RAX, RCX);
        st(g, a[0], RAX);
        break;
    case TCG_OP_andc: case TCG_OP_orc:
        ld(g, RAX, a[1]);
        ld(g, RCX, a[2]);
        if (op->opc == TCG_OP_andc && (g->feat & TCG_FEAT_BMI1)) {
            x_vex(&g->b, 0xf2, 0, w != 0, RAX, RCX, RAX);
        } else {
            x_rr(&g->b, w | OP_GRP3, EXT_NOT, RCX);
            x_rr(&g->b, w | (op->opc == TCG_OP_andc ? OP_AND : OP_OR), RCX, RAX);
        }
        st(g, a[0], RAX);
        break;
    case TCG_OP_div: case TCG_OP_divu: case TCG_OP_rem: case TCG_OP_remu:
        gen_div(g, op, w);
        break;
    case TCG_OP_shl: case TCG_OP_shr: case TCG_OP_sar: case TCG_OP_rotl:
    case TCG_OP_rotr:
        if (!gen_shift_imm(g, op, w))
            gen_shift(g, op, w);
        break;
    case TCG_OP_neg: case TCG_OP_not:
        if (direct(g, a, 2)) {
            unsigned keep = 0;
            int ra = x86_reg_use(&g->regs, a[1], &keep);
            int rd = x86_reg_def(&g->regs, a[0], &keep);

            if (rd != ra || !w)
                x_rr(&g->b, w | OP_MOV_LD, rd, ra);
            x_rr(&g->b, w | OP_GRP3, op->opc == TCG_OP_neg ? EXT_NEG : EXT_NOT, rd);
            break;
        }
        ld(g, RAX, a[1]);
        x_rr(&g->b, w | OP_GRP3, op->opc == TCG_OP_neg ? EXT_NEG : EXT_NOT, RAX);
        st(g, a[0], RAX);
        break;
    case TCG_OP_mulu2: case TCG_OP_muls2:
        ld(g, RAX, a[2]);
        ld(g, RCX, a[3]);
        x_rr(&g->b, w | OP_GRP3, op->opc == TCG_OP_mulu2 ? EXT_MUL : EXT_IMUL1, RCX);
        st(g, a[0], RAX);
        st(g, a[1], RDX);
        break;
    case TCG_OP_clz: case TCG_OP_ctz: case TCG_OP_ctpop:
        gen_count(g, op, w);
        break;
    case TCG_OP_bswap16: case TCG_OP_bswap32: case TCG_OP_bswap64:
        gen_bswap(g, op);
        break;
    case TCG_OP_ext8s: case TCG_OP_ext8u: case TCG_OP_ext16s:
    case TCG_OP_ext16u: case TCG_OP_ext32s: case TCG_OP_ext32u:
        if (direct(g, a, 2)) {
            unsigned keep = 0;
            int ra = x86_reg_use(&g->regs, a[1], &keep);
            int rd = x86_reg_def(&g->regs, a[0], &keep);

            extend(g, rd, ra, (unsigned)(op->opc - TCG_OP_ext8s) / 2,
                   !((op->opc - TCG_OP_ext8s) & 1), w);
            break;
        }
        ld(g, RAX, a[1]);
        extend(g, RAX, RAX, (unsigned)(op->opc - TCG_OP_ext8s) / 2,
               !((op->opc - TCG_OP_ext8s) & 1), w);
        st(g, a[0], RAX);
        break;
    case TCG_OP_ext_i32_i64: case TCG_OP_extu_i32_i64: case TCG_OP_extrl_i64_i32:
        if (direct(g, a, 2)) {
            unsigned keep = 0;
            int ra = x86_reg_use(&g->regs, a[1], &keep);
            int rd = x86_reg_def(&g->regs, a[0], &keep);

            extend(g, rd, ra, 2, op->opc == TCG_OP_ext_i32_i64, X_W);
            break;
        }
        if (op->opc != TCG_OP_ext_i32_i64) {
            ld(g, RAX, a[1]);
            x_rr(&g->b, OP_MOV_LD, RAX, RAX);
            st(g, a[0], RAX);
            break;
        }
        ld(g, RAX, a[1]);
        x_rr(&g->b, X_W | OP_MOVSXD, RAX, RAX);
        st(g, a[0], RAX);
        break;
    case TCG_OP_extrh_i64_i32:
        ld(g, RAX, a[1]);
        x_shifti(&g->b, 1, EXT_SHR, RAX, 32);
        st(g, a[0], RAX);
        break;
    case TCG_OP_deposit:
        m = (a[4] == 64 ? ~0ull : (1ull << a[4]) - 1) << a[3];
        ld(g, RAX, a[1]);
        ld(g, RCX, a[2]);
        x_movi(&g->b, RDX, tcg_trunc(op->type, ~m));
        x_rr(&g->b, w | OP_AND, RDX, RAX);
        x_shifti(&g->b, w, EXT_SHL, RCX, (int)a[3]);
        x_movi(&g->b, RDX, tcg_trunc(op->type, m));
        x_rr(&g->b, w | OP_AND, RDX, RCX);
        x_rr(&g->b, w | OP_OR, RCX, RAX);
        st(g, a[0], RAX);
        break;
    case TCG_OP_extract: case TCG_OP_sextract:
        ld(g, RAX, a[1]);
        x_shifti(&g->b, w, EXT_SHL, RAX, width - (int)(a[2] + a[3]));
        x_shifti(&g->b, w, op->opc == TCG_OP_extract ? EXT_SHR : EXT_SAR, RAX,
                 width - (int)a[3]);
        st(g, a[0], RAX);
        break;
    case TCG_OP_setcond:
        if (direct(g, a, 3)) {
            unsigned keep = 0;
            int cond = gen_cmp_direct(g, a + 1, w, (int)a[3], &keep);
            int rd = x86_reg_def(&g->regs, a[0], &keep);

            /* mov and movzx keep the flags */
            x_rr(&g->b, X_B8 | (OP_SETCC + cc_of[cond]), 0, rd);
            x_rr(&g->b, X_B8 | OP_MOVZB, rd, rd);
            break;
        }
        ld(g, RAX, a[1]);
        ld(g, RCX, a[2]);
        x_rr(&g->b, w | OP_CMP, RCX, RAX);
        x_rr(&g->b, X_B8 | (OP_SETCC + cc_of[a[3]]), 0, RAX);
        x_rr(&g->b, OP_MOVZB, RAX, RAX);
        st(g, a[0], RAX);
        break;
    case TCG_OP_movcond:
        ld(g, RAX, a[1]);
        ld(g, RCX, a[2]);
        ld(g, RDX, a[3]);
        ld(g, RSI, a[4]);
        x_rr(&g->b, w | OP_CMP, RCX, RAX);
        x_rr(&g->b, X_W | OP_MOV_LD, RAX, RSI);
        x_rr(&g->b, X_W | (OP_CMOV + cc_of[a[5]]), RAX, RDX);
        st(g, a[0], RAX);
        break;
    case TCG_OP_set_label: {
        unsigned in = g->label_dirty[a[0]] |
                      (g->reachable ? x86_regs_pinned_dirty(&g->regs) : 0);

        x86_regs_spill_all(&g->regs);
        /* every way in is known: a pinned global clean on all of them
         * needs no write-back later (spill_all assumed it might) */
        if (!g->label_back[a[0]])
            x86_regs_set_pinned_dirty(&g->regs, in);
        g->label_at[a[0]] = g->b.p;
        break;
    }
    case TCG_OP_br:
        writeback_for_branch(g, a[0]);
        branch(g, -1, a[0]);
        break;
    case TCG_OP_brcond:
        if (direct(g, a, 2)) {
            unsigned keep = 0;
            int cond = gen_cmp_direct(g, a, w, (int)a[2], &keep);

            /* operands dying here need no write-back; the write-back
             * movs keep the flags */
            x86_regs_drop_dead(&g->regs, op);
            writeback_for_branch(g, a[3]);
            branch(g, cc_of[cond], a[3]);
            break;
        }
        ld(g, RAX, a[0]);
        ld(g, RCX, a[1]);
        writeback_for_branch(g, a[3]);
        x_rr(&g->b, w | OP_CMP, RCX, RAX);
        branch(g, cc_of[a[2]], a[3]);
        break;
    case TCG_OP_ld: case TCG_OP_st:
        /* through env (r14) or a pointer in a register (a jump-cache
         * entry) */
        if (g->regs.enabled && g->s->temps[a[0]].kind != TCG_TEMP_ENV &&
            (g->s->temps[a[1]].kind == TCG_TEMP_ENV || direct(g, a + 1, 1)) &&
            (int64_t)a[2] == (int32_t)a[2]) {
            unsigned keep = 0;
            int rb = x86_reg_use(&g->regs, a[1], &keep);

            if (op->opc == TCG_OP_ld)
                load(g, x86_reg_def(&g->regs, a[0], &keep), (unsigned)a[3], w, rb, X_NOREG,
                     (int32_t)a[2]);
            else if (!store_imm(g, a[0], a[3] & TCG_MO_SIZE, rb, (int32_t)a[2]))
                store(g, x86_reg_use(&g->regs, a[0], &keep), a[3] & TCG_MO_SIZE, rb, X_NOREG,
                      (int32_t)a[2]);
            break;
        }
        ld(g, RAX, a[1]);
        disp = (int32_t)a[2];
        if ((int64_t)a[2] != disp) {
            x_movi(&g->b, RDX, a[2]);
            x_rr(&g->b, X_W | OP_ADD, RDX, RAX);
            disp = 0;
        }
        if (op->opc == TCG_OP_ld) {
            load(g, RAX, (unsigned)a[3], w, RAX, X_NOREG, disp);
            st(g, a[0], RAX);
        } else {
            ld(g, RCX, a[0]);
            store(g, RCX, a[3] & TCG_MO_SIZE, RAX, X_NOREG, disp);
        }
        break;
    case TCG_OP_qemu_ld:
        if (access_direct(g, op)) {
            unsigned keep = 0;
            struct access ac;
            int ra, rd;

            access_begin(g, &ac, (int64_t)a[0]);
            ra = x86_reg_use(&g->regs, a[1], &keep);
            rd = x86_reg_def(&g->regs, a[0], &keep);
            access_mark(g, &ac);
            load(g, rd, (unsigned)a[2], w, g->gb ? X86_GUEST_BASE : ra,
                 g->gb ? ra : X_NOREG, 0);
            access_end(g, &ac);
            break;
        }
        ld(g, RAX, a[1]);
        guest_addr(g, (unsigned)a[2], false, insn, &base, &index);
        load(g, RAX, (unsigned)a[2], w, base, index, 0);
        st(g, a[0], RAX);
        break;
    case TCG_OP_qemu_st:
        if (access_direct(g, op)) {
            unsigned keep = 0;
            struct access ac;
            int ra, rv;

            access_begin(g, &ac, -1);
            ra = x86_reg_use(&g->regs, a[1], &keep);
            rv = x86_reg_use(&g->regs, a[0], &keep);
            access_mark(g, &ac);
            store(g, rv, a[2] & TCG_MO_SIZE, g->gb ? X86_GUEST_BASE : ra,
                  g->gb ? ra : X_NOREG, 0);
            access_end(g, &ac);
            break;
        }
        ld(g, RAX, a[1]);
        ld(g, RCX, a[0]);
        guest_addr(g, (unsigned)a[2], true, insn, &base, &index);
        store(g, RCX, a[2] & TCG_MO_SIZE, base, index, 0);
        break;
    case TCG_OP_atomic_cmpxchg: case TCG_OP_atomic_fetch:
        gen_atomic(g, op, w, insn);
        break;
    case TCG_OP_mb:
        x_b(&g->b, 0x0f);
        x_b(&g->b, 0xae);
        x_b(&g->b, 0xf0);
        break;
    case TCG_OP_fpflags_take: case TCG_OP_fpflags_clear:
        x86_gen_fpflags(&g->b, op->opc == TCG_OP_fpflags_take);
        if (op->opc == TCG_OP_fpflags_take)
            st(g, a[0], RAX);
        break;
    case TCG_OP_call:
        gen_call(g, op);
        break;
    case TCG_OP_exit_tb:
        x86_regs_sync_globals(&g->regs);
        if (a[0] >= TCG_EXIT_PTR_MIN) {
            /* mov eax, imm32 or mov rax, imm64: a copy keeps the size */
            bool wide = a[0] != (uint32_t)a[0];

            x_op(&g->b, (wide ? X_W : 0) | (0xb8 + RAX), X_NOREG, X_NOREG, RAX);
            if (wide)
                x_d64(&g->b, a[0]);
            else
                x_d32(&g->b, (uint32_t)a[0]);
            add_reloc(g, g->b.p - (wide ? 8 : 4), wide ? TCG_RELOC_PTR64 : TCG_RELOC_PTR32);
        } else {
            x_movi(&g->b, RAX, a[0]);
        }
        jmp_epilogue(g, -1);
        break;
    case TCG_OP_goto_ptr:
        ld(g, RAX, a[0]);
        x86_regs_sync_globals(&g->regs);
        x_rr(&g->b, X_W | OP_TEST, RAX, RAX);
        jmp_epilogue(g, CC_E);
        if (tcg_profiling)
            gen_profile_add(g, &tcg_prof.ptr_jumps, 1, false);
        x_rr(&g->b, 0xff, 4, RAX);
        break;
    default:
        abort();
    }
}

static bool room(const struct gen *g)
{
    return g->b.end - g->b.p >= X_MAX_OP_BYTES;
}

static int gen_stubs(struct gen *g)
{
    for (int i = 0; i < g->nstubs; i++) {
        const struct stub *st = &g->stubs[i];

        if (!room(g))
            return -ENOSPC;
        x_patch32(st->disp, g->b.p);
        x_rr(&g->b, X_W | OP_MOV_LD, RDI, RAX);
        x_movi(&g->b, RSI, st->memop);
        x_movi(&g->b, RDX, st->write);
        x_movi(&g->b, RCX, (uint32_t)st->insn);
        x_call_abs(&g->b, (const void *)record_fault);
        x_movi(&g->b, RAX, TCG_EXIT_FAULT);
        jmp_epilogue(g, -1);
    }
    return 0;
}

static int emit(struct gen *g, struct tcg_tb *tb)
{
    const struct tcg_ctx *s = g->s;
    int insn = -1;
    bool reachable = true;

    if (tcg_profiling)
        gen_profile_add(g, &tcg_prof.tb_execs, 1, false);
    x86_regs_enter(&g->regs);
    for (int i = 0; i < s->nb_ops; i++) {
        const struct tcg_op *op = &s->ops[i];

        if (!room(g))
            return -ENOSPC;
        switch (op->opc) {
        case TCG_OP_nop:
            break;
        case TCG_OP_insn_start:
            if (insn >= 0)
                tb->insn_end[insn] = (uint32_t)(g->b.p - g->b.start);
            insn++;
            break;
        case TCG_OP_loop_entry:
            /* A goto_tb leaves every global written back (but the
             * pinned ones of a jump to itself) and the pinned ones still
             * in their registers: when nothing else is cached
             * here, the block jumping to itself can enter here, skipping
             * the loads and what came before.  Not when profiling, which
             * counts each entry. */
            if (!tcg_profiling && g->regs.enabled && x86_regs_only_pinned(&g->regs)) {
                tb->loop_off = (uint32_t)(g->b.p - g->b.start);
                /* a jump to itself (tcg_gen_goto_tb_self) comes back
                 * with the pinned globals maybe not written back */
                if (s->goto_tb_self)
                    x86_regs_set_pinned_dirty(&g->regs, ~0u);
            }
            break;
        case TCG_OP_goto_tb:
            /* to itself (only ever chained there, at loop_off): the
             * pinned globals stay in their registers unwritten; the
             * way out when not chained (exit_tb) writes them back */
            if ((s->goto_tb_self >> op->args[0] & 1) && tb->loop_off)
                x86_regs_sync_unpinned_globals(&g->regs);
            else
                x86_regs_sync_globals(&g->regs);
            /* the displacement must not straddle a 4-byte boundary: one
             * nop of the size needed (it runs on the way to the jump) */
            switch (((uintptr_t)g->b.p + 1) & 3) {
            case 1:             /* nop dword [rax] */
                x_b(&g->b, 0x0f);
                x_b(&g->b, 0x1f);
                x_b(&g->b, 0x00);
                break;
            case 2:             /* xchg ax, ax */
                x_b(&g->b, 0x66);
                x_b(&g->b, 0x90);
                break;
            case 3:
                x_b(&g->b, 0x90);
                break;
            }
            tb->jmp_off[op->args[0]] = (uint32_t)(x_jcc32(&g->b, -1) - g->b.start);
            break;
        default:
            g->reachable = reachable;
            if (i + 2 < s->nb_ops && op->opc == TCG_OP_ld && op[1].opc == TCG_OP_movi &&
                op[1].args[0] != op->args[0] && op[1].args[0] != op->args[1] &&
                g->regs.enabled) {
                /* ld; movi c; brcond: the constant first (independent,
                 * and only noted), so the load can become the compare */
                gen_op(g, op + 1, insn);
                x86_regs_drop_dead(&g->regs, op + 1);
                if (gen_env_branch(g, op, op + 2)) {
                    x86_regs_drop_dead(&g->regs, op);
                    x86_regs_drop_dead(&g->regs, op + 2);
                    i += 2;
                } else {
                    gen_op(g, op, insn);
                    x86_regs_drop_dead(&g->regs, op);
                    i++;
                }
                break;
            }
            if (i + 1 < s->nb_ops &&
                (gen_folded_access(g, op, op + 1) || gen_env_branch(g, op, op + 1))) {
                x86_regs_drop_dead(&g->regs, op);
                x86_regs_drop_dead(&g->regs, op + 1);
                i++;
                break;
            }
            gen_op(g, op, insn);
            if (g->regs.enabled)
                x86_regs_drop_dead(&g->regs, op);
            break;
        }
        if (op->opc == TCG_OP_set_label)
            reachable = true;
        else if (op->opc == TCG_OP_br || (tcg_opdefs[op->opc].flags & TCG_OPF_NORETURN))
            reachable = false;
    }
    if (!room(g))
        return -ENOSPC;
    if (reachable) {
        /* running off the end is exit_tb 0 */
        x86_regs_sync_globals(&g->regs);
        x_rr(&g->b, OP_XOR, RAX, RAX);
        jmp_epilogue(g, -1);
    }
    if (insn >= 0)
        tb->insn_end[insn] = (uint32_t)(g->b.p - g->b.start);
    if (gen_stubs(g) < 0)
        return -ENOSPC;
    for (int i = 0; i < g->nfix; i++) {
        if (!g->label_at[g->fix[i].label]) {
            fprintf(stderr, "tcg: branch to a label never set\n");
            abort();
        }
        x_patch32(g->fix[i].disp, g->label_at[g->fix[i].label]);
    }
    if (!cold_place(g))
        return -ENOSPC;
    return x86_fault_map_emit(&g->b, &g->fmap) ? 0 : -ENOSPC;
}

/*
 * The generator's state is large (the register cache is sized for
 * TCG_MAX_TEMPS) and a start-up translates hundreds of small blocks: one
 * per thread, reused, with only the block's part cleared.
 */
static __thread struct gen *thread_gen;
static __thread int thread_gen_cap;
static pthread_key_t gen_key;
static pthread_once_t gen_key_once = PTHREAD_ONCE_INIT;

/* A thread's generator goes with the thread. */
static void gen_free(void *p)
{
    struct gen *g = p;

    free(g->fix);
    free(g->stubs);
    free(g->relocs);
    free(g->fmap.p);
    free(g->cold.p);
    free(g->pieces.p);
    free(g);
}

static void gen_key_init(void)
{
    if (pthread_key_create(&gen_key, gen_free) != 0)
        abort();
}

static struct gen *gen_for(const struct tcg_ctx *s)
{
    struct gen *g = thread_gen;
    int need = s->nb_ops + 1;

    if (!g) {
        pthread_once(&gen_key_once, gen_key_init);
        g = calloc(1, sizeof(*g));
        if (!g)
            return NULL;
        thread_gen = g;
        thread_gen_cap = 0;
        pthread_setspecific(gen_key, g);
    }
    if (need > thread_gen_cap) {
        struct fixup *fix = realloc(g->fix, (size_t)need * sizeof(*g->fix));
        struct stub *stubs;

        if (fix)
            g->fix = fix;
        stubs = fix ? realloc(g->stubs, (size_t)need * sizeof(*g->stubs)) : NULL;
        if (!stubs)
            return NULL;
        g->stubs = stubs;
        thread_gen_cap = need;
    }
    memset(g->label_at, 0, (size_t)s->nb_labels * sizeof(g->label_at[0]));
    memset(g->label_dirty, 0, (size_t)s->nb_labels);
    memset(g->label_back, 0, (size_t)s->nb_labels);
    for (int i = 0; i < s->nb_ops; i++) {
        const struct tcg_op *op = &s->ops[i];
        int l = op->opc == TCG_OP_br ? (int)op->args[0]
                : op->opc == TCG_OP_brcond ? (int)op->args[3] : -1;

        /* label_at doubles as "placed" until the code is generated */
        if (op->opc == TCG_OP_set_label)
        {
            g->label_at[op->args[0]] = (uint8_t *)1;
            g->label_op[op->args[0]] = i;
        }
        else if (l >= 0 && g->label_at[l])
            g->label_back[l] = true;
    }
    memset(g->label_at, 0, (size_t)s->nb_labels * sizeof(g->label_at[0]));
    g->nfix = 0;
    g->nstubs = 0;
    g->nrelocs = 0;
    g->reloc_failed = false;
    g->fmap.len = g->cold.len = g->pieces.len = 0;
    g->fmap.failed = g->cold.failed = g->pieces.failed = false;
    return g;
}

static int x86_gen_code(struct tcg_ctx *s, struct tcg_tb *tb)
{
    struct gen *g = gen_for(s);
    int ret;

    if (!g)
        return -ENOMEM;
    g->s = s;
    g->feat = x86_features();
    g->gb = s->guest_base != 0;
    ret = x86_code_begin(&g->b);
    if (ret == 0) {
        /* register caching goes with the optimizer: off, every temp
         * stays in memory (the simplest code, kept as a baseline) */
        x86_regs_init(&g->regs, s, &g->b, s->optimize);
        ret = emit(g, tb);
        if (ret == 0 && (g->reloc_failed || g->fmap.failed || g->cold.failed ||
                         g->pieces.failed))
            ret = -ENOMEM;
        if (ret == 0) {
            tb->code = g->b.start + g->b.rx_delta;
            tb->size = (size_t)(g->b.p - g->b.start);
            tb->relocs = g->relocs;
            tb->nb_relocs = g->nrelocs;
        }
        x86_code_end(&g->b, ret == 0);
    }
    return ret;
}

static uintptr_t x86_exec(const struct tcg_tb *tb, void *env)
{
    return x86_enter(env, tb->code, tb->guest_base);
}

static void x86_set_jump(struct tcg_tb *tb, int n, const struct tcg_tb *dest)
{
    uint8_t *site_rx, *site_rw;
    int32_t disp;

    if (n < 0 || n > 1 || tb->jmp_off[n] == UINT32_MAX)
        return;
    site_rx = (uint8_t *)tb->code + tb->jmp_off[n];
    site_rw = site_rx - x86_rx_delta();
    disp = dest ? (int32_t)((const uint8_t *)dest->code + (dest == tb ? dest->loop_off : 0) -
                            (site_rx + 4))
                : 0;
    __atomic_store_n((int32_t *)site_rw, disp, __ATOMIC_RELEASE);
}

static void x86_export(const struct tcg_tb *tb, uintptr_t ptr_base, uint8_t *out)
{
    memcpy(out, tb->code, tb->size);
    for (int n = 0; n < 2; n++) {
        if (tb->jmp_off[n] != UINT32_MAX)
            memset(out + tb->jmp_off[n], 0, 4);
    }
    for (unsigned i = 0; i < tb->nb_relocs; i++) {
        uint8_t *at = out + TCG_RELOC_OFF(tb->relocs[i]);
        uint64_t v = 0;
        uint32_t v32;

        switch (TCG_RELOC_KIND(tb->relocs[i])) {
        case TCG_RELOC_EPILOGUE:
            memset(at, 0, 4);
            break;
        case TCG_RELOC_PTR32:
            memcpy(&v32, at, 4);
            v32 -= (uint32_t)ptr_base;
            memcpy(at, &v32, 4);
            break;
        default:
            memcpy(&v, at, 8);
            v -= ptr_base;
            memcpy(at, &v, 8);
            break;
        }
    }
}

static int x86_import(struct tcg_tb *tb, const struct tcg_tb_image *img, uintptr_t ptr_base)
{
    struct xbuf b;
    int ret;

    for (unsigned i = 0; i < img->nb_relocs; i++) {
        size_t off = TCG_RELOC_OFF(img->relocs[i]);
        unsigned kind = TCG_RELOC_KIND(img->relocs[i]);
        uint32_t v32;

        if (kind > TCG_RELOC_PTR64 || off + (kind == TCG_RELOC_PTR64 ? 8 : 4) > img->size)
            return -EINVAL;
        if (kind == TCG_RELOC_PTR32) {
            memcpy(&v32, img->code + off, 4);
            if ((uint64_t)v32 + ptr_base > UINT32_MAX)
                return -ERANGE;
        }
    }
    ret = x86_code_begin(&b);
    if (ret < 0)
        return ret;
    if ((size_t)(b.end - b.start) < img->size + X_MAX_OP_BYTES) {
        x86_code_end(&b, false);
        return -ENOSPC;
    }
    /* blocks start 16-byte aligned, so their goto_tb displacements stay
     * 4-byte aligned wherever they go */
    for (int n = 0; n < 2; n++) {
        if (img->jmp_off[n] != UINT32_MAX && ((uintptr_t)b.start + img->jmp_off[n]) & 3) {
            x86_code_end(&b, false);
            return -EINVAL;
        }
    }
    memcpy(b.start, img->code, img->size);
    for (unsigned i = 0; i < img->nb_relocs; i++) {
        uint8_t *at = b.start + TCG_RELOC_OFF(img->relocs[i]);
        uint64_t v;
        uint32_t v32;

        switch (TCG_RELOC_KIND(img->relocs[i])) {
        case TCG_RELOC_EPILOGUE:
            x_patch32(at, x86_epilogue() - b.rx_delta);
            break;
        case TCG_RELOC_PTR32:
            memcpy(&v32, at, 4);
            v32 += (uint32_t)ptr_base;
            memcpy(at, &v32, 4);
            break;
        default:
            memcpy(&v, at, 8);
            v += ptr_base;
            memcpy(at, &v, 8);
            break;
        }
    }
    b.p = b.start + img->size;
    tb->code = b.start + b.rx_delta;
    tb->size = img->size;
    x86_code_end(&b, true);
    return 0;
}

static uintptr_t x86_tb_ptr(const struct tcg_tb *tb)
{
    return (uintptr_t)tb->code;
}

static void x86_dump(FILE *f, const struct tcg_tb *tb)
{
    csh h;
    cs_insn *insn;
    size_t n;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fprintf(f, "  (capstone unavailable)\n");
        return;
    }
    n = cs_disasm(h, tb->code, x86_code_size(tb), (uint64_t)(uintptr_t)tb->code, 0, &insn);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  0x%" PRIx64 ":  %-8s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
}

static unsigned x86_count_insns(const struct tcg_tb *tb)
{
    csh h;
    cs_insn *insn;
    size_t n;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
        return 0;
    n = cs_disasm(h, tb->code, x86_code_size(tb), (uint64_t)(uintptr_t)tb->code, 0, &insn);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
    return (unsigned)n;
}

const struct tcg_backend tcg_backend_x86_64 = {
    .name = "jit",
    .gen_code = x86_gen_code,
    .exec = x86_exec,
    .set_jump = x86_set_jump,
    .export_code = x86_export,
    .import_code = x86_import,
    .features = x86_features,
    .tb_ptr = x86_tb_ptr,
    .flush = x86_code_flush,
    .dump = x86_dump,
    .fault_code_pc = x86_fault_code_pc,
    .count_insns = x86_count_insns,
    .fpflags_take = x86_fpflags_take,
    .fault_state = x86_fault_state,
};
