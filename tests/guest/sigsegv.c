/* SIGSEGV caught with SA_SIGINFO and left with siglongjmp: a write to
 * an unmapped address (SEGV_MAPERR) and one to a read-only page
 * (SEGV_ACCERR), each with si_addr the faulting address. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(env, 1);
}

static void try_write(volatile int *p, const char *what)
{
    got_sig = 0;
    if (sigsetjmp(env, 1) == 0) {
        *p = 1;
        printf("%s: no fault\n", what);
    } else {
        printf("%s: sig %d code %d addr ok %d\n", what, got_sig, got_code,
               got_addr == (void *)p);
    }
}

int main(void)
{
    static volatile uintptr_t low = 16;
    struct sigaction sa;
    sigset_t cur;
    void *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (ro == MAP_FAILED || sigaction(SIGSEGV, &sa, NULL) != 0)
        return 1;
    try_write((volatile int *)low, "unmapped");
    try_write((volatile int *)ro + 3, "read-only");
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("SIGSEGV blocked after siglongjmp: %d\n", sigismember(&cur, SIGSEGV));
    return 0;
}
