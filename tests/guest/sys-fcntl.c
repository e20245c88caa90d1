/*
 * fcntl: F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL/F_SETFL (O_APPEND,
 * O_NONBLOCK; the access mode cannot change), F_DUPFD with a lowest
 * number, F_DUPFD_CLOEXEC, record locks (F_SETLK, F_GETLK on a free
 * range) and the errors for a bad descriptor and an unknown command.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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
    char dir[] = "/tmp/uemu-guest-fcntl-XXXXXX";
    char path[64];
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
    int fd, d;

    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/f", dir);
    fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd < 0)
        return 2;
    T(fcntl(fd, F_GETFD));
    T(fcntl(fd, F_SETFD, FD_CLOEXEC));
    T(fcntl(fd, F_GETFD));
    T(fcntl(fd, F_SETFD, 0));
    T(fcntl(fd, F_GETFD));
    T(fcntl(fd, F_GETFL) & O_ACCMODE);
    T(!!(fcntl(fd, F_GETFL) & O_APPEND));
    T(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY));
    T(!!(fcntl(fd, F_GETFL) & O_APPEND));
    T(!!(fcntl(fd, F_GETFL) & O_NONBLOCK));
    T(fcntl(fd, F_GETFL) & O_ACCMODE);
    T(write(fd, "abc", 3));
    T(lseek(fd, 0, SEEK_SET));
    T(write(fd, "def", 3));
    T(lseek(fd, 0, SEEK_CUR));
    d = fcntl(fd, F_DUPFD, 20);
    T(d);
    T(fcntl(d, F_GETFD));
    T(fcntl(fd, F_DUPFD, 20));
    close(21);
    d = fcntl(fd, F_DUPFD_CLOEXEC, 30);
    T(d);
    T(fcntl(d, F_GETFD));
    T(lseek(d, 1, SEEK_SET));
    T(lseek(fd, 0, SEEK_CUR));
    close(d);
    close(20);
    T(fcntl(fd, F_SETLK, &fl));
    fl.l_type = F_RDLCK;
    T(fcntl(fd, F_GETLK, &fl));
    printf("own lock seen as unlocked: %d\n", fl.l_type == F_UNLCK);
    fl.l_type = F_UNLCK;
    T(fcntl(fd, F_SETLK, &fl));
    T(fcntl(99, F_GETFD));
    T(fcntl(fd, 0x7fff));
    T(fcntl(fd, F_DUPFD, -1));
    close(fd);
    unlink(path);
    T(rmdir(dir));
    return 0;
}
