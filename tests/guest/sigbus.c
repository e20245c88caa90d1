/* A misaligned atomic raises SIGBUS with si_code BUS_ADRALN and si_addr
 * the access (riscv64; other hosts, where such an access is allowed,
 * raise the signal and check si_code SI_TKILL instead); an ebreak raises
 * SIGTRAP with TRAP_BRKPT at its pc (riscv64 only; raise elsewhere). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile int got_sig, code_ok, addr_ok;
static void *volatile want_addr;
static _Alignas(8) volatile uint32_t words[4];

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    got_sig = sig;
#if defined(__riscv)
    if (sig == SIGBUS) {
        code_ok = si->si_code == BUS_ADRALN;
        addr_ok = si->si_addr == want_addr;
    } else {
        code_ok = si->si_code == TRAP_BRKPT;
        addr_ok = si->si_addr == (void *)uc->uc_mcontext.__gregs[REG_PC];
    }
#else
    (void)uc;
    code_ok = si->si_code == SI_TKILL;
    addr_ok = 1;
#endif
    siglongjmp(env, 1);
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    want_addr = (char *)words + 2;
    if (sigsetjmp(env, 1) == 0) {
#if defined(__riscv)
        uint32_t old;
        __asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(old) : "r"(want_addr), "r"(1) : "memory");
#else
        raise(SIGBUS);
#endif
        printf("no SIGBUS\n");
    }
    printf("sig %d code ok %d addr ok %d\n", got_sig, code_ok, addr_ok);
    got_sig = 0;
    if (sigsetjmp(env, 1) == 0) {
#if defined(__riscv)
        __asm__ volatile("ebreak" ::: "memory");
#else
        raise(SIGTRAP);
#endif
        printf("no SIGTRAP\n");
    }
    printf("sig %d code ok %d addr ok %d\n", got_sig, code_ok, addr_ok);
    return 0;
}
