/* A tight loop (no system call, no memory write) ended by a SIGALRM
 * handler: the emulator must interrupt chained generated code. */
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

static volatile sig_atomic_t stop;

static void on_alarm(int sig) { (void)sig; stop = 1; }

int main(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };
    unsigned long n = 0;

    signal(SIGALRM, on_alarm);
    setitimer(ITIMER_REAL, &it, NULL);
    while (!stop)
        n++;
    printf("loop stopped by SIGALRM: %d\n", n > 0);
    return 0;
}
