/*
 * Fused multiply-add: fmadd, fmsub, fnmadd and fnmsub in single and
 * double precision round once (a product whose low bits a separate
 * multiply would lose survives the add), their sign conventions
 * (fnmadd = -(a*b) - c, fnmsub = -(a*b) + c) including the sign of zero
 * results, inf * 0 + c raising NV even when c is a quiet NaN, and the
 * inexact flag.  On riscv64 each is the instruction; elsewhere a C model
 * prints the same lines: every case is chosen so that the product is
 * exact in double and the sum rounds at most once.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { MADD, MSUB, NMADD, NMSUB };
static const char *const names[] = { "fmadd", "fmsub", "fnmadd", "fnmsub" };

#if defined(__riscv)
#define F4(insn, r, a, b, c)                                             \
    __asm__ volatile("fsflags zero\n\t" insn " %0, %2, %3, %4\n\tfrflags %1" \
                     : "=f"(r), "=r"(fl) : "f"(a), "f"(b), "f"(c))
static uint64_t op_s(int op, float a, float b, float c, unsigned *flags)
{
    float r = 0;
    unsigned fl = 0;
    uint32_t u;

    switch (op) {
    case MADD: F4("fmadd.s", r, a, b, c); break;
    case MSUB: F4("fmsub.s", r, a, b, c); break;
    case NMADD: F4("fnmadd.s", r, a, b, c); break;
    default: F4("fnmsub.s", r, a, b, c); break;
    }
    *flags = fl;
    memcpy(&u, &r, 4);
    return u;
}
static uint64_t op_d(int op, double a, double b, double c, unsigned *flags)
{
    double r = 0;
    unsigned fl = 0;
    uint64_t u;

    switch (op) {
    case MADD: F4("fmadd.d", r, a, b, c); break;
    case MSUB: F4("fmsub.d", r, a, b, c); break;
    case NMADD: F4("fnmadd.d", r, a, b, c); break;
    default: F4("fnmsub.d", r, a, b, c); break;
    }
    *flags = fl;
    memcpy(&u, &r, 8);
    return u;
}
#else
static double exact(int op, double a, double b, double c)
{
    switch (op) {
    case MADD: return a * b + c;
    case MSUB: return a * b - c;
    case NMADD: return -(a * b) - c;
    default: return -(a * b) + c;
    }
}
/* NV: inf * 0, or a NaN result from operands that are not NaNs. */
static unsigned nv(double a, double b, double c, double r)
{
    if ((a == 0 && (b - b) != 0) || (b == 0 && (a - a) != 0))
        return 16;
    return (r != r && a == a && b == b && c == c) ? 16 : 0;
}

/* NX of the double result: undoing the add does not give the product
 * back (the product itself is exact in every case below). */
static unsigned nx_d(int op, double a, double b, double c, double r)
{
    double p = a * b, back;

    if (r != r || r - r != 0)
        return 0;
    switch (op) {
    case MADD: back = r - c; break;
    case MSUB: back = r + c; break;
    case NMADD: back = -(r + c); break;
    default: back = c - r; break;
    }
    return back != p;
}
static uint64_t op_s(int op, float a, float b, float c, unsigned *flags)
{
    double r = exact(op, a, b, c);
    float s = (float)r;
    uint32_t u;

    *flags = nv(a, b, c, r) | nx_d(op, a, b, c, r) | (r == r && (double)s != r);
    if (s != s)
        s = __builtin_nanf("");
    memcpy(&u, &s, 4);
    return u;
}
static uint64_t op_d(int op, double a, double b, double c, unsigned *flags)
{
    double r = exact(op, a, b, c);
    uint64_t u;

    *flags = nv(a, b, c, r) | nx_d(op, a, b, c, r);
    if (r != r)
        r = __builtin_nan("");
    memcpy(&u, &r, 8);
    return u;
}
#endif

struct fcase {
    double a, b, c;
};

static const struct fcase cases[] = {
    { 1.0 + 0x1p-12, 1.0 - 0x1p-12, -1.0 },     /* -2^-24: lost if unfused */
    { 1.0 + 0x1p-23, 1.0 + 0x1p-23, -1.0 },     /* 2^-22 + 2^-46 */
    { 3.0, 5.0, 7.0 },
    { 1.0, -0.0, -0.0 },
    { 0.0, 0.0, 0.0 },
    { -0.0, 1.0, 0.0 },
    { 1.0, 1.0, -1.0 },
    { __builtin_inf(), 0.0, __builtin_nan("") },
    { 0.0, __builtin_inf(), 1.0 },
    { __builtin_inf(), 2.0, -__builtin_inf() },
    { 0x1p-100, 0x1p-100, 1.0 },
};

int main(void)
{
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct fcase *c = &cases[i];

        printf("case %u\n", i);
        for (int op = 0; op < 4; op++) {
            unsigned fs, fd;
            uint64_t s = op_s(op, (float)c->a, (float)c->b, (float)c->c, &fs);
            uint64_t d = op_d(op, c->a, c->b, c->c, &fd);

            printf("  %-6s s %08" PRIx64 " flags %2u  d %016" PRIx64 " flags %2u\n",
                   names[op], s, fs, d, fd);
        }
    }
    return 0;
}
