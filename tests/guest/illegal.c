/* An illegal instruction: the program dies by SIGILL. */
#include <stdio.h>

int main(void)
{
    printf("before the illegal instruction\n");
    fflush(stdout);
#if defined(__riscv)
    __asm__ volatile(".4byte 0xc0001073"); /* csrrw zero, cycle, zero */
#elif defined(__aarch64__)
    __asm__ volatile("udf #0");
#else
    __asm__ volatile("ud2");
#endif
    printf("not reached\n");
    return 0;
}
