/* ioctls on descriptors: FIONREAD on a pipe and on a socket, FIONBIO
 * switching O_NONBLOCK, FIOCLEX/FIONCLEX switching FD_CLOEXEC, TIOCOUTQ
 * (SIOCOUTQ) on a socket, and ENOTTY for terminal requests on
 * /dev/null, for an unknown request, and a bad argument pointer. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

static const char *err(int r)
{
    if (r >= 0)
        return "ok";
    return errno == ENOTTY ? "ENOTTY" : errno == EFAULT ? "EFAULT" : errno == EINVAL ? "EINVAL" : "other";
}

int main(void)
{
    int p[2], sv[2], n = -1;

    setvbuf(stdout, NULL, _IONBF, 0);
    pipe(p);
    write(p[1], "12345", 5);
    int r0 = ioctl(p[0], FIONREAD, &n);
    printf("FIONREAD pipe %d: %d\n", r0, n);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    write(sv[0], "abcdefgh", 8);
    n = -1;
    r0 = ioctl(sv[1], FIONREAD, &n);
    printf("FIONREAD socket %d: %d\n", r0, n);
    n = -1;
    r0 = ioctl(sv[0], TIOCOUTQ, &n);
    printf("TIOCOUTQ socket %d: %d\n", r0, n);

    int on = 1, off = 0;
    r0 = ioctl(p[0], FIONBIO, &on);
    printf("FIONBIO on %d, O_NONBLOCK %d\n", r0, !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    char buf[8];
    read(p[0], buf, sizeof(buf));
    ssize_t r = read(p[0], buf, sizeof(buf));
    printf("empty nonblocking read %zd %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    r0 = ioctl(p[0], FIONBIO, &off);
    printf("FIONBIO off %d, O_NONBLOCK %d\n", r0, !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    r0 = ioctl(p[0], FIOCLEX);
    printf("FIOCLEX %d, FD_CLOEXEC %d\n", r0, fcntl(p[0], F_GETFD) & FD_CLOEXEC);
    r0 = ioctl(p[0], FIONCLEX);
    printf("FIONCLEX %d, FD_CLOEXEC %d\n", r0, fcntl(p[0], F_GETFD) & FD_CLOEXEC);

    int null = open("/dev/null", O_RDWR);
    struct winsize ws;
    struct termios tio;
    printf("TIOCGWINSZ /dev/null %s\n", err(ioctl(null, TIOCGWINSZ, &ws)));
    printf("TCGETS /dev/null %s\n", err(ioctl(null, TCGETS, &tio)));
    printf("tcgetattr pipe %s\n", err(tcgetattr(p[0], &tio)));
    printf("isatty %d\n", isatty(null));
    printf("unknown request %s\n", err(ioctl(null, 0x54ff, 0)));
    int *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("FIONREAD bad pointer %s\n", err(ioctl(p[0], FIONREAD, none)));
    r0 = ioctl(-1, FIONREAD, &n);
    printf("FIONREAD bad fd %d %s\n", r0, errno == EBADF ? "EBADF" : "?");
    return 0;
}
