/* A signal blocked by the thread and let in by the temporary mask of
 * ppoll, pselect and epoll_pwait ends the wait with EINTR; the handler
 * runs before the call returns, with the thread's own mask back after.
 * The signal comes from the kernel (an interval timer), not from the
 * thread itself. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_alrm(int sig)
{
    (void)sig;
    hits++;
}

/* SIGALRM pending (blocked), sent by the kernel's interval timer. */
static void alarm_pending(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 1000 } };
    sigset_t pend;

    setitimer(ITIMER_REAL, &it, NULL);
    do
        sigpending(&pend);
    while (!sigismember(&pend, SIGALRM));
}

static void report(const char *what, long r)
{
    int e = errno, before = hits;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, NULL, &none);
    int still_blocked = sigismember(&none, SIGALRM);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGALRM);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    printf("%s: %ld %s, mask kept %d, handler ran before return %d, in all %d\n", what, r,
           r < 0 ? strerror(e) : "", still_blocked, before, hits);
    sigprocmask(SIG_BLOCK, &unblock, NULL);
    hits = 0;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alrm;
    sigaction(SIGALRM, &sa, NULL);
    sigset_t block, empty;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);

    int p[2];
    pipe(p);
    struct pollfd pf = { p[0], POLLIN, 0 };
    struct timespec ts = { 30, 0 };

    alarm_pending();
    report("ppoll", ppoll(&pf, 1, &ts, &empty));

    alarm_pending();
    fd_set r;
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    report("pselect", pselect(p[0] + 1, &r, NULL, NULL, &ts, &empty));

    int ep = epoll_create1(0);
    struct epoll_event ev = { EPOLLIN, { .u64 = 1 } }, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    alarm_pending();
    report("epoll_pwait", epoll_pwait(ep, &out, 1, 30000, &empty));

    /* the mask still blocking it: the wait is not disturbed */
    alarm_pending();
    report("ppoll blocked", ppoll(&pf, 1, &(struct timespec){ 0, 1000 }, &block));
    return 0;
}
