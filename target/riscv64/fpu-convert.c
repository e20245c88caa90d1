/*
 * riscv64 fcvt helpers: floating point <-> integers and single <->
 * double, in integers (exact in all five rounding modes; the host's
 * conversions would need RMM and saturation handled around them anyway,
 * and some compilers' uint64 -> double sequences give -0 for 0 in RDN).
 *
 * To integers (ISA "FCVT.W.S" table): the value is rounded per rm,
 * then range-checked; NaN gives the type's maximum, out-of-range values
 * and infinities clamp to the nearer bound, all with NV and without NX.
 * So -0.5 to an unsigned type is 0 with NX in RNE and RTZ, but rounds to
 * -1 in RDN: out of range, 0 with NV.  32-bit results, unsigned ones
 * too, are sign-extended to 64 bits for rd.
 */
#include "target/riscv64/fpu-helper.h"
#include "target/riscv64/fpu-internal.h"

static uint64_t to_int(struct rv_cpu *env, const struct rv_fmt *f, uint64_t a,
                       uint32_t rm, bool is_signed, int bits)
{
    uint64_t max = is_signed ? (1ull << (bits - 1)) - 1 : ~0ull >> (64 - bits);
    uint64_t min = is_signed ? ~0ull << (bits - 1) : 0;
    uint64_t neg_limit = is_signed ? 1ull << (bits - 1) : 0;
    struct rv_unpacked u = rv_fp_unpack(f, a);
    uint64_t r;

    switch (u.kind) {
    case RV_FK_QNAN:
    case RV_FK_SNAN:
        env->fflags |= RV_FFLAG_NV;
        r = max;
        break;
    case RV_FK_INF:
        env->fflags |= RV_FFLAG_NV;
        r = u.sign ? min : max;
        break;
    case RV_FK_ZERO:
        r = 0;
        break;
    default: {
        rv_u128 mag;
        bool inexact = false;

        if (u.exp >= 0) {
            /* >= 2^64 is out of range for every type: 2^66 stands for it. */
            mag = u.exp > 64 ? (rv_u128)1 << 66 : (rv_u128)u.sig << u.exp;
        } else if (-u.exp >= 128) {
            inexact = true;
            mag = rv_fp_round_up(rv_fp_resolve_rm(env, rm), u.sign, false, -1, true);
        } else {
            int sh = -u.exp;
            rv_u128 half = (rv_u128)1 << (sh - 1);
            rv_u128 rem = u.sig & ((half << 1) - 1);

            mag = (rv_u128)u.sig >> sh;
            inexact = rem != 0;
            mag += rv_fp_round_up(rv_fp_resolve_rm(env, rm), u.sign, mag & 1,
                                  rem < half ? -1 : rem > half, inexact);
        }
        if (mag > (u.sign ? neg_limit : max)) {
            env->fflags |= RV_FFLAG_NV;
            r = u.sign ? min : max;
        } else {
            if (inexact)
                env->fflags |= RV_FFLAG_NX;
            r = u.sign ? -(uint64_t)mag : (uint64_t)mag;
        }
    }
    }
    return bits == 32 ? (uint64_t)(int64_t)(int32_t)(uint32_t)r : r;
}

uint64_t rv_helper_fcvt_w_d(struct rv_cpu *env, uint64_t a, uint32_t rm)
{
    return to_int(env, &rv_fmt_d, a, rm, true, 32);
}

uint64_t rv_helper_fcvt_wu_d(struct rv_cpu *env, uint64_t a, uint32_t rm)
{
    return to_int(env, &rv_fmt_d, a, rm, false, 32);
}

uint64_t rv_helper_fcvt_l_d(struct rv_cpu *env, uint64_t a, uint32_t rm)
{
    return to_int(env, &rv_fmt_d, a, rm, true, 64);
}

uint64_t rv_helper_fcvt_lu_d(struct rv_cpu *env, uint64_t a, uint32_t rm)
{
    return to_int(env, &rv_fmt_d, a, rm, false, 64);
}

