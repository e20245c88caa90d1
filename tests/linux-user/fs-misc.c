/* flock, mknodat, extended attributes, close_range, sync calls, fadvise
 * and readahead, a file handle's size probe. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
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
    int a = open("file", O_RDWR | O_CREAT, 0644);
    int b = open("file", O_RDWR);
    char buf[64];
    struct stat st;

    show("flock ex", flock(a, LOCK_EX));
    show("flock other nb", flock(b, LOCK_SH | LOCK_NB));
    show("unlock", flock(a, LOCK_UN));
    show("flock other sh", flock(b, LOCK_SH | LOCK_NB));
    show("flock sh", flock(a, LOCK_SH | LOCK_NB));
    show("flock bad op", flock(a, 99));

    show("mknod fifo", mknodat(AT_FDCWD, "fifo", S_IFIFO | 0600, 0));
    stat("fifo", &st);
    printf("is fifo: %d mode %o\n", S_ISFIFO(st.st_mode), st.st_mode & 0777);
    show("mknod exists", mknodat(AT_FDCWD, "fifo", S_IFIFO | 0600, 0));
    show("mknod reg", mknodat(AT_FDCWD, "reg", S_IFREG | 0600, 0));
    show("mknod bad path", syscall(SYS_mknodat, AT_FDCWD, (void *)16, S_IFIFO | 0600, 0));

    /* user xattrs, where the file system has them: the same answer
     * either way natively and under emulation */
    long r = setxattr("file", "user.uemu", "value1", 6, 0);
    if (r < 0) {
        printf("xattrs unsupported here: %s\n", strerror(errno));
    } else {
        memset(buf, 0, sizeof(buf));
        show("getxattr", getxattr("file", "user.uemu", buf, sizeof(buf)));
        printf("value: %s\n", buf);
        show("getxattr size", getxattr("file", "user.uemu", NULL, 0));
        show("getxattr small", getxattr("file", "user.uemu", buf, 2));
        show("create again", setxattr("file", "user.uemu", "v", 1, XATTR_CREATE));
        show("fsetxattr", fsetxattr(a, "user.two", "22", 2, 0));
        show("flistxattr", flistxattr(a, buf, sizeof(buf)));
        show("lgetxattr", lgetxattr("file", "user.two", buf, sizeof(buf)));
        show("fremovexattr", fremovexattr(a, "user.two"));
        show("removexattr", removexattr("file", "user.uemu"));
        show("listxattr", listxattr("file", buf, sizeof(buf)));
        show("llistxattr", llistxattr("file", buf, sizeof(buf)));
        show("removexattr gone", lremovexattr("file", "user.uemu"));
    }
    show("getxattr missing file", getxattr("nofile", "user.x", buf, sizeof(buf)));

    /* close_range: 10..12 closed, 13 kept; CLOEXEC variant */
    for (int i = 10; i <= 13; i++)
        dup2(a, i);
    show("close_range", syscall(SYS_close_range, 10, 12, 0));
    printf("10 open: %d 13 open: %d\n", fcntl(10, F_GETFD) >= 0, fcntl(13, F_GETFD) >= 0);
    show("close_range cloexec", syscall(SYS_close_range, 13, 13, 4));
    printf("13 cloexec: %d\n", fcntl(13, F_GETFD));
    show("close_range bad", syscall(SYS_close_range, 5, 4, 0));

    write(a, "some data for the kernel", 24);
    show("fsync", fsync(a));
    sync();
    show("syncfs", syncfs(a));
    show("sync_file_range", sync_file_range(a, 0, 0, SYNC_FILE_RANGE_WRITE));
    show("fadvise", posix_fadvise(a, 0, 0, POSIX_FADV_DONTNEED) ? -1 : 0);
    errno = posix_fadvise(a, 0, 0, 99);
    printf("fadvise bad: %s\n", strerror(errno));
    show("readahead", readahead(a, 0, 4096));
    show("readahead bad fd", readahead(-1, 0, 4096));

    struct { struct file_handle fh; unsigned char bytes[128]; } h;
    int mnt;
    h.fh.handle_bytes = 0;
    long r2 = name_to_handle_at(AT_FDCWD, "file", &h.fh, &mnt, 0);
    printf("handle probe: %ld %s, needs bytes: %d\n", r2, strerror(errno), h.fh.handle_bytes > 0);
    return 0;
}
