/*
 * Tests of the riscv64 F/D helpers (target/riscv64/fpu-*.c): exact
 * results and fflags, worked out by hand from the ISA manual and IEEE
 * 754, for every helper family: canonical NaNs, signaling/quiet NaN
 * flags, fmin/fmax on zeros and NaNs, compares, fclass, fcvt saturation,
 * ties in every rounding mode (RMM included), subnormal results with
 * tininess after rounding, overflow per mode, fused single rounding,
 * NaN boxing, the rm contract (reserved and dynamic modes).
 *
 * Then the host-SSE fast path (rne/rtz/rdn/rup) is compared with the
 * integer implementation on seeded random operands: the two must agree
 * bit for bit, flags included.  tests/riscv64-fpu/run compares the
 * helpers with qemu-riscv64.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "target/riscv64/fpu-helper.h"
#include "target/riscv64/fpu-internal.h"

#define NX RV_FFLAG_NX
#define UF RV_FFLAG_UF
#define OF RV_FFLAG_OF
#define DZ RV_FFLAG_DZ
#define NV RV_FFLAG_NV

enum { RNE = RV_RM_RNE, RTZ = RV_RM_RTZ, RDN = RV_RM_RDN, RUP = RV_RM_RUP,
       RMM = RV_RM_RMM, DYN = RV_RM_DYN };

#define D_ZERO    0x0000000000000000ull
#define D_NZERO   0x8000000000000000ull
#define D_MINSUB  0x0000000000000001ull
#define D_MINNORM 0x0010000000000000ull
#define D_HALF    0x3fe0000000000000ull
#define D_ONE     0x3ff0000000000000ull
#define D_ONE_UP  0x3ff0000000000001ull     /* 1 + 2^-52 */
#define D_NONE    0xbff0000000000000ull
#define D_NONE_UP 0xbff0000000000001ull
#define D_TWO     0x4000000000000000ull
#define D_MAX     0x7fefffffffffffffull
#define D_NMAX    0xffefffffffffffffull
#define D_INF     0x7ff0000000000000ull
#define D_NINF    0xfff0000000000000ull
#define D_QNAN    0x7ff8000000000000ull
#define D_QNANP   0xfff8000000000abcull     /* quiet, negative, payload */
#define D_SNAN    0x7ff0000000000001ull
#define D_EPS_2   0x3ca0000000000000ull     /* 2^-53 */
#define D_NEPS_2  0xbca0000000000000ull

#define S_ZERO    0x00000000u
#define S_NZERO   0x80000000u
#define S_MINSUB  0x00000001u
#define S_ONE     0x3f800000u
#define S_TWO     0x40000000u
#define S_MAX     0x7f7fffffu
#define S_INF     0x7f800000u
#define S_NINF    0xff800000u
#define S_QNAN    0x7fc00000u
#define S_QNANP   0xffc00123u
#define S_SNAN    0x7f800001u

static struct rv_cpu env;

/* Evaluate expr with clear fflags; compare the result and the flags. */
#define CHECK(expr, want, want_fl)                                      \
    do {                                                                \
        env.fflags = 0;                                                 \
        uint64_t got_ = (uint64_t)(expr);                               \
        if (got_ != (uint64_t)(want) || env.fflags != (want_fl))        \
            fail_msg("%s: got %#llx flags %#x, want %#llx flags %#x",   \
                     #expr, (unsigned long long)got_, env.fflags,       \
                     (unsigned long long)(want), (unsigned)(want_fl));  \
    } while (0)

static void test_canonical_nan(void **state)
{
    (void)state;
    env.frm = RNE;
    CHECK(rv_helper_fadd_d(&env, D_QNANP, D_ONE, RNE), D_QNAN, 0);
    CHECK(rv_helper_fadd_d(&env, D_ONE, D_SNAN, RNE), D_QNAN, NV);
    CHECK(rv_helper_fsub_d(&env, D_INF, D_INF, RNE), D_QNAN, NV);
    CHECK(rv_helper_fadd_d(&env, D_NINF, D_INF, RMM), D_QNAN, NV);
    CHECK(rv_helper_fmul_d(&env, D_INF, D_ZERO, RTZ), D_QNAN, NV);
    CHECK(rv_helper_fmul_d(&env, D_QNANP, D_ZERO, RMM), D_QNAN, 0);
    CHECK(rv_helper_fdiv_d(&env, D_ZERO, D_NZERO, RNE), D_QNAN, NV);
    CHECK(rv_helper_fdiv_d(&env, D_INF, D_NINF, RNE), D_QNAN, NV);
    CHECK(rv_helper_fsqrt_d(&env, D_NONE, RNE), D_QNAN, NV);
    CHECK(rv_helper_fsqrt_d(&env, D_NINF, RMM), D_QNAN, NV);
    CHECK(rv_helper_fsqrt_d(&env, D_SNAN, RNE), D_QNAN, NV);
    CHECK(rv_helper_fadd_s(&env, S_QNANP, S_ONE, RNE), S_QNAN, 0);
    CHECK(rv_helper_fmul_s(&env, S_SNAN, S_ONE, RMM), S_QNAN, NV);
    CHECK(rv_helper_fsqrt_s(&env, 0xbf800000u, RNE), S_QNAN, NV);
    CHECK(rv_helper_fdiv_s(&env, S_INF, S_INF, RNE), S_QNAN, NV);
}

