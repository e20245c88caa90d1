/* select and pselect: readiness sets, timeouts (written back by select
 * on Linux), descriptors beyond 64, bad arguments. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

int main(void)
{
    int a[2], hi;
    fd_set r, w;
    struct timeval tv;

    pipe(a);
    hi = dup2(a[0], 100);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(a[0], &r);
    FD_SET(hi, &r);
    FD_SET(a[1], &w);
    tv = (struct timeval){ 0, 0 };
    show("select idle", select(hi + 1, &r, &w, NULL, &tv));
    printf("  r %d %d w %d\n", FD_ISSET(a[0], &r), FD_ISSET(hi, &r), FD_ISSET(a[1], &w));

    write(a[1], "x", 1);
    FD_ZERO(&r);
    FD_SET(a[0], &r);
    FD_SET(hi, &r);
    tv = (struct timeval){ 5, 0 };
    show("select data", select(hi + 1, &r, NULL, NULL, &tv));
    printf("  r %d %d, time left > 4s: %d\n", FD_ISSET(a[0], &r), FD_ISSET(hi, &r),
           tv.tv_sec >= 4);

    char c;
    read(a[0], &c, 1);
    FD_ZERO(&r);
    FD_SET(a[0], &r);
    tv = (struct timeval){ 0, 30000 };
    show("select timeout", select(a[0] + 1, &r, NULL, NULL, &tv));
    printf("  left %ld.%06ld set %d\n", (long)tv.tv_sec, (long)tv.tv_usec, FD_ISSET(a[0], &r));

    struct timespec ts = { 0, 10000000 };
    sigset_t mask;
    sigemptyset(&mask);
    FD_ZERO(&r);
    FD_SET(a[0], &r);
    show("pselect timeout", pselect(a[0] + 1, &r, NULL, NULL, &ts, &mask));
    printf("  timespec unchanged by glibc: %ld\n", ts.tv_nsec);
    write(a[1], "y", 1);
    FD_ZERO(&r);
    FD_SET(a[0], &r);
    show("pselect ready", pselect(a[0] + 1, &r, NULL, NULL, NULL, &mask));

    int closed = dup(a[0]);
    close(closed);
    FD_ZERO(&r);
    FD_SET(closed, &r);
    tv = (struct timeval){ 0, 0 };
    show("select closed fd", select(closed + 1, &r, NULL, NULL, &tv));
    show("select negative", select(-1, NULL, NULL, NULL, &tv));
    tv = (struct timeval){ 0, 2000000 };
    show("select bad timeout", select(1, NULL, NULL, NULL, &tv));
    show("select bad set", syscall(SYS_pselect6, 4, (void *)16, NULL, NULL, NULL, NULL));
    struct { const sigset_t *ss; size_t len; } sig = { &mask, 4 };
    show("pselect6 bad sigset size", syscall(SYS_pselect6, 1, NULL, NULL, NULL, &ts, &sig));
    sig.len = 8;
    ts = (struct timespec){ 0, 1000 };
    show("pselect6 raw", syscall(SYS_pselect6, 1, NULL, NULL, NULL, &ts, &sig));
    printf("  raw left %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
    show("pselect6 bad sig", syscall(SYS_pselect6, 1, NULL, NULL, NULL, &ts, (void *)16));
    return 0;
}
