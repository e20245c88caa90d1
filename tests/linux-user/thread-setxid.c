#define _GNU_SOURCE
/* set*id in a threaded program: glibc makes every thread change its
 * credentials by sending each one signal 33 (SIGSETXID) and waiting for
 * all; threads blocked in a futex, in read and in nanosleep each take
 * it and go on.  Same values are set again, so any user may run it. */
#include <pthread.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int go, ready;
static int fds[2];

static void *in_cond(void *arg)
{
    pthread_mutex_lock(&lock);
    ready++;
    while (!go)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return arg;
}

static void *in_read(void *arg)
{
    char c = 0;

    pthread_mutex_lock(&lock);
    ready++;
    pthread_mutex_unlock(&lock);
    if (read(fds[0], &c, 1) != 1)
        return NULL;
    return c == 'q' ? arg : NULL;
}

static void *in_sleep(void *arg)
{
    struct timespec ts = { 0, 2 * 1000 * 1000 };

    pthread_mutex_lock(&lock);
    ready++;
    pthread_mutex_unlock(&lock);
    for (;;) {
        nanosleep(&ts, NULL);
        pthread_mutex_lock(&lock);
        int g = go;
        pthread_mutex_unlock(&lock);
        if (g)
            return arg;
    }
}

int main(void)
{
    void *(*fn[3])(void *) = { in_cond, in_read, in_sleep };
    pthread_t t[3];
    int ok = 0;

    pipe(fds);
    for (long i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, fn[i], (void *)(i + 1));
    for (;;) {
        pthread_mutex_lock(&lock);
        int r = ready;
        pthread_mutex_unlock(&lock);
        if (r == 3)
            break;
        usleep(1000);
    }
    printf("setegid: %d\n", setegid(getegid()));
    printf("seteuid: %d\n", seteuid(geteuid()));
    printf("setregid: %d\n", setregid(-1, getegid()));
    printf("setresuid: %d\n", setresuid(-1, geteuid(), -1));
    pthread_mutex_lock(&lock);
    go = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    write(fds[1], "q", 1);
    for (int i = 0; i < 3; i++) {
        void *r;

        pthread_join(t[i], &r);
        ok += r == (void *)(long)(i + 1);
    }
    printf("threads that went on: %d of 3\n", ok);
    return 0;
}
