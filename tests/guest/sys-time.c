/*
 * Clocks: CLOCK_MONOTONIC never goes back over many reads, nanosleep of
 * 2 ms takes at least 2 ms on that clock, gettimeofday and
 * CLOCK_REALTIME agree to within a minute, clock_getres answers,
 * times() and CLOCK_PROCESS_CPUTIME_ID move forward, and an invalid
 * clock or nanosecond count is EINVAL.  No times are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static long long ns(const struct timespec *t)
{
    return t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void)
{
    struct timespec a, b, req = { 0, 2000000 }, res;
    struct timeval tv;
    struct tms t;
    int mono = 1;
    volatile unsigned long spin = 0;

    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 10000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        mono &= ns(&b) >= ns(&a);
        a = b;
    }
    printf("monotonic %d\n", mono);
    clock_gettime(CLOCK_MONOTONIC, &a);
    printf("nanosleep %d\n", nanosleep(&req, NULL));
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("slept >= 2ms %d\n", ns(&b) - ns(&a) >= 2000000);
    clock_gettime(CLOCK_REALTIME, &a);
    gettimeofday(&tv, NULL);
    printf("realtime after 2020 %d\n", a.tv_sec > 1577836800);
    printf("gettimeofday close %d usec valid %d\n",
           tv.tv_sec - a.tv_sec < 60 && a.tv_sec - tv.tv_sec < 60,
           tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    printf("getres %d", clock_getres(CLOCK_MONOTONIC, &res));
    printf(" positive %d\n", res.tv_sec == 0 && res.tv_nsec > 0);
    printf("boottime %d\n", clock_gettime(CLOCK_BOOTTIME, &a));
    printf("coarse %d\n", clock_gettime(CLOCK_MONOTONIC_COARSE, &a));
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    for (unsigned long i = 0; i < 3000000; i++)
        spin += i;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    printf("cpu time advanced %d spun %d\n", ns(&b) > ns(&a), spin > 0);
    printf("times ok %d\n", times(&t) != (clock_t)-1);
    printf("bad clock %d", clock_gettime(12345, &a));
    printf(" errno %d\n", errno);
    req.tv_nsec = 1000000000;
    printf("bad nsec %d", nanosleep(&req, NULL));
    printf(" errno %d\n", errno);
    req.tv_sec = 0;
    req.tv_nsec = 0;
    printf("zero sleep %d\n", nanosleep(&req, NULL));
    printf("clock_nanosleep %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL));
    return 0;
}
