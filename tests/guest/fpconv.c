/*
 * Floating-point to integer conversions at their edges (NaN, infinities,
 * out-of-range values, -0, halfway cases) with RISC-V's saturating
 * results, fmin/fmax with NaNs and signed zeros, and fclass.  On riscv64
 * each is the instruction (inline asm, round toward zero); elsewhere a C
 * model of the specification prints the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t dvals[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff8000000000000ull,
    0xbff8000000000000ull, 0x41dfffffffc00000ull, 0x41e0000000000000ull,
    0xc1e0000000000000ull, 0xc1e0000000200000ull, 0x43e0000000000000ull,
    0xc3e0000000000000ull, 0x43f0000000000000ull, 0x7ff0000000000000ull,
    0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull,
    0xfff8000000000001ull, 0x0000000000000001ull, 0x000fffffffffffffull,
    0x3fe0000000000000ull, 0xbfefffffffffffffull, 0x41efffffffe00000ull,
};

static double d_of(uint64_t b)
{
    double d;
    memcpy(&d, &b, 8);
    return d;
}

static uint64_t b_of(double d)
{
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

#if defined(__riscv)
#define CVT(name, insn)                                                      \
    static uint64_t name(uint64_t b)                                         \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile("fmv.d.x ft0, %1\n\t" insn " %0, ft0, rtz"          \
                         : "=r"(r) : "r"(b) : "ft0");                        \
        return r;                                                            \
    }
CVT(cvt_w, "fcvt.w.d") CVT(cvt_wu, "fcvt.wu.d") CVT(cvt_l, "fcvt.l.d")
CVT(cvt_lu, "fcvt.lu.d")
#define MINMAX(name, insn)                                                   \
    static uint64_t name(uint64_t a, uint64_t b)                             \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn       \
                         " ft2, ft0, ft1\n\tfmv.x.d %0, ft2"                 \
                         : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft2");  \
        return r;                                                            \
    }
MINMAX(op_fmin, "fmin.d") MINMAX(op_fmax, "fmax.d")
static uint64_t op_fclass(uint64_t b)
{
    uint64_t r;
    __asm__ volatile("fmv.d.x ft0, %1\n\tfclass.d %0, ft0" : "=r"(r) : "r"(b) : "ft0");
    return r;
}
#else
static int is_nan(uint64_t b) { return (b & 0x7fffffffffffffffull) > 0x7ff0000000000000ull; }
static uint64_t sx32(int64_t v) { return (uint64_t)(int64_t)(int32_t)v; }
static uint64_t cvt_w(uint64_t b)
{
    double d = d_of(b);
    if (is_nan(b) || d >= 2147483648.0)
        return sx32(INT32_MAX);
    if (d <= -2147483649.0)
        return sx32(INT32_MIN);
    return sx32((int32_t)d);
}
static uint64_t cvt_wu(uint64_t b)
{
    double d = d_of(b);
    if (is_nan(b) || d >= 4294967296.0)
        return UINT64_MAX;
    if (d <= -1.0)
        return 0;
    return sx32((int64_t)(uint32_t)d);
}
static uint64_t cvt_l(uint64_t b)
{
    double d = d_of(b);
    if (is_nan(b) || d >= 9223372036854775808.0)
        return INT64_MAX;
    if (d < -9223372036854775808.0)
        return (uint64_t)INT64_MIN;
    return (uint64_t)(int64_t)d;
}
static uint64_t cvt_lu(uint64_t b)
{
    double d = d_of(b);
    if (is_nan(b) || d >= 18446744073709551616.0)
        return UINT64_MAX;
    if (d <= -1.0)
        return 0;
    return (uint64_t)d;
}
static uint64_t pick(uint64_t a, uint64_t b, int want_min)
{
    double x = d_of(a), y = d_of(b);
    if (is_nan(a) && is_nan(b))
        return 0x7ff8000000000000ull;
    if (is_nan(a))
        return b;
    if (is_nan(b))
        return a;
    if (x == y)     /* equal, possibly zeros of both signs */
        return want_min ? (a | b) : (a & b);
    return (x < y) == want_min ? a : b;
}
static uint64_t op_fmin(uint64_t a, uint64_t b) { return pick(a, b, 1); }
static uint64_t op_fmax(uint64_t a, uint64_t b) { return pick(a, b, 0); }
static uint64_t op_fclass(uint64_t b)
{
    int neg = (int)(b >> 63);
    uint64_t e = b >> 52 & 0x7ff, m = b & 0xfffffffffffffull;
    if (e == 0x7ff)
        return m ? (m >> 51 ? 1u << 9 : 1u << 8) : (neg ? 1u << 0 : 1u << 7);
    if (e == 0)
        return m ? (neg ? 1u << 2 : 1u << 5) : (neg ? 1u << 3 : 1u << 4);
    return neg ? 1u << 1 : 1u << 6;
}
#endif

int main(void)
{
    size_t n = sizeof(dvals) / sizeof(dvals[0]);
    uint64_t h = 0;

    for (size_t i = 0; i < n; i++) {
        uint64_t b = dvals[i];
        printf("%016" PRIx64 " w %016" PRIx64 " wu %016" PRIx64 " l %016" PRIx64
               " lu %016" PRIx64 " class %03" PRIx64 "\n", b, cvt_w(b), cvt_wu(b),
               cvt_l(b), cvt_lu(b), op_fclass(b));
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            h = h * 1000003 ^ op_fmin(dvals[i], dvals[j]);
            h = h * 1000003 ^ op_fmax(dvals[i], dvals[j]);
        }
    }
    printf("minmax %016" PRIx64 "\n", h);
    printf("min(-0,+0) %016" PRIx64 " max(-0,+0) %016" PRIx64 "\n",
           op_fmin(dvals[1], dvals[0]), op_fmax(dvals[1], dvals[0]));
    printf("1.5 -> %g\n", d_of(b_of(1.5)));
    return 0;
}
