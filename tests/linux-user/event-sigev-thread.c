/* POSIX timers with SIGEV_THREAD: glibc runs the callback in a helper
 * thread it wakes with a signal of its own (SIGEV_THREAD_ID). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static sem_t fired;
static int calls, value_ok = 1, other_thread = 1;
static pthread_t main_thread;

static void callback(union sigval v)
{
    if (v.sival_int != 1234)
        value_ok = 0;
    if (pthread_equal(pthread_self(), main_thread))
        other_thread = 0;
    __atomic_fetch_add(&calls, 1, __ATOMIC_SEQ_CST);
    sem_post(&fired);
}

int main(void)
{
    struct sigevent sev;
    timer_t t;

    main_thread = pthread_self();
    sem_init(&fired, 0, 0);
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = callback;
    sev.sigev_value.sival_int = 1234;
    int r = timer_create(CLOCK_MONOTONIC, &sev, &t);
    printf("timer_create: %d\n", r);
    struct itimerspec it = { { 0, 2000000 }, { 0, 2000000 } };
    printf("timer_settime: %d\n", timer_settime(t, 0, &it, NULL));
    for (int i = 0; i < 3; i++)
        while (sem_wait(&fired) != 0 && errno == EINTR)
            ;
    printf("timer_delete: %d\n", timer_delete(t));
    printf("callbacks >= 3: %d, value ok: %d, not on the main thread: %d\n",
           __atomic_load_n(&calls, __ATOMIC_SEQ_CST) >= 3, value_ok, other_thread);
    return 0;
}
