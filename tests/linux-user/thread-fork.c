/* fork from a threaded program: while 4 threads hold and release a
 * mutex and allocate memory, the main thread forks 10 children; each
 * child (one thread) uses malloc and stdio, starts threads of its own,
 * and exits with a status the parent checks. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int stop;
static long work_done;

static void *busy(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop)) {
        char *p = malloc(100);

        memset(p, 1, 100);
        pthread_mutex_lock(&lock);
        work_done++;
        pthread_mutex_unlock(&lock);
        free(p);
    }
    return NULL;
}

static void *child_thread(void *arg)
{
    return (void *)((long)arg * 2);
}

static int child(int n)
{
    pthread_t t[3];
    long sum = 0;

    /* The mutex was free or held by a thread that does not exist here:
     * glibc's fork leaves it as it was, so only touch our own. */
    for (long i = 0; i < 3; i++)
        if (pthread_create(&t[i], NULL, child_thread, (void *)(i + n)) != 0)
            return 100;
    for (int i = 0; i < 3; i++) {
        void *r;

        pthread_join(t[i], &r);
        sum += (long)r;
    }
    char *p = malloc(1000);
    snprintf(p, 1000, "%ld", sum);
    return (int)strtol(p, NULL, 10);
}

int main(void)
{
    pthread_t t[4];
    int ok = 0;

    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, busy, NULL);
    for (int n = 0; n < 10; n++) {
        int st;
        pid_t pid = fork();

        if (pid == 0) {
            fflush(stdout);
            _exit(child(n));
        }
        if (waitpid(pid, &st, 0) != pid)
            return 1;
        if (WIFEXITED(st) && WEXITSTATUS(st) == 2 * (3 * n + 3))
            ok++;
        else
            printf("child %d: status %#x\n", n, st);
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("%d of 10 children right, workers ran: %d\n", ok, work_done > 0);
    return 0;
}
