/*
 * pipe2: data through a pipe in order, O_NONBLOCK (EAGAIN on an empty
 * pipe), O_CLOEXEC, end of file once every write end is closed, EPIPE
 * (with SIGPIPE ignored) once the read end is closed, unknown flags, and
 * filling a non-blocking pipe until it refuses more.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    static char big[65536];
    char buf[32];
    int p[2], q[2];
    long total = 0;
    ssize_t n;

    T(pipe2(p, O_NONBLOCK | O_CLOEXEC));
    T(fcntl(p[0], F_GETFD));
    T(!!(fcntl(p[1], F_GETFL) & O_NONBLOCK));
    T(read(p[0], buf, sizeof(buf)));
    T(write(p[1], "first ", 6));
    T(write(p[1], "second", 6));
    n = read(p[0], buf, 4);
    printf("read %zd '%.*s'\n", n, (int)n, buf);
    n = read(p[0], buf, sizeof(buf));
    printf("read %zd '%.*s'\n", n, (int)n, buf);
    memset(big, 'b', sizeof(big));
    while ((n = write(p[1], big, sizeof(big))) > 0)
        total += n;
    printf("filled: total>=4096 %d errno %d\n", total >= 4096, errno);
    while ((n = read(p[0], big, sizeof(big))) > 0)
        total -= n;
    printf("drained: left %ld\n", total);
    T(close(p[1]));
    T(read(p[0], buf, sizeof(buf)));
    T(close(p[0]));
    T(pipe2(q, 0x12345678));
    T(pipe2(q, 0));
    T(fcntl(q[0], F_GETFD));
    signal(SIGPIPE, SIG_IGN);
    T(close(q[0]));
    T(write(q[1], "x", 1));
    return 0;
}
