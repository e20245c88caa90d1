/*
 * Exact IEEE 754 binary32/binary64 arithmetic in integers, with the
 * RISC-V choices: every NaN result is the canonical NaN, tininess is
 * detected after rounding, the five rounding modes RNE RTZ RDN RUP RMM.
 *
 * Method: each operation computes its exact result, or a truncation of
 * it whose lowest bit is OR-ed with "something non-zero was dropped"
 * (a sticky bit), as an unsigned __int128 significand and a binary
 * exponent; rv_fp_round_pack() then rounds that once.  A sticky bit
 * rounds correctly as long as it sits at least two bits below the
 * rounding position (the round bit and the position below it stay
 * exact), which every operation below guarantees:
 *   add  both significands (<= 53 bits) shifted up by 64; the smaller is
 *        only shifted past its 64 zero bits when the exponents differ by
 *        more than 64, and then the larger is normal, so the result has
 *        >= 116 significant bits and is rounded >= 60 bits above the
 *        sticky bit;
 *   mul  the 106-bit product is exact;
 *   div  a dividend normalised to bit 127 gives a >= 74-bit quotient,
 *        plus the remainder's sticky bit;
 *   sqrt an integer square root of a >= 125-bit radicand: >= 62 bits,
 *        plus the remainder's sticky bit;
 *   fma  product and addend normalised to bit 125; the smaller loses
 *        bits only when shifted by more than 20 places, and then the
 *        difference still has its top bit at >= 124.
 * This file is the reference the host-FPU fast path (fpu-host.c) is
 * checked against, and the only path for RMM, which no host FPU has.
 */
#include "target/riscv64/cpu.h"
#include "target/riscv64/fpu-internal.h"

const struct rv_fmt rv_fmt_s = { 24, 8, 127, RV_CANONICAL_NAN_S };
const struct rv_fmt rv_fmt_d = { 53, 11, 1023, RV_CANONICAL_NAN_D };

static int msb128(rv_u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);

    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)x);
}

/* x >> n with every dropped bit OR-ed into bit 0. */
static rv_u128 shift_right_jam(rv_u128 x, int n)
{
    if (n <= 0)
        return x;
    if (n >= 128)
        return x != 0;
    return (x >> n) | ((x & (((rv_u128)1 << n) - 1)) != 0);
}

static uint64_t sign_bit(const struct rv_fmt *f)
{
    return 1ull << (f->ebits + f->p - 1);
}

static uint64_t pack_inf(const struct rv_fmt *f, int sign)
{
    return (sign ? sign_bit(f) : 0) |
           ((uint64_t)((1 << f->ebits) - 1) << (f->p - 1));
}

static uint64_t pack_zero(const struct rv_fmt *f, int sign)
{
    return sign ? sign_bit(f) : 0;
}

static uint64_t pack_max(const struct rv_fmt *f, int sign)
{
    return pack_inf(f, sign) - 1;
}

struct rv_unpacked rv_fp_unpack(const struct rv_fmt *f, uint64_t x)
{
    int fbits = f->p - 1;
    uint64_t frac = x & ((1ull << fbits) - 1);
    int be = (int)((x >> fbits) & ((1u << f->ebits) - 1));
    struct rv_unpacked u = { RV_FK_FINITE, (int)((x >> (fbits + f->ebits)) & 1), 0, 0 };

    if (be == (1 << f->ebits) - 1) {
        if (frac == 0)
            u.kind = RV_FK_INF;
        else
            u.kind = (frac >> (fbits - 1)) & 1 ? RV_FK_QNAN : RV_FK_SNAN;
    } else if (be == 0) {
        u.kind = frac ? RV_FK_FINITE : RV_FK_ZERO;
        u.sig = frac;
        u.exp = 1 - f->emax - fbits;
    } else {
        u.sig = frac | (1ull << fbits);
        u.exp = be - f->emax - fbits;
    }
    return u;
}

bool rv_fp_is_nan(const struct rv_fmt *f, uint64_t x)
{
    enum rv_fclass_kind k = rv_fp_unpack(f, x).kind;

    return k == RV_FK_QNAN || k == RV_FK_SNAN;
}

