/*
 * fork + wait4: exit statuses 0, 1, 42, 255 (and 256 wrapping to 0),
 * death by SIGKILL, SIGTERM, a NULL write (SIGSEGV) and abort() (SIGABRT)
 * with WIFSIGNALED/WTERMSIG and the core flag (RLIMIT_CORE is 0, so no
 * core is dumped and the flag is clear), the rusage of a reaped child,
 * WNOHANG while the child runs, waiting for a specific pid among
 * several, and ECHILD with no child left.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%-14s exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%-14s killed by %s core=%d\n", what, strsignal(WTERMSIG(st)),
               WCOREDUMP(st) ? 1 : 0);
    else
        printf("%-14s other 0x%x\n", what, st);
}

static pid_t child(int how)
{
    fflush(stdout);
    pid_t p = fork();
    if (p < 0) {
        perror("fork");
        exit(1);
    }
    if (p)
        return p;
    if (how >= 0)
        _exit(how);
    switch (how) {
    case -SIGKILL:
    case -SIGTERM:
        pause();
        _exit(100);
    case -SIGSEGV:
        *(volatile int *)0 = 1;
        _exit(101);
    case -SIGABRT:
        abort();
    case -1000: {
        volatile unsigned long x = 0;
        for (unsigned long i = 0; i < 200000; i++)
            x += i * i;
        _exit(x ? 7 : 8);
    }
    }
    _exit(102);
}

static void run(const char *what, int how)
{
    int st = -1;
    pid_t p = child(how);
    if (how == -SIGKILL || how == -SIGTERM)
        kill(p, -how);
    pid_t r = wait4(p, &st, 0, NULL);
    if (r != p)
        printf("%s: wait4 returned %d (%s)\n", what, (int)r, strerror(errno));
    show(what, st);
}

int main(void)
{
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);

    run("exit 0", 0);
    run("exit 1", 1);
    run("exit 42", 42);
    run("exit 255", 255);
    run("exit 256", 256);
    run("SIGKILL", -SIGKILL);
    run("SIGTERM", -SIGTERM);
    run("NULL write", -SIGSEGV);
    run("abort", -SIGABRT);

    /* The rusage of a child that did some work. */
    pid_t p = child(-1000);
    struct rusage ru;
    int st;
    memset(&ru, 0xff, sizeof(ru));
    if (wait4(p, &st, 0, &ru) != p)
        perror("wait4 rusage");
    show("worker", st);
    printf("rusage: maxrss>0 %d, times sane %d\n", ru.ru_maxrss > 0,
           ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 &&
           ru.ru_stime.tv_sec >= 0 && ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000);

    /* WNOHANG while the child waits on a pipe. */
    int pfd[2];
    char c;
    if (pipe(pfd) < 0)
        return 1;
    fflush(stdout);
    p = fork();
    if (p == 0) {
        close(pfd[1]);
        _exit(read(pfd[0], &c, 1) == 0 ? 3 : 4);
    }
    close(pfd[0]);
    printf("WNOHANG while running: %d\n", (int)wait4(p, &st, WNOHANG, NULL));
    close(pfd[1]);
    if (wait4(p, &st, 0, NULL) != p)
        perror("wait4");
    show("after EOF", st);

    /* Three children; the middle one reaped by pid first. */
    pid_t kids[3];
    for (int i = 0; i < 3; i++)
        kids[i] = child(10 + i);
    if (waitpid(kids[1], &st, 0) == kids[1])
        show("middle", st);
    int sum = 0;
    for (int i = 0; i < 2; i++) {
        pid_t r = wait(&st);
        if (r != kids[0] && r != kids[2])
            printf("wait returned a stranger\n");
        sum += WEXITSTATUS(st);
    }
    printf("the other two: sum of statuses %d\n", sum);

    struct { const char *what; pid_t pid; int options; } bad[] = {
        { "no child left", -1, 0 },
        { "pid 1 is no child", 1, 0 },
        { "bad options", -1, 0x4000 },
    };
    for (int i = 0; i < 3; i++) {
        errno = 0;
        pid_t r = waitpid(bad[i].pid, &st, bad[i].options);
        printf("%s: %d %s\n", bad[i].what, (int)r, strerror(errno));
    }
    return 0;
}
