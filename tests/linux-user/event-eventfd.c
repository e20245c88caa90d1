/* eventfd: counter and semaphore modes, non-blocking reads and writes at
 * the limits, poll readiness. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static void rd(const char *what, int fd)
{
    uint64_t v = 0;
    long r = read(fd, &v, sizeof(v));
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld value %llu\n", what, r, (unsigned long long)v);
}

int main(void)
{
    int fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
    uint64_t v;

    printf("flags: nonblock %d cloexec %d\n", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0,
           fcntl(fd, F_GETFD));
    rd("read initial", fd);
    rd("read empty", fd);
    v = 7;
    show("write 7", write(fd, &v, 8));
    v = 8;
    show("write 8", write(fd, &v, 8));
    rd("read sum", fd);
    v = 0xfffffffffffffffeull;
    show("write max", write(fd, &v, 8));
    v = 1;
    show("write over", write(fd, &v, 8));
    v = ~0ull;
    show("write all ones", write(fd, &v, 8));
    show("short write", write(fd, &v, 4));
    char small[4];
    show("short read", read(fd, small, 4));
    rd("read max", fd);

    int sem = eventfd(0, EFD_SEMAPHORE | EFD_NONBLOCK);
    v = 3;
    write(sem, &v, 8);
    struct pollfd p = { sem, POLLIN | POLLOUT, 0 };
    show("poll", poll(&p, 1, 0));
    printf("revents %#x\n", p.revents);
    for (int i = 0; i < 4; i++)
        rd("sem read", sem);
    p.revents = 0;
    show("poll drained", poll(&p, 1, 0));
    printf("revents %#x\n", p.revents);

    int blk = eventfd(2, 0);
    rd("blocking read", blk);
    return 0;
}
