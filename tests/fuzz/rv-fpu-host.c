/*
 * Host side of tests/riscv64-fpu/run: the cases of
 * tests/riscv64-fpu/fpu-cases.h run through uemu's riscv64 FP helpers
 * (target/riscv64/fpu-helper.h), printed in the guest oracle's format.
 * S operands are unboxed and S results boxed as the translator does.
 * Every case runs twice: with fflags clear (as the oracle does), and
 * with NX already accrued, which sends RNE arithmetic down the helpers'
 * fast path; the second run must give the same result and flags (plus
 * NX), else the line shows flags "ff" and the comparison fails.
 *
 * Usage: rv-fpu-host [NRANDOM [SEED]]
 */
#include <stdlib.h>

#include "target/riscv64/fpu-helper.h"
#include "tests/riscv64-fpu/fpu-cases.h"

static struct rv_cpu env;

/* The helpers' rm argument: static modes as they are, dyn as 7. */
static uint32_t helper_rm(int rm)
{
    if (rm >= FPU_RM_DYN) {
        env.frm = (uint32_t)(rm - FPU_RM_DYN);
        return RV_RM_DYN;
    }
    return (uint32_t)rm;
}

#define UB(x) rv_fp_unbox_s(x)
#define BX(x) rv_fp_box_s(x)
#define H_D_DD(h)   h(&env, a, b, helper_rm(rm))
#define H_D_D(h)    h(&env, a, helper_rm(rm))
#define H_D_DDD(h)  h(&env, a, b, c, helper_rm(rm))
#define H_D_DD_N(h) h(&env, a, b)
#define H_D_DD_P(h) h(a, b)
#define H_X_DD(h)   h(&env, a, b)
#define H_X_D(h)    h(a)
#define H_X_D_R(h)  h(&env, a, helper_rm(rm))
#define H_D_X(h)    h(&env, a, helper_rm(rm))
#define H_S_D(h)    BX(h(&env, a, helper_rm(rm)))
#define H_D_S(h)    h(&env, UB(a), helper_rm(rm))
#define H_S_SS(h)   BX(h(&env, UB(a), UB(b), helper_rm(rm)))
#define H_S_S(h)    BX(h(&env, UB(a), helper_rm(rm)))
#define H_S_SSS(h)  BX(h(&env, UB(a), UB(b), UB(c), helper_rm(rm)))
#define H_S_SS_N(h) BX(h(&env, UB(a), UB(b)))
#define H_S_SS_P(h) BX(h(UB(a), UB(b)))
#define H_X_SS(h)   h(&env, UB(a), UB(b))
#define H_X_S(h)    h(UB(a))
#define H_X_S_R(h)  h(&env, UB(a), helper_rm(rm))
#define H_S_X(h)    BX(h(&env, a, helper_rm(rm)))

static uint64_t run_once(int op, int rm, uint64_t a, uint64_t b, uint64_t c,
                         uint32_t fflags_before, uint32_t *fflags)
{
    uint64_t r = 0;

    env.fflags = fflags_before;
    env.frm = 0;
    switch (op) {
#define H_CASE(id, mn, g, h, R, src) case OP_##id: r = H_##h(rv_helper_##id); break;
    FPU_OPS(H_CASE)
#undef H_CASE
    }
    *fflags = env.fflags;
    return r;
}

static uint64_t fpu_exec(int op, int rm, uint64_t a, uint64_t b, uint64_t c,
                         uint32_t *fflags)
{
    uint32_t fl_nx;
    uint64_t r = run_once(op, rm, a, b, c, 0, fflags);

    if (run_once(op, rm, a, b, c, RV_FFLAG_NX, &fl_nx) != r ||
        fl_nx != (*fflags | RV_FFLAG_NX))
        *fflags = 0xff;
    return r;
}

int main(int argc, char **argv)
{
    unsigned long nrandom = argc > 1 ? strtoul(argv[1], NULL, 0) : 2000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;

    fpu_run(-1, nrandom, seed);
    return 0;
}
