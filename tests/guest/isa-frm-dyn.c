/*
 * The dynamic rounding mode against an invalid frm: with frm 5, 6 or 7 an
 * FP instruction whose rm field is dyn (7) is an illegal instruction
 * (SIGILL, si_code ILL_ILLOPC), an instruction with a static rm still
 * runs, and once frm is valid again dyn works.  uemu resolves dyn when it
 * translates a block (frm is part of the block's flags), so this also
 * checks that writing frm ends the block: the same code runs under each
 * frm in turn.  Elsewhere a C model prints the same lines.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile int ill_code;

static void on_ill(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    ill_code = si->si_code;
    siglongjmp(env, 1);
}

#if defined(__riscv)
static void set_frm(unsigned v)
{
    __asm__ volatile("fsrm %0" : : "r"(v));
}
static uint64_t add_dyn(double a, double b)
{
    double r;
    uint64_t bits;

    __asm__ volatile("fadd.d %0, %1, %2, dyn" : "=f"(r) : "f"(a), "f"(b));
    memcpy(&bits, &r, sizeof(bits));
    return bits;
}
static uint64_t add_rtz(double a, double b)
{
    double r;
    uint64_t bits;

    __asm__ volatile("fadd.d %0, %1, %2, rtz" : "=f"(r) : "f"(a), "f"(b));
    memcpy(&bits, &r, sizeof(bits));
    return bits;
}
static uint64_t cvt_dyn(int v)
{
    double r;
    uint64_t bits;

    /* fcvt.d.w with rm = dyn, which the assembler does not spell */
    __asm__ volatile(".insn r OP_FP, 7, 0x69, %0, %1, x0" : "=f"(r) : "r"(v));
    memcpy(&bits, &r, sizeof(bits));
    return bits;
}
#else
/* The model: frm as a variable, dyn illegal when it is 5..7. */
static unsigned model_frm;
static void set_frm(unsigned v)
{
    model_frm = v & 7;
}
static uint64_t round_add(double a, double b, unsigned rm)
{
    /* 1 + 2^-53 * 1.5: up for RUP and RMM and RNE, down for RTZ/RDN */
    double r = a + b;
    uint64_t bits;

    memcpy(&bits, &r, sizeof(bits));
    if (rm == 1 || rm == 2)
        bits = 0x3ff0000000000000ull;
    return bits;
}
static uint64_t add_dyn(double a, double b)
{
    if (model_frm > 4)
        raise(SIGILL);
    return round_add(a, b, model_frm);
}
static uint64_t add_rtz(double a, double b)
{
    return round_add(a, b, 1);
}
static uint64_t cvt_dyn(int v)
{
    double r = v;
    uint64_t bits;

    if (model_frm > 4)
        raise(SIGILL);
    memcpy(&bits, &r, sizeof(bits));
    return bits;
}
#endif

int main(void)
{
    struct sigaction sa;
    volatile double one = 1.0, eps = 0x1.8p-53;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_ill;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    for (volatile unsigned frm = 0; frm < 8; frm++) {
        set_frm(frm);
        printf("frm %u: rtz %016llx", frm, (unsigned long long)add_rtz(one, eps));
        if (sigsetjmp(env, 1) == 0)
            printf(" dyn %016llx", (unsigned long long)add_dyn(one, eps));
        else
            printf(" dyn SIGILL");
        if (sigsetjmp(env, 1) == 0)
            printf(" cvt %016llx\n", (unsigned long long)cvt_dyn(-3));
        else
            printf(" cvt SIGILL\n");
    }
    set_frm(0);
    return 0;
}
