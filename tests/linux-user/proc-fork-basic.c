/*
 * fork: the child gets 0 and its own pid, getppid is the parent; memory
 * is copied (heap, stack, globals, an anonymous private mapping: writes
 * on one side are not seen on the other), a MAP_SHARED mapping is
 * shared; descriptors are shared with their offsets; stdio buffers
 * flushed before fork are not written twice; twenty children forked in
 * a row each return their own status; a child that forks again.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int global = 1;

static int reap(pid_t p)
{
    int st;
    if (waitpid(p, &st, 0) != p)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 200 + WTERMSIG(st);
}

int main(void)
{
    int local = 2;
    int *heap = malloc(sizeof(int));
    int *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int fd = open("file", O_RDWR | O_CREAT | O_TRUNC, 0644);
    pid_t parent = getpid();

    if (!heap || priv == MAP_FAILED || shared == MAP_FAILED || fd < 0)
        return 1;
    *heap = 3;
    *priv = 4;
    *shared = 5;
    printf("before fork\n");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        int ok = getppid() == parent && getpid() != parent;
        global = 10, local = 20, *heap = 30, *priv = 40, *shared = 50;
        if (write(fd, "child ", 6) != 6)
            ok = 0;
        printf("child: ids ok %d, sees %d %d %d %d %d\n", ok, global, local, *heap, *priv,
               *shared);
        fflush(stdout);
        _exit(ok ? 0 : 1);
    }
    printf("child status %d, fork returned a pid: %d\n", reap(p), p > 0);
    printf("parent sees %d %d %d %d %d\n", global, local, *heap, *priv, *shared);
    if (write(fd, "parent", 6) != 6)
        return 1;
    char buf[32] = { 0 };
    if (pread(fd, buf, sizeof(buf) - 1, 0) < 0)
        return 1;
    printf("file (shared offset): \"%s\", offset now %ld\n", buf, (long)lseek(fd, 0, SEEK_CUR));

    int sum = 0;
    pid_t kids[20];
    for (int i = 0; i < 20; i++) {
        fflush(stdout);
        kids[i] = fork();
        if (kids[i] == 0)
            _exit(i * 3);
    }
    for (int i = 19; i >= 0; i--)
        sum += reap(kids[i]);
    printf("20 children, sum of statuses %d\n", sum);

    fflush(stdout);
    p = fork();
    if (p == 0) {
        pid_t q = fork();
        if (q == 0)
            _exit(6);
        _exit(reap(q) + 1);
    }
    printf("child of a child: %d\n", reap(p));
    return 0;
}
