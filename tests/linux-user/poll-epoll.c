/* epoll with many descriptors: level- and edge-triggered, oneshot, the
 * 64-bit data word kept exactly (x86_64 packs struct epoll_event, riscv64
 * does not), modify and delete, errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 100

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static int cmp(const void *x, const void *y)
{
    const struct epoll_event *a = x, *b = y;
    return a->data.u64 < b->data.u64 ? -1 : a->data.u64 > b->data.u64;
}

int main(void)
{
    int p[N][2];
    struct epoll_event ev, out[N + 8];
    int ep = epoll_create1(EPOLL_CLOEXEC);

    printf("cloexec: %d\n", fcntl(ep, F_GETFD));
    for (int i = 0; i < N; i++) {
        pipe(p[i]);
        ev.events = EPOLLIN | (i % 2 ? EPOLLET : 0);
        ev.data.u64 = 0x1234567800000000ull + (uint64_t)i * 0x100000001ull;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, p[i][0], &ev))
            printf("add %d failed\n", i);
    }
    show("wait idle", epoll_wait(ep, out, N, 0));
    for (int i = 0; i < N; i += 3)
        write(p[i][1], "ab", 2);
    int n = epoll_wait(ep, out, N + 8, 1000);
    show("wait", n);
    qsort(out, n, sizeof(out[0]), cmp);
    uint64_t sum = 0;
    for (int i = 0; i < n; i++)
        sum += out[i].data.u64 ^ out[i].events;
    printf("first %#llx events %#x, checksum %#llx\n", (unsigned long long)out[0].data.u64,
           out[0].events, (unsigned long long)sum);
    /* nothing read: level-triggered ones report again, edge ones not */
    n = epoll_wait(ep, out, N + 8, 0);
    int level = 0, edge = 0;
    for (int i = 0; i < n; i++) {
        int idx = (int)(out[i].data.u64 & 0xffffffff);
        if (idx % 2)
            edge++;
        else
            level++;
    }
    printf("again: %d level, %d edge\n", level, edge);
    /* more data makes the edge ones fire once more */
    for (int i = 1; i < N; i += 6)
        write(p[i][1], "c", 1);
    n = epoll_wait(ep, out, N + 8, 0);
    level = edge = 0;
    for (int i = 0; i < n; i++) {
        int idx = (int)(out[i].data.u64 & 0xffffffff);
        if (idx % 2)
            edge++;
        else
            level++;
    }
    printf("after more: %d level, %d edge\n", level, edge);

    /* maxevents smaller than the ready set: round by round, all seen */
    int seen = 0, rounds = 0;
    for (int i = 0; i < N; i++) {
        char buf[8];
        /* most pipes are empty: a blocking read would wait forever */
        fcntl(p[i][0], F_SETFL, O_NONBLOCK);
        while (read(p[i][0], buf, sizeof(buf)) > 0)
            ;
    }
    for (int i = 0; i < N; i++) {
        ev.events = EPOLLIN | EPOLLONESHOT;
        ev.data.u64 = (uint64_t)i << 40;
        epoll_ctl(ep, EPOLL_CTL_MOD, p[i][0], &ev);
        write(p[i][1], "z", 1);
    }
    while ((n = epoll_wait(ep, out, 7, 0)) > 0) {
        seen += n;
        rounds++;
    }
    printf("oneshot: %d seen in %d rounds\n", seen, rounds);
    ev.events = EPOLLIN;
    ev.data.u64 = 42;
    show("rearm", epoll_ctl(ep, EPOLL_CTL_MOD, p[5][0], &ev));
    n = epoll_wait(ep, out, 4, 0);
    printf("rearmed: %d data %llu\n", n, n > 0 ? (unsigned long long)out[0].data.u64 : 0ull);
    show("del", epoll_ctl(ep, EPOLL_CTL_DEL, p[5][0], NULL));
    show("wait after del", epoll_wait(ep, out, 4, 0));
    show("del again", epoll_ctl(ep, EPOLL_CTL_DEL, p[5][0], NULL));
    show("add twice", epoll_ctl(ep, EPOLL_CTL_ADD, p[6][0], &ev));
    show("add self", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
    show("add bad event", syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[5][0], (void *)16));
    show("maxevents 0", epoll_wait(ep, out, 0, 0));
    show("bad buffer", syscall(SYS_epoll_pwait, ep, (void *)16, 4, 0, NULL, 8));
    show("not epoll", epoll_wait(p[0][0], out, 4, 0));
    sigset_t m;
    sigemptyset(&m);
    show("pwait mask", epoll_pwait(ep, out, 4, 0, &m));
    show("pwait bad sigsetsize", syscall(SYS_epoll_pwait, ep, out, 4, 0, &m, 4));
    struct timespec ts = { 0, 1000 };
    show("pwait2", syscall(SYS_epoll_pwait2, ep, out, 4, &ts, NULL, 8));
    write(p[5][1], "w", 1);
    ev.events = EPOLLIN;
    ev.data.u64 = 0xfedcba9876543210ull;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[5][0], &ev);
    n = (int)syscall(SYS_epoll_pwait2, ep, out, 4, NULL, NULL, 8);
    printf("pwait2 forever: %d data %#llx\n", n, (unsigned long long)out[0].data.u64);
    show("create1 bad flags", epoll_create1(1));
    return 0;
}
