/* timerfd: one-shot and periodic expirations counted by blocking reads,
 * gettime/settime values, absolute times, disarming. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

int main(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec it = { { 0, 0 }, { 0, 2000000 } }, old, cur;
    uint64_t n;

    show("gettime unarmed", timerfd_gettime(fd, &cur));
    printf("unarmed: %ld %ld\n", cur.it_value.tv_nsec, cur.it_interval.tv_nsec);
    show("settime one-shot", timerfd_settime(fd, 0, &it, NULL));
    show("read", read(fd, &n, 8));
    printf("expirations: %llu\n", (unsigned long long)n);
    show("gettime expired", timerfd_gettime(fd, &cur));
    printf("expired value zero: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

    /* periodic: count expirations until at least 5 */
    it = (struct itimerspec){ { 0, 1000000 }, { 0, 1000000 } };
    timerfd_settime(fd, 0, &it, NULL);
    uint64_t total = 0;
    int reads = 0, zero = 0;
    while (total < 5) {
        if (read(fd, &n, 8) != 8)
            break;
        zero += n == 0;
        total += n;
        reads++;
    }
    printf("periodic: total >= 5: %d, reads between 1 and 5: %d, zero reads: %d\n",
           total >= 5, reads >= 1 && reads <= 5, zero);
    show("gettime periodic", timerfd_gettime(fd, &cur));
    printf("interval %ld.%09ld, value within it: %d\n", (long)cur.it_interval.tv_sec,
           cur.it_interval.tv_nsec, cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 1000000);

    /* replace with a long timer: old value is the periodic one */
    it = (struct itimerspec){ { 0, 0 }, { 100, 0 } };
    show("settime long", timerfd_settime(fd, 0, &it, &old));
    printf("old interval %ld\n", old.it_interval.tv_nsec);
    timerfd_gettime(fd, &cur);
    printf("long armed, > 90s left: %d\n", cur.it_value.tv_sec >= 90);
    struct pollfd p = { fd, POLLIN, 0 };
    show("poll not ready", poll(&p, 1, 0));

    /* absolute time in the past: expires at once */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    it = (struct itimerspec){ { 0, 0 }, { now.tv_sec - 1, 0 } };
    if (it.it_value.tv_sec <= 0)
        it.it_value.tv_nsec = 1;
    show("settime absolute past", timerfd_settime(fd, TFD_TIMER_ABSTIME, &it, NULL));
    show("read", read(fd, &n, 8));
    printf("expirations: %llu\n", (unsigned long long)n);

    it = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
    show("disarm", timerfd_settime(fd, 0, &it, NULL));
    int nb = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    show("nonblocking read unarmed", read(nb, &n, 8));
    it.it_value.tv_nsec = 1000000000;
    show("bad value", timerfd_settime(fd, 0, &it, NULL));
    show("bad clock", timerfd_create(12345, 0));
    show("bad new", syscall(SYS_timerfd_settime, fd, 0, (void *)16, NULL));
    show("bad cur", syscall(SYS_timerfd_gettime, fd, (void *)16));
    show("not a timerfd", timerfd_gettime(0, &cur));
    return 0;
}
