/*
 * getdents64 through the raw syscall: list a directory holding files, a
 * subdirectory and a symbolic link, with a small buffer so the listing
 * takes several calls; names are sorted before printing (the order is the
 * file system's), with the d_type of each.  Then EINVAL for a buffer too
 * small for one entry, ENOTDIR for a regular file, and the offset reset
 * by lseek(fd, 0, SEEK_SET).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ent {
    char name[256];
    unsigned char type;
};

static int cmp(const void *a, const void *b)
{
    return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name);
}

/* Lists fd with bufsize-byte getdents64 calls; returns entries found. */
static int list(int fd, size_t bufsize, int print)
{
    static struct ent ents[64];
    char buf[4096] __attribute__((aligned(8)));
    int n = 0, calls = 0;
    long got;

    while ((got = syscall(SYS_getdents64, fd, buf, bufsize)) > 0) {
        calls++;
        for (long off = 0; off < got;) {
            struct dirent64 *d = (struct dirent64 *)(buf + off);

            if (n < 64) {
                snprintf(ents[n].name, sizeof(ents[n].name), "%s", d->d_name);
                ents[n].type = d->d_type;
                n++;
            }
            off += d->d_reclen;
        }
    }
    if (got < 0)
        printf("getdents64 error %d\n", errno);
    qsort(ents, n, sizeof(ents[0]), cmp);
    if (print) {
        printf("%d entries in more than one call: %d\n", n, calls > 1);
        for (int i = 0; i < n; i++)
            printf("  %s %s\n", ents[i].name,
                   ents[i].type == DT_DIR ? "dir" : ents[i].type == DT_REG ? "reg"
                   : ents[i].type == DT_LNK ? "lnk" : "unknown");
    }
    return n;
}

int main(void)
{
    char dir[] = "/tmp/uemu-guest-dents-XXXXXX";
    char name[32], buf[8] __attribute__((aligned(8)));
    int dfd, fd;

    if (!mkdtemp(dir))
        return 1;
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd < 0)
        return 2;
    for (int i = 0; i < 12; i++) {
        snprintf(name, sizeof(name), "file-%02d-with-a-longer-name", i);
        fd = openat(dfd, name, O_WRONLY | O_CREAT, 0600);
        if (fd < 0)
            return 3;
        close(fd);
    }
    mkdirat(dfd, "subdir", 0700);
    symlinkat("nowhere", dfd, "symlink");
    list(dfd, 128, 1);
    printf("second pass at end: %d\n", list(dfd, 4096, 0));
    lseek(dfd, 0, SEEK_SET);
    printf("after rewind: %d\n", list(dfd, 4096, 0));
    lseek(dfd, 0, SEEK_SET);
    printf("tiny buffer %ld", syscall(SYS_getdents64, dfd, buf, sizeof(buf)));
    printf(" errno %d\n", errno);
    fd = openat(dfd, "file-00-with-a-longer-name", O_RDONLY);
    printf("regular file %ld", syscall(SYS_getdents64, fd, buf, sizeof(buf)));
    printf(" errno %d\n", errno);
    close(fd);
    printf("bad fd %ld", syscall(SYS_getdents64, 99, buf, sizeof(buf)));
    printf(" errno %d\n", errno);
    for (int i = 0; i < 12; i++) {
        snprintf(name, sizeof(name), "file-%02d-with-a-longer-name", i);
        unlinkat(dfd, name, 0);
    }
    unlinkat(dfd, "subdir", AT_REMOVEDIR);
    unlinkat(dfd, "symlink", 0);
    close(dfd);
    printf("rmdir %d\n", rmdir(dir));
    return 0;
}