bool rv_fp_is_snan(const struct rv_fmt *f, uint64_t x)
{
    return rv_fp_unpack(f, x).kind == RV_FK_SNAN;
}

bool rv_fp_round_up(int rm, int sign, bool lsb, int cmp, bool inexact)
{
    switch (rm) {
    case RV_RM_RNE: return cmp > 0 || (cmp == 0 && lsb);
    case RV_RM_RDN: return inexact && sign;
    case RV_RM_RUP: return inexact && !sign;
    case RV_RM_RMM: return cmp >= 0 && inexact;
    default:        return false;
    }
}

/* Keep x >> sh (x has its top bit at 63, sh >= 1) rounded in mode rm;
 * *inexact says whether anything was dropped. */
static uint64_t round_shift(uint64_t x, int sh, int rm, int sign, bool *inexact)
{
    uint64_t q;
    int cmp;

    if (sh < 64) {
        uint64_t rem = x & ((1ull << sh) - 1), half = 1ull << (sh - 1);

        q = x >> sh;
        cmp = rem < half ? -1 : rem > half;
        *inexact = rem != 0;
    } else {
        q = 0;
        cmp = sh == 64 ? (x > (1ull << 63)) : -1;
        *inexact = true;
    }
    return q + rv_fp_round_up(rm, sign, q & 1, cmp, *inexact);
}

uint64_t rv_fp_round_pack(const struct rv_fmt *f, int sign, int exp,
                          rv_u128 sig, int rm, uint32_t *fl)
{
    int msb = msb128(sig);
    int e = exp + msb;          /* |value| in [2^e, 2^(e+1)) */
    int emin = 1 - f->emax;
    int sh0 = 64 - f->p;        /* bits below a normal result's lsb */
    uint64_t x = (uint64_t)shift_right_jam(sig << (127 - msb), 64);
    uint64_t q, bits;
    bool inexact, tiny = false;

    if (e < emin) {
        /* Tiny unless rounding to p bits with an unbounded exponent
         * carries up to 2^emin. */
        tiny = true;
        if (e == emin - 1 &&
            round_shift(x, sh0, rm, sign, &inexact) == 1ull << f->p)
            tiny = false;
        q = round_shift(x, sh0 + (emin - e), rm, sign, &inexact);
        bits = q;   /* a carry into the hidden bit makes it the min normal */
    } else {
        q = round_shift(x, sh0, rm, sign, &inexact);
        bits = ((uint64_t)(e + f->emax - 1) << (f->p - 1)) + q;
        if ((bits >> (f->p - 1)) >= (1ull << f->ebits) - 1) {
            bool to_inf = rm == RV_RM_RNE || rm == RV_RM_RMM ||
                          (rm == RV_RM_RDN && sign) ||
                          (rm == RV_RM_RUP && !sign);

            *fl |= RV_FFLAG_OF | RV_FFLAG_NX;
            return to_inf ? pack_inf(f, sign) : pack_max(f, sign);
        }
    }
    if (inexact)
        *fl |= RV_FFLAG_NX | (tiny ? RV_FFLAG_UF : 0);
    return (sign ? sign_bit(f) : 0) | bits;
}

/* An exactly zero sum: +0, or -0 when rounding down (IEEE 754 6.3). */
static uint64_t zero_sum(const struct rv_fmt *f, int rm)
{
    return pack_zero(f, rm == RV_RM_RDN);
}

/* x + y for x, y aligned to the same exponent, signs sx, sy. */
static uint64_t add_aligned(const struct rv_fmt *f, int sx, rv_u128 x,
                            int sy, rv_u128 y, int exp, int rm, uint32_t *fl)
{
    if (sx == sy)
        return rv_fp_round_pack(f, sx, exp, x + y, rm, fl);
    if (x == y)
        return zero_sum(f, rm);
    if (x > y)
        return rv_fp_round_pack(f, sx, exp, x - y, rm, fl);
    return rv_fp_round_pack(f, sy, exp, y - x, rm, fl);
}

