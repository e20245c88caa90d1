/* Flags and sizes the kernel refuses with EINVAL when creating event
 * descriptors (unknown flag bits are not silently dropped). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: a descriptor\n", what);
}

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);

    show("eventfd 0x100", eventfd(0, 0x100));
    show("timerfd_create 0x10", timerfd_create(CLOCK_MONOTONIC, 0x10));
    show("timerfd_create 0x100", timerfd_create(CLOCK_MONOTONIC, 0x100));
    show("inotify_init1 0x10", inotify_init1(0x10));
    show("signalfd 0x10", signalfd(-1, &set, 0x10));
    show("signalfd4 sigset size 4", syscall(SYS_signalfd4, -1, &set, 4, 0));
    show("signalfd4 sigset size 16", syscall(SYS_signalfd4, -1, &set, 16, 0));
    show("epoll_create1 1", epoll_create1(1));
    return 0;
}
