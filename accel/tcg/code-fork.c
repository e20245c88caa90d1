/*
 * The child of a fork gets its own copy of the JIT's code buffer.
 *
 * The x86_64 backend's code buffer is one memfd mapped twice (a
 * writable and an executable view, W^X), MAP_SHARED by necessity; a
 * fork would leave parent and child writing new blocks into the same
 * pages.  So the child, while it is the only thread, replaces every
 * shared mapping of a memfd named "uemu-..." by a mapping of a fresh
 * memfd, at the same addresses with the same protections and offsets,
 * holding a copy of the pages in use.  The buffer is filled from its
 * start, so that is every page up to the last one resident (mincore): a
 * page swapped out below it is read back in, the never-written pages
 * after it stay holes.  Pointers into the buffer (blocks, chains, the
 * prologue) stay valid.
 *
 * The mappings are found in /proc/self/maps, read with plain system
 * calls (the child of a threaded parent must not rely on stdio locks).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/tcg/exec-internal.h"

#define MAX_MAPS 8
#define MEMFD_PREFIX "/memfd:uemu-"

struct code_map {
    uintptr_t start, end;
    uint64_t offset, inode;
    int prot;
};

/* Parse one /proc/self/maps line; true for a shared uemu memfd view. */
static bool parse_line(const char *line, struct code_map *m)
{
    unsigned long long start, end, offset, inode;
    char perms[5];
    int pos = 0;

    if (sscanf(line, "%llx-%llx %4s %llx %*s %llu %n", &start, &end, perms, &offset, &inode,
               &pos) < 5 || !pos)
        return false;
    if (perms[3] != 's' || strncmp(line + pos, MEMFD_PREFIX, strlen(MEMFD_PREFIX)) != 0)
        return false;
    *m = (struct code_map){
        .start = (uintptr_t)start, .end = (uintptr_t)end, .offset = offset, .inode = inode,
        .prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
                (perms[2] == 'x' ? PROT_EXEC : 0),
    };
    return true;
}

/* The shared uemu memfd views, at most MAX_MAPS; -errno on failure. */
static int find_maps(struct code_map *maps)
{
    static char buf[1 << 16];
    size_t len = 0;
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC), n = 0;
    char *line;

    if (fd < 0)
        return -errno;
    for (;;) {
        ssize_t r = read(fd, buf + len, sizeof(buf) - 1 - len);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        len += (size_t)r;
        buf[len] = 0;
        /* Keep only whole lines for the next read. */
        char *last = strrchr(buf, '\n');
        size_t keep = last ? len - (size_t)(last + 1 - buf) : len;

        for (line = buf; last && line <= last;) {
            char *nl = strchr(line, '\n');

            *nl = 0;
            if (n < MAX_MAPS && parse_line(line, &maps[n]))
                n++;
            line = nl + 1;
        }
        memmove(buf, buf + len - keep, keep);
        len = keep;
        if (len == sizeof(buf) - 1)
            len = 0;
    }
    close(fd);
    return n;
}

/* A private copy of the memfd behind the views maps[i] with inode ino. */
static int copy_memfd(const struct code_map *maps, int n, uint64_t ino)
{
    const struct code_map *src = NULL;
    uint64_t size = 0;
    long ps = sysconf(_SC_PAGESIZE);
    unsigned char *in = NULL;
    size_t npages, used, len;
    int fd;

    for (int i = 0; i < n; i++) {
        if (maps[i].inode != ino)
            continue;
        if (maps[i].offset + (maps[i].end - maps[i].start) > size)
            size = maps[i].offset + (maps[i].end - maps[i].start);
        if ((maps[i].prot & PROT_READ) && !src)
            src = &maps[i];
    }
    if (!src)
        return -EACCES;
    fd = memfd_create("uemu-code", MFD_CLOEXEC);
    if (fd < 0)
        return -errno;
    if (ftruncate(fd, (off_t)size) < 0)
        goto fail;
    used = npages = (src->end - src->start) / (uintptr_t)ps;
    in = malloc(npages);
    if (!in || mincore((void *)src->start, src->end - src->start, in) < 0)
        goto fail;
    while (used > 0 && !(in[used - 1] & 1))
        used--;
    len = used * (size_t)ps;
    if (len && pwrite(fd, (void *)src->start, len, (off_t)src->offset) != (ssize_t)len) {
        errno = errno ? errno : EIO;
        goto fail;
    }
    free(in);
    in = NULL;
    for (int i = 0; i < n; i++) {
        if (maps[i].inode == ino &&
            mmap((void *)maps[i].start, maps[i].end - maps[i].start, maps[i].prot,
                 MAP_SHARED | MAP_FIXED, fd, (off_t)maps[i].offset) == MAP_FAILED)
            goto fail;
    }
    close(fd);
    return 0;
fail:
    {
        int e = errno;

        free(in);
        close(fd);
        return -e;
    }
}

void exec_code_fork_child(void)
{
    struct code_map maps[MAX_MAPS];
    int n = find_maps(maps), r = 0;

    for (int i = 0; i < n && r == 0; i++) {
        bool seen = false;

        for (int j = 0; j < i; j++)
            seen |= maps[j].inode == maps[i].inode;
        if (!seen)
            r = copy_memfd(maps, n, maps[i].inode);
    }
    if (n < 0 || r < 0) {
        fprintf(stderr, "uemu: fork: cannot copy the code buffer: %s\n",
                strerror(n < 0 ? -n : -r));
        _exit(127);
    }
}
