/*
 * Issue #5's stress test: threads, signals and fork in one program.
 *
 * Four worker threads add to an atomic counter and to a mutex-protected
 * one (yielding now and then) until they are told to stop, then wait on
 * a condition variable.  Meanwhile a signaller thread plays ping-pong
 * with them and with the main thread: it sends SIGUSR1 to one thread at
 * a time (pthread_kill) and waits until that thread's handler has
 * counted it, so no signal may be lost whether the thread is computing,
 * taking the mutex, in a system call or blocked.  While all of that
 * runs, the main thread forks children: some compute with a thread of
 * their own and exit with the result, one waits in pause() until the
 * parent kills it, one execs this program again.  SIGCHLD and SIGUSR1
 * have SA_RESTART handlers, so the main thread's waitpid is interrupted
 * and restarted.  The workers stop once the signaller and the children
 * are done and have done at least ITERATIONS rounds each.
 *
 * Every count is checked exactly; any difference, a signal not handled
 * within 20 s or a child with the wrong status prints "FAIL ..." and
 * exits 1.  Success prints one line and exits 0.
 *
 *     stress [ITERATIONS [SIGNALS [CHILDREN]]]   (defaults 100000 200 6)
 *     stress exec-child N                        (exits N % 200)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 4
#define LOCK_EVERY 64
#define YIELD_EVERY 1024
#define SIGNAL_WAIT_SECONDS 20

struct worker {
    pthread_t thread;
    atomic_int handled;
    long rounds;
};

/* workers[WORKERS] is the main thread. */
static struct worker workers[WORKERS + 1];
static atomic_int stop;
static __thread int my_worker = -1;
static int iterations = 100000, signals = 200, children = 6;
static atomic_long atomic_total;
static long locked_total;
static atomic_int chld_seen, failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static int signaller_done;

#define FAIL(...) do { printf("FAIL " __VA_ARGS__); printf("\n"); fflush(stdout); \
                       atomic_fetch_add(&failures, 1); } while (0)

static void on_usr1(int sig)
{
    (void)sig;
    if (my_worker >= 0)
        atomic_fetch_add(&workers[my_worker].handled, 1);
}

static void on_chld(int sig)
{
    (void)sig;
    atomic_fetch_add(&chld_seen, 1);
}

static void *work(void *arg)
{
    long i;
    sigset_t usr1;

    /* Created with SIGUSR1 blocked: the handler needs my_worker. */
    my_worker = (int)(long)arg;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
    for (i = 1; i <= iterations || !atomic_load(&stop); i++) {
        atomic_fetch_add(&atomic_total, 1);
        if (i % LOCK_EVERY == 0) {
            pthread_mutex_lock(&lock);
            locked_total += 1;
            pthread_mutex_unlock(&lock);
        }
        if (i % YIELD_EVERY == 0)
            sched_yield();
    }
    workers[my_worker].rounds = i - 1;
    pthread_mutex_lock(&lock);
    while (!signaller_done)
        pthread_cond_wait(&done_cond, &lock);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *signaller(void *arg)
{
    (void)arg;
    for (int s = 0; s < signals; s++) {
        struct worker *w = &workers[s % (WORKERS + 1)];
        int want = s / (WORKERS + 1) + 1;
        pthread_kill(w->thread, SIGUSR1);
        double limit = now() + SIGNAL_WAIT_SECONDS;
        while (atomic_load(&w->handled) < want) {
            if (now() > limit) {
                FAIL("signal %d to thread %d not handled", s, s % (WORKERS + 1));
                break;
            }
            sched_yield();
        }
    }
    return NULL;
}

static void *child_sum(void *arg)
{
    long n = (long)arg, s = 0;
    for (long i = 1; i <= n; i++)
        s += i;
    return (void *)s;
}

/* Child c's job and the status it must end with (WTERMSIG for the killed one). */
static int run_child(int c, char *self)
{
    if (c == 1) {
        for (;;)
            pause();
    }
    if (c == 3) {
        char arg[16];
        snprintf(arg, sizeof(arg), "%d", 1000 + c);
        char *argv[] = { self, (char *)"exec-child", arg, NULL };
        execv("/proc/self/exe", argv);
        _exit(127);
    }
    pthread_t t;
    void *r;
    if (pthread_create(&t, NULL, child_sum, (void *)(long)(100 * c + 7)) != 0 ||
        pthread_join(t, &r) != 0)
        _exit(126);
    _exit((int)((long)r % 200));
}

static int expected_status(int c)
{
    long n = 100 * c + 7;
    return c == 3 ? (1000 + c) % 200 : (int)(n * (n + 1) / 2 % 200);
}

static void fork_children(char *self)
{
    for (int c = 0; c < children; c++) {
        fflush(stdout);
        pid_t p = fork();
        if (p < 0) {
            FAIL("fork %d: %s", c, strerror(errno));
            continue;
        }
        if (p == 0)
            run_child(c, self);
        if (c == 1)
            kill(p, SIGTERM);
        int st;
        pid_t r = waitpid(p, &st, 0);
        if (r != p)
            FAIL("waitpid child %d: %s", c, strerror(errno));
        else if (c == 1 && !(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM))
            FAIL("child %d: status 0x%x, not killed by SIGTERM", c, st);
        else if (c != 1 && !(WIFEXITED(st) && WEXITSTATUS(st) == expected_status(c)))
            FAIL("child %d: status 0x%x, want exit %d", c, st, expected_status(c));
    }
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "exec-child") == 0)
        return atoi(argv[2]) % 200;
    if (argc > 1)
        iterations = atoi(argv[1]);
    if (argc > 2)
        signals = atoi(argv[2]);
    if (argc > 3)
        children = atoi(argv[3]);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_chld;
    sigaction(SIGCHLD, &sa, NULL);
    my_worker = WORKERS;
    workers[WORKERS].thread = pthread_self();

    pthread_t sig_thread;
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    for (long i = 0; i < WORKERS; i++)
        if (pthread_create(&workers[i].thread, NULL, work, (void *)i) != 0)
            FAIL("pthread_create");
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
    if (pthread_create(&sig_thread, NULL, signaller, NULL) != 0)
        FAIL("pthread_create");
    fork_children(argv[0]);
    pthread_join(sig_thread, NULL);
    atomic_store(&stop, 1);
    pthread_mutex_lock(&lock);
    signaller_done = 1;
    pthread_cond_broadcast(&done_cond);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(workers[i].thread, NULL);

    long want_total = 0, want_locked = 0;
    for (int i = 0; i < WORKERS; i++) {
        want_total += workers[i].rounds;
        want_locked += workers[i].rounds / LOCK_EVERY;
        if (workers[i].rounds < iterations)
            FAIL("worker %d stopped after %ld rounds", i, workers[i].rounds);
    }
    if (atomic_load(&atomic_total) != want_total)
        FAIL("atomic total %ld, want %ld", atomic_load(&atomic_total), want_total);
    if (locked_total != want_locked)
        FAIL("locked total %ld, want %ld", locked_total, want_locked);
    int handled = 0;
    for (int i = 0; i <= WORKERS; i++)
        handled += atomic_load(&workers[i].handled);
    if (handled != signals)
        FAIL("%d signals handled, %d sent", handled, signals);
    if (children > 0 && (atomic_load(&chld_seen) < 1 || atomic_load(&chld_seen) > children))
        FAIL("%d SIGCHLD for %d children", atomic_load(&chld_seen), children);
    if (atomic_load(&failures))
        return 1;
    printf("stress ok: %d threads x at least %d rounds, %d signals, %d children\n", WORKERS,
           iterations, signals, children);
    return 0;
}
