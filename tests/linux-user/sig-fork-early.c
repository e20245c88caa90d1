/* A signal sent to a forked child right after fork (before the child
 * has run, or while uemu still sets it up) is delivered to the child's
 * handler, not lost: each child waits for it with pause(), and an alarm
 * ends a child that never gets it. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 20

static volatile sig_atomic_t got;

static void handler(int sig)
{
    (void)sig;
    got = 1;
}

int main(void)
{
    struct sigaction sa = { .sa_handler = handler };
    int ok = 0;

    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < CHILDREN; i++) {
        int st;
        pid_t p = fork();

        if (p < 0) {
            perror("fork");
            return 1;
        }
        if (p == 0) {
            alarm(2);
            while (!got)
                pause();
            _exit(0);
        }
        kill(p, SIGUSR1);
        while (waitpid(p, &st, 0) < 0)
            continue;
        ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
    }
    printf("children that got the signal: %d of %d\n", ok, CHILDREN);
    return 0;
}
