/* raise, kill, tgkill, pthread_kill: each reaches the right thread
 * (the handler records gettid); a process-directed signal goes to the
 * only thread not blocking it; signal 0 checks existence. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static _Atomic pid_t got_tid;
static atomic_int got_sig;
static pid_t worker_tid;
static sem_t ready, quit;

static void handler(int sig)
{
    atomic_store(&got_tid, gettid());
    atomic_store(&got_sig, sig);
}

static void *worker(void *arg)
{
    sigset_t s;

    (void)arg;
    /* The worker blocks SIGUSR2; the main thread will block SIGHUP. */
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    worker_tid = gettid();
    sem_post(&ready);
    while (sem_wait(&quit) < 0)
        ;
    return NULL;
}

static void wait_for(int sig)
{
    while (atomic_load(&got_sig) != sig)
        sched_yield();
    atomic_store(&got_sig, 0);
}

static const char *who(void)
{
    pid_t t = atomic_load(&got_tid);

    return t == gettid() ? "main" : t == worker_tid ? "worker" : "?";
}

int main(void)
{
    struct sigaction sa;
    pthread_t t;
    sigset_t s;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sem_init(&ready, 0, 0);
    sem_init(&quit, 0, 0);
    pthread_create(&t, NULL, worker, NULL);
    sem_wait(&ready);

    raise(SIGUSR1);
    wait_for(SIGUSR1);
    printf("raise: %s\n", who());
    pthread_kill(t, SIGUSR1);
    wait_for(SIGUSR1);
    printf("pthread_kill worker: %s\n", who());
    syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1);
    wait_for(SIGUSR1);
    printf("tgkill worker: %s\n", who());
    syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
    wait_for(SIGUSR1);
    printf("tgkill self: %s\n", who());

    sigemptyset(&s);
    sigaddset(&s, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    kill(getpid(), SIGHUP);
    wait_for(SIGHUP);
    printf("kill, main blocks it: %s\n", who());
    kill(getpid(), SIGUSR2);
    wait_for(SIGUSR2);
    printf("kill, worker blocks it: %s\n", who());

    printf("kill 0: %d\n", kill(getpid(), 0));
    printf("tgkill of a bad tid: %s\n",
           syscall(SYS_tgkill, getpid(), 0x7ffffff0, SIGUSR1) < 0 && errno == ESRCH ? "ESRCH" : "?");
    sem_post(&quit);
    pthread_join(t, NULL);
    return 0;
}
