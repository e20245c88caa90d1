/*
 * umask and faccessat: the mask returned by each umask call, its effect
 * on the modes of new files and directories, access checks (F_OK, R_OK,
 * W_OK, X_OK) on files of different modes (the runner is not root-proof,
 * so only checks whose answer is the same for root are printed:
 * existence and the execute bit of a file with no execute bits), the
 * AT_SYMLINK_NOFOLLOW and AT_EACCESS flags of faccessat2, and EINVAL for
 * a bad mode.
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

static void mode(int dfd, const char *name)
{
    struct stat st;

    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        printf("  %s mode %03o\n", name, (unsigned)(st.st_mode & 0777));
}

int main(void)
{
    char dir[] = "/tmp/uemu-guest-access-XXXXXX";
    int dfd, fd;

    T(umask(022));
    T(umask(077));
    T(umask(0));
    T(umask(01777));
    T(umask(027));
    if (!mkdtemp(dir))
        return 1;
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    fd = openat(dfd, "f777", O_WRONLY | O_CREAT, 0777);
    close(fd);
    fd = openat(dfd, "f600", O_WRONLY | O_CREAT, 0600);
    close(fd);
    T(mkdirat(dfd, "d777", 0777));
    mode(dfd, "f777");
    mode(dfd, "f600");
    mode(dfd, "d777");
    T(umask(0));
    fd = openat(dfd, "f666", O_WRONLY | O_CREAT, 0666);
    close(fd);
    mode(dfd, "f666");
    T(fchmodat(dfd, "f777", 0755, 0));
    mode(dfd, "f777");
    T(faccessat(dfd, "f600", F_OK, 0));
    T(faccessat(dfd, "f600", X_OK, 0));
    T(faccessat(dfd, "f777", X_OK, 0));
    T(faccessat(dfd, "missing", F_OK, 0));
    T(faccessat(dfd, "f600/x", F_OK, 0));
    T(faccessat(dfd, "f600", 0x10, 0));
    T(symlinkat("missing", dfd, "dangling"));
    T(syscall(SYS_faccessat2, dfd, "dangling", F_OK, 0));
    T(syscall(SYS_faccessat2, dfd, "dangling", F_OK, AT_SYMLINK_NOFOLLOW));
    T(syscall(SYS_faccessat2, dfd, "f777", X_OK, AT_EACCESS));
    T(syscall(SYS_faccessat2, dfd, "f777", F_OK, 0x10000));
    T(access(dir, W_OK | X_OK));
    T(unlinkat(dfd, "f777", 0));
    T(unlinkat(dfd, "f600", 0));
    T(unlinkat(dfd, "f666", 0));
    T(unlinkat(dfd, "dangling", 0));
    T(unlinkat(dfd, "d777", AT_REMOVEDIR));
    close(dfd);
    T(rmdir(dir));
    return 0;
}
