/*
 * openat, read, write, lseek, pread64, pwrite64 and close on a file in a
 * fresh directory under /tmp (mkdtemp, removed at the end): byte counts,
 * offsets after each call, reads at and past end of file, SEEK_END and
 * SEEK_CUR, a hole made by seeking past the end, O_APPEND and O_TRUNC,
 * and the errors for wrong access modes and bad offsets.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One line per call; errno is read only after the call has returned. */
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
    char dir[] = "/tmp/uemu-guest-rw-XXXXXX";
    char buf[64];
    int dfd, fd;
    ssize_t n;

    if (!mkdtemp(dir))
        return 1;
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    fd = openat(dfd, "f", O_RDWR | O_CREAT | O_EXCL, 0600);
    if (dfd < 0 || fd < 0)
        return 2;
    T(openat(dfd, "f", O_RDWR | O_CREAT | O_EXCL, 0600));
    T(write(fd, "0123456789", 10));
    T(lseek(fd, 0, SEEK_CUR));
    T(read(fd, buf, sizeof(buf)));
    T(lseek(fd, 2, SEEK_SET));
    n = read(fd, buf, 3);
    printf("read %zd '%.*s'\n", n, (int)n, buf);
    T(lseek(fd, 0, SEEK_CUR));
    T(lseek(fd, -4, SEEK_CUR));
    T(lseek(fd, -1, SEEK_END));
    T(lseek(fd, -100, SEEK_SET));
    T(lseek(fd, 0, 99));
    T(pwrite(fd, "ab", 2, 4));
    T(lseek(fd, 0, SEEK_CUR));
    n = pread(fd, buf, 20, 1);
    printf("pread %zd '%.*s'\n", n, (int)n, buf);
    T(pread(fd, buf, 4, 100));
    T(lseek(fd, 16, SEEK_SET));
    T(write(fd, "Z", 1));
    n = pread(fd, buf, sizeof(buf), 8);
    printf("pread %zd:", n);
    for (ssize_t i = 0; i < n; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
    T(pwrite(fd, "x", 1, -1));
    T(write(fd, buf, 0));
    T(close(fd));
    T(close(fd));
    fd = openat(dfd, "f", O_WRONLY | O_APPEND);
    T(lseek(fd, 0, SEEK_SET));
    T(write(fd, "END", 3));
    T(lseek(fd, 0, SEEK_CUR));
    T(read(fd, buf, 1));
    close(fd);
    fd = openat(dfd, "f", O_RDONLY);
    T(write(fd, "x", 1));
    n = read(fd, buf, sizeof(buf));
    printf("whole %zd last '%.3s'\n", n, buf + n - 3);
    close(fd);
    fd = openat(dfd, "f", O_RDWR | O_TRUNC);
    T(lseek(fd, 0, SEEK_END));
    close(fd);
    T(openat(dfd, "missing", O_RDONLY));
    T(openat(dfd, "f/x", O_RDONLY));
    T(openat(dfd, ".", O_WRONLY));
    T(unlinkat(dfd, "f", 0));
    close(dfd);
    T(rmdir(dir));
    return 0;
}