static void test_specials(void **state)
{
    (void)state;
    CHECK(rv_helper_fdiv_d(&env, D_ONE, D_ZERO, RNE), D_INF, DZ);
    CHECK(rv_helper_fdiv_d(&env, D_ONE, D_NZERO, RMM), D_NINF, DZ);
    CHECK(rv_helper_fdiv_d(&env, D_ONE, D_INF, RNE), D_ZERO, 0);
    CHECK(rv_helper_fdiv_s(&env, 0xbf800000u, S_ZERO, RNE), S_NINF, DZ);
    CHECK(rv_helper_fsqrt_d(&env, D_NZERO, RNE), D_NZERO, 0);
    CHECK(rv_helper_fsqrt_d(&env, D_INF, RMM), D_INF, 0);
    CHECK(rv_helper_fsqrt_d(&env, 0x4010000000000000ull, RMM), D_TWO, 0);
    /* x - x is +0, but -0 when rounding down; -0 + -0 is -0. */
    CHECK(rv_helper_fsub_d(&env, D_ONE, D_ONE, RNE), D_ZERO, 0);
    CHECK(rv_helper_fsub_d(&env, D_ONE, D_ONE, RDN), D_NZERO, 0);
    CHECK(rv_helper_fsub_d(&env, D_ONE, D_ONE, RMM), D_ZERO, 0);
    CHECK(rv_helper_fadd_d(&env, D_NZERO, D_NZERO, RNE), D_NZERO, 0);
    CHECK(rv_helper_fadd_s(&env, S_ZERO, S_NZERO, RDN), S_NZERO, 0);
    CHECK(rv_helper_fadd_s(&env, S_ZERO, S_NZERO, RMM), S_ZERO, 0);
    CHECK(rv_helper_fmul_d(&env, D_NONE, D_ZERO, RNE), D_NZERO, 0);
}

static void test_rounding_ties(void **state)
{
    (void)state;
    /* 1 + 2^-53 lies halfway between 1 and 1 + 2^-52. */
    static const struct { int rm; uint64_t pos, neg; } tie[] = {
        { RNE, D_ONE, D_NONE }, { RTZ, D_ONE, D_NONE },
        { RDN, D_ONE, D_NONE_UP }, { RUP, D_ONE_UP, D_NONE },
        { RMM, D_ONE_UP, D_NONE_UP },
    };
    for (size_t i = 0; i < sizeof(tie) / sizeof(tie[0]); i++) {
        CHECK(rv_helper_fadd_d(&env, D_ONE, D_EPS_2, tie[i].rm), tie[i].pos, NX);
        CHECK(rv_helper_fsub_d(&env, D_NONE, D_EPS_2, tie[i].rm), tie[i].neg, NX);
        CHECK(rv_helper_fmadd_d(&env, D_ONE, D_EPS_2, D_ONE, tie[i].rm), tie[i].pos, NX);
    }
    /* 1 + 3*2^-53: above the half, RNE and RMM both go up. */
    CHECK(rv_helper_fadd_d(&env, D_ONE_UP, D_EPS_2, RNE), 0x3ff0000000000002ull, NX);
    CHECK(rv_helper_fadd_d(&env, D_ONE_UP, D_EPS_2, RMM), 0x3ff0000000000002ull, NX);
    /* Single: 1 + 2^-24. */
    CHECK(rv_helper_fadd_s(&env, S_ONE, 0x33800000u, RNE), S_ONE, NX);
    CHECK(rv_helper_fadd_s(&env, S_ONE, 0x33800000u, RMM), 0x3f800001u, NX);
    CHECK(rv_helper_fadd_s(&env, S_ONE, 0x33800000u, RUP), 0x3f800001u, NX);
    /* 2^-1075 = min subnormal / 2: a tie between 0 and the min
     * subnormal, tiny and inexact. */
    CHECK(rv_helper_fmul_d(&env, D_MINSUB, D_HALF, RNE), D_ZERO, UF | NX);
    CHECK(rv_helper_fmul_d(&env, D_MINSUB, D_HALF, RMM), D_MINSUB, UF | NX);
    CHECK(rv_helper_fdiv_d(&env, D_MINSUB, D_TWO, RUP), D_MINSUB, UF | NX);
    CHECK(rv_helper_fdiv_d(&env, D_MINSUB | D_NZERO, D_TWO, RMM), D_MINSUB | D_NZERO, UF | NX);
    CHECK(rv_helper_fdiv_d(&env, D_MINSUB | D_NZERO, D_TWO, RTZ), D_NZERO, UF | NX);
    CHECK(rv_helper_fmul_s(&env, S_MINSUB, 0x3f000000u, RMM), S_MINSUB, UF | NX);
    /* 3 * 2^-1075 is between 1 and 2 min subnormals: even is 2. */
    CHECK(rv_helper_fmul_d(&env, 0x3ff8000000000000ull, D_MINSUB, RNE), 2, UF | NX);
    CHECK(rv_helper_fmul_d(&env, 0x3ff8000000000000ull, D_MINSUB, RMM), 2, UF | NX);
    CHECK(rv_helper_fmul_d(&env, 0x3ff8000000000000ull, D_MINSUB, RTZ), 1, UF | NX);
    /* sqrt: inexact, and RMM on a non-tie equals RNE. */
    CHECK(rv_helper_fsqrt_d(&env, D_TWO, RNE), 0x3ff6a09e667f3bcdull, NX);
    CHECK(rv_helper_fsqrt_d(&env, D_TWO, RMM), 0x3ff6a09e667f3bcdull, NX);
    CHECK(rv_helper_fsqrt_d(&env, D_TWO, RTZ), 0x3ff6a09e667f3bccull, NX);
}

