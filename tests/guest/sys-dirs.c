/*
 * Directory and name operations relative to a directory descriptor:
 * mkdirat (EEXIST), unlinkat of a file and with AT_REMOVEDIR (ENOTEMPTY,
 * ENOTDIR, EISDIR without the flag), renameat2 plain, with
 * RENAME_NOREPLACE (EEXIST) and RENAME_EXCHANGE (contents swap), and
 * renaming a directory into itself (EINVAL).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long rv)
{
    int e = errno;

    if (rv < 0)
        printf("%s = %ld errno %d\n", what, rv, e);
    else
        printf("%s = %ld\n", what, rv);
}
#define T(expr) show(#expr, (long)(expr))

static void put(int dfd, const char *name, const char *text, int len)
{
    int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (fd >= 0) {
        if (write(fd, text, len) != len)
            printf("short write\n");
        close(fd);
    }
}

static void cat(int dfd, const char *name)
{
    char buf[32];
    int fd = openat(dfd, name, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));

    printf("  %s: %.*s\n", name, n < 0 ? 0 : (int)n, buf);
    if (fd >= 0)
        close(fd);
}

int main(void)
{
    char dir[] = "/tmp/uemu-guest-dirs-XXXXXX";
    int dfd;

    if (!mkdtemp(dir))
        return 1;
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd < 0)
        return 2;
    T(mkdirat(dfd, "d", 0700));
    T(mkdirat(dfd, "d", 0700));
    T(mkdirat(dfd, "d/e", 0700));
    T(mkdirat(dfd, "x/y", 0700));
    put(dfd, "a", "alpha", 5);
    put(dfd, "b", "beta", 4);
    T(unlinkat(dfd, "d", AT_REMOVEDIR));
    T(unlinkat(dfd, "d", 0));
    T(unlinkat(dfd, "a", AT_REMOVEDIR));
    T(unlinkat(dfd, "a", 0x1234));
    T(syscall(SYS_renameat2, dfd, "a", dfd, "b", RENAME_NOREPLACE));
    T(syscall(SYS_renameat2, dfd, "a", dfd, "b", RENAME_EXCHANGE));
    cat(dfd, "a");
    cat(dfd, "b");
    T(syscall(SYS_renameat2, dfd, "a", dfd, "c", RENAME_NOREPLACE));
    T(syscall(SYS_renameat2, dfd, "a", dfd, "c", RENAME_EXCHANGE));
    T(syscall(SYS_renameat2, dfd, "c", dfd, "b", 0));
    cat(dfd, "b");
    T(faccessat(dfd, "c", F_OK, 0));
    T(syscall(SYS_renameat2, dfd, "b", dfd, "c", RENAME_NOREPLACE | RENAME_EXCHANGE));
    T(renameat(dfd, "d", dfd, "d/e/f"));
    T(renameat(dfd, "b", dfd, "d"));
    T(renameat(dfd, "d", dfd, "b"));
    T(renameat(dfd, "d/e", dfd, "e2"));
    T(renameat(dfd, "missing", dfd, "z"));
    T(unlinkat(dfd, "e2", AT_REMOVEDIR));
    T(unlinkat(dfd, "d", AT_REMOVEDIR));
    T(unlinkat(dfd, "b", 0));
    close(dfd);
    T(rmdir(dir));
    return 0;
}
