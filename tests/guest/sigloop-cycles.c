/* Endless loops that are not a block jumping to itself, each ended by a
 * SIGALRM handler: generated code notices an exit request only on jumps
 * back and on indirect jumps (accel/tcg/translate-loop.c), so every kind
 * of cycle must contain one.
 *  - a cycle of several blocks joined by forward jumps and one jump back;
 *  - a cycle closed by indirect jumps only (a computed goto);
 *  - a loop that calls a function (jal forward or back, ret indirect). */
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

static volatile sig_atomic_t stop;

static void on_alarm(int sig)
{
    (void)sig;
    stop = 1;
}

static void arm(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };

    stop = 0;
    setitimer(ITIMER_REAL, &it, NULL);
}

static unsigned long __attribute__((noinline)) several_blocks(void)
{
    unsigned long n = 0, odd = 0;

    while (!stop) {
        /* branches forward within the body: several blocks per turn */
        if (n & 1)
            odd++;
        if (n & 2)
            odd += 2;
        n++;
    }
    return n > 0 && odd > 0;
}

static unsigned long __attribute__((noinline)) computed_goto(void)
{
    static void *const next[2] = { &&again, &&out };
    /* read each time: the compiler cannot make the jump a branch */
    void *const *volatile table = next;
    unsigned long n = 0;

again:
    n++;
    goto *table[stop != 0];
out:
    return n > 0;
}

static unsigned long __attribute__((noinline)) step(unsigned long n)
{
    return n + 1;
}

static unsigned long __attribute__((noinline)) calling(void)
{
    unsigned long n = 0;

    while (!stop)
        n = step(n);
    return n > 0;
}

int main(void)
{
    signal(SIGALRM, on_alarm);
    arm();
    printf("several blocks: %lu\n", several_blocks());
    arm();
    printf("computed goto: %lu\n", computed_goto());
    arm();
    printf("calls: %lu\n", calling());
    return 0;
}
