/* sigprocmask blocks a raised signal: it shows in sigpending, its
 * handler runs when it is unblocked; kill(getpid()) with SI_USER;
 * sigsuspend waits with a temporary mask. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int usr1, usr2, code, pid_ok;

static void on_usr1(int sig) { (void)sig; usr1++; }

static void on_usr2(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    usr2++;
    code = si->si_code;
    pid_ok = si->si_pid == getpid();
}

int main(void)
{
    struct sigaction sa;
    sigset_t set, old, pend;
    int r;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("blocked: ran %d, pending %d\n", usr1, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: ran %d\n", usr1);
    kill(getpid(), SIGUSR2);
    printf("kill: ran %d code SI_USER %d pid ok %d\n", usr2, code == SI_USER, pid_ok);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigemptyset(&set);
    r = sigsuspend(&set);
    printf("sigsuspend %d errno EINTR %d ran %d\n", r, errno == EINTR, usr1);
    sigprocmask(SIG_BLOCK, NULL, &set);
    printf("mask restored: %d\n", sigismember(&set, SIGUSR1));
    return 0;
}
