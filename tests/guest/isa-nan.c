/*
 * NaN handling on riscv64: arithmetic and conversions return the
 * canonical NaN (0x7fc00000, 0x7ff8000000000000) whatever the input
 * payload or sign, and raise NV only for signalling inputs; moves and
 * sign injection keep payloads bit for bit; single values in the 64-bit
 * registers are NaN-boxed (upper 32 bits all ones) and a value that is
 * not properly boxed reads as the canonical NaN; fmin/fmax return the
 * other operand for one NaN and the canonical NaN for two; fclass tells
 * signalling from quiet.  On riscv64 each is the instruction; elsewhere
 * the values the specification requires are printed.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

struct res {
    const char *name;
    uint64_t bits;
    unsigned flags;
};

#define SNAN_S 0x7f800001u
#define QNAN_S_PAY 0xffc12345u
#define SNAN_D 0x7ff0000000000001ull
#define QNAN_D_PAY 0xfff8000000000123ull
#define ONE_S 0x3f800000u

#if defined(__riscv)
static unsigned clear(void)
{
    unsigned f;

    __asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(f));
    return f;
}

/* f is a single bit pattern moved in with fmv.w.x (so properly boxed). */
#define S2(insn, a, b, out)                                                  \
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\t" insn " ft2, ft0, ft1\n\t" \
                     "fmv.x.w %0, ft2" : "=r"(out) : "r"(a), "r"(b) : "ft0", "ft1", "ft2")
#define D2(insn, a, b, out)                                                  \
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn " ft2, ft0, ft1\n\t" \
                     "fmv.x.d %0, ft2" : "=r"(out) : "r"(a), "r"(b) : "ft0", "ft1", "ft2")

static int compute(struct res *r)
{
    uint64_t o;
    int n = 0;

    clear();
#define REC(nm) (r[n].name = nm, r[n].bits = o, r[n].flags = clear(), n++)
    S2("fadd.s", (uint64_t)SNAN_S, (uint64_t)ONE_S, o); REC("fadd.s snan");
    S2("fadd.s", (uint64_t)QNAN_S_PAY, (uint64_t)ONE_S, o); REC("fadd.s qnan payload");
    S2("fmul.s", (uint64_t)ONE_S, (uint64_t)QNAN_S_PAY, o); REC("fmul.s qnan second");
    D2("fadd.d", SNAN_D, 0x3ff0000000000000ull, o); REC("fadd.d snan");
    D2("fdiv.d", QNAN_D_PAY, 0x3ff0000000000000ull, o); REC("fdiv.d qnan payload");
    S2("fsgnj.s", (uint64_t)SNAN_S, (uint64_t)0x80000000u, o); REC("fsgnj.s snan");
    S2("fsgnjn.s", (uint64_t)QNAN_S_PAY, (uint64_t)QNAN_S_PAY, o); REC("fsgnjn.s payload");
    D2("fsgnjx.d", QNAN_D_PAY, 0x8000000000000000ull, o); REC("fsgnjx.d payload");
    S2("fmin.s", (uint64_t)QNAN_S_PAY, (uint64_t)ONE_S, o); REC("fmin.s qnan,1");
    S2("fmax.s", (uint64_t)ONE_S, (uint64_t)SNAN_S, o); REC("fmax.s 1,snan");
    S2("fmin.s", (uint64_t)QNAN_S_PAY, (uint64_t)SNAN_S, o); REC("fmin.s nan,nan");
    D2("fmax.d", QNAN_D_PAY, QNAN_D_PAY, o); REC("fmax.d nan,nan");
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(o) : "r"((uint64_t)SNAN_S) : "ft0");
    REC("fmv.w.x/fmv.x.w snan");
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(o) : "r"((uint64_t)ONE_S) : "ft0");
    REC("boxed 1.0f");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfadd.s ft1, ft0, ft0\n\tfmv.x.w %0, ft1"
                     : "=r"(o) : "r"((uint64_t)ONE_S) : "ft0", "ft1");
    REC("unboxed fadd.s");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(o) : "r"(0x1234567800000000ull) : "ft0");
    REC("unboxed fmv.x.w");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.s.d ft1, ft0\n\tfmv.x.w %0, ft1"
                     : "=r"(o) : "r"(SNAN_D) : "ft0", "ft1");
    REC("fcvt.s.d snan");
    __asm__ volatile("fmv.w.x ft0, %1\n\tfcvt.d.s ft1, ft0\n\tfmv.x.d %0, ft1"
                     : "=r"(o) : "r"((uint64_t)QNAN_S_PAY) : "ft0", "ft1");
    REC("fcvt.d.s qnan payload");
    __asm__ volatile("fmv.w.x ft0, %1\n\tfclass.s %0, ft0" : "=r"(o) : "r"((uint64_t)SNAN_S) : "ft0");
    REC("fclass.s snan");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfclass.d %0, ft0" : "=r"(o) : "r"(QNAN_D_PAY) : "ft0");
    REC("fclass.d qnan");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfeq.d %0, ft0, ft0" : "=r"(o) : "r"(SNAN_D) : "ft0");
    REC("feq.d snan");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfeq.d %0, ft0, ft0" : "=r"(o) : "r"(QNAN_D_PAY) : "ft0");
    REC("feq.d qnan");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfmadd.s ft2, ft1, ft1, ft0\n\t"
                     "fmv.x.w %0, ft2" : "=r"(o) : "r"(0xffffffff7fc0abcdull), "r"((uint64_t)ONE_S)
                     : "ft0", "ft1", "ft2");
    REC("fmadd.s 1*1+qnan");
