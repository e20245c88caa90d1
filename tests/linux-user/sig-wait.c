/* Synchronous signal waiting: sigwaitinfo returns a blocked pending
 * signal with its siginfo, sigtimedwait times out with EAGAIN, sigwait
 * takes a signal sent by another thread, and sigsuspend runs the
 * handler of a signal it unblocks, then restores the mask. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;
static pthread_t main_thread;

static void handler(int sig)
{
    handled = sig;
}

static void *sender(void *arg)
{
    struct timespec ts = { 0, 20 * 1000 * 1000 };

    (void)arg;
    nanosleep(&ts, NULL);
    pthread_kill(main_thread, SIGUSR2);
    return NULL;
}

int main(void)
{
    sigset_t set, cur, wait_mask;
    siginfo_t si;
    struct timespec ts = { 0, 30 * 1000 * 1000 };
    struct sigaction sa;
    pthread_t t;
    int sig, r;

    main_thread = pthread_self();
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &set, NULL);

    sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 77 });
    r = sigwaitinfo(&set, &si);
    printf("sigwaitinfo: SIGRTMIN+%d, value %d, code SI_QUEUE %d\n", r - SIGRTMIN,
           si.si_value.sival_int, si.si_code == SI_QUEUE);
    r = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait with nothing pending: %d %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    pthread_create(&t, NULL, sender, NULL);
    r = sigwait(&set, &sig);
    printf("sigwait: %d, %s\n", r, sig == SIGUSR2 ? "SIGUSR2" : "?");
    pthread_join(t, NULL);

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    kill(getpid(), SIGUSR1);
    printf("blocked, handler not run: %d\n", handled == 0);
    sigprocmask(SIG_BLOCK, NULL, &wait_mask);
    sigdelset(&wait_mask, SIGUSR1);
    r = sigsuspend(&wait_mask);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("sigsuspend: %d %s, handler ran %d, mask restored %d\n", r,
           errno == EINTR ? "EINTR" : "?", handled == SIGUSR1, sigismember(&cur, SIGUSR1));
    return 0;
}
