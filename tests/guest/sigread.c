/* alarm() interrupts a read from an empty pipe: without SA_RESTART the
 * read fails with EINTR; with SA_RESTART it is restarted and gets the
 * byte the handler wrote into the pipe. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fds[2];
static volatile int hits;

static void on_alarm(int sig)
{
    (void)sig;
    hits++;
    if (hits == 2 && write(fds[1], "x", 1) != 1)
        _exit(3);
}

int main(void)
{
    struct sigaction sa;
    char c = 0;
    ssize_t r;

    if (pipe(fds))
        return 1;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    r = read(fds[0], &c, 1);
    printf("no SA_RESTART: read %zd EINTR %d hits %d\n", r, errno == EINTR, hits);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    r = read(fds[0], &c, 1);
    printf("SA_RESTART: read %zd byte %c hits %d\n", r, c, hits);
    return 0;
}
