/*
 * Integer to floating-point conversions under every rounding mode:
 * fcvt.s.l, fcvt.s.lu, fcvt.s.w, fcvt.d.l and fcvt.d.lu on values that
 * need more bits than the significand has (ties, just past ties, the
 * extremes INT64_MIN/INT64_MAX/UINT64_MAX) and on exact ones, with the
 * inexact flag.  On riscv64 each is the instruction with a static
 * rounding mode; elsewhere a C model of the rounding rules prints the
 * same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { S_L, S_LU, S_W, D_L, D_LU, NKINDS };
static const char *const kinds[NKINDS] = { "s.l", "s.lu", "s.w", "d.l", "d.lu" };
static const char *const modes[] = { "rne", "rtz", "rdn", "rup", "rmm" };

#if defined(__riscv)
#define CV(insn, rm, reg)                                               \
    do {                                                                     \
        __asm__ volatile("fsflags zero\n\t" insn " %0, %2, " rm "\n\tfrflags %1" \
                         : "=f"(reg), "=r"(f) : "r"(x));                      \
    } while (0)
#define MODES(insn, reg)                                                     \
    switch (rm) {                                                            \
    case 0: CV(insn, "rne", reg); break;                                  \
    case 1: CV(insn, "rtz", reg); break;                                  \
    case 2: CV(insn, "rdn", reg); break;                                  \
    case 3: CV(insn, "rup", reg); break;                                  \
    default: CV(insn, "rmm", reg); break;                                 \
    }
static uint64_t convert(int kind, int rm, uint64_t x, unsigned *flags)
{
    float s = 0;
    double d = 0;
    uint32_t u32;
    uint64_t u64;
    unsigned f = 0;

    switch (kind) {
    case S_L: MODES("fcvt.s.l", s); break;
    case S_LU: MODES("fcvt.s.lu", s); break;
    case S_W: MODES("fcvt.s.w", s); break;
    case D_L: MODES("fcvt.d.l", d); break;
    default: MODES("fcvt.d.lu", d); break;
    }
    *flags = f;
    if (kind <= S_W) {
        memcpy(&u32, &s, 4);
        return u32;
    }
    memcpy(&u64, &d, 8);
    return u64;
}
#else
/* Rounds magnitude m (sign neg) to p significant bits under mode rm. */
static uint64_t round_mag(uint64_t m, int neg, int p, int rm, int *inexact, int *carry_out)
{
    int len = 64 - __builtin_clzll(m | 1);
    int shift = len - p;
    uint64_t lo, rem, half, unit;
    int up;

    *inexact = 0;
    *carry_out = 0;
    if (shift <= 0)
        return m;
    unit = 1ull << shift;
    lo = m & ~(unit - 1);
    rem = m - lo;
    half = unit >> 1;
    *inexact = rem != 0;
    switch (rm) {
    case 0: up = rem > half || (rem == half && (lo & unit)); break;
    case 1: up = 0; break;
    case 2: up = neg && rem; break;
    case 3: up = !neg && rem; break;
    default: up = rem >= half; break;
    }
    if (!up)
        return lo;
    if (lo + unit == 0) {   /* 2^64: the caller builds it */
        *carry_out = 1;
        return 0;
    }
    return lo + unit;
}

static uint64_t convert(int kind, int rm, uint64_t x, unsigned *flags)
{
    int neg = 0, inexact, carry, dbl = kind >= D_L;
    uint64_t m = x, r;
    float s;
    double d;
    uint32_t u32;

    if (kind == S_W) {
        int32_t w = (int32_t)(uint32_t)x;

        neg = w < 0;
        m = neg ? (uint64_t)(-(int64_t)w) : (uint64_t)w;
    } else if (kind == S_L || kind == D_L) {
        neg = (int64_t)x < 0;
        m = neg ? 0 - x : x;
    }
    r = round_mag(m, neg, dbl ? 53 : 24, rm, &inexact, &carry);
    *flags = (unsigned)inexact;
    d = carry ? 18446744073709551616.0 : (double)r;
    if (neg)
        d = -d;
    if (dbl) {
        memcpy(&r, &d, 8);
        return r;
    }
    s = (float)d;   /* exact: d already has at most 24 significant bits */
    memcpy(&u32, &s, 4);
    return u32;
}
#endif

static const uint64_t vals[] = {
    0, 1, 0xffffffffffffffffull, 16777217, 16777219, 16777218,
    0xfffffffffeffffffull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    9007199254740993ull, 9007199254740995ull, 0xffe0000000000001ull,
    0x80000000ull, 0x7fffffffull, 0x123456789abcdefull,
};

int main(void)
{
    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        for (int k = 0; k < NKINDS; k++) {
            printf("%016" PRIx64 " %-4s", vals[i], kinds[k]);
            for (int rm = 0; rm < 5; rm++) {
                unsigned f;
                uint64_t r = convert(k, rm, vals[i], &f);

                printf(" %s %016" PRIx64 "%s", modes[rm], r, f ? "*" : " ");
            }
            printf("\n");
        }
    }
    return 0;
}
