/*
 * vfork: the parent waits until the child execs or exits.  A child that
 * execs the program itself (with an argument) and one that only calls
 * _exit; a failing exec in a vfork child reported through _exit(127);
 * the parent's variables and descriptors intact afterwards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, pid_t p)
{
    int st;
    if (waitpid(p, &st, 0) != p)
        perror("waitpid");
    printf("%s: exited %d\n", what, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        printf("child program: %s\n", argv[1]);
        return atoi(argv[1] + strlen(argv[1]) - 1);
    }
    volatile int counter = 10;
    char *args[] = { argv[0], (char *)"run-3", NULL };

    fflush(stdout);
    pid_t p = vfork();
    if (p == 0) {
        execv("/proc/self/exe", args);
        _exit(127);
    }
    report("vfork + exec", p);

    p = vfork();
    if (p == 0)
        _exit(counter + 5);
    report("vfork + _exit", p);

    p = vfork();
    if (p == 0) {
        execl("/no/such/program", "x", (char *)NULL);
        _exit(127);
    }
    report("vfork + failed exec", p);

    int pfd[2];
    if (pipe(pfd) < 0)
        return 1;
    char *echo[] = { argv[0], (char *)"pipe-7", NULL };
    p = vfork();
    if (p == 0) {
        dup2(pfd[1], 1);
        execv("/proc/self/exe", echo);
        _exit(127);
    }
    close(pfd[1]);
    char buf[64] = { 0 };
    ssize_t n = read(pfd[0], buf, sizeof(buf) - 1);
    printf("through the pipe (%d bytes): %s", (int)n, buf);
    report("vfork + dup2 + exec", p);
    printf("counter still %d\n", counter);
    return 0;
}