/* NaN operands: the canonical NaN, NV when one is signaling. */
static bool any_nan(const struct rv_fmt *f, const struct rv_unpacked *u,
                    int n, uint64_t *res, uint32_t *fl)
{
    bool nan = false;

    for (int i = 0; i < n; i++) {
        if (u[i].kind == RV_FK_SNAN)
            *fl |= RV_FFLAG_NV;
        nan |= u[i].kind == RV_FK_SNAN || u[i].kind == RV_FK_QNAN;
    }
    *res = f->cnan;
    return nan;
}

static uint64_t invalid(const struct rv_fmt *f, uint32_t *fl)
{
    *fl |= RV_FFLAG_NV;
    return f->cnan;
}

uint64_t rv_fpsoft_add(const struct rv_fmt *f, uint64_t a, uint64_t b,
                       int rm, uint32_t *fl)
{
    struct rv_unpacked u[2] = { rv_fp_unpack(f, a), rv_fp_unpack(f, b) };
    uint64_t res;

    if (any_nan(f, u, 2, &res, fl))
        return res;
    if (u[0].kind == RV_FK_INF)
        return u[1].kind == RV_FK_INF && u[0].sign != u[1].sign ? invalid(f, fl) : a;
    if (u[1].kind == RV_FK_INF)
        return b;
    if (u[0].kind == RV_FK_ZERO)
        return u[1].kind == RV_FK_ZERO && u[0].sign != u[1].sign ? zero_sum(f, rm) : b;
    if (u[1].kind == RV_FK_ZERO)
        return a;

    struct rv_unpacked *x = &u[0], *y = &u[1];
    if (x->exp < y->exp) {
        x = &u[1];
        y = &u[0];
    }
    rv_u128 ys = shift_right_jam((rv_u128)y->sig << 64, x->exp - y->exp);
    return add_aligned(f, x->sign, (rv_u128)x->sig << 64, y->sign, ys,
                       x->exp - 64, rm, fl);
}

uint64_t rv_fpsoft_mul(const struct rv_fmt *f, uint64_t a, uint64_t b,
                       int rm, uint32_t *fl)
{
    struct rv_unpacked u[2] = { rv_fp_unpack(f, a), rv_fp_unpack(f, b) };
    int sign = u[0].sign ^ u[1].sign;
    uint64_t res;

    if (any_nan(f, u, 2, &res, fl))
        return res;
    if (u[0].kind == RV_FK_INF || u[1].kind == RV_FK_INF) {
        if (u[0].kind == RV_FK_ZERO || u[1].kind == RV_FK_ZERO)
            return invalid(f, fl);
        return pack_inf(f, sign);
    }
    if (u[0].kind == RV_FK_ZERO || u[1].kind == RV_FK_ZERO)
        return pack_zero(f, sign);
    return rv_fp_round_pack(f, sign, u[0].exp + u[1].exp,
                            (rv_u128)u[0].sig * u[1].sig, rm, fl);
}

uint64_t rv_fpsoft_div(const struct rv_fmt *f, uint64_t a, uint64_t b,
                       int rm, uint32_t *fl)
{
    struct rv_unpacked u[2] = { rv_fp_unpack(f, a), rv_fp_unpack(f, b) };
    int sign = u[0].sign ^ u[1].sign;
    uint64_t res;

    if (any_nan(f, u, 2, &res, fl))
        return res;
    if (u[0].kind == RV_FK_INF)
        return u[1].kind == RV_FK_INF ? invalid(f, fl) : pack_inf(f, sign);
    if (u[1].kind == RV_FK_INF)
        return pack_zero(f, sign);
    if (u[1].kind == RV_FK_ZERO) {
        if (u[0].kind == RV_FK_ZERO)
            return invalid(f, fl);
        *fl |= RV_FFLAG_DZ;
        return pack_inf(f, sign);
    }
    if (u[0].kind == RV_FK_ZERO)
        return pack_zero(f, sign);

    int s = 127 - msb128(u[0].sig);
    rv_u128 n = (rv_u128)u[0].sig << s;
    rv_u128 q = n / u[1].sig;
    q |= n - q * u[1].sig != 0;
    return rv_fp_round_pack(f, sign, u[0].exp - s - u[1].exp, q, rm, fl);
}

