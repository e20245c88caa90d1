/*
 * dup, dup2 and dup3: the lowest free number, a shared file offset,
 * O_CLOEXEC on the new descriptor only, dup2 onto itself (a no-op) and
 * dup3 onto itself (EINVAL), dup3 with unknown flags, replacing an open
 * descriptor, and bad descriptors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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
    int p[2], d;
    char buf[16];

    if (pipe(p) < 0)
        return 1;
    close(p[0]);
    close(p[1]);
    if (pipe(p) < 0)
        return 1;
    printf("pipe %d %d\n", p[0], p[1]);
    d = dup(p[1]);
    T(d);
    T(write(d, "via dup\n", 8));
    T(close(d));
    T(dup3(p[1], 10, O_CLOEXEC));
    T(fcntl(10, F_GETFD));
    T(fcntl(p[1], F_GETFD));
    T(dup3(p[1], 10, 0));
    T(fcntl(10, F_GETFD));
    T(write(10, "via 10\n", 7));
    T(dup3(p[1], p[1], 0));
    T(dup2(p[1], p[1]));
    T(dup3(p[1], 11, 0x4));
    T(dup3(99, 11, 0));
    T(dup2(99, 11));
    T(dup(-1));
    T(dup3(p[1], -1, 0));
    T(syscall(SYS_dup3, p[1], 1 << 30, 0));
    T(read(p[0], buf, sizeof(buf)));
    T(dup2(p[0], 10));
    T(write(p[1], "x", 1));
    T(read(10, buf, 1));
    printf("got %c\n", buf[0]);
    T(close(10));
    T(close(10));
    T(dup2(1, 12));
    fflush(stdout);
    T(write(12, "stdout copy\n", 12));
    return 0;
}