static void test_tininess_after_rounding(void **state)
{
    (void)state;
    /* (1 - 2^-23) * 2^-126 (1 + 2^-23) = 2^-126 (1 - 2^-46): rounded to
     * 24 bits with an unbounded exponent it is 2^-126, not tiny, so no
     * UF although the exact value is below the smallest normal... */
    CHECK(rv_helper_fmul_s(&env, 0x3f7ffffeu, 0x00800001u, RNE), 0x00800000u, NX);
    CHECK(rv_helper_fmul_s(&env, 0x3f7ffffeu, 0x00800001u, RMM), 0x00800000u, NX);
    CHECK(rv_helper_fmul_s(&env, 0x3f7ffffeu, 0x00800001u, RUP), 0x00800000u, NX);
    /* ...but rounding toward zero keeps it below: tiny, UF. */
    CHECK(rv_helper_fmul_s(&env, 0x3f7ffffeu, 0x00800001u, RTZ), 0x007fffffu, UF | NX);
    /* (1 - 2^-53) * 2^-1022 is exact in 53 bits, so tiny, and rounds
     * (a tie on the subnormal grid) to the smallest normal: UF with a
     * normal result. */
    CHECK(rv_helper_fmul_d(&env, 0x3fefffffffffffffull, D_MINNORM, RNE), D_MINNORM, UF | NX);
    CHECK(rv_helper_fmul_d(&env, 0x3fefffffffffffffull, D_MINNORM, RMM), D_MINNORM, UF | NX);
    CHECK(rv_helper_fmul_d(&env, 0x3fefffffffffffffull, D_MINNORM, RDN), 0x000fffffffffffffull, UF | NX);
    /* An exact subnormal result is not an underflow. */
    CHECK(rv_helper_fmul_d(&env, D_MINNORM, D_HALF, RNE), 0x0008000000000000ull, 0);
    CHECK(rv_helper_fsub_d(&env, 0x0010000000000001ull, D_MINNORM, RMM), D_MINSUB, 0);
}

static void test_overflow(void **state)
{
    (void)state;
    static const struct { int rm; uint64_t pos, neg; } ov[] = {
        { RNE, D_INF, D_NINF }, { RTZ, D_MAX, D_NMAX }, { RDN, D_MAX, D_NINF },
        { RUP, D_INF, D_NMAX }, { RMM, D_INF, D_NINF },
    };
    for (size_t i = 0; i < sizeof(ov) / sizeof(ov[0]); i++) {
        CHECK(rv_helper_fmul_d(&env, D_MAX, D_TWO, ov[i].rm), ov[i].pos, OF | NX);
        CHECK(rv_helper_fmul_d(&env, D_NMAX, D_TWO, ov[i].rm), ov[i].neg, OF | NX);
        CHECK(rv_helper_fadd_d(&env, D_MAX, D_MAX, ov[i].rm), ov[i].pos, OF | NX);
    }
    /* max + half an ulp of max: a tie, to even is up (overflow). */
    CHECK(rv_helper_fadd_d(&env, D_MAX, 0x7c90000000000000ull, RNE), D_INF, OF | NX);
    CHECK(rv_helper_fadd_d(&env, D_MAX, 0x7c90000000000000ull, RMM), D_INF, OF | NX);
    CHECK(rv_helper_fadd_d(&env, D_MAX, 0x7c90000000000000ull, RDN), D_MAX, NX);
    CHECK(rv_helper_fmul_s(&env, S_MAX, S_TWO, RTZ), S_MAX, OF | NX);
    CHECK(rv_helper_fmul_s(&env, S_MAX, S_TWO, RMM), S_INF, OF | NX);
}

