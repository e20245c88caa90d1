/* SIGILL with SA_SIGINFO: si_addr is the instruction, the handler moves
 * the saved pc past it and returns (through rt_sigreturn). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int hits, addr_ok, code_ok;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)sig;
    hits++;
#if defined(__riscv)
    addr_ok = si->si_addr == (void *)uc->uc_mcontext.__gregs[REG_PC];
    code_ok = si->si_code == ILL_ILLOPC;
    uc->uc_mcontext.__gregs[REG_PC] += 4;
#elif defined(__x86_64__)
    addr_ok = si->si_addr == (void *)uc->uc_mcontext.gregs[REG_RIP];
    code_ok = si->si_code == ILL_ILLOPN;   /* ud2 on x86 */
    uc->uc_mcontext.gregs[REG_RIP] += 2;
#elif defined(__aarch64__)
    addr_ok = si->si_addr == (void *)uc->uc_mcontext.pc;
    /* Linux says ILL_ILLOPC, qemu-aarch64 7.2 ILL_ILLOPN. */
    code_ok = si->si_code == ILL_ILLOPC || si->si_code == ILL_ILLOPN;
    uc->uc_mcontext.pc += 4;
#endif
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
#if defined(__riscv)
    __asm__ volatile(".4byte 0xc0001073" ::: "memory"); /* unimp */
#elif defined(__aarch64__)
    __asm__ volatile("udf #0" ::: "memory");
#elif defined(__x86_64__)
    __asm__ volatile("ud2" ::: "memory");
#endif
    printf("after the illegal instruction: hits %d addr ok %d code ok %d\n", hits, addr_ok,
           code_ok);
    return 0;
}
