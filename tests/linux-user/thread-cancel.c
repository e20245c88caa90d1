/* pthread_cancel (glibc sends the thread SIGCANCEL, signal 32): a thread
 * blocked in pthread_cond_wait, one in read of a pipe, one in a
 * cancellation-point loop; cleanup handlers run, join sees
 * PTHREAD_CANCELED; a thread with cancellation disabled is not
 * cancelled until it enables it. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int cleaned[4], ready;
static int fds[2];

static void cleanup(void *arg)
{
    cleaned[(long)arg]++;
}

/* A cancelled pthread_cond_wait holds the mutex again when its cleanup
 * handlers run. */
static void cleanup_unlock(void *arg)
{
    cleaned[(long)arg]++;
    pthread_mutex_unlock(&lock);
}

static void mark_ready(void)
{
    pthread_mutex_lock(&lock);
    ready++;
    pthread_mutex_unlock(&lock);
}

static void *in_condwait(void *arg)
{
    pthread_cleanup_push(cleanup_unlock, arg);
    pthread_mutex_lock(&lock);
    ready++;
    for (;;)
        pthread_cond_wait(&cond, &lock);
    pthread_cleanup_pop(0);
    return NULL;
}

static void *in_read(void *arg)
{
    char c;

    pthread_cleanup_push(cleanup, arg);
    mark_ready();
    for (;;)
        if (read(fds[0], &c, 1) < 0)
            break;
    pthread_cleanup_pop(0);
    return NULL;
}

static void *in_loop(void *arg)
{
    pthread_cleanup_push(cleanup, arg);
    mark_ready();
    for (;;)
        pthread_testcancel();
    pthread_cleanup_pop(0);
    return NULL;
}

static void *disabled(void *arg)
{
    int old;

    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    pthread_cleanup_push(cleanup, arg);
    mark_ready();
    while (ready < 5)
        usleep(1000);
    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
    pthread_testcancel();
    pthread_cleanup_pop(0);
    return (void *)7;
}

int main(void)
{
    void *(*fn[4])(void *) = { in_condwait, in_read, in_loop, disabled };
    const char *names[4] = { "cond_wait", "read", "testcancel loop", "disabled, then enabled" };
    pthread_t t[4];

    pipe(fds);
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, fn[i], (void *)i);
    for (;;) {
        pthread_mutex_lock(&lock);
        int r = ready;
        pthread_mutex_unlock(&lock);
        if (r == 4)
            break;
        usleep(1000);
    }
    usleep(20000);
    for (int i = 0; i < 4; i++)
        pthread_cancel(t[i]);
    pthread_mutex_lock(&lock);
    ready++;
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < 4; i++) {
        void *r;

        pthread_join(t[i], &r);
        printf("%s: %s, cleanup ran %d\n", names[i],
               r == PTHREAD_CANCELED ? "cancelled" : "returned", cleaned[i]);
    }
    return 0;
}