static void test_fma(void **state)
{
    (void)state;
    /* (1 + 2^-25)(1 - 2^-25) - 1 = -2^-50 exactly: one rounding. */
    CHECK(rv_helper_fmadd_d(&env, 0x3ff0000008000000ull, 0x3fefffffF0000000ull, D_NONE, RNE),
          0xbcd0000000000000ull, 0);
    CHECK(rv_helper_fmsub_d(&env, 0x3ff0000008000000ull, 0x3fefffffF0000000ull, D_ONE, RMM),
          0xbcd0000000000000ull, 0);
    CHECK(rv_helper_fnmsub_d(&env, 0x3ff0000008000000ull, 0x3fefffffF0000000ull, D_ONE, RNE),
          0x3cd0000000000000ull, 0);
    CHECK(rv_helper_fnmadd_d(&env, 0x3ff0000008000000ull, 0x3fefffffF0000000ull, D_NONE, RNE),
          0x3cd0000000000000ull, 0);
    /* inf * 0 is invalid even with a quiet NaN addend. */
    CHECK(rv_helper_fmadd_d(&env, D_INF, D_ZERO, D_QNANP, RNE), D_QNAN, NV);
    CHECK(rv_helper_fmadd_d(&env, D_ZERO, D_NINF, D_QNAN, RMM), D_QNAN, NV);
    CHECK(rv_helper_fmadd_s(&env, S_INF, S_ZERO, S_QNANP, RNE), S_QNAN, NV);
    CHECK(rv_helper_fmadd_s(&env, S_INF, S_ZERO, S_QNANP, RMM), S_QNAN, NV);
    CHECK(rv_helper_fmadd_d(&env, D_QNAN, D_ONE, D_ONE, RNE), D_QNAN, 0);
    CHECK(rv_helper_fmadd_d(&env, D_ONE, D_ONE, D_SNAN, RNE), D_QNAN, NV);
    CHECK(rv_helper_fmadd_d(&env, D_INF, D_ONE, D_NINF, RNE), D_QNAN, NV);
    CHECK(rv_helper_fmsub_d(&env, D_INF, D_ONE, D_INF, RMM), D_QNAN, NV);
    CHECK(rv_helper_fmadd_d(&env, D_INF, D_ONE, D_INF, RNE), D_INF, 0);
    /* Zero sums: +0 * 1 + -0 is +0 (-0 in RDN); -(0*1) - 0 is -0. */
    CHECK(rv_helper_fmadd_d(&env, D_ZERO, D_ONE, D_NZERO, RNE), D_ZERO, 0);
    CHECK(rv_helper_fmadd_d(&env, D_ZERO, D_ONE, D_NZERO, RDN), D_NZERO, 0);
    CHECK(rv_helper_fnmadd_d(&env, D_ZERO, D_ONE, D_ZERO, RNE), D_NZERO, 0);
    CHECK(rv_helper_fnmsub_d(&env, D_ZERO, D_ONE, D_ZERO, RNE), D_ZERO, 0);
    CHECK(rv_helper_fnmadd_s(&env, S_ZERO, S_ONE, S_ZERO, RMM), S_NZERO, 0);
    /* Tiny product plus a tiny addend: min subnormal/2 + min subnormal/2. */
    CHECK(rv_helper_fmadd_d(&env, D_MINSUB, D_HALF, 0, RMM), D_MINSUB, UF | NX);
    CHECK(rv_helper_fmadd_d(&env, D_MINSUB, D_HALF, D_MINSUB, RNE), 2, UF | NX);
    CHECK(rv_helper_fmadd_d(&env, D_MINSUB, D_HALF, D_MINSUB, RMM), 2, UF | NX);
    CHECK(rv_helper_fmadd_d(&env, D_MINSUB, D_HALF, D_MINSUB, RDN), D_MINSUB, UF | NX);
}

static void test_minmax(void **state)
{
    (void)state;
    CHECK(rv_helper_fmin_d(&env, D_ZERO, D_NZERO), D_NZERO, 0);
    CHECK(rv_helper_fmin_d(&env, D_NZERO, D_ZERO), D_NZERO, 0);
    CHECK(rv_helper_fmax_d(&env, D_NZERO, D_ZERO), D_ZERO, 0);
    CHECK(rv_helper_fmax_d(&env, D_ZERO, D_NZERO), D_ZERO, 0);
    CHECK(rv_helper_fmin_d(&env, D_QNANP, D_NONE), D_NONE, 0);
    CHECK(rv_helper_fmax_d(&env, D_ONE, D_QNAN), D_ONE, 0);
    CHECK(rv_helper_fmin_d(&env, D_SNAN, D_ONE), D_ONE, NV);
    CHECK(rv_helper_fmax_d(&env, D_TWO, D_SNAN), D_TWO, NV);
    CHECK(rv_helper_fmin_d(&env, D_QNANP, D_QNANP), D_QNAN, 0);
    CHECK(rv_helper_fmax_d(&env, D_SNAN, D_QNANP), D_QNAN, NV);
    CHECK(rv_helper_fmin_d(&env, D_NINF, D_NMAX), D_NINF, 0);
    CHECK(rv_helper_fmax_d(&env, D_NONE, D_NONE_UP), D_NONE, 0);
    CHECK(rv_helper_fmin_s(&env, S_ZERO, S_NZERO), S_NZERO, 0);
    CHECK(rv_helper_fmax_s(&env, S_NZERO, S_ZERO), S_ZERO, 0);
    CHECK(rv_helper_fmin_s(&env, S_SNAN, S_QNANP), S_QNAN, NV);
    CHECK(rv_helper_fmax_s(&env, S_QNANP, S_TWO), S_TWO, 0);
}

static void test_compare(void **state)
{
    (void)state;
    CHECK(rv_helper_feq_d(&env, D_ZERO, D_NZERO), 1, 0);
    CHECK(rv_helper_flt_d(&env, D_NZERO, D_ZERO), 0, 0);
    CHECK(rv_helper_fle_d(&env, D_NZERO, D_ZERO), 1, 0);
    CHECK(rv_helper_flt_d(&env, D_NONE, D_NONE_UP), 0, 0);
    CHECK(rv_helper_flt_d(&env, D_NONE_UP, D_NONE), 1, 0);
    CHECK(rv_helper_flt_d(&env, D_NINF, D_NMAX), 1, 0);
    CHECK(rv_helper_fle_d(&env, D_INF, D_INF), 1, 0);
    /* feq: quiet for qNaN, NV for sNaN; flt/fle: NV for any NaN. */
    CHECK(rv_helper_feq_d(&env, D_QNAN, D_QNAN), 0, 0);
    CHECK(rv_helper_feq_d(&env, D_ONE, D_SNAN), 0, NV);
    CHECK(rv_helper_flt_d(&env, D_QNAN, D_ONE), 0, NV);
    CHECK(rv_helper_fle_d(&env, D_ONE, D_QNANP), 0, NV);
    CHECK(rv_helper_feq_s(&env, S_QNANP, S_ONE), 0, 0);
    CHECK(rv_helper_feq_s(&env, S_SNAN, S_ONE), 0, NV);
    CHECK(rv_helper_flt_s(&env, S_ONE, S_QNAN), 0, NV);
    CHECK(rv_helper_fle_s(&env, S_NZERO, S_ZERO), 1, 0);
    CHECK(rv_helper_flt_s(&env, S_NINF, S_ONE), 1, 0);
}

