/* SIGTERM's default action: the program dies of it (status 143), also
 * after a handler was installed and reset to SIG_DFL. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static void on_term(int sig) { (void)sig; printf("handler\n"); }

int main(void)
{
    signal(SIGTERM, on_term);
    kill(getpid(), SIGTERM);
    signal(SIGTERM, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    raise(SIGCHLD);
    printf("SIGCHLD ignored by default\n");
    fflush(stdout);
    kill(getpid(), SIGTERM);
    printf("not reached\n");
    return 0;
}
