/*
 * Process-directed signals are never lost when threads exit: another
 * process queues a real-time signal to this one many times while
 * threads that accept it start and exit over and over (the main thread
 * blocks it).  A signal the kernel gave to a thread that exits before
 * handling it goes to another thread (here: stays pending for the main
 * thread), so once the sender is done and the main thread unblocks the
 * signal, the handler has run once per signal sent.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define SENT 1000

static atomic_int handled;

static void handler(int sig)
{
    (void)sig;
    atomic_fetch_add(&handled, 1);
}

static void *worker(void *arg)
{
    sigset_t s;

    (void)arg;
    sigemptyset(&s);
    sigaddset(&s, SIGRTMIN);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    for (volatile int i = 0; i < 1000; i++)
        continue;
    return NULL;
}

int main(void)
{
    struct sigaction sa = { 0 };
    sigset_t s;
    pid_t parent = getpid(), kid;
    int ready[2], st;
    char c;

    sa.sa_handler = handler;
    sigaction(SIGRTMIN, &sa, NULL);
    sigemptyset(&s);
    sigaddset(&s, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &s, NULL);
    pipe(ready);
    kid = fork();
    if (kid == 0) {
        union sigval v = { 0 };
        read(ready[0], &c, 1);
        for (int i = 0; i < SENT; i++) {
            if (sigqueue(parent, SIGRTMIN, v) < 0)
                perror("sigqueue");
            usleep(200);
        }
        _exit(0);
    }
    write(ready[1], "go", 1);
    while (waitpid(kid, &st, WNOHANG) == 0) {
        pthread_t t[4];
        for (int i = 0; i < 4; i++)
            pthread_create(&t[i], NULL, worker, NULL);
        for (int i = 0; i < 4; i++)
            pthread_join(t[i], NULL);
    }
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    printf("sent %d, handled %d, sender exit %d\n", SENT, atomic_load(&handled),
           WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return 0;
}