static void test_fclass(void **state)
{
    (void)state;
    CHECK(rv_helper_fclass_d(D_NINF), 1u << 0, 0);
    CHECK(rv_helper_fclass_d(D_NONE), 1u << 1, 0);
    CHECK(rv_helper_fclass_d(0x800fffffffffffffull), 1u << 2, 0);
    CHECK(rv_helper_fclass_d(D_NZERO), 1u << 3, 0);
    CHECK(rv_helper_fclass_d(D_ZERO), 1u << 4, 0);
    CHECK(rv_helper_fclass_d(D_MINSUB), 1u << 5, 0);
    CHECK(rv_helper_fclass_d(D_MINNORM), 1u << 6, 0);
    CHECK(rv_helper_fclass_d(D_INF), 1u << 7, 0);
    CHECK(rv_helper_fclass_d(D_SNAN), 1u << 8, 0);
    CHECK(rv_helper_fclass_d(D_QNANP), 1u << 9, 0);
    CHECK(rv_helper_fclass_s(S_NINF), 1u << 0, 0);
    CHECK(rv_helper_fclass_s(0x80800000u), 1u << 1, 0);
    CHECK(rv_helper_fclass_s(0x80000001u), 1u << 2, 0);
    CHECK(rv_helper_fclass_s(S_NZERO), 1u << 3, 0);
    CHECK(rv_helper_fclass_s(S_ZERO), 1u << 4, 0);
    CHECK(rv_helper_fclass_s(0x007fffffu), 1u << 5, 0);
    CHECK(rv_helper_fclass_s(S_MAX), 1u << 6, 0);
    CHECK(rv_helper_fclass_s(S_INF), 1u << 7, 0);
    CHECK(rv_helper_fclass_s(0xffa00000u), 1u << 8, 0);
    CHECK(rv_helper_fclass_s(S_QNAN), 1u << 9, 0);
}

static void test_sign_injection_and_moves(void **state)
{
    (void)state;
    CHECK(rv_helper_fsgnj_d(D_SNAN, D_NONE), D_SNAN | D_NZERO, 0);
    CHECK(rv_helper_fsgnjn_d(D_NONE, D_NONE), D_ONE, 0);
    CHECK(rv_helper_fsgnjn_d(D_QNANP, D_ONE), D_QNANP, 0);
    CHECK(rv_helper_fsgnjx_d(D_NONE, D_NONE), D_ONE, 0);
    CHECK(rv_helper_fsgnjx_d(D_NONE, D_ONE), D_NONE, 0);
    CHECK(rv_helper_fsgnj_s(S_ONE, S_NZERO), 0xbf800000u, 0);
    CHECK(rv_helper_fsgnjn_s(S_SNAN, S_ZERO), S_SNAN | S_NZERO, 0);
    CHECK(rv_helper_fsgnjx_s(0xbf800000u, S_NINF), S_ONE, 0);
    CHECK(rv_helper_fmv_x_w(0xffffffff80000000ull), 0xffffffff80000000ull, 0);
    CHECK(rv_helper_fmv_x_w(0x00000000f0000001ull), 0xfffffffff0000001ull, 0);
    CHECK(rv_helper_fmv_x_w(0x123456787fffffffull), 0x7fffffffull, 0);
}

static void test_nan_boxing(void **state)
{
    (void)state;
    assert_int_equal(rv_fp_unbox_s(0xffffffff3f800000ull), S_ONE);
    assert_int_equal(rv_fp_unbox_s(0x000000003f800000ull), S_QNAN);
    assert_int_equal(rv_fp_unbox_s(0xfffffffe3f800000ull), S_QNAN);
    assert_int_equal(rv_fp_unbox_s(0x7fffffff7f800001ull), S_QNAN);
    assert_int_equal(rv_fp_unbox_s(D_ONE), S_QNAN);
    assert_true(rv_fp_box_s(S_ONE) == 0xffffffff3f800000ull);
    assert_true(rv_fp_box_s(S_NZERO) == 0xffffffff80000000ull);
    /* A broken box reads as the canonical NaN: fadd.s of it is quiet. */
    CHECK(rv_helper_fadd_s(&env, rv_fp_unbox_s(0x3f800000ull), S_ONE, RNE), S_QNAN, 0);
    CHECK(rv_helper_fclass_s(rv_fp_unbox_s(0x0000000000000000ull)), 1u << 9, 0);
}

static void test_rounding_mode_contract(void **state)
{
    (void)state;
    for (uint32_t rm = 0; rm < 8; rm++)
        assert_int_equal(rv_fp_rm_valid(rm), rm <= 4 || rm == 7);
    /* DYN takes env->frm. */
    env.frm = RUP;
    CHECK(rv_helper_fadd_d(&env, D_ONE, D_EPS_2, DYN), D_ONE_UP, NX);
    env.frm = RMM;
    CHECK(rv_helper_fadd_d(&env, D_ONE, D_EPS_2, DYN), D_ONE_UP, NX);
    CHECK(rv_helper_fcvt_w_d(&env, 0x4004000000000000ull, DYN), 3, NX);
    env.frm = RDN;
    CHECK(rv_helper_fcvt_w_d(&env, 0xc004000000000000ull, DYN), (uint64_t)-3, NX);
    CHECK(rv_helper_fadd_d(&env, D_ONE, D_EPS_2, RTZ), D_ONE, NX);
    /* A static rm ignores frm. */
    CHECK(rv_helper_fsub_d(&env, D_ONE, D_ONE, RNE), D_ZERO, 0);
    env.frm = RNE;
    /* Flags accrue. */
    env.fflags = DZ;
    rv_helper_fadd_d(&env, D_ONE, D_EPS_2, RNE);
    assert_int_equal(env.fflags, DZ | NX);
    rv_helper_flt_d(&env, D_QNAN, D_ONE);
    assert_int_equal(env.fflags, DZ | NX | NV);
}

