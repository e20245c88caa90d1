/*
 * readv and writev: gathering from and scattering into several buffers
 * (including an empty one), a short read that fills only the first
 * buffers, a pipe and stdout as targets, and the errors for a negative
 * count and a bad iovec pointer (raw syscalls so the C library does not
 * object first).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
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
    char dir[] = "/tmp/uemu-guest-iov-XXXXXX";
    char path[64], a[4], b[1], c[8];
    struct iovec w[4] = {
        { "hello", 5 }, { NULL, 0 }, { ", ", 2 }, { "world\n", 6 },
    };
    struct iovec r[3] = { { a, sizeof(a) }, { b, 0 }, { c, sizeof(c) } };
    int fd, p[2];
    ssize_t n;

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/v", dir);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return 2;
    T(writev(fd, w, 4));
    lseek(fd, 0, SEEK_SET);
    memset(c, '.', sizeof(c));
    n = readv(fd, r, 3);
    printf("readv %zd a '%.4s' c '%.8s'\n", n, a, c);
    lseek(fd, 9, SEEK_SET);
    memset(a, '.', sizeof(a));
    memset(c, '.', sizeof(c));
    n = readv(fd, r, 3);
    printf("short readv %zd a '%.4s' c '%.8s'\n", n, a, c);
    T(syscall(SYS_writev, fd, w, -1));
    T(syscall(SYS_readv, fd, 8, 1));
    T(syscall(SYS_writev, fd, w, 0));
    T(syscall(SYS_writev, 99, w, 1));
    close(fd);
    if (pipe(p) < 0)
        return 3;
    T(writev(p[1], w + 2, 2));
    n = read(p[0], c, sizeof(c));
    printf("pipe read %zd '%.*s'\n", n, (int)n - 1, c);
    fflush(stdout);
    T(writev(1, w, 4));
    unlink(path);
    T(rmdir(dir));
    return 0;
}
