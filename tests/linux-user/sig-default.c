/* Default actions seen by a parent: termination by SIGTERM, SIGINT,
 * SIGUSR1 and a real-time signal; SIGABRT (abort) and SIGSEGV with the
 * core flag clear under RLIMIT_CORE 0; SIGCHLD and SIGURG
 * ignored; SIGSTOP then SIGCONT seen through WUNTRACED/WCONTINUED. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by %d, core %d\n", what, WTERMSIG(st), WCOREDUMP(st) != 0);
    else if (WIFSTOPPED(st))
        printf("%s: stopped by %d\n", what, WSTOPSIG(st));
    else if (WIFCONTINUED(st))
        printf("%s: continued\n", what);
}

static volatile int *volatile bad = (int *)16;

static void child_does(int how)
{
    struct rlimit none = { 0, 0 };

    setrlimit(RLIMIT_CORE, &none);
    switch (how) {
    case 0: raise(SIGTERM); break;
    case 1: kill(getpid(), SIGINT); break;
    case 2: raise(SIGUSR1); break;
    case 3: raise(SIGRTMIN + 4); break;
    case 4: abort();
    case 5: *bad = 0; break;
    case 6: raise(SIGCHLD); raise(SIGURG); raise(SIGWINCH); _exit(5);
    }
    _exit(99);
}

int main(void)
{
    static const char *const names[] = {
        "raise SIGTERM", "kill SIGINT", "raise SIGUSR1", "raise SIGRTMIN+4", "abort",
        "bad write", "ignored by default",
    };
    int st;

    for (int i = 0; i < 7; i++) {
        pid_t p = fork();

        if (p == 0)
            child_does(i);
        waitpid(p, &st, 0);
        report(names[i], st);
    }

    pid_t p = fork();
    if (p == 0) {
        for (int i = 0; i < 2000; i++)
            usleep(1000);
        _exit(3);
    }
    kill(p, SIGSTOP);
    waitpid(p, &st, WUNTRACED);
    report("SIGSTOP", st);
    kill(p, SIGCONT);
    waitpid(p, &st, WCONTINUED);
    report("SIGCONT", st);
    kill(p, SIGKILL);
    waitpid(p, &st, 0);
    report("SIGKILL", st);
    return 0;
}
