/* SA_SIGINFO handlers see the right siginfo: sigqueue's value and
 * SI_QUEUE, kill's SI_USER with our pid and uid, raise's SI_TKILL, a
 * timer's SIGALRM (SI_KERNEL from alarm), and the ucontext pointer. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static siginfo_t last;
static int had_uc;

static void handler(int sig, siginfo_t *si, void *uc)
{
    last = *si;
    had_uc = uc != NULL;
    got = sig;
}

static const char *code_name(int code)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TKILL: return "SI_TKILL";
    case SI_KERNEL: return "SI_KERNEL";
    case SI_TIMER: return "SI_TIMER";
    default: return "other";
    }
}

static void report(const char *what)
{
    printf("%s: signal %d, si_signo %d, %s, pid ours %d, uid ours %d, ucontext %d",
           what, (int)got, last.si_signo, code_name(last.si_code), last.si_pid == getpid(),
           last.si_uid == getuid(), had_uc);
    if (last.si_code == SI_QUEUE)
        printf(", value %d", last.si_value.sival_int);
    printf("\n");
    got = 0;
}

int main(void)
{
    struct sigaction sa;
    sigset_t block, old;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGRTMIN + 3, &sa, NULL);

    sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 1234 });
    report("sigqueue");
    kill(getpid(), SIGUSR2);
    report("kill");
    raise(SIGUSR1);
    report("raise");
    sigqueue(getpid(), SIGRTMIN + 3, (union sigval){ .sival_int = -5 });
    printf("real-time: SIGRTMIN+%d\n", got - SIGRTMIN);
    report("sigqueue rt");

    /* A blocked signal stays pending and shows in sigpending. */
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, &old);
    kill(getpid(), SIGUSR2);
    sigset_t pend;
    sigpending(&pend);
    printf("blocked SIGUSR2 pending %d, delivered %d\n", sigismember(&pend, SIGUSR2), (int)got);
    sigprocmask(SIG_SETMASK, &old, NULL);
    report("after unblocking");

    ualarm(50000, 0);
    while (!got)
        pause();
    report("alarm");
    return 0;
}