/* floor(sqrt(n)); *rem_nz says whether the root was inexact. */
static uint64_t isqrt128(rv_u128 n, bool *rem_nz)
{
    rv_u128 res = 0, bit = (rv_u128)1 << 126;

    while (bit > n)
        bit >>= 2;
    while (bit) {
        if (n >= res + bit) {
            n -= res + bit;
            res = (res >> 1) + bit;
        } else {
            res >>= 1;
        }
        bit >>= 2;
    }
    *rem_nz = n != 0;
    return (uint64_t)res;
}

uint64_t rv_fpsoft_sqrt(const struct rv_fmt *f, uint64_t a, int rm,
                        uint32_t *fl)
{
    struct rv_unpacked u = rv_fp_unpack(f, a);
    uint64_t res;
    bool inexact;

    if (any_nan(f, &u, 1, &res, fl))
        return res;
    if (u.kind == RV_FK_ZERO)
        return a;
    if (u.sign)
        return invalid(f, fl);
    if (u.kind == RV_FK_INF)
        return a;

    int s = 127 - msb128(u.sig);
    if ((u.exp - s) & 1)
        s--;
    uint64_t r = isqrt128((rv_u128)u.sig << s, &inexact);
    return rv_fp_round_pack(f, 0, (u.exp - s) / 2, r | inexact, rm, fl);
}

uint64_t rv_fpsoft_fma(const struct rv_fmt *f, uint64_t a, uint64_t b,
                       uint64_t c, int rm, uint32_t *fl)
{
    struct rv_unpacked u[3] = { rv_fp_unpack(f, a), rv_fp_unpack(f, b),
                                rv_fp_unpack(f, c) };
    int sp = u[0].sign ^ u[1].sign;
    bool pinf = u[0].kind == RV_FK_INF || u[1].kind == RV_FK_INF;
    bool pzero = u[0].kind == RV_FK_ZERO || u[1].kind == RV_FK_ZERO;
    uint64_t res;

    /* inf * 0 is invalid even when the addend is a quiet NaN. */
    if (pinf && pzero)
        *fl |= RV_FFLAG_NV;
    if (any_nan(f, u, 3, &res, fl) || (pinf && pzero))
        return res;
    if (pinf)
        return u[2].kind == RV_FK_INF && u[2].sign != sp ? invalid(f, fl)
                                                         : pack_inf(f, sp);
    if (u[2].kind == RV_FK_INF)
        return c;
    if (pzero) {
        if (u[2].kind == RV_FK_ZERO)
            return u[2].sign == sp ? c : zero_sum(f, rm);
        return c;
    }

    rv_u128 p = (rv_u128)u[0].sig * u[1].sig;
    int pe = u[0].exp + u[1].exp;
    if (u[2].kind == RV_FK_ZERO)
        return rv_fp_round_pack(f, sp, pe, p, rm, fl);

    /* Both normalised to bit 125: the sum fits in 127 bits. */
    int ps = 125 - msb128(p), cs = 125 - msb128(u[2].sig);
    rv_u128 pn = p << ps, cn = (rv_u128)u[2].sig << cs;
    int pne = pe - ps, cne = u[2].exp - cs;

    if (pne >= cne)
        return add_aligned(f, sp, pn, u[2].sign,
                           shift_right_jam(cn, pne - cne), pne, rm, fl);
    return add_aligned(f, u[2].sign, cn, sp, shift_right_jam(pn, cne - pne),
                       cne, rm, fl);
}

uint64_t rv_fpsoft_convert(const struct rv_fmt *to, const struct rv_fmt *from,
                           uint64_t a, int rm, uint32_t *fl)
{
    struct rv_unpacked u = rv_fp_unpack(from, a);
    uint64_t res;

    if (any_nan(to, &u, 1, &res, fl))
        return res;
    if (u.kind == RV_FK_INF)
        return pack_inf(to, u.sign);
    if (u.kind == RV_FK_ZERO)
        return pack_zero(to, u.sign);
    return rv_fp_round_pack(to, u.sign, u.exp, u.sig, rm, fl);
}
