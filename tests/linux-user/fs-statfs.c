/* statfs/fstatfs on the working directory: only relations that hold on
 * any file system are printed (the type and sizes vary between hosts). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

int main(void)
{
    struct statfs a, b;
    struct statvfs v;
    int fd = open(".", O_RDONLY | O_DIRECTORY);

    printf("statfs: %d\n", statfs(".", &a));
    printf("fstatfs: %d\n", fstatfs(fd, &b));
    printf("same type: %d\n", a.f_type == b.f_type);
    printf("same fsid: %d\n", memcmp(&a.f_fsid, &b.f_fsid, sizeof(a.f_fsid)) == 0);
    printf("bsize > 0: %d\n", a.f_bsize > 0);
    printf("namelen >= 14: %d\n", a.f_namelen >= 14);
    printf("bfree <= blocks: %d\n", a.f_bfree <= a.f_blocks);
    printf("bavail <= bfree: %d\n", a.f_bavail <= a.f_bfree);
    printf("ffree <= files: %d\n", a.f_ffree <= a.f_files);
    printf("frsize > 0: %d\n", a.f_frsize > 0);
    printf("flags have ST_VALID: %d\n", (a.f_flags & 0x20) != 0);
    printf("statvfs: %d\n", statvfs(".", &v));
    printf("statvfs agrees: %d\n", v.f_bsize == (unsigned long)a.f_bsize &&
           v.f_namemax == (unsigned long)a.f_namelen);
    show("missing", statfs("no/such/dir", &a));
    show("bad fd", fstatfs(-1, &a));
    show("bad buffer", syscall(SYS_fstatfs, fd, (void *)16));
    show("bad path", syscall(SYS_statfs, (void *)16, &a));
    close(fd);
    return 0;
}
