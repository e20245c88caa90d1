/* The exit status of a process whose threads end one by one with
 * SYS_exit (not exit_group): it is the first thread's code even when
 * another thread ends last; exit_group from a thread after the first
 * one left gives its own code.  Each case runs in a child. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void *last_exit(void *arg)
{
    struct timespec ts = { 0, 20 * 1000 * 1000 };

    nanosleep(&ts, NULL);
    syscall(SYS_exit, (int)(long)arg);
    return NULL;
}

static void *last_exit_group(void *arg)
{
    struct timespec ts = { 0, 20 * 1000 * 1000 };

    nanosleep(&ts, NULL);
    syscall(SYS_exit_group, (int)(long)arg);
    return NULL;
}

static void run(const char *what, void *(*fn)(void *), long code, int main_code)
{
    int st;
    pid_t p = fork();

    if (p == 0) {
        pthread_t t;

        pthread_create(&t, NULL, fn, (void *)code);
        syscall(SYS_exit, main_code);
    }
    waitpid(p, &st, 0);
    printf("%s: exited %d\n", what, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(void)
{
    run("first thread exit(7), last thread exit(3)", last_exit, 3, 7);
    run("first thread exit(0), last thread exit(9)", last_exit, 9, 0);
    run("first thread exit(7), then exit_group(4)", last_exit_group, 4, 7);
    return 0;
}
