/* membarrier (the commands uemu gives the guest) and rseq, which uemu
 * refuses: glibc must run without it, sched_getcpu() still working. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/membarrier.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static long mb(int cmd)
{
    return syscall(SYS_membarrier, cmd, 0, 0);
}

int main(void)
{
    long q = mb(MEMBARRIER_CMD_QUERY);
    printf("query ok: %d\n", q >= 0);
    printf("global: %d\n", (q & MEMBARRIER_CMD_GLOBAL) != 0);
    printf("private expedited: %d\n", (q & MEMBARRIER_CMD_PRIVATE_EXPEDITED) != 0);
    show("expedited unregistered", mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED));
    show("register", mb(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED));
    show("expedited", mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED));
    show("global", mb(MEMBARRIER_CMD_GLOBAL));
    show("bad flags", syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 1, 0));
    show("bad command", mb(1 << 20));

    printf("sched_getcpu works: %d\n", sched_getcpu() >= 0);
    errno = 0;
    long r = syscall(SYS_rseq, NULL, 0, 0, 0);
    printf("rseq by hand refused: %d\n",
           r == -1 && (errno == ENOSYS || errno == EINVAL || errno == EBUSY));
    return 0;
}
