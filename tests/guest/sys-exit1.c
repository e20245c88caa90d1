/*
 * exit (the thread exit syscall) in a single-threaded program ends the
 * process with the given status, like exit_group; a negative status
 * becomes its low 8 bits.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    printf("before exit\n");
    fflush(stdout);
    syscall(SYS_exit, -3);
    printf("after exit\n");
    return 1;
}
