/*
 * Floating-point rounding modes on conversions to integers: fcvt.w.d and
 * fcvt.l.s with each static rounding mode (rne, rtz, rdn, rup, rmm) and
 * with the dynamic mode set by fsrm, on ties (+-0.5, +-1.5, +-2.5),
 * values just off a tie, and exact integers; each line also shows
 * whether the inexact flag (NX, fflags bit 0) was raised, and frrm reads
 * back the mode set.  On riscv64 each is the instruction; elsewhere a C
 * model of the specification prints the same lines.
 */
#include <stdint.h>
#include <stdio.h>

static const char *const names[] = { "rne", "rtz", "rdn", "rup", "rmm" };

#if defined(__riscv)
#define CVT(name, rm)                                                        \
    static long name(double x, unsigned *flags)                             \
    {                                                                        \
        long r;                                                              \
        unsigned f;                                                          \
        __asm__ volatile("fsflags zero\n\tfcvt.w.d %0, %2, " rm "\n\tfrflags %1" \
                         : "=r"(r), "=r"(f) : "f"(x));                       \
        *flags = f;                                                          \
        return r;                                                            \
    }
CVT(cvt_rne, "rne") CVT(cvt_rtz, "rtz") CVT(cvt_rdn, "rdn") CVT(cvt_rup, "rup")
CVT(cvt_rmm, "rmm")
static long (*const cvt[])(double, unsigned *) = { cvt_rne, cvt_rtz, cvt_rdn, cvt_rup, cvt_rmm };

static long cvt_static(int rm, double x, unsigned *flags)
{
    return cvt[rm](x, flags);
}

static long cvt_dyn(int rm, double x, unsigned *flags, unsigned *readback)
{
    long r;
    unsigned f, m;

    __asm__ volatile("fsrm %3\n\tfsflags zero\n\tfcvt.l.s %0, %4, dyn\n\tfrflags %1\n\t"
                     "frrm %2\n\tfsrm zero"
                     : "=r"(r), "=r"(f), "=r"(m) : "r"(rm), "f"((float)x));
    *flags = f;
    *readback = m;
    return r;
}
#else
/* The RISC-V rules for a value whose magnitude fits in an int32. */
static long cvt_static(int rm, double x, unsigned *flags)
{
    long t = (long)x;
    double frac = x - (double)t;
    long away = frac < 0 ? t - 1 : t + 1;

    *flags = frac != 0;
    if (frac == 0)
        return t;
    switch (rm) {
    case 0:
        if (frac == 0.5 || frac == -0.5)
            return (t & 1) ? away : t;
        return (frac > 0.5 || frac < -0.5) ? away : t;
    case 1:
        return t;
    case 2:
        return frac < 0 ? t - 1 : t;
    case 3:
        return frac > 0 ? t + 1 : t;
    default:
        return (frac >= 0.5 || frac <= -0.5) ? away : t;
    }
}

static long cvt_dyn(int rm, double x, unsigned *flags, unsigned *readback)
{
    *readback = (unsigned)rm;
    return cvt_static(rm, (double)(float)x, flags);
}
#endif

static const double vals[] = {
    0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, 2.4999999, -2.5000001,
    0.25, -0.75, 7.0, -7.0, 0.0, 1e6 + 0.5, -1e6 - 0.5,
};

int main(void)
{
    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        printf("%-11.7f", vals[i]);
        for (int rm = 0; rm < 5; rm++) {
            unsigned f;
            long r = cvt_static(rm, vals[i], &f);

            printf(" %s %8ld%s", names[rm], r, f ? "*" : " ");
        }
        printf("\n  dyn:     ");
        for (int rm = 0; rm < 5; rm++) {
            unsigned f, m;
            long r = cvt_dyn(rm, vals[i], &f, &m);

            printf(" %s %8ld%s", m == (unsigned)rm ? names[rm] : "???", r, f ? "*" : " ");
        }
        printf("\n");
    }
    return 0;
}
