/*
 * setgid/setuid in a threaded process (a forked child with three more
 * threads): Linux keeps credentials per thread, and glibc makes the
 * change process-wide by sending every other thread its internal signal
 * (SIGSETXID, 33) so that each makes the system call itself.  Every
 * thread must then read back nobody's ids through the raw system calls.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS 3

static pthread_barrier_t before, after;
static long ids[THREADS + 1][3];

static void read_ids(long *out)
{
    out[0] = syscall(SYS_getuid);
    out[1] = syscall(SYS_geteuid);
    out[2] = syscall(SYS_getgid);
}

static void *thread(void *arg)
{
    pthread_barrier_wait(&before);
    pthread_barrier_wait(&after);
    read_ids(ids[(long)arg]);
    return NULL;
}

int main(void)
{
    if (getuid() != 0) {
        printf("not root: nothing to drop\n");
        return 0;
    }
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        pthread_t t[THREADS];
        pthread_barrier_init(&before, NULL, THREADS + 1);
        pthread_barrier_init(&after, NULL, THREADS + 1);
        for (long i = 0; i < THREADS; i++)
            pthread_create(&t[i], NULL, thread, (void *)i);
        pthread_barrier_wait(&before);
        int g = setgid(65534);
        int u = setuid(65534);
        pthread_barrier_wait(&after);
        for (int i = 0; i < THREADS; i++)
            pthread_join(t[i], NULL);
        read_ids(ids[THREADS]);
        printf("setgid %d, setuid %d\n", g, u);
        for (int i = 0; i <= THREADS; i++)
            printf("%s %d: uid %ld euid %ld gid %ld\n", i < THREADS ? "thread" : "main", i,
                   ids[i][0], ids[i][1], ids[i][2]);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(p, &st, 0);
    printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
    return 0;
}
