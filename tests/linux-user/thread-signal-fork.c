/* Threads, signals and fork in one program: 4 threads count under a
 * mutex while a timer thread sends SIGUSR1 to each of them in turn
 * (handlers count per thread) and the main thread forks children that
 * run threads and signal themselves; every count is checked exactly. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 4
#define ROUNDS 20000
#define KICKS 25

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread int my_signals;
static int signals_seen[WORKERS];
static pthread_t workers[WORKERS];
static atomic_int handled_total;

static void handler(int sig)
{
    (void)sig;
    my_signals++;
    atomic_fetch_add(&handled_total, 1);
}

static void *work(void *arg)
{
    int id = (int)(long)arg;

    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    /* Stay until every kick for this thread was handled. */
    while (atomic_load(&handled_total) < WORKERS * KICKS)
        sched_yield();
    signals_seen[id] = my_signals;
    return NULL;
}

static void *kicker(void *arg)
{
    struct timespec ts = { 0, 200 * 1000 };

    (void)arg;
    for (int k = 0; k < KICKS; k++) {
        for (int i = 0; i < WORKERS; i++) {
            int before = atomic_load(&handled_total);

            pthread_kill(workers[i], SIGUSR1);
            while (atomic_load(&handled_total) == before)
                nanosleep(&ts, NULL);
        }
    }
    return NULL;
}

static void *child_thread(void *arg)
{
    raise(SIGUSR1);
    return arg;
}

/* The child's exit status: the signals handled (3), or 100 + the
 * error of a pthread_create that failed (no join of a thread that is
 * not there). */
static int child(void)
{
    pthread_t t[2];
    int n = 0, r = 0;

    atomic_store(&handled_total, 0);
    for (long i = 0; i < 2; i++) {
        r = pthread_create(&t[i], NULL, child_thread, (void *)i);
        if (r)
            break;
        n++;
    }
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    if (r)
        return 100 + r;
    raise(SIGUSR1);
    return atomic_load(&handled_total);
}

int main(void)
{
    struct sigaction sa;
    pthread_t k;
    int children_ok = 0, total = 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    for (long i = 0; i < WORKERS; i++)
        if (pthread_create(&workers[i], NULL, work, (void *)i) != 0)
            return 1;
    if (pthread_create(&k, NULL, kicker, NULL) != 0)
        return 1;
    for (int c = 0; c < 8; c++) {
        int st;
        pid_t p = fork();

        if (p == 0)
            _exit(child());
        while (waitpid(p, &st, 0) < 0)
            ;
        children_ok += WIFEXITED(st) && WEXITSTATUS(st) == 3;
    }
    pthread_join(k, NULL);
    for (int i = 0; i < WORKERS; i++) {
        pthread_join(workers[i], NULL);
        total += signals_seen[i];
    }
    printf("counter %ld (expected %d)\n", counter, WORKERS * ROUNDS);
    for (int i = 0; i < WORKERS; i++)
        printf("worker %d handled %d signals\n", i, signals_seen[i]);
    printf("signals %d, children right %d of 8\n", total, children_ok);
    return 0;
}
