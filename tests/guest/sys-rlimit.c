/*
 * getrlimit, setrlimit and prlimit64: the raw getrlimit and prlimit64
 * agree with the C library, lowering RLIMIT_CORE's soft limit and reading
 * it back (old values returned by prlimit64), a soft limit above the hard
 * one (EINVAL), an unknown resource (EINVAL), and RLIMIT_NOFILE lowered
 * so that opening one more descriptor fails with EMFILE.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long rv)
{
    int e = errno;

    if (rv < 0)
        printf("%s = %ld errno %d\n", what, rv, e);
    else
        printf("%s = %ld\n", what, rv);
}
#define T(expr) show(#expr, (long)(expr))

int main(void)
{
    struct rlimit a, b, old;
    int fd, maxfd = 0;

    T(getrlimit(RLIMIT_STACK, &a));
    T(prlimit(0, RLIMIT_STACK, NULL, &b));
    printf("stack agrees %d\n", a.rlim_cur == b.rlim_cur && a.rlim_max == b.rlim_max);
    T(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &a));
    printf("nofile cur <= max %d\n", a.rlim_cur <= a.rlim_max);
    T(getrlimit(RLIMIT_CORE, &a));
    b.rlim_cur = 4096;
    b.rlim_max = a.rlim_max;
    if (b.rlim_max != RLIM_INFINITY && b.rlim_max < 4096)
        b.rlim_cur = b.rlim_max;
    T(prlimit(0, RLIMIT_CORE, &b, &old));
    printf("old matches %d\n", old.rlim_cur == a.rlim_cur && old.rlim_max == a.rlim_max);
    T(getrlimit(RLIMIT_CORE, &a));
    printf("core soft set %d\n", a.rlim_cur == b.rlim_cur);
    b.rlim_cur = 0;
    T(setrlimit(RLIMIT_CORE, &b));
    T(getrlimit(RLIMIT_CORE, &a));
    printf("core soft %lu\n", (unsigned long)a.rlim_cur);
    b.rlim_cur = 100;
    b.rlim_max = 10;
    T(setrlimit(RLIMIT_CORE, &b));
    T(getrlimit(99, &a));
    T(syscall(SYS_prlimit64, 0, 99, NULL, &a));
    T(prlimit(-1, RLIMIT_CORE, NULL, &a));
    T(getrlimit(RLIMIT_NOFILE, &a));
    b.rlim_cur = 16;
    b.rlim_max = a.rlim_max;
    T(setrlimit(RLIMIT_NOFILE, &b));
    while ((fd = open("/dev/null", O_RDONLY)) >= 0)
        maxfd = fd;
    printf("open stops with errno %d, highest fd %d\n", errno, maxfd);
    T(fcntl(0, F_DUPFD, 16));
    T(dup2(0, 16));
    return 0;
}
