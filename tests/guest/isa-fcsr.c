/*
 * The floating-point control and status register: fscsr/frcsr keep only
 * the low 8 bits (frm in bits 7:5, fflags in 4:0), fsrm and fsflags swap
 * their fields and return the old value, csrrs/csrrc on fflags set and
 * clear single flags, and the rounding mode set through fcsr rounds an
 * addition (1 + 2^-24 + 2^-25 in single precision under each of the five
 * modes; 1/3 rounded up and down).  Reserved rounding modes 5 and 6 and
 * dyn (7) read back as written.  On riscv64 each is the instruction;
 * elsewhere a C model of the specification prints the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__riscv)
static unsigned fscsr(unsigned v)
{
    unsigned old;

    __asm__ volatile("fscsr %0, %1" : "=r"(old) : "r"(v));
    return old;
}
static unsigned frcsr(void)
{
    unsigned v;

    __asm__ volatile("frcsr %0" : "=r"(v));
    return v;
}
static unsigned fsrm(unsigned v)
{
    unsigned old;

    __asm__ volatile("fsrm %0, %1" : "=r"(old) : "r"(v));
    return old;
}
static unsigned set_flag(unsigned bit)
{
    unsigned old;

    __asm__ volatile("csrrs %0, fflags, %1" : "=r"(old) : "r"(bit));
    return old;
}
static unsigned clear_flag(unsigned bit)
{
    unsigned old;

    __asm__ volatile("csrrc %0, fflags, %1" : "=r"(old) : "r"(bit));
    return old;
}
static uint32_t add_dyn(float a, float b)
{
    float r;
    uint32_t u;

    __asm__ volatile("fadd.s %0, %1, %2, dyn" : "=f"(r) : "f"(a), "f"(b));
    memcpy(&u, &r, 4);
    return u;
}
static uint32_t div_dyn(float a, float b)
{
    float r;
    uint32_t u;

    __asm__ volatile("fdiv.s %0, %1, %2, dyn" : "=f"(r) : "f"(a), "f"(b));
    memcpy(&u, &r, 4);
    return u;
}
#else
static unsigned csr;

static unsigned fscsr(unsigned v)
{
    unsigned old = csr;

    csr = v & 0xff;
    return old;
}
static unsigned frcsr(void) { return csr; }
static unsigned fsrm(unsigned v)
{
    unsigned old = csr >> 5;

    csr = (csr & 0x1f) | (v & 7) << 5;
    return old;
}
static unsigned set_flag(unsigned bit)
{
    unsigned old = csr & 0x1f;

    csr |= bit & 0x1f;
    return old;
}
static unsigned clear_flag(unsigned bit)
{
    unsigned old = csr & 0x1f;

    csr &= ~(bit & 0x1f);
    return old;
}
/* 1 + 0x1.8p-24: halfway-plus between 1 and 1 + 2^-23 (NX each time). */
static uint32_t add_dyn(float a, float b)
{
    static const uint32_t by_mode[] = { 0x3f800001, 0x3f800000, 0x3f800000, 0x3f800001,
                                        0x3f800001 };

    (void)a;
    (void)b;
    csr |= 1;
    return by_mode[csr >> 5];
}
static uint32_t div_dyn(float a, float b)
{
    static const uint32_t by_mode[] = { 0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaaa, 0x3eaaaaab,
                                        0x3eaaaaab };

    (void)a;
    (void)b;
    csr |= 1;
    return by_mode[csr >> 5];
}
#endif

int main(void)
{
    static const char *const modes[] = { "rne", "rtz", "rdn", "rup", "rmm" };
    volatile float one = 1.0f, tiny = 0x1.8p-24f, three = 3.0f;
    unsigned old;

    fscsr(0);
    printf("fscsr 0xfff: old %#x\n", fscsr(0xfff));
    printf("frcsr %#x\n", frcsr());
    old = fsrm(2);
    printf("fsrm 2: old %u, csr %#x\n", old, frcsr());
    for (unsigned m = 5; m < 8; m++) {
        fsrm(m);
        printf("frm %u reads back %u\n", m, frcsr() >> 5);
    }
    fscsr(0);
    old = set_flag(1);
    printf("set NX: old %#x;", old);
    old = set_flag(8);
    printf(" set DZ: old %#x;", old);
    old = clear_flag(1);
    printf(" clear NX: old %#x; now %#x\n", old, frcsr());
    for (unsigned m = 0; m < 5; m++) {
        uint32_t sum, quot;

        fscsr(m << 5);
        sum = add_dyn(one, tiny);
        quot = div_dyn(one, three);
        printf("%s: 1 + 0x1.8p-24 = %08" PRIx32 " 1/3 = %08" PRIx32 " csr %#x\n", modes[m],
               sum, quot, frcsr());
    }
    fscsr(0);
    return 0;
}
