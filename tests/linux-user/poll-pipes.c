/* poll and ppoll on pipes: readiness, hang-up, invalid descriptors,
 * zero timeouts, and ppoll writing back the time left. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static void revents(struct pollfd *p, int n)
{
    for (int i = 0; i < n; i++)
        printf("  fd%d revents %#x\n", i, p[i].revents);
}

int main(void)
{
    int a[2], b[2];
    struct pollfd p[4];
    char c;

    pipe(a);
    pipe(b);
    p[0] = (struct pollfd){ a[0], POLLIN, 0 };
    p[1] = (struct pollfd){ a[1], POLLOUT, 0 };
    p[2] = (struct pollfd){ b[0], POLLIN | POLLPRI, 0 };
    p[3] = (struct pollfd){ -1, POLLIN, 0 };
    show("poll idle", poll(p, 4, 0));
    revents(p, 4);
    write(a[1], "x", 1);
    write(b[1], "yz", 2);
    show("poll data", poll(p, 4, 1000));
    revents(p, 4);
    read(a[0], &c, 1);
    close(b[1]);
    show("poll after close", poll(p, 4, 0));
    revents(p, 4);
    read(b[0], &c, 1);
    read(b[0], &c, 1);
    show("poll eof", poll(p + 2, 1, 1000));
    revents(p + 2, 1);

    int closed = dup(a[0]);
    close(closed);
    struct pollfd bad = { closed, POLLIN, 0 };
    show("poll closed fd", poll(&bad, 1, 0));
    printf("  revents %#x\n", bad.revents);

    /* ppoll: a timeout that expires writes back zero */
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    show("ppoll timeout", ppoll(p, 1, &ts, NULL));
    printf("  left %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
    /* ready at once: time left is most of the timeout */
    write(a[1], "q", 1);
    ts = (struct timespec){ 100, 0 };
    show("ppoll ready", ppoll(p, 1, &ts, NULL));
    printf("  left > 90s: %d\n", ts.tv_sec >= 90);
    sigset_t none;
    sigemptyset(&none);
    show("ppoll with mask", ppoll(p, 1, NULL, &none));
    show("ppoll bad sigsetsize", syscall(SYS_ppoll, p, 1, NULL, &none, 4));
    ts = (struct timespec){ 0, 2000000000 };
    show("ppoll bad timeout", ppoll(p, 1, &ts, NULL));
    show("ppoll bad fds", syscall(SYS_ppoll, (void *)16, 1, NULL, NULL, 8));
    show("ppoll bad ts", syscall(SYS_ppoll, p, 1, (void *)16, NULL, 8));
    show("ppoll too many", syscall(SYS_ppoll, p, 1u << 30, NULL, NULL, 8));
    show("ppoll none", ppoll(NULL, 0, &(struct timespec){ 0, 1000 }, NULL));
    return 0;
}
