/* SIGSEGV from a NULL write and from a write to a read-only page,
 * SIGBUS from a mapping past the end of its file: the handler sees
 * si_addr and si_code and recovers with siglongjmp; the signal mask is
 * restored by siglongjmp (sigsetjmp with savemask). */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int round;
static volatile void *fault_addr;
static volatile int fault_code, fault_sig;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_sig = sig;
    fault_addr = si->si_addr;
    fault_code = si->si_code;
    siglongjmp(jb, 1);
}

static const char *code(void)
{
    if (fault_sig == SIGSEGV)
        return fault_code == SEGV_MAPERR ? "SEGV_MAPERR" : fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "?";
    return fault_code == BUS_ADRERR ? "BUS_ADRERR" : "?";
}

int main(void)
{
    struct sigaction sa;
    static volatile char *ro;
    static char *volatile past;
    sigset_t cur;
    long ps = sysconf(_SC_PAGESIZE);
    char name[] = "/tmp/sig-segv-XXXXXX";
    int fd;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    for (round = 0; round < 3; round++) {
        if (sigsetjmp(jb, 1) == 0) {
            *(volatile int *)0 = 1;
            printf("no fault?\n");
        } else {
            printf("NULL write %d: %s at %p, %s\n", round, fault_sig == SIGSEGV ? "SIGSEGV" : "?",
                   (void *)fault_addr, code());
        }
    }
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("SIGSEGV blocked after siglongjmp: %d\n", sigismember(&cur, SIGSEGV));

    ro = mmap(NULL, ps, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sigsetjmp(jb, 1) == 0)
        ro[10] = 1;
    printf("read-only write: at the page %d, %s\n", fault_addr == ro + 10, code());

    fd = mkstemp(name);
    unlink(name);
    write(fd, "x", 1);
    past = mmap(NULL, 2 * ps, PROT_READ, MAP_SHARED, fd, 0);
    if (sigsetjmp(jb, 1) == 0)
        printf("read %d\n", past[ps + 5]);
    printf("past the end of the file: %s at the address %d, %s\n",
           fault_sig == SIGBUS ? "SIGBUS" : "?", fault_addr == past + ps + 5, code());
    return 0;
}
