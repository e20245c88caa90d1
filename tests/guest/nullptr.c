/* A load through a null pointer dies by SIGSEGV (not SIGBUS). */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    static volatile uintptr_t addr;

    printf("before the null load\n");
    fflush(stdout);
    return *(volatile int *)addr;
}
