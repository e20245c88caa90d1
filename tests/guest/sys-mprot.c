/*
 * mprotect, mremap and madvise: protection changes on part of a mapping
 * (the unaffected pages keep theirs, data survives PROT_NONE and back),
 * mremap growing in place or moving with MREMAP_MAYMOVE (contents kept,
 * the new tail zeroed), shrinking, MREMAP_FIXED; madvise(MADV_DONTNEED)
 * makes private anonymous pages read as zeros while a shared file page
 * keeps its data; and the EINVAL/ENOMEM errors of each.
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

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *a, *r, *fix;
    int zeros = 1;

    a = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED)
        return 1;
    for (long i = 0; i < 4 * pg; i++)
        a[i] = (unsigned char)(i / pg + 1);
    T(mprotect(a + pg, pg, PROT_NONE));
    T(mprotect(a + pg, pg, PROT_READ));
    printf("after none/read: %d\n", a[pg + 5]);
    T(mprotect(a + pg, pg, PROT_READ | PROT_WRITE));
    a[pg + 5] = 42;
    printf("writable again: %d, neighbours %d %d\n", a[pg + 5], a[0], a[2 * pg]);
    T(mprotect(a + 1, pg, PROT_READ));
    T(mprotect(a, pg, 0x1000));

    T(madvise(a, 2 * pg, MADV_DONTNEED));
    for (long i = 0; i < 2 * pg; i++)
        zeros &= a[i] == 0;
    printf("dontneed zeros %d, rest kept %d %d\n", zeros, a[2 * pg], a[4 * pg - 1]);
    T(madvise(a, pg, MADV_WILLNEED));
    T(madvise(a, pg, MADV_NORMAL));
    T(madvise(a + 1, pg, MADV_DONTNEED));

    r = mremap(a, 4 * pg, 64 * pg, MREMAP_MAYMOVE);
    if (r == MAP_FAILED)
        return 2;
    zeros = 1;
    for (long i = 4 * pg; i < 64 * pg; i++)
        zeros &= r[i] == 0;
    printf("grown: kept %d %d, tail zero %d\n", r[2 * pg], r[4 * pg - 1], zeros);
    r[64 * pg - 1] = 9;
    T(mremap(r, 64 * pg, 2 * pg, 0) == r);
    printf("shrunk keeps %d\n", r[2 * pg - 1]);
    T(mremap(r, 2 * pg, 2 * pg, 0) == r);
    T(mremap(r + 1, pg, 2 * pg, MREMAP_MAYMOVE) == MAP_FAILED);
    T(errno);
    T(mremap(r, 0, pg, MREMAP_MAYMOVE) == MAP_FAILED);
    T(mremap(r, pg, pg, MREMAP_FIXED) == MAP_FAILED);
    T(errno);
    fix = mmap(NULL, 8 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fix == MAP_FAILED)
        return 3;
    r[0] = 77;
    T(mremap(r, 2 * pg, 2 * pg, MREMAP_MAYMOVE | MREMAP_FIXED, fix + 4 * pg) == fix + 4 * pg);
    printf("moved to fixed: %d %d\n", fix[4 * pg], fix[6 * pg - 1]);
    T(munmap(fix, 8 * pg));
    return 0;
}
