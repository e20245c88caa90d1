/*
 * vfork shares memory with the parent (CLONE_VM | CLONE_VFORK): what the
 * child writes before exec or _exit is what the parent reads after, so
 * posix_spawn and posix_spawnp report a program that cannot be run
 * (ENOENT, EACCES) instead of a child exiting 127.  Also: the child's
 * own pid, descriptors and dispositions (a dup2, a signal action reset
 * in the child leave the parent's alone), vfork + _exit(7), and a
 * posix_spawn of the program itself with its wait status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static volatile int got_usr1;

static void on_usr1(int sig)
{
    (void)sig;
    got_usr1 = 1;
}

static void wait_report(const char *what, pid_t p)
{
    int st = 0;

    if (waitpid(p, &st, 0) != p)
        perror("waitpid");
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by %d\n", what, WTERMSIG(st));
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return atoi(argv[1]);

    volatile int shared = 1;
    volatile pid_t child_pid = 0;
    pid_t p;
    int r;

    fflush(stdout);
    p = vfork();
    if (p == 0) {
        shared = 42;
        child_pid = getpid();
        _exit(7);
    }
    printf("vfork: child wrote %d, its pid is the one returned: %d, not ours: %d\n", shared,
           child_pid == p, child_pid != getpid());
    wait_report("vfork + _exit(7)", p);

    /* The child's descriptors and signal actions are its own. */
    signal(SIGUSR1, on_usr1);
    int fd = open("/dev/null", O_RDONLY);
    p = vfork();
    if (p == 0) {
        signal(SIGUSR1, SIG_DFL);
        close(fd);
        dup2(2, 100);
        _exit(3);
    }
    wait_report("vfork + close + signal", p);
    printf("parent: fd still open %d, fd 100 closed %d\n", fcntl(fd, F_GETFD) >= 0,
           fcntl(100, F_GETFD) < 0 && errno == EBADF);
    raise(SIGUSR1);
    printf("parent: handler still runs %d\n", got_usr1);

    char *missing[] = { (char *)"no-such-program", NULL };
    pid_t q = -5;
    r = posix_spawnp(&q, "no-such-program", NULL, NULL, missing, environ);
    printf("posix_spawnp no-such-program: %s\n", r ? strerror(r) : "0");
    r = posix_spawn(&q, "/no/such/dir/prog", NULL, NULL, missing, environ);
    printf("posix_spawn /no/such/dir/prog: %s\n", r ? strerror(r) : "0");

    /* A file without execute permission. */
    int nx = open("not-exec", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    close(nx);
    r = posix_spawn(&q, "not-exec", NULL, NULL, missing, environ);
    printf("posix_spawn not-exec: %s\n", r ? strerror(r) : "0");

    char *self[] = { argv[0], (char *)"9", NULL };
    r = posix_spawn(&q, "/proc/self/exe", NULL, NULL, self, environ);
    printf("posix_spawn self: %s\n", r ? strerror(r) : "0");
    if (r == 0)
        wait_report("posix_spawn self 9", q);

    /* Many in a row: nothing leaks that stops them. */
    int fails = 0;
    for (int i = 0; i < 200; i++)
        if (posix_spawnp(&q, "no-such-program", NULL, NULL, missing, environ) != ENOENT)
            fails++;
    printf("200 failed spawns, wrong results: %d\n", fails);
    return 0;
}