static void test_fcvt_to_int(void **state)
{
    (void)state;
    /* NaN: the largest value; +-inf and out of range clamp; NV, no NX. */
    CHECK(rv_helper_fcvt_w_d(&env, D_QNANP, RNE), 0x7fffffffull, NV);
    CHECK(rv_helper_fcvt_w_d(&env, D_INF, RNE), 0x7fffffffull, NV);
    CHECK(rv_helper_fcvt_w_d(&env, D_NINF, RNE), 0xffffffff80000000ull, NV);
    CHECK(rv_helper_fcvt_w_d(&env, 0x41e0000000000000ull, RNE), 0x7fffffffull, NV);
    CHECK(rv_helper_fcvt_w_d(&env, 0xc1e0000000000000ull, RNE), 0xffffffff80000000ull, 0);
    /* -2^31 - 0.5: a tie; RNE gives -2^31 (in range), RDN/RMM -2^31-1. */
    CHECK(rv_helper_fcvt_w_d(&env, 0xc1e0000000100000ull, RNE), 0xffffffff80000000ull, NX);
    CHECK(rv_helper_fcvt_w_d(&env, 0xc1e0000000100000ull, RMM), 0xffffffff80000000ull, NV);
    CHECK(rv_helper_fcvt_w_d(&env, 0xc1e0000000100000ull, RDN), 0xffffffff80000000ull, NV);
    /* 2^31 - 0.5: RNE ties to even, 2^31, out of range; RTZ fits. */
    CHECK(rv_helper_fcvt_w_d(&env, 0x41dfffffffe00000ull, RNE), 0x7fffffffull, NV);
    CHECK(rv_helper_fcvt_w_d(&env, 0x41dfffffffe00000ull, RTZ), 0x7fffffffull, NX);
    CHECK(rv_helper_fcvt_wu_d(&env, D_QNAN, RNE), 0xffffffffffffffffull, NV);
    CHECK(rv_helper_fcvt_wu_d(&env, D_NINF, RNE), 0, NV);
    CHECK(rv_helper_fcvt_wu_d(&env, D_NONE, RNE), 0, NV);
    CHECK(rv_helper_fcvt_wu_d(&env, 0x41efffffffe00000ull, RNE), 0xffffffffffffffffull, 0);
    CHECK(rv_helper_fcvt_wu_d(&env, 0x41f0000000000000ull, RNE), 0xffffffffffffffffull, NV);
    /* -0.5 to unsigned: 0 with NX where it rounds to -0, NV in RDN. */
    CHECK(rv_helper_fcvt_wu_d(&env, 0xbfe0000000000000ull, RNE), 0, NX);
    CHECK(rv_helper_fcvt_wu_d(&env, 0xbfe0000000000000ull, RTZ), 0, NX);
    CHECK(rv_helper_fcvt_wu_d(&env, 0xbfe0000000000000ull, RUP), 0, NX);
    CHECK(rv_helper_fcvt_wu_d(&env, 0xbfe0000000000000ull, RDN), 0, NV);
    CHECK(rv_helper_fcvt_wu_d(&env, 0xbfe0000000000000ull, RMM), 0, NV);
    CHECK(rv_helper_fcvt_lu_s(&env, 0xbf000000u, RNE), 0, NX);
    CHECK(rv_helper_fcvt_lu_d(&env, D_NZERO, RDN), 0, 0);
    CHECK(rv_helper_fcvt_l_d(&env, 0x43e0000000000000ull, RNE), 0x7fffffffffffffffull, NV);
    CHECK(rv_helper_fcvt_l_d(&env, 0xc3e0000000000000ull, RNE), 0x8000000000000000ull, 0);
    CHECK(rv_helper_fcvt_l_d(&env, D_QNAN, RNE), 0x7fffffffffffffffull, NV);
    CHECK(rv_helper_fcvt_l_d(&env, D_NINF, RNE), 0x8000000000000000ull, NV);
    CHECK(rv_helper_fcvt_lu_d(&env, 0x43f0000000000000ull, RNE), 0xffffffffffffffffull, NV);
    CHECK(rv_helper_fcvt_lu_d(&env, 0x43efffffffffffffull, RNE), 0xfffffffffffff800ull, 0);
    CHECK(rv_helper_fcvt_lu_s(&env, S_SNAN, RNE), 0xffffffffffffffffull, NV);
    CHECK(rv_helper_fcvt_l_s(&env, 0xdf000000u, RNE), 0x8000000000000000ull, 0);
    CHECK(rv_helper_fcvt_w_s(&env, 0xcf000000u, RNE), 0xffffffff80000000ull, 0);
    CHECK(rv_helper_fcvt_w_s(&env, 0xcf000001u, RNE), 0xffffffff80000000ull, NV);
    /* Ties in every mode: 2.5 and -2.5. */
    static const struct { int rm; int64_t pos, neg; } t[] = {
        { RNE, 2, -2 }, { RTZ, 2, -2 }, { RDN, 2, -3 }, { RUP, 3, -2 }, { RMM, 3, -3 },
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        CHECK(rv_helper_fcvt_w_d(&env, 0x4004000000000000ull, t[i].rm), (uint64_t)t[i].pos, NX);
        CHECK(rv_helper_fcvt_l_d(&env, 0xc004000000000000ull, t[i].rm), (uint64_t)t[i].neg, NX);
        CHECK(rv_helper_fcvt_w_s(&env, 0x40200000u, t[i].rm), (uint64_t)t[i].pos, NX);
        CHECK(rv_helper_fcvt_l_s(&env, 0xc0200000u, t[i].rm), (uint64_t)t[i].neg, NX);
    }
    /* A tiny value: RUP gives 1, RDN of a negative one -1. */
    CHECK(rv_helper_fcvt_l_d(&env, D_MINSUB, RUP), 1, NX);
    CHECK(rv_helper_fcvt_l_d(&env, D_MINSUB | D_NZERO, RDN), (uint64_t)-1, NX);
    CHECK(rv_helper_fcvt_l_d(&env, D_MINSUB, RMM), 0, NX);
    CHECK(rv_helper_fcvt_wu_s(&env, 0x3f000000u, RMM), 1, NX);
}

