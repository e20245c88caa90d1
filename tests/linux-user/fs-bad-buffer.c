/* Errors Linux reports before it would use a bad buffer, and buffers it
 * must leave alone when a call fails:
 *  - name_to_handle_at with handle_bytes above MAX_HANDLE_SZ (128) is
 *    EINVAL, and the caller's handle and mount id are not written;
 *  - getxattr of an attribute that does not exist is ENODATA even with
 *    an unusable value buffer (the value is copied out last). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static struct { struct file_handle fh; unsigned char bytes[2000]; } h;

int main(void)
{
    int mnt = -7;

    memset(&h, 0x5a, sizeof(h));
    h.fh.handle_bytes = 1000;
    int r = name_to_handle_at(AT_FDCWD, ".", &h.fh, &mnt, 0);
    printf("handle 1000 bytes: %d %s\n", r, r ? strerror(errno) : "");
    int changed = 0;
    for (size_t i = 0; i < sizeof(h.bytes); i++)
        changed += h.bytes[i] != 0x5a;
    printf("bytes changed: %d, handle_type kept: %d, mount id kept: %d\n", changed,
           h.fh.handle_type == 0x5a5a5a5a, mnt == -7);
    h.fh.handle_bytes = 128;
    r = name_to_handle_at(AT_FDCWD, ".", &h.fh, &mnt, 0);
    printf("128 bytes: %s, size within: %d\n", r == 0 ? "ok" : strerror(errno),
           r != 0 || h.fh.handle_bytes <= 128);

    close(open("file", O_WRONLY | O_CREAT, 0644));
    long g = syscall(SYS_getxattr, "file", "user.none", (void *)16, 10);
    printf("getxattr missing, bad buffer: %ld %s\n", g, strerror(errno));
    return 0;
}
