/* An event loop as servers write them: one epoll set over a timerfd, an
 * eventfd that worker threads post to, a signalfd and a pipe; the loop
 * runs until every source has delivered what it was sent. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#define WORKERS 4
#define POSTS 25

static int efd, pipefd[2];

static void *worker(void *arg)
{
    uint64_t one = 1;
    for (int i = 0; i < POSTS; i++)
        if (write(efd, &one, sizeof(one)) != sizeof(one))
            perror("eventfd write");
    if ((intptr_t)arg == 0 && write(pipefd[1], "bye", 3) != 3)
        perror("pipe write");
    return NULL;
}

enum { TIMER = 1, EVENT, SIGNAL, PIPE };

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);

    int ep = epoll_create1(EPOLL_CLOEXEC);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    efd = eventfd(0, EFD_NONBLOCK);
    int sfd = signalfd(-1, &set, SFD_NONBLOCK);
    pipe(pipefd);
    struct { int fd; uint64_t tag; uint32_t ev; } src[] = {
        { tfd, TIMER, EPOLLIN }, { efd, EVENT, EPOLLIN | EPOLLET },
        { sfd, SIGNAL, EPOLLIN }, { pipefd[0], PIPE, EPOLLIN },
    };
    for (unsigned i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
        struct epoll_event ev = { src[i].ev, { .u64 = src[i].tag << 32 | (uint64_t)src[i].fd } };
        epoll_ctl(ep, EPOLL_CTL_ADD, src[i].fd, &ev);
    }
    struct itimerspec it = { { 0, 1000000 }, { 0, 1000000 } };
    timerfd_settime(tfd, 0, &it, NULL);

    pthread_t th[WORKERS];
    for (intptr_t i = 0; i < WORKERS; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    kill(getpid(), SIGUSR2);

    uint64_t ticks = 0, posted = 0;
    int signals = 0, bye = 0, bad_tag = 0;
    while (ticks < 5 || posted < WORKERS * POSTS || !signals || !bye) {
        struct epoll_event evs[8];
        int n = epoll_wait(ep, evs, 8, 5000);
        if (n <= 0) {
            printf("epoll_wait: %d %s\n", n, strerror(errno));
            break;
        }
        for (int i = 0; i < n; i++) {
            int fd = (int)(evs[i].data.u64 & 0xffffffff);
            uint64_t v;
            struct signalfd_siginfo si;
            char buf[8];
            switch (evs[i].data.u64 >> 32) {
            case TIMER:
                if (fd != tfd) bad_tag++;
                if (read(tfd, &v, 8) == 8) ticks += v;
                break;
            case EVENT:     /* edge-triggered: drain it */
                if (fd != efd) bad_tag++;
                while (read(efd, &v, 8) == 8)
                    posted += v;
                break;
            case SIGNAL:
                if (fd != sfd) bad_tag++;
                while (read(sfd, &si, sizeof(si)) == sizeof(si))
                    signals += si.ssi_signo == SIGUSR2;
                break;
            case PIPE:
                if (fd != pipefd[0]) bad_tag++;
                if (read(pipefd[0], buf, sizeof(buf)) == 3)
                    bye = 1;
                break;
            default:
                bad_tag++;
            }
        }
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(th[i], NULL);
    /* anything the workers posted after the last wait */
    uint64_t v;
    while (read(efd, &v, 8) == 8)
        posted += v;
    printf("ticks >= 5: %d, posted %llu, signals %d, bye %d, bad tags %d\n", ticks >= 5,
           (unsigned long long)posted, signals, bye, bad_tag);
    return 0;
}
