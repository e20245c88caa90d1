/* A breakpoint instruction with no debugger: death by SIGTRAP. */
#include <stdio.h>

int main(void)
{
    printf("before the breakpoint\n");
    fflush(stdout);
#if defined(__riscv)
    __asm__ volatile("ebreak");
#elif defined(__aarch64__)
    __asm__ volatile("brk #0");
#else
    __asm__ volatile("int3");
#endif
    printf("not reached\n");
    return 0;
}
