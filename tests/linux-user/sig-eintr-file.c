/*
 * Calls that do not block (open, read, write, fstat of a regular file,
 * a write into a pipe with room) never fail with EINTR, however often a
 * signal arrives (a timer every 200 us, handler without SA_RESTART):
 * under uemu a signal landing between the check for pending signals
 * and the host call must make the call wait for the handler, not fail.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
}

static void failed(int *eintr, int *other)
{
    if (errno == EINTR)
        (*eintr)++;
    else
        (*other)++;
}

int main(void)
{
    struct sigaction sa;
    struct itimerval it = { { 0, 200 }, { 0, 200 } };
    int eintr = 0, other = 0, p[2];
    char buf[64];

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    pipe(p);
    setitimer(ITIMER_REAL, &it, NULL);
    for (int i = 0; i < 5000 || ticks < 100; i++) {
        struct stat st;
        int fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
        ssize_t w, r, pw;
        char c;

        if (fd < 0) {
            failed(&eintr, &other);
            continue;
        }
        w = write(fd, "0123456789", 10);
        r = pread(fd, buf, sizeof(buf), 0);
        if (fstat(fd, &st) < 0)
            failed(&eintr, &other);
        pw = write(p[1], "x", 1);
        if (pw == 1 && read(p[0], &c, 1) != 1)
            failed(&eintr, &other);
        if (w < 0 || r < 0 || pw < 0)
            failed(&eintr, &other);
        else if (w != 10 || r != 10 || st.st_size != 10)
            other++;
        close(fd);
    }
    it.it_value.tv_usec = it.it_interval.tv_usec = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    printf("EINTR %d, other failures %d, signals came %d\n", eintr, other, ticks >= 100);
    return 0;
}