#undef REC
    return n;
}
#else
static int compute(struct res *r)
{
    static const struct res spec[] = {
        { "fadd.s snan", 0x7fc00000, 16 },
        { "fadd.s qnan payload", 0x7fc00000, 0 },
        { "fmul.s qnan second", 0x7fc00000, 0 },
        { "fadd.d snan", 0x7ff8000000000000ull, 16 },
        { "fdiv.d qnan payload", 0x7ff8000000000000ull, 0 },
        { "fsgnj.s snan", 0xffffffffff800001ull, 0 },
        { "fsgnjn.s payload", 0x7fc12345, 0 },
        { "fsgnjx.d payload", 0x7ff8000000000123ull, 0 },
        { "fmin.s qnan,1", ONE_S, 0 },
        { "fmax.s 1,snan", ONE_S, 16 },
        { "fmin.s nan,nan", 0x7fc00000, 16 },
        { "fmax.d nan,nan", 0x7ff8000000000000ull, 0 },
        { "fmv.w.x/fmv.x.w snan", SNAN_S, 0 },
        { "boxed 1.0f", 0xffffffff3f800000ull, 0 },
        { "unboxed fadd.s", 0x7fc00000, 0 },
        { "unboxed fmv.x.w", 0, 0 },
        { "fcvt.s.d snan", 0x7fc00000, 16 },
        { "fcvt.d.s qnan payload", 0x7ff8000000000000ull, 0 },
        { "fclass.s snan", 0x100, 0 },
        { "fclass.d qnan", 0x200, 0 },
        { "feq.d snan", 0, 16 },
        { "feq.d qnan", 0, 0 },
        { "fmadd.s 1*1+qnan", 0x7fc00000, 0 },
    };
    int n = (int)(sizeof(spec) / sizeof(spec[0]));

    for (int i = 0; i < n; i++)
        r[i] = spec[i];
    return n;
}
#endif

int main(void)
{
    struct res r[32];
    int n = compute(r);

    for (int i = 0; i < n; i++)
        printf("%-22s %016" PRIx64 " flags %u\n", r[i].name, r[i].bits, r[i].flags);
    return 0;
}
