/* Real-time signals queue: with SIGRTMIN..SIGRTMIN+2 blocked, values
 * are queued out of order with sigqueue (several per signal); once
 * unblocked they arrive lowest signal first and, within a signal, in
 * the order sent, each with its value.  Standard signals do not queue.
 * SIGRTMAX works too. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char trace[512];
static int usr1_count;

static void handler(int sig, siginfo_t *si, void *uc)
{
    char one[32];

    (void)uc;
    if (sig == SIGUSR1) {
        usr1_count++;
        return;
    }
    snprintf(one, sizeof(one), " %s%d:%d", sig == SIGRTMAX ? "MAX" : "MIN+",
             sig == SIGRTMAX ? 0 : sig - SIGRTMIN, si->si_value.sival_int);
    strncat(trace, one, sizeof(trace) - strlen(trace) - 1);
}

int main(void)
{
    struct sigaction sa;
    sigset_t block, old;
    static const int order[][2] = {
        { 2, 1 }, { 0, 2 }, { 1, 3 }, { 0, 4 }, { 2, 5 }, { 1, 6 }, { 0, 7 }, { 2, 8 },
    };

    printf("SIGRTMIN..SIGRTMAX: %d signals\n", SIGRTMAX - SIGRTMIN + 1);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    /* Handlers run one at a time: the order is the delivery order. */
    sigfillset(&sa.sa_mask);
    sigemptyset(&block);
    for (int i = 0; i < 3; i++) {
        sigaction(SIGRTMIN + i, &sa, NULL);
        sigaddset(&block, SIGRTMIN + i);
    }
    sigaction(SIGRTMAX, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaddset(&block, SIGRTMAX);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
        sigqueue(getpid(), SIGRTMIN + order[i][0], (union sigval){ .sival_int = order[i][1] });
    sigqueue(getpid(), SIGRTMAX, (union sigval){ .sival_int = 99 });
    for (int i = 0; i < 3; i++)
        kill(getpid(), SIGUSR1);
    printf("queued, nothing delivered yet: '%s'\n", trace);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("delivered:%s\n", trace);
    printf("SIGUSR1 sent 3 times, delivered %d\n", usr1_count);
    return 0;
}
