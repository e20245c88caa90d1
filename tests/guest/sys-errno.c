/*
 * Error numbers the kernel gives for bad arguments, through raw syscalls
 * so the C library cannot intercept: EFAULT for wild buffer and path
 * pointers (write(1, (void *)1, 10) among them), EBADF for closed and
 * negative descriptors, ENOENT, ENOTDIR, EISDIR, ENAMETOOLONG, EINVAL for
 * bad flags, ENOSYS for an unknown syscall number, and ESPIPE for lseek
 * on a pipe.  Nothing is written for the failing writes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
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
    static char longname[5000];
    char buf[16];
    int p[2];

    fflush(stdout);
    T(syscall(SYS_write, 1, (void *)1, 10));
    T(syscall(SYS_write, 1, (void *)-4096L, 10));
    T(syscall(SYS_openat, AT_FDCWD, (void *)1, O_RDONLY));
    T(syscall(SYS_openat, AT_FDCWD, (void *)0, O_RDONLY));
    T(syscall(SYS_pipe2, (void *)1, 0));
    T(syscall(SYS_clock_gettime, 1, (void *)1));
    T(syscall(SYS_uname, (void *)1));
    T(syscall(SYS_write, 99, buf, 1));
    T(syscall(SYS_write, -1, buf, 1));
    T(syscall(SYS_close, 1000));
    T(syscall(SYS_read, 1 << 20, buf, 1));
    T(syscall(SYS_openat, AT_FDCWD, "/no/such/file", O_RDONLY));
    T(syscall(SYS_openat, AT_FDCWD, "/dev/null/x", O_RDONLY));
    T(syscall(SYS_openat, AT_FDCWD, "/tmp", O_WRONLY));
    T(syscall(SYS_openat, 99, "relative", O_RDONLY));
    T(syscall(SYS_openat, 0, "relative", O_RDONLY));
    memset(longname, 'a', sizeof(longname) - 1);
    T(syscall(SYS_openat, AT_FDCWD, longname, O_RDONLY));
    T(syscall(SYS_openat, AT_FDCWD, "", O_RDONLY));
    T(syscall(SYS_read, 0, buf, 0));
    T(syscall(SYS_write, 1, buf, 0));
    T(syscall(SYS_dup3, 1, 1, 0));
    T(syscall(SYS_fcntl, 1, 9999));
    T(syscall(4000));
    T(syscall(-1L));
    if (pipe(p) < 0)
        return 1;
    T(syscall(SYS_lseek, p[0], 0, SEEK_SET));
    T(syscall(SYS_pread64, p[0], buf, 1, 0));
    T(syscall(SYS_write, p[1], (void *)1, 1));
    T(syscall(SYS_write, p[1], "abc", 3));
    T(syscall(SYS_read, p[0], (void *)1, 3));
    T(syscall(SYS_read, p[0], buf, sizeof(buf)));
    T(syscall(SYS_close, p[1]));
    T(syscall(SYS_read, p[0], buf, 1));
    return 0;
}
