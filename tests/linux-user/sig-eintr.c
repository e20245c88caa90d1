/* A signal during a blocking read of a pipe: without SA_RESTART the
 * read fails with EINTR; with SA_RESTART it goes on and returns the
 * data written after the handler ran.  The signal comes from another
 * thread (pthread_kill) once the reader is blocked, and again from
 * setitimer; a sleep interrupted returns the time left. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static atomic_int handled;
static int fds[2];
static pthread_t reader;

static void handler(int sig)
{
    (void)sig;
    atomic_fetch_add(&handled, 1);
}

/* Signals the reader until its handler ran, then writes when asked. */
static void *poker(void *arg)
{
    int write_after = (int)(long)arg;
    struct timespec ts = { 0, 10 * 1000 * 1000 };

    nanosleep(&ts, NULL);
    while (atomic_load(&handled) == 0) {
        pthread_kill(reader, SIGUSR1);
        nanosleep(&ts, NULL);
    }
    if (write_after)
        write(fds[1], "xyz", 3);
    return NULL;
}

static void try_read(int restart)
{
    struct sigaction sa;
    pthread_t t;
    char buf[8];
    ssize_t r;
    int e;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGUSR1, &sa, NULL);
    atomic_store(&handled, 0);
    pthread_create(&t, NULL, poker, (void *)(long)restart);
    r = read(fds[0], buf, sizeof(buf));
    e = errno;
    pthread_join(t, NULL);
    if (r < 0)
        printf("%s: read -1 %s, handler ran %d\n", restart ? "SA_RESTART" : "no SA_RESTART",
               e == EINTR ? "EINTR" : strerror(e), atomic_load(&handled) > 0);
    else
        printf("%s: read %zd bytes '%.*s', handler ran %d\n", restart ? "SA_RESTART" : "no SA_RESTART",
               r, (int)r, buf, atomic_load(&handled) > 0);
}

int main(void)
{
    struct sigaction sa;
    struct itimerval it = { { 0, 0 }, { 0, 50 * 1000 } };
    struct timespec req = { 5, 0 }, rem = { 0, 0 };
    int r;

    reader = pthread_self();
    pipe(fds);
    try_read(0);
    try_read(1);

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigaction(SIGALRM, &sa, NULL);
    setitimer(ITIMER_REAL, &it, NULL);
    r = nanosleep(&req, &rem);
    printf("nanosleep interrupted: %d %s, time left between 4 and 5 s: %d\n", r,
           r < 0 && errno == EINTR ? "EINTR" : "?", rem.tv_sec == 4);
    return 0;
}
