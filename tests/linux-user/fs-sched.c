/* Scheduler calls: affinity masks, policies, priorities, parameters. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
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
    cpu_set_t set, one, back;
    struct sched_param sp = { 0 };
    unsigned long raw[128];

    show("getaffinity", sched_getaffinity(0, sizeof(set), &set));
    int n = CPU_COUNT(&set);
    printf("cpus > 0: %d\n", n > 0);
    printf("online >= cpus: %d\n", sysconf(_SC_NPROCESSORS_ONLN) >= n);
    long len = syscall(SYS_sched_getaffinity, 0, sizeof(raw), raw);
    printf("raw length multiple of 8, at most the buffer: %d\n",
           len > 0 && len % 8 == 0 && len <= (long)sizeof(raw));
    show("raw short", syscall(SYS_sched_getaffinity, 0, 1, raw));
    show("raw unaligned", syscall(SYS_sched_getaffinity, 0, 12, raw));
    show("raw bad buffer", syscall(SYS_sched_getaffinity, 0, sizeof(raw), (void *)16));

    int first = 0;
    while (!CPU_ISSET(first, &set))
        first++;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    show("setaffinity one", sched_setaffinity(0, sizeof(one), &one));
    sched_getaffinity(0, sizeof(back), &back);
    printf("now one cpu: %d, the chosen one: %d\n", CPU_COUNT(&back), CPU_ISSET(first, &back));
    show("sched_getcpu is it", sched_getcpu() == first);
    show("setaffinity back", sched_setaffinity(0, sizeof(set), &set));
    sched_getaffinity(0, sizeof(back), &back);
    printf("restored: %d\n", CPU_EQUAL(&set, &back));
    CPU_ZERO(&one);
    show("setaffinity empty", sched_setaffinity(0, sizeof(one), &one));
    show("setaffinity bad pid", sched_setaffinity(-1, sizeof(one), &one));

    show("getscheduler", sched_getscheduler(0));
    show("getparam", sched_getparam(0, &sp));
    printf("priority: %d\n", sp.sched_priority);
    show("getparam null", syscall(SYS_sched_getparam, 0, NULL));
    show("getparam bad", syscall(SYS_sched_getparam, 0, (void *)16));
    show("fifo max", sched_get_priority_max(SCHED_FIFO));
    show("fifo min", sched_get_priority_min(SCHED_FIFO));
    show("other max", sched_get_priority_max(SCHED_OTHER));
    show("bad policy max", sched_get_priority_max(77));
    sp.sched_priority = 0;
    show("setscheduler batch", sched_setscheduler(0, SCHED_BATCH, &sp));
    show("getscheduler", sched_getscheduler(0));
    show("setscheduler other", sched_setscheduler(0, SCHED_OTHER, &sp));
    sp.sched_priority = 5;
    show("setparam bad prio", sched_setparam(0, &sp));
    show("setscheduler null", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL));
    struct timespec ts = { 9, 9 };
    show("rr_get_interval", sched_rr_get_interval(0, &ts));
    printf("interval plausible: %d\n", ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);

    /* sched_attr: size 48 (version 0) */
    unsigned int attr[14] = { 0 };
    show("getattr", syscall(SYS_sched_getattr, 0, attr, 48, 0));
    printf("attr size %u policy %u\n", attr[0], attr[1]);
    show("getattr small", syscall(SYS_sched_getattr, 0, attr, 40, 0));
    show("setattr", syscall(SYS_sched_setattr, 0, attr, 0));
    return 0;
}
