/*
 * fstat, newfstatat (with and without AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH)
 * and statx: the portable fields only (size, file type and permission
 * bits, link count, block-size sanity), for a regular file, a directory,
 * a symbolic link and a pipe.  Never inode numbers, times or owners.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
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

static const char *kind(unsigned mode)
{
    return S_ISREG(mode) ? "reg" : S_ISDIR(mode) ? "dir" : S_ISLNK(mode) ? "lnk"
         : S_ISFIFO(mode) ? "fifo" : "other";
}

static void st(const char *what, const struct stat *s)
{
    /* A directory's size depends on the file system: not printed. */
    printf("%s: %s perm %03o nlink %lu size %lld blksize>0 %d\n", what,
           kind(s->st_mode), (unsigned)(s->st_mode & 07777),
           (unsigned long)s->st_nlink,
           S_ISDIR(s->st_mode) ? 0LL : (long long)s->st_size, s->st_blksize > 0);
}

int main(void)
{
    char dir[] = "/tmp/uemu-guest-stat-XXXXXX";
    struct stat s;
    struct statx x;
    int dfd, fd, p[2];

    umask(022);
    if (!mkdtemp(dir))
        return 1;
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    fd = openat(dfd, "file", O_RDWR | O_CREAT, 0640);
    if (dfd < 0 || fd < 0 || write(fd, "twelve bytes", 12) != 12)
        return 2;
    T(fstat(fd, &s));
    st("fstat file", &s);
    T(fstatat(dfd, "file", &s, 0));
    st("fstatat file", &s);
    T(mkdirat(dfd, "sub", 0751));
    T(fstatat(dfd, "sub", &s, 0));
    st("fstatat sub", &s);
    T(fstat(dfd, &s));
    printf("dir nlink %lu\n", (unsigned long)s.st_nlink);
    T(symlinkat("file", dfd, "link"));
    T(fstatat(dfd, "link", &s, 0));
    st("follow link", &s);
    T(fstatat(dfd, "link", &s, AT_SYMLINK_NOFOLLOW));
    printf("nofollow link: %s size %lld\n", kind(s.st_mode), (long long)s.st_size);
    T(linkat(dfd, "file", dfd, "hard", 0));
    T(fstat(fd, &s));
    st("after link", &s);
    T(fstatat(fd, "", &s, AT_EMPTY_PATH));
    st("empty path", &s);
    T(fchmod(fd, 04711));
    T(fstat(fd, &s));
    st("fchmod", &s);
    T(statx(dfd, "file", 0, STATX_BASIC_STATS, &x));
    printf("statx: mask has size %d type %d nlink %d; size %llu %s perm %03o nlink %u\n",
           !!(x.stx_mask & STATX_SIZE), !!(x.stx_mask & STATX_TYPE),
           !!(x.stx_mask & STATX_NLINK), (unsigned long long)x.stx_size,
           kind(x.stx_mode), x.stx_mode & 07777, x.stx_nlink);
    T(statx(dfd, "link", AT_SYMLINK_NOFOLLOW, STATX_SIZE | STATX_TYPE, &x));
    printf("statx link: %s size %llu\n", kind(x.stx_mode), (unsigned long long)x.stx_size);
    T(statx(dfd, "missing", 0, STATX_BASIC_STATS, &x));
    T(fstatat(dfd, "missing", &s, 0));
    T(fstatat(dfd, "file/x", &s, 0));
    T(fstat(-1, &s));
    if (pipe(p) < 0)
        return 3;
    T(write(p[1], "abc", 3));
    T(fstat(p[0], &s));
    printf("pipe: %s\n", kind(s.st_mode));
    T(ftruncate(fd, 100000));
    T(fstat(fd, &s));
    printf("truncated size %lld\n", (long long)s.st_size);
    close(fd);
    T(unlinkat(dfd, "file", 0));
    T(unlinkat(dfd, "hard", 0));
    T(unlinkat(dfd, "link", 0));
    T(unlinkat(dfd, "sub", AT_REMOVEDIR));
    close(dfd);
    T(rmdir(dir));
    return 0;
}
