/*
 * getrandom: the length returned for several sizes (small requests are
 * never short), zero bytes, GRND_NONBLOCK and GRND_INSECURE, unknown flags
 * (EINVAL), a bad buffer (EFAULT), and the bytes are not all equal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    static unsigned char buf[4096];
    static const size_t sizes[] = { 1, 16, 256, 4096 };
    int varied = 0;

    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
        printf("getrandom %zu -> %zd\n", sizes[i], getrandom(buf, sizes[i], 0));
    for (int i = 1; i < 4096; i++)
        varied |= buf[i] != buf[0];
    printf("varied %d\n", varied);
    printf("zero -> %zd\n", getrandom(buf, 0, 0));
    printf("nonblock -> %zd\n", getrandom(buf, 32, GRND_NONBLOCK));
    printf("insecure -> %zd\n", getrandom(buf, 32, GRND_INSECURE));
    printf("bad flags -> %ld", syscall(SYS_getrandom, buf, 8, 0x100));
    printf(" errno %d\n", errno);
    printf("bad buffer -> %ld", syscall(SYS_getrandom, 8, 8, 0));
    printf(" errno %d\n", errno);
    return 0;
}
