/* sigtimedwait takes a blocked pending signal without running its
 * handler (si_code 0: glibc's sigtimedwait turns raise's SI_TKILL into
 * SI_USER) and times out with EAGAIN when none comes; real-time signals
 * (SIGRTMIN + n) reach their handler, with sigqueue's value. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile int handled, rt_sig;

static void on_usr1(int sig) { (void)sig; handled++; }
static void on_rt(int sig) { rt_sig = sig; }

static volatile int queued_value, queued_code;

static void on_queued(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    queued_value = si->si_value.sival_int;
    queued_code = si->si_code;
}

int main(void)
{
    struct timespec ts = { 0, 10 * 1000 * 1000 };
    siginfo_t si;
    sigset_t set;
    int r;

    signal(SIGUSR1, on_usr1);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    memset(&si, 0, sizeof(si));
    r = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait %d (SIGUSR1 %d) code %d pid ok %d handled %d\n", r,
           r == SIGUSR1, si.si_code, si.si_pid == getpid(), handled);
    r = sigtimedwait(&set, &si, &ts);
    printf("nothing pending: %d EAGAIN %d\n", r, errno == EAGAIN);
    signal(SIGRTMIN + 2, on_rt);
    raise(SIGRTMIN + 2);
    printf("real-time signal SIGRTMIN+2 handled: %d\n", rt_sig == SIGRTMIN + 2);
    {
        struct sigaction sa;
        union sigval v = { .sival_int = 4242 };

        memset(&sa, 0, sizeof(sa));
        sa.sa_sigaction = on_queued;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGRTMIN + 3, &sa, NULL);
        r = sigqueue(getpid(), SIGRTMIN + 3, v);
        printf("sigqueue %d value %d SI_QUEUE %d\n", r, queued_value, queued_code == SI_QUEUE);
    }
    return 0;
}
