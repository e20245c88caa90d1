/*
 * brk through the raw syscall: the current break, growth by several
 * pages (new memory is zeroed and writable), shrinking and growing again
 * (the re-grown bytes are zero), and a request below the start, which
 * leaves the break where it was.  Only differences are printed.  stdout
 * gets a static buffer first: malloc must not own memory above the break.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned long brk_(unsigned long a)
{
    return (unsigned long)syscall(SYS_brk, a);
}

int main(void)
{
    static char outbuf[4096];
    unsigned long start, cur;
    unsigned char *p;
    int zero = 1;

    setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
    start = brk_(0);

    printf("start nonzero %d\n", start != 0);
    cur = brk_(start + 100000);
    printf("grow by 100000: %lu\n", cur - start);
    p = (unsigned char *)start;
    for (int i = 0; i < 100000; i++)
        zero &= p[i] == 0;
    printf("zeroed %d\n", zero);
    for (int i = 0; i < 100000; i++)
        p[i] = (unsigned char)i;
    printf("written %d %d\n", p[99999], p[4096]);
    cur = brk_(start + 10);
    printf("shrink: %lu\n", cur - start);
    printf("kept below %d\n", p[9]);
    cur = brk_(start + 8192);
    printf("grow again: %lu\n", cur - start);
    zero = 1;
    for (int i = 4096; i < 8192; i++)
        zero &= p[i] == 0;
    printf("regrown page zero %d\n", zero);
    cur = brk_(start - 1000000);
    printf("below start: %lu\n", cur - start);
    cur = brk_(start + (64ul << 20));
    printf("grow 64M: %lu\n", cur - start);
    p[(64ul << 20) - 1] = 5;
    printf("last byte %d\n", p[(64ul << 20) - 1]);
    cur = brk_(start);
    printf("back to start: %lu\n", cur - start);
    return 0;
}
