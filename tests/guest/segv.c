/* A store to an unmapped address: the program dies by SIGSEGV, which
 * the emulator must pass on as its own exit status. */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    static volatile uintptr_t addr = 16;
    volatile int *bad = (volatile int *)addr;

    printf("before the fault\n");
    fflush(stdout);
    *bad = 1;
    printf("not reached\n");
    return 0;
}