static void test_fcvt_from_int(void **state)
{
    (void)state;
    /* 2^24 + 1 to single: a tie. */
    CHECK(rv_helper_fcvt_s_l(&env, 0x1000001, RNE), 0x4b800000u, NX);
    CHECK(rv_helper_fcvt_s_l(&env, 0x1000001, RMM), 0x4b800001u, NX);
    CHECK(rv_helper_fcvt_s_l(&env, 0x1000001, RUP), 0x4b800001u, NX);
    CHECK(rv_helper_fcvt_s_l(&env, (uint64_t)-0x1000001, RMM), 0xcb800001u, NX);
    CHECK(rv_helper_fcvt_s_l(&env, (uint64_t)-0x1000001, RUP), 0xcb800000u, NX);
    CHECK(rv_helper_fcvt_d_lu(&env, ~0ull, RNE), 0x43f0000000000000ull, NX);
    CHECK(rv_helper_fcvt_d_lu(&env, ~0ull, RTZ), 0x43efffffffffffffull, NX);
    CHECK(rv_helper_fcvt_d_l(&env, 0x8000000000000000ull, RNE), 0xc3e0000000000000ull, 0);
    CHECK(rv_helper_fcvt_d_l(&env, 0x0020000000000001ull, RMM), 0x4340000000000001ull, NX);
    CHECK(rv_helper_fcvt_d_l(&env, 0x0020000000000001ull, RNE), 0x4340000000000000ull, NX);
    /* Zero is +0 in every mode. */
    CHECK(rv_helper_fcvt_d_lu(&env, 0, RDN), D_ZERO, 0);
    CHECK(rv_helper_fcvt_s_w(&env, 0, RDN), S_ZERO, 0);
    /* .w/.wu use rs1's low 32 bits. */
    CHECK(rv_helper_fcvt_d_w(&env, 0x00000001ffffffffull, RNE), D_NONE, 0);
    CHECK(rv_helper_fcvt_d_wu(&env, 0xffffffff00000001ull, RNE), D_ONE, 0);
    CHECK(rv_helper_fcvt_d_wu(&env, 0xffffffffull, RNE), 0x41efffffffe00000ull, 0);
    CHECK(rv_helper_fcvt_s_wu(&env, 0xffffffffull, RTZ), 0x4f7fffffu, NX);
    CHECK(rv_helper_fcvt_s_wu(&env, 0xffffffffull, RNE), 0x4f800000u, NX);
    CHECK(rv_helper_fcvt_s_w(&env, 0x80000000ull, RNE), 0xcf000000u, 0);
}

static void test_fcvt_formats(void **state)
{
    (void)state;
    CHECK(rv_helper_fcvt_d_s(&env, S_SNAN, RNE), D_QNAN, NV);
    CHECK(rv_helper_fcvt_d_s(&env, S_QNANP, RNE), D_QNAN, 0);
    CHECK(rv_helper_fcvt_d_s(&env, S_MINSUB, RNE), 0x36a0000000000000ull, 0);
    CHECK(rv_helper_fcvt_d_s(&env, S_NINF, RMM), D_NINF, 0);
    CHECK(rv_helper_fcvt_d_s(&env, S_NZERO, RNE), D_NZERO, 0);
    CHECK(rv_helper_fcvt_s_d(&env, D_SNAN, RNE), S_QNAN, NV);
    CHECK(rv_helper_fcvt_s_d(&env, D_QNANP, RNE), S_QNAN, 0);
    CHECK(rv_helper_fcvt_s_d(&env, D_MAX, RNE), S_INF, OF | NX);
    CHECK(rv_helper_fcvt_s_d(&env, D_MAX, RTZ), S_MAX, OF | NX);
    CHECK(rv_helper_fcvt_s_d(&env, D_NMAX, RUP), S_MAX | S_NZERO, OF | NX);
    CHECK(rv_helper_fcvt_s_d(&env, 0x3fd5555555555555ull, RNE), 0x3eaaaaabu, NX);
    CHECK(rv_helper_fcvt_s_d(&env, 0x3fd5555555555555ull, RTZ), 0x3eaaaaaau, NX);
    /* 2^-150: half the smallest single subnormal. */
    CHECK(rv_helper_fcvt_s_d(&env, 0x3690000000000000ull, RNE), S_ZERO, UF | NX);
    CHECK(rv_helper_fcvt_s_d(&env, 0x3690000000000000ull, RMM), S_MINSUB, UF | NX);
    CHECK(rv_helper_fcvt_s_d(&env, D_MINSUB, RUP), S_MINSUB, UF | NX);
    CHECK(rv_helper_fcvt_s_d(&env, 0x36a0000000000000ull, RNE), S_MINSUB, 0);
    /* float max + half an ulp: a tie that overflows in RNE and RMM. */
    CHECK(rv_helper_fcvt_s_d(&env, 0x47effffff0000000ull, RNE), S_INF, OF | NX);
    CHECK(rv_helper_fcvt_s_d(&env, 0x47effffff0000000ull, RMM), S_INF, OF | NX);
    CHECK(rv_helper_fcvt_s_d(&env, 0x47effffff0000000ull, RDN), S_MAX, NX);
}

