/*
 * SIGCHLD: an SA_SIGINFO handler sees each child's end (si_code,
 * si_status, si_pid) while the parent waits in sigsuspend; children
 * killed by a signal from the parent (kill) report CLD_KILLED; kill(pid,
 * 0) probes a live child and gives ESRCH once it is reaped; SIGCHLD set
 * to SIG_IGN reaps children automatically (wait fails with ECHILD) and
 * SA_NOCLDWAIT does the same with a handler still called.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KIDS 5

static volatile sig_atomic_t seen;
static volatile sig_atomic_t codes[KIDS], statuses[KIDS];
static pid_t pids[KIDS];

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    for (int i = 0; i < KIDS; i++)
        if (pids[i] == si->si_pid) {
            codes[i] = si->si_code;
            statuses[i] = si->si_status;
        }
    seen++;
}

static pid_t kid(int code)
{
    fflush(stdout);
    pid_t p = fork();
    if (p < 0) {
        perror("fork");
        exit(1);
    }
    if (p == 0) {
        if (code < 0)
            for (;;)
                pause();
        _exit(code);
    }
    return p;
}

int main(void)
{
    struct sigaction sa;
    sigset_t chld, old;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);

    /* One child at a time, so no two SIGCHLDs merge into one. */
    for (int i = 0; i < KIDS; i++) {
        sigprocmask(SIG_BLOCK, &chld, &old);
        pids[i] = kid(i % 2 ? -1 : 20 + i);
        if (i % 2) {
            printf("kid %d alive: %d\n", i, kill(pids[i], 0));
            kill(pids[i], i == 1 ? SIGKILL : SIGHUP);
        }
        while (seen <= i)
            sigsuspend(&old);
        sigprocmask(SIG_SETMASK, &old, NULL);
        int st;
        if (waitpid(pids[i], &st, 0) != pids[i])
            perror("waitpid");
        printf("kid %d: code %s status %d; wait says %s %d\n", i,
               codes[i] == CLD_EXITED ? "CLD_EXITED" : codes[i] == CLD_KILLED ? "CLD_KILLED" : "?",
               statuses[i], WIFEXITED(st) ? "exited" : "signalled",
               WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
        errno = 0;
        int r = kill(pids[i], 0);
        printf("kid %d after reaping: %d %s\n", i, r, strerror(errno));
    }

    /* SIG_IGN: no zombies, wait reports ECHILD once they are gone. */
    signal(SIGCHLD, SIG_IGN);
    kid(1);
    kid(2);
    errno = 0;
    int r = wait(NULL);
    printf("SIG_IGN: wait %d %s\n", r, strerror(errno));

    /* SA_NOCLDWAIT with a handler: called, but nothing to wait for. */
    seen = 0;
    sa.sa_flags = SA_SIGINFO | SA_NOCLDWAIT;
    sigprocmask(SIG_BLOCK, &chld, &old);
    sigaction(SIGCHLD, &sa, NULL);
    pids[0] = kid(9);
    while (seen == 0)
        sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("SA_NOCLDWAIT: handler saw status %d\n", statuses[0]);
    errno = 0;
    r = wait(NULL);
    printf("SA_NOCLDWAIT: wait %d %s\n", r, strerror(errno));
    return 0;
}
