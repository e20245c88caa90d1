/*
 * mmap and munmap: anonymous private memory starts zeroed, MAP_FIXED
 * over part of a mapping, a file mapped shared (stores reach the file)
 * and private (they do not), an offset into the file, reading past the
 * end of the file within the last page, munmap of a middle page (the
 * rest stays usable), and the errors for length 0, an unaligned offset
 * and a bad descriptor.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
#define M(expr) show(#expr, (expr) == MAP_FAILED ? -1L : 0L)

int main(void)
{
    char dir[] = "/tmp/uemu-guest-mmap-XXXXXX";
    char path[64], buf[16];
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *a, *b, *f;
    int fd, zero = 1;

    a = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED)
        return 1;
    for (long i = 0; i < 4 * pg; i++)
        zero &= a[i] == 0;
    printf("anon zeroed %d aligned %d\n", zero, ((unsigned long)a & (pg - 1)) == 0);
    memset(a, 0xaa, 4 * pg);
    b = mmap(a + pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("fixed at requested %d: %02x %02x %02x\n", b == a + pg, a[pg - 1], a[pg], a[2 * pg]);
    T(munmap(a + 2 * pg, pg));
    a[3 * pg] = 1;
    a[pg] = 2;
    printf("neighbours usable %d %d\n", a[3 * pg], a[pg]);
    T(munmap(a + 2 * pg, pg));
    T(munmap(a, 4 * pg));
    T(munmap(a + 1, pg));
    M(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    M(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 99, 0));
    M(mmap(NULL, pg, PROT_READ, MAP_ANONYMOUS, -1, 0));

    if (!mkdtemp(dir))
        return 2;
    snprintf(path, sizeof(path), "%s/m", dir);
    fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd < 0 || ftruncate(fd, pg + 10) < 0)
        return 3;
    T(pwrite(fd, "page one", 8, 0));
    T(pwrite(fd, "page two", 8, pg));
    f = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (f == MAP_FAILED)
        return 4;
    printf("shared: '%.8s' '%.8s' past eof %d %d\n", f, f + pg, f[pg + 10], f[2 * pg - 1]);
    memcpy(f + 5, "ONE", 3);
    T(pread(fd, buf, 8, 0));
    printf("file sees '%.8s'\n", buf);
    T(msync(f, pg, MS_SYNC));
    T(munmap(f, 2 * pg));
    f = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, pg);
    if (f == MAP_FAILED)
        return 5;
    printf("private at offset: '%.8s'\n", f);
    memcpy(f, "PAGE", 4);
    T(pread(fd, buf, 8, pg));
    printf("file keeps '%.8s' mapping has '%.8s'\n", buf, f);
    T(munmap(f, pg));
    M(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 100));
    close(fd);
    fd = open(path, O_RDONLY);
    M(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
    f = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("private writable from read-only fd %d\n", f != MAP_FAILED);
    close(fd);
    printf("mapping outlives close: '%.8s'\n", f);
    unlink(path);
    T(rmdir(dir));
    return 0;
}
