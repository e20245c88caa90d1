/*
 * Accrued exception flags (fflags: NV 16, DZ 8, OF 4, UF 2, NX 1) raised
 * by single and double arithmetic: invalid operations (0/0, inf-inf,
 * 0*inf, sqrt(-1), signalling NaN operands, flt on a quiet NaN), division
 * by zero, overflow, underflow of an inexact tiny result, inexact alone,
 * and exact operations that raise nothing; fsflags returns the old flags
 * and keeps only the five flag bits of the new value.  Results are printed in
 * hex.  On riscv64 the flags are read with frflags; elsewhere a table of
 * the flags the specification requires stands in, and the results come
 * from the same C arithmetic (which IEEE 754 fixes for non-NaN results).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { NV = 16, DZ = 8, OF = 4, UF = 2, NX = 1 };

struct fcase {
    const char *name;
    char op;            /* + - * / s(qrt) l(t) e(q) */
    int dbl;
    double a, b;
    unsigned flags;     /* what the RISC-V specification requires */
};

static uint64_t bits_d(double d)
{
    uint64_t u;

    memcpy(&u, &d, 8);
    return u;
}

#define INF (__builtin_inf())
#define QNAN (__builtin_nan(""))

static const struct fcase cases[] = {
    { "0/0 d", '/', 1, 0.0, 0.0, NV },
    { "inf-inf d", '-', 1, INF, INF, NV },
    { "0*inf s", '*', 0, 0.0, INF, NV },
    { "1/0 d", '/', 1, 1.0, 0.0, DZ },
    { "-1/0 s", '/', 0, -1.0, 0.0, DZ },
    { "inf/0 d", '/', 1, INF, 0.0, 0 },
    { "max*2 d", '*', 1, 1.7976931348623157e308, 2.0, OF | NX },
    { "max+max s", '+', 0, 3.4028234663852886e38, 3.4028234663852886e38, OF | NX },
    { "tiny*tiny d", '*', 1, 1e-300, 1e-300, UF | NX },
    { "tiny*tiny s", '*', 0, 1e-30, 1e-30, UF | NX },
    { "min/2 exact d", '/', 1, 4.4501477170144028e-308, 2.0, 0 },
    { "1/3 d", '/', 1, 1.0, 3.0, NX },
    { "1/3 s", '/', 0, 1.0, 3.0, NX },
    { "1+1 d", '+', 1, 1.0, 1.0, 0 },
    { "1+2^-60 d", '+', 1, 1.0, 8.673617379884035e-19, NX },
    { "sqrt 2 d", 's', 1, 2.0, 0, NX },
    { "sqrt 4 s", 's', 0, 4.0, 0, 0 },
    { "sqrt -1 d", 's', 1, -1.0, 0, NV },
    { "sqrt -0 d", 's', 1, -0.0, 0, 0 },
    { "qnan+1 d", '+', 1, QNAN, 1.0, 0 },
    { "qnan<1 d", 'l', 1, QNAN, 1.0, NV },
    { "qnan==1 d", 'e', 1, QNAN, 1.0, 0 },
    { "inf*inf d", '*', 1, INF, INF, 0 },
};

#if defined(__riscv)
#define OPD(insn, a, b, r) __asm__ volatile(insn " %0, %1, %2" : "=f"(r) : "f"(a), "f"(b))
static double run(const struct fcase *c, unsigned *flags)
{
    double r = 0;
    float rf = 0, af = (float)c->a, bf = (float)c->b;
    long cmp = 0;
    unsigned f;

    __asm__ volatile("fsflags zero");
    switch (c->op) {
    case '+': if (c->dbl) OPD("fadd.d", c->a, c->b, r); else OPD("fadd.s", af, bf, rf); break;
    case '-': if (c->dbl) OPD("fsub.d", c->a, c->b, r); else OPD("fsub.s", af, bf, rf); break;
    case '*': if (c->dbl) OPD("fmul.d", c->a, c->b, r); else OPD("fmul.s", af, bf, rf); break;
    case '/': if (c->dbl) OPD("fdiv.d", c->a, c->b, r); else OPD("fdiv.s", af, bf, rf); break;
    case 's':
        if (c->dbl)
            __asm__ volatile("fsqrt.d %0, %1" : "=f"(r) : "f"(c->a));
        else
            __asm__ volatile("fsqrt.s %0, %1" : "=f"(rf) : "f"(af));
        break;
    case 'l': __asm__ volatile("flt.d %0, %1, %2" : "=r"(cmp) : "f"(c->a), "f"(c->b)); break;
    default: __asm__ volatile("feq.d %0, %1, %2" : "=r"(cmp) : "f"(c->a), "f"(c->b)); break;
    }
    __asm__ volatile("frflags %0" : "=r"(f));
    *flags = f;
    if (c->op == 'l' || c->op == 'e')
        return (double)cmp;
    return c->dbl ? r : (double)rf;
}

static unsigned swap_flags(unsigned v)
{
    unsigned old;

    __asm__ volatile("fsflags %0, %1" : "=r"(old) : "r"(v));
    return old;
}
#else
static double from_bits(uint64_t u)
{
    double d;

    memcpy(&d, &u, 8);
    return d;
}

static volatile double vsink;

static double run(const struct fcase *c, unsigned *flags)
{
    double a = c->a, b = c->b;
    float af = (float)a, bf = (float)b;

    *flags = c->flags;
    switch (c->op) {
    case '+': return c->dbl ? a + b : (double)(af + bf);
    case '-': return c->dbl ? a - b : (double)(af - bf);
    case '*': return c->dbl ? a * b : (double)(af * bf);
    case '/': return c->dbl ? a / b : (double)(af / bf);
    case 's':
        /* Only the cases above: exact squares, sqrt(2) and the NaN ones. */
        if (a < 0)
            return from_bits(0x7ff8000000000000ull);
        if (a == 2.0)
            return from_bits(0x3ff6a09e667f3bcdull);
        return a == 4.0 ? 2.0 : a;
    case 'l': return a < b;
    default: vsink = a; return a == b;
    }
}

static unsigned accrued;

static unsigned swap_flags(unsigned v)
{
    unsigned old = accrued;

    accrued = v & 0x1f;
    return old;
}
#endif

int main(void)
{
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        unsigned f;
        double r = run(&cases[i], &f);
        uint64_t u = bits_d(r);

        /* Every NaN is printed as one word: the NaN test covers payloads. */
        if (r != r)
            u = 0x7ff8000000000000ull;
        printf("%-14s %016" PRIx64 " flags %2u%s%s%s%s%s\n", cases[i].name, u, f,
               f & NV ? " NV" : "", f & DZ ? " DZ" : "", f & OF ? " OF" : "",
               f & UF ? " UF" : "", f & NX ? " NX" : "");
    }
    swap_flags(0);
    printf("fsflags 0x1f: old %u\n", swap_flags(0x1f));
    printf("fsflags 0x3: old %u\n", swap_flags(0x3));
    printf("fsflags 0x125: old %u\n", swap_flags(0x125));
    printf("fsflags 0: old %u\n", swap_flags(0));
    return 0;
}
