/*
 * exit_group through the raw syscall with a status above 255 (only the
 * low 8 bits reach the parent), after output flushed by hand; the stdio
 * buffer left unflushed is lost, as exit_group runs no atexit work.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static void never(void)
{
    printf("atexit handler ran\n");
}

int main(void)
{
    atexit(never);
    printf("before exit_group\n");
    fflush(stdout);
    printf("buffered, never written\n");
    syscall(SYS_exit_group, 0x12d);
    return 1;
}
