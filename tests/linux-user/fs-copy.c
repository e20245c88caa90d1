/* Moving file data in the kernel: fallocate, sendfile, copy_file_range,
 * splice and tee, each checked by reading the result back. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static void dump(const char *what, int fd, off_t off, size_t n)
{
    char buf[128] = { 0 };
    ssize_t r = pread(fd, buf, n, off);
    for (ssize_t i = 0; i < r; i++)
        if (!buf[i])
            buf[i] = '.';
    printf("%s: [%.*s]\n", what, (int)(r < 0 ? 0 : r), buf);
}

int main(void)
{
    static const char text[] = "the quick brown fox jumps over the lazy dog";
    int src = open("src", O_RDWR | O_CREAT | O_TRUNC, 0644);
    int dst = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct stat st;
    int p[2], q[2];
    off_t off;
    loff_t lo_in, lo_out;

    show("write", write(src, text, strlen(text)));

    /* fallocate: size grows by the range, the hole reads as zeros */
    show("fallocate", fallocate(dst, 0, 0, 4096));
    fstat(dst, &st);
    printf("size after fallocate: %ld\n", (long)st.st_size);
    show("fallocate keep size", fallocate(dst, FALLOC_FL_KEEP_SIZE, 4096, 4096));
    fstat(dst, &st);
    printf("size after keep size: %ld\n", (long)st.st_size);
    show("fallocate bad mode", fallocate(dst, 0x4000, 0, 1));
    show("fallocate bad len", fallocate(dst, 0, 0, 0));
    show("ftruncate", ftruncate(dst, 0));

    /* sendfile with and without an offset */
    off = 4;
    show("sendfile off", sendfile(dst, src, &off, 5));
    printf("offset now: %ld\n", (long)off);
    lseek(src, 0, SEEK_SET);
    show("sendfile pos", sendfile(dst, src, NULL, 3));
    printf("src pos: %ld\n", (long)lseek(src, 0, SEEK_CUR));
    dump("dst", dst, 0, 64);
    show("sendfile bad off", syscall(SYS_sendfile, dst, src, (void *)16, 3));

    /* copy_file_range with both offsets given, then from file positions */
    lo_in = 10;
    lo_out = 8;
    show("copy_file_range", copy_file_range(src, &lo_in, dst, &lo_out, 9, 0));
    printf("offsets now: %ld %ld\n", (long)lo_in, (long)lo_out);
    dump("dst", dst, 0, 64);
    show("copy_file_range flags", copy_file_range(src, &lo_in, dst, &lo_out, 9, 1));
    show("copy_file_range bad", syscall(SYS_copy_file_range, src, (void *)16, dst, NULL, 9, 0));

    /* splice file -> pipe, tee pipe -> pipe, splice pipes -> file */
    pipe(p);
    pipe(q);
    lo_in = 16;
    show("splice in", splice(src, &lo_in, p[1], NULL, 10, 0));
    show("tee", tee(p[0], q[1], 10, 0));
    lo_out = 0;
    show("splice out", splice(p[0], NULL, dst, &lo_out, 10, 0));
    char b[16] = { 0 };
    show("read tee copy", read(q[0], b, sizeof(b)));
    printf("tee copy: [%s]\n", b);
    dump("dst", dst, 0, 64);

    /* vmsplice: memory into a pipe */
    struct iovec iov[2] = { { "abc", 3 }, { "defg", 4 } };
    show("vmsplice", vmsplice(p[1], iov, 2, 0));
    memset(b, 0, sizeof(b));
    show("read", read(p[0], b, sizeof(b)));
    printf("vmsplice data: [%s]\n", b);
    struct iovec bad = { (void *)16, 4 };
    show("vmsplice bad", vmsplice(p[1], &bad, 1, 0));
    show("splice bad fd", splice(-1, NULL, p[1], NULL, 1, 0));
    return 0;
}
