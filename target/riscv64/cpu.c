/*
 * The riscv64 CPU state seen from the engine and from generated code:
 * field offsets, pc access, the -d cpu dump, the struct guest_frontend,
 * and the helpers for user CSRs and Zbb's orc.b.
 *
 * Counters (Zicntr): cycle and instret read the host time-stamp counter
 * (so both only grow, like qemu-user's; instret is not an exact count of
 * retired instructions); time reads CLOCK_MONOTONIC in units of 100 ns,
 * the 10 MHz timebase of common riscv64 boards.
 */
#include <stddef.h>
#include <time.h>

#include "target/riscv64/cpu.h"
#include "target/riscv64/helper.h"
#include "uemu/riscv64.h"
#include "uemu/tcg.h"

/* Linux riscv64's timebase-frequency on QEMU virt and most boards. */
#define RV_TIMEBASE_HZ 10000000ull

const struct rv_env_layout rv_env_layout = {
    .x = offsetof(struct rv_cpu, x),
    .f = offsetof(struct rv_cpu, f),
    .pc = offsetof(struct rv_cpu, pc),
    .fflags = offsetof(struct rv_cpu, fflags),
    .frm = offsetof(struct rv_cpu, frm),
    .res_addr = offsetof(struct rv_cpu, res_addr),
    .res_val = offsetof(struct rv_cpu, res_val),
};

static uint64_t rv_cpu_get_pc(const void *env)
{
    return ((const struct rv_cpu *)env)->pc;
}

static void rv_cpu_set_pc(void *env, uint64_t pc)
{
    ((struct rv_cpu *)env)->pc = pc;
}

static uint32_t rv_cpu_get_flags(const void *env)
{
    return ((const struct rv_cpu *)env)->frm & RV_TB_FLAGS_FRM;
}

static void rv_cpu_restore_state(void *env, const uint64_t *data)
{
    ((struct rv_cpu *)env)->pc = data[0];
}

static void rv_cpu_dump_state(FILE *f, const void *env)
{
    static const char *const names[32] = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
        "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };
    const struct rv_cpu *c = env;

    fprintf(f, " pc       %016llx\n", (unsigned long long)c->pc);
    for (int i = 0; i < 32; i++)
        fprintf(f, " x%-2d/%-4s %016llx%s", i, names[i], (unsigned long long)c->x[i],
                i % 4 == 3 ? "\n" : "");
    for (int i = 0; i < 32; i++)
        fprintf(f, " f%-2d      %016llx%s", i, (unsigned long long)c->f[i],
                i % 4 == 3 ? "\n" : "");
    fprintf(f, " fflags %02x frm %u\n", (unsigned)c->fflags, (unsigned)c->frm);
}

static void rv_cpu_accrue_fpflags(void *env, unsigned fpf)
{
    ((struct rv_cpu *)env)->fflags |= fpf;
}

const struct guest_frontend rv_frontend = {
    .name = "riscv64",
    .env_size = sizeof(struct rv_cpu),
    .init_globals = rv_init_globals,
    .translate_insn = rv_translate_insn,
    .tb_stop = rv_tb_stop,
    .get_pc = rv_cpu_get_pc,
    .set_pc = rv_cpu_set_pc,
    .get_flags = rv_cpu_get_flags,
    .restore_state = rv_cpu_restore_state,
    .dump_state = rv_cpu_dump_state,
    .accrue_fpflags = rv_cpu_accrue_fpflags,
    .disas = rv_disas_at,
    /* fnmadd.s with a dynamic rounding mode: three unboxed operands, the
     * frm check, the boxed result; sc: two labels. */
    .max_temps_per_insn = 32,
    .max_labels_per_insn = 2,
};

_Static_assert(TCG_FPF_NX == RV_FFLAG_NX && TCG_FPF_UF == RV_FFLAG_UF &&
               TCG_FPF_OF == RV_FFLAG_OF && TCG_FPF_DZ == RV_FFLAG_DZ &&
               TCG_FPF_NV == RV_FFLAG_NV, "fflags are TCG_FPF_* bits");

uint64_t rv_helper_csr(void *env, uint32_t csr, uint32_t op, uint64_t src)
{
    struct rv_cpu *c = env;
    uint64_t old, v;

    /* the flags inline FP operations left in the host first */
    if (csr != RV_CSR_FRM)
        c->fflags |= tcg_fpflags_take();

    switch (csr) {
    case RV_CSR_FFLAGS: old = c->fflags; break;
    case RV_CSR_FRM:    old = c->frm; break;
    default:            old = (uint64_t)c->frm << 5 | c->fflags; break;
    }
    v = op == RV_CSR_RW ? src : op == RV_CSR_RS ? old | src : old & ~src;
    switch (csr) {
    case RV_CSR_FFLAGS:
        c->fflags = (uint32_t)(v & 0x1f);
        break;
    case RV_CSR_FRM:
        c->frm = (uint32_t)(v & 7);
        break;
    default:
        c->fflags = (uint32_t)(v & 0x1f);
        c->frm = (uint32_t)(v >> 5 & 7);
        break;
    }
    return old;
}

uint64_t rv_helper_counter(uint32_t csr)
{
    struct timespec ts;

    if (csr == RV_CSR_TIME) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t)ts.tv_sec * RV_TIMEBASE_HZ +
               (uint64_t)ts.tv_nsec / (1000000000ull / RV_TIMEBASE_HZ);
    }
#if defined(__x86_64__)
    return __builtin_ia32_rdtsc();
#else
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
#endif
}

uint64_t rv_helper_orc_b(uint64_t x)
{
    uint64_t r = 0;

    for (int i = 0; i < 64; i += 8) {
        if (x >> i & 0xff)
            r |= 0xffull << i;
    }
    return r;
}
