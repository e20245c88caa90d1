/*
 * setjmp/longjmp out of nested calls (glibc saves and restores the
 * callee-saved integer and FP registers), with doubles live across.
 */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static volatile int depth_reached;

static void dive(int n)
{
    volatile double d = n * 1.5;

    depth_reached = n;
    if (n >= 20)
        longjmp(env, n + (int)d);
    if (n < 100)
        dive(n + 1);
}

int main(void)
{
    volatile double keep = 2.25;
    volatile int rounds = 0;
    int r;

    r = setjmp(env);
    if (r) {
        rounds++;
        printf("longjmp %d depth %d keep %.2f\n", r, depth_reached, keep);
        if (rounds == 3)
            return 0;
        keep *= 2;
    }
    dive(rounds);
    return 1;
}
