/*
 * ioctl for terminals on descriptors that are not terminals (the test
 * runner gives the program /dev/null as stdin and a pipe as stdout):
 * TCGETS and TIOCGWINSZ fail with ENOTTY, isatty is 0, and FIONREAD on a
 * pipe counts the unread bytes; FIONBIO and FIOCLEX change the flags
 * fcntl reports.  A terminal opened from /dev/ptmx answers TCGETS and
 * TIOCSWINSZ/TIOCGWINSZ when the system has one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
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
    struct termios t;
    struct winsize ws = { 0 }, ws2 = { 0 };
    int p[2], avail = -1, on = 1, m, s;

    T(ioctl(0, TCGETS, &t));
    T(ioctl(1, TIOCGWINSZ, &ws));
    T(isatty(0));
    T(isatty(99));
    T(tcgetattr(0, &t));
    if (pipe(p) < 0)
        return 1;
    T(ioctl(p[0], FIONREAD, &avail));
    printf("avail %d\n", avail);
    T(write(p[1], "0123456", 7));
    T(ioctl(p[0], FIONREAD, &avail));
    printf("avail %d\n", avail);
    T(ioctl(p[0], FIONBIO, &on));
    printf("nonblock %d\n", !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    T(ioctl(p[0], FIOCLEX));
    printf("cloexec %d\n", fcntl(p[0], F_GETFD));
    T(ioctl(p[0], FIONCLEX));
    printf("cloexec %d\n", fcntl(p[0], F_GETFD));
    T(ioctl(99, FIONREAD, &avail));
    m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("no pty\n");
        return 0;
    }
    T(grantpt(m));
    T(unlockpt(m));
    T(ptsname(m) != NULL);
    s = open(ptsname(m), O_RDWR | O_NOCTTY);
    if (s < 0)
        return 2;
    T(isatty(s));
    T(tcgetattr(s, &t));
    t.c_lflag &= ~(tcflag_t)ECHO;
    T(tcsetattr(s, TCSANOW, &t));
    T(tcgetattr(s, &t));
    printf("echo %d\n", !!(t.c_lflag & ECHO));
    ws.ws_row = 24;
    ws.ws_col = 80;
    T(ioctl(s, TIOCSWINSZ, &ws));
    T(ioctl(m, TIOCGWINSZ, &ws2));
    printf("winsize %d x %d\n", ws2.ws_row, ws2.ws_col);
    return 0;
}