uint64_t rv_helper_fcvt_w_s(struct rv_cpu *env, uint32_t a, uint32_t rm)
{
    return to_int(env, &rv_fmt_s, a, rm, true, 32);
}

uint64_t rv_helper_fcvt_wu_s(struct rv_cpu *env, uint32_t a, uint32_t rm)
{
    return to_int(env, &rv_fmt_s, a, rm, false, 32);
}

uint64_t rv_helper_fcvt_l_s(struct rv_cpu *env, uint32_t a, uint32_t rm)
{
    return to_int(env, &rv_fmt_s, a, rm, true, 64);
}

uint64_t rv_helper_fcvt_lu_s(struct rv_cpu *env, uint32_t a, uint32_t rm)
{
    return to_int(env, &rv_fmt_s, a, rm, false, 64);
}

/* (-1)^sign * mag rounded to f; zero is +0 in every mode. */
static uint64_t from_int(struct rv_cpu *env, const struct rv_fmt *f, int sign,
                         uint64_t mag, uint32_t rm)
{
    uint32_t fl = 0;
    uint64_t r;

    if (mag == 0)
        return 0;
    r = rv_fp_round_pack(f, sign, 0, mag, rv_fp_resolve_rm(env, rm), &fl);
    env->fflags |= fl;
    return r;
}

static uint64_t from_signed(struct rv_cpu *env, const struct rv_fmt *f,
                            int64_t v, uint32_t rm)
{
    return from_int(env, f, v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, rm);
}

uint64_t rv_helper_fcvt_d_w(struct rv_cpu *env, uint64_t x, uint32_t rm)
{
    return from_signed(env, &rv_fmt_d, (int32_t)(uint32_t)x, rm);
}

uint64_t rv_helper_fcvt_d_wu(struct rv_cpu *env, uint64_t x, uint32_t rm)
{
    return from_int(env, &rv_fmt_d, 0, (uint32_t)x, rm);
}

uint64_t rv_helper_fcvt_d_l(struct rv_cpu *env, uint64_t x, uint32_t rm)
{
    return from_signed(env, &rv_fmt_d, (int64_t)x, rm);
}

uint64_t rv_helper_fcvt_d_lu(struct rv_cpu *env, uint64_t x, uint32_t rm)
{
    return from_int(env, &rv_fmt_d, 0, x, rm);
}

uint32_t rv_helper_fcvt_s_w(struct rv_cpu *env, uint64_t x, uint32_t rm)
{
    return (uint32_t)from_signed(env, &rv_fmt_s, (int32_t)(uint32_t)x, rm);
}

uint32_t rv_helper_fcvt_s_wu(struct rv_cpu *env, uint64_t x, uint32_t rm)
{
    return (uint32_t)from_int(env, &rv_fmt_s, 0, (uint32_t)x, rm);
}

uint32_t rv_helper_fcvt_s_l(struct rv_cpu *env, uint64_t x, uint32_t rm)
{
    return (uint32_t)from_signed(env, &rv_fmt_s, (int64_t)x, rm);
}

uint32_t rv_helper_fcvt_s_lu(struct rv_cpu *env, uint64_t x, uint32_t rm)
{
    return (uint32_t)from_int(env, &rv_fmt_s, 0, x, rm);
}

uint32_t rv_helper_fcvt_s_d(struct rv_cpu *env, uint64_t a, uint32_t rm)
{
    uint32_t fl = 0;
    uint64_t r = rv_fpsoft_convert(&rv_fmt_s, &rv_fmt_d, a, rv_fp_resolve_rm(env, rm), &fl);

    env->fflags |= fl;
    return (uint32_t)r;
}

uint64_t rv_helper_fcvt_d_s(struct rv_cpu *env, uint32_t a, uint32_t rm)
{
    uint32_t fl = 0;
    uint64_t r = rv_fpsoft_convert(&rv_fmt_d, &rv_fmt_s, a, rv_fp_resolve_rm(env, rm), &fl);

    env->fflags |= fl;
    return r;
}