/* Random operands for the fast-path check: clustered exponents, short
 * significands (exact products, ties), raw bits, specials. */
static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t rnd_float(const struct rv_fmt *f)
{
    int fbits = f->p - 1;
    uint64_t r = rnd(), emask = (1ull << f->ebits) - 1;
    uint64_t frac = rnd() & ((1ull << fbits) - 1), e;

    switch (r % 6) {
    case 0: return rnd() & ((2ull << (fbits + f->ebits)) - 1);
    case 1: e = (uint64_t)f->emax + (r >> 8) % 8 - 4; break;
    case 2: e = (r >> 8) % 3; break;
    case 3: e = emask - 1 - (r >> 8) % 2; break;
    case 4: e = (r >> 8) % emask;
            frac &= ~0ull << (fbits - (r >> 16) % fbits); break;
    default: e = (r >> 8) % emask; break;
    }
    return (r >> 40 & 1) << (fbits + f->ebits) | e << fbits | frac;
}

/* The RNE fast path, when it answers, gives the soft result, and the
 * soft result raised nothing but NX. */
static void check_fast_rne(const struct rv_fmt *f, int op, uint64_t a, uint64_t b,
                           uint64_t c, uint64_t soft, uint32_t soft_fl, int *taken)
{
    uint64_t r;

    if (!rv_fphost_fast_rne(f, op, a, b, c, &r))
        return;
    ++*taken;
    if (r != soft || (soft_fl & ~NX))
        fail_msg("fast path fmt %d op %d a %#llx b %#llx c %#llx: %#llx, "
                 "soft %#llx/%#x", f->p, op, (unsigned long long)a,
                 (unsigned long long)b, (unsigned long long)c,
                 (unsigned long long)r, (unsigned long long)soft, soft_fl);
}

static void test_host_path_matches_soft(void **state)
{
    static const struct rv_fmt *const fmts[2] = { &rv_fmt_s, &rv_fmt_d };
    int fast_taken = 0;

    (void)state;
    for (int fi = 0; fi < 2; fi++)
        for (int op = RV_FPOP_ADD; op <= RV_FPOP_FMA; op++)
            for (int rm = RNE; rm <= RUP; rm++)
                for (int i = 0; i < 12000; i++) {
                    const struct rv_fmt *f = fmts[fi];
                    uint64_t a = rnd_float(f), b = rnd_float(f), c = rnd_float(f);
                    uint32_t fh = 0, fs = 0;
                    uint64_t rh = rv_fphost_op(f, op, a, b, c, rm, &fh);
                    uint64_t rs;

                    switch (op) {
                    case RV_FPOP_ADD:  rs = rv_fpsoft_add(f, a, b, rm, &fs); break;
                    case RV_FPOP_SUB:
                        rs = rv_fpsoft_add(f, a, b ^ (1ull << (f->p + f->ebits - 1)), rm, &fs);
                        break;
                    case RV_FPOP_MUL:  rs = rv_fpsoft_mul(f, a, b, rm, &fs); break;
                    case RV_FPOP_DIV:  rs = rv_fpsoft_div(f, a, b, rm, &fs); break;
                    case RV_FPOP_SQRT: rs = rv_fpsoft_sqrt(f, a, rm, &fs); break;
                    default:           rs = rv_fpsoft_fma(f, a, b, c, rm, &fs); break;
                    }
                    if (rh != rs || fh != fs)
                        fail_msg("fmt %d op %d rm %d a %#llx b %#llx c %#llx: "
                                 "host %#llx/%#x soft %#llx/%#x", f->p, op, rm,
                                 (unsigned long long)a, (unsigned long long)b,
                                 (unsigned long long)c, (unsigned long long)rh,
                                 fh, (unsigned long long)rs, fs);
                    if (rm == RNE)
                        check_fast_rne(f, op, a, b, c, rs, fs, &fast_taken);
                }
    /* The fast path answers most of the random cases. */
    assert_true(fast_taken > 12000 * 12 / 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_nan),
        cmocka_unit_test(test_specials),
        cmocka_unit_test(test_rounding_ties),
        cmocka_unit_test(test_tininess_after_rounding),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_fma),
        cmocka_unit_test(test_minmax),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_fclass),
        cmocka_unit_test(test_sign_injection_and_moves),
        cmocka_unit_test(test_nan_boxing),
        cmocka_unit_test(test_rounding_mode_contract),
        cmocka_unit_test(test_fcvt_to_int),
        cmocka_unit_test(test_fcvt_from_int),
        cmocka_unit_test(test_fcvt_formats),
        cmocka_unit_test(test_host_path_matches_soft),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
