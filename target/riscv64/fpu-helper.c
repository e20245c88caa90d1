/*
 * riscv64 F and D helpers: arithmetic, fused multiply-add, min/max,
 * compares, fclass, sign injection and NaN boxing (conversions are in
 * fpu-convert.c).  The contract is fpu-helper.h; the rounded arithmetic
 * is fpu-host.c (host SSE, exact in the IEEE modes) or fpu-soft.c
 * (integers, every mode).  Each helper collects the flags of its one
 * operation and ORs them into env->fflags once.
 */
#include "target/riscv64/fpu-helper.h"
#include "target/riscv64/fpu-internal.h"

#define SIGN_D 0x8000000000000000ull
#define SIGN_S 0x80000000u

bool rv_fp_rm_valid(uint32_t rm)
{
    return rm <= RV_RM_RMM || rm == RV_RM_DYN;
}

int rv_fp_resolve_rm(const struct rv_cpu *env, uint32_t rm)
{
    if (rm == RV_RM_DYN)
        rm = env->frm;
    return rm <= RV_RM_RMM ? (int)rm : RV_RM_RNE;
}

uint32_t rv_fp_unbox_s(uint64_t freg)
{
    return (freg & RV_NANBOX_S) == RV_NANBOX_S ? (uint32_t)freg : RV_CANONICAL_NAN_S;
}

uint64_t rv_fp_box_s(uint32_t s)
{
    return RV_NANBOX_S | s;
}

/* Once NX has accrued (in most programs, from the first inexact
 * operation on), an RNE result that can raise nothing else needs no
 * flag collection: rv_fphost_fast_rne(). */
static uint64_t arith(struct rv_cpu *env, const struct rv_fmt *f, enum rv_fpop op,
                      uint64_t a, uint64_t b, uint64_t c, uint32_t rm)
{
    int mode = rv_fp_resolve_rm(env, rm);
    uint32_t fl = 0;
    uint64_t r;

    if (mode == RV_RM_RNE && (env->fflags & RV_FFLAG_NX) &&
        rv_fphost_fast_rne(f, op, a, b, c, &r))
        return r;
    r = rv_fphost_op(f, op, a, b, c, mode, &fl);
    env->fflags |= fl;
    return r;
}

uint64_t rv_helper_fadd_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_ADD, a, b, 0, rm);
}

uint64_t rv_helper_fsub_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_SUB, a, b, 0, rm);
}

uint64_t rv_helper_fmul_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_MUL, a, b, 0, rm);
}

uint64_t rv_helper_fdiv_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_DIV, a, b, 0, rm);
}

uint64_t rv_helper_fsqrt_d(struct rv_cpu *env, uint64_t a, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_SQRT, a, 0, 0, rm);
}

uint32_t rv_helper_fadd_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_ADD, a, b, 0, rm);
}

uint32_t rv_helper_fsub_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_SUB, a, b, 0, rm);
}

uint32_t rv_helper_fmul_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_MUL, a, b, 0, rm);
}

uint32_t rv_helper_fdiv_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_DIV, a, b, 0, rm);
}

uint32_t rv_helper_fsqrt_s(struct rv_cpu *env, uint32_t a, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_SQRT, a, 0, 0, rm);
}

/* The negated forms flip operand signs: -(a*b) + c is (-a)*b + c
 * exactly, and a sign flip keeps a signaling NaN signaling. */
uint64_t rv_helper_fmadd_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint64_t c, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_FMA, a, b, c, rm);
}

uint64_t rv_helper_fmsub_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint64_t c, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_FMA, a, b, c ^ SIGN_D, rm);
}

uint64_t rv_helper_fnmsub_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint64_t c, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_FMA, a ^ SIGN_D, b, c, rm);
}

uint64_t rv_helper_fnmadd_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint64_t c, uint32_t rm)
{
    return arith(env, &rv_fmt_d, RV_FPOP_FMA, a ^ SIGN_D, b, c ^ SIGN_D, rm);
}

uint32_t rv_helper_fmadd_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t c, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_FMA, a, b, c, rm);
}

uint32_t rv_helper_fmsub_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t c, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_FMA, a, b, c ^ SIGN_S, rm);
}

uint32_t rv_helper_fnmsub_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t c, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_FMA, a ^ SIGN_S, b, c, rm);
}

uint32_t rv_helper_fnmadd_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t c, uint32_t rm)
{
    return (uint32_t)arith(env, &rv_fmt_s, RV_FPOP_FMA, a ^ SIGN_S, b, c ^ SIGN_S, rm);
}

/* Sign-magnitude to an integer that orders like the value (-0 == +0). */
static int64_t order_key(const struct rv_fmt *f, uint64_t x)
{
    uint64_t sign = 1ull << (f->ebits + f->p - 1);
    int64_t mag = (int64_t)(x & (sign - 1));

    return x & sign ? -mag : mag;
}

/* a < b with -0 < +0: min/max's total order on non-NaNs. */
static bool less_signed_zero(const struct rv_fmt *f, uint64_t a, uint64_t b)
{
    int64_t ka = order_key(f, a), kb = order_key(f, b);
    uint64_t sign = 1ull << (f->ebits + f->p - 1);

    if (ka == kb)
        return (a & sign) && !(b & sign);
    return ka < kb;
}

static uint64_t minmax(struct rv_cpu *env, const struct rv_fmt *f, uint64_t a,
                       uint64_t b, bool want_max)
{
    bool na = rv_fp_is_nan(f, a), nb = rv_fp_is_nan(f, b);

    if (rv_fp_is_snan(f, a) || rv_fp_is_snan(f, b))
        env->fflags |= RV_FFLAG_NV;
    if (na && nb)
        return f->cnan;
    if (na)
        return b;
    if (nb)
        return a;
    return less_signed_zero(f, a, b) != want_max ? a : b;
}

uint64_t rv_helper_fmin_d(struct rv_cpu *env, uint64_t a, uint64_t b)
{
    return minmax(env, &rv_fmt_d, a, b, false);
}

uint64_t rv_helper_fmax_d(struct rv_cpu *env, uint64_t a, uint64_t b)
{
    return minmax(env, &rv_fmt_d, a, b, true);
}

uint32_t rv_helper_fmin_s(struct rv_cpu *env, uint32_t a, uint32_t b)
{
    return (uint32_t)minmax(env, &rv_fmt_s, a, b, false);
}

uint32_t rv_helper_fmax_s(struct rv_cpu *env, uint32_t a, uint32_t b)
{
    return (uint32_t)minmax(env, &rv_fmt_s, a, b, true);
}

enum cmp_op { CMP_EQ, CMP_LT, CMP_LE };

static uint64_t compare(struct rv_cpu *env, const struct rv_fmt *f, uint64_t a,
                        uint64_t b, enum cmp_op op)
{
    if (rv_fp_is_nan(f, a) || rv_fp_is_nan(f, b)) {
        if (op != CMP_EQ || rv_fp_is_snan(f, a) || rv_fp_is_snan(f, b))
            env->fflags |= RV_FFLAG_NV;
        return 0;
    }
    int64_t ka = order_key(f, a), kb = order_key(f, b);
    switch (op) {
    case CMP_EQ: return ka == kb;
    case CMP_LT: return ka < kb;
    case CMP_LE: return ka <= kb;
    }
    return 0;
}

uint64_t rv_helper_feq_d(struct rv_cpu *env, uint64_t a, uint64_t b)
{
    return compare(env, &rv_fmt_d, a, b, CMP_EQ);
}

uint64_t rv_helper_flt_d(struct rv_cpu *env, uint64_t a, uint64_t b)
{
    return compare(env, &rv_fmt_d, a, b, CMP_LT);
}

uint64_t rv_helper_fle_d(struct rv_cpu *env, uint64_t a, uint64_t b)
{
    return compare(env, &rv_fmt_d, a, b, CMP_LE);
}

uint64_t rv_helper_feq_s(struct rv_cpu *env, uint32_t a, uint32_t b)
{
    return compare(env, &rv_fmt_s, a, b, CMP_EQ);
}

uint64_t rv_helper_flt_s(struct rv_cpu *env, uint32_t a, uint32_t b)
{
    return compare(env, &rv_fmt_s, a, b, CMP_LT);
}

uint64_t rv_helper_fle_s(struct rv_cpu *env, uint32_t a, uint32_t b)
{
    return compare(env, &rv_fmt_s, a, b, CMP_LE);
}

static uint64_t fclass(const struct rv_fmt *f, uint64_t a)
{
    struct rv_unpacked u = rv_fp_unpack(f, a);
    int bit;

    switch (u.kind) {
    case RV_FK_ZERO:   bit = u.sign ? 3 : 4; break;
    case RV_FK_INF:    bit = u.sign ? 0 : 7; break;
    case RV_FK_SNAN:   bit = 8; break;
    case RV_FK_QNAN:   bit = 9; break;
    default: {
        bool sub = u.sig < (1ull << (f->p - 1));

        bit = u.sign ? (sub ? 2 : 1) : (sub ? 5 : 6);
    }
    }
    return 1ull << bit;
}

uint64_t rv_helper_fclass_d(uint64_t a)
{
    return fclass(&rv_fmt_d, a);
}

uint64_t rv_helper_fclass_s(uint32_t a)
{
    return fclass(&rv_fmt_s, a);
}

uint64_t rv_helper_fsgnj_d(uint64_t a, uint64_t b)
{
    return (a & ~SIGN_D) | (b & SIGN_D);
}

uint64_t rv_helper_fsgnjn_d(uint64_t a, uint64_t b)
{
    return (a & ~SIGN_D) | (~b & SIGN_D);
}

uint64_t rv_helper_fsgnjx_d(uint64_t a, uint64_t b)
{
    return a ^ (b & SIGN_D);
}

uint32_t rv_helper_fsgnj_s(uint32_t a, uint32_t b)
{
    return (a & ~SIGN_S) | (b & SIGN_S);
}

uint32_t rv_helper_fsgnjn_s(uint32_t a, uint32_t b)
{
    return (a & ~SIGN_S) | (~b & SIGN_S);
}

uint32_t rv_helper_fsgnjx_s(uint32_t a, uint32_t b)
{
    return a ^ (b & SIGN_S);
}

uint64_t rv_helper_fmv_x_w(uint64_t freg)
{
    return (uint64_t)(int64_t)(int32_t)(uint32_t)freg;
}
