/*
 * The child of a fork gets its own copy of the JIT's code buffer.
 *
 * The x86_64 backend's code buffer is one memfd mapped twice (a
 * writable and an executable view, W^X), MAP_SHARED by necessity; a
 * fork would leave parent and child writing new blocks into the same
 * pages.  So every shared mapping of the code memfd is replaced, in the
 * child, by a mapping of a fresh memfd at the same addresses with the
 * same protections and offsets, holding a copy of the pages in use.
 * The buffer is filled from its start, so that is every page up to the
 * last one resident (mincore): a page swapped out below it is read back
 * in, the never-written pages after it stay holes.  Pointers into the
 * buffer (blocks, chains, the prologue) stay valid.
 *
 * The parent makes the copy before the fork (exec_code_fork_prepare),
 * with the block cache lock held: every write to the buffer (a new
 * block, a chain set or reset, the flush) happens under that lock, so
 * the copy is exactly the code the child's block cache describes.  The
 * child cannot copy it itself: the parent releases the lock as soon as
 * fork returns, and its threads then translate and chain into the pages
 * the child is still sharing and reading.  The child would inherit
 * jumps patched into its blocks towards code its cache does not know,
 * placed where it will put blocks of its own (it ran other guest code
 * there and died of a guest SIGSEGV).  The child only maps the copies.
 *
 * The mappings are found in /proc/self/maps, read with plain system
 * calls; the child reports a failure without stdio (its locks may be
 * held by threads it does not have).
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
/* The backend's memfd, and the copies made here.  A guest's memfd may
 * be called "uemu-..." too: only the exact name is ours. */
#define MEMFD_NAME "/memfd:uemu-code"

struct code_map {
    uintptr_t start, end;
    uint64_t offset, inode;
    int prot;
    int fd;             /* the copy for the child; -1 when none */
    bool owns_fd;       /* the first view of its memfd closes fd */
};

/* The views found and copied for the fork under way. */
static struct code_map maps[MAX_MAPS];
static int nb_maps;

/* Parse one /proc/self/maps line; true for a shared view of the code memfd. */
static bool parse_line(const char *line, struct code_map *m)
{
    unsigned long long start, end, offset, inode;
    size_t name_len = strlen(MEMFD_NAME);
    char perms[5];
    int pos = 0;

    if (sscanf(line, "%llx-%llx %4s %llx %*s %llu %n", &start, &end, perms, &offset, &inode,
               &pos) < 5 || !pos)
        return false;
    if (perms[3] != 's' || strncmp(line + pos, MEMFD_NAME, name_len) != 0 ||
        (line[pos + name_len] != ' ' && line[pos + name_len] != 0))
        return false;
    *m = (struct code_map){
        .start = (uintptr_t)start, .end = (uintptr_t)end, .offset = offset, .inode = inode,
        .prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
                (perms[2] == 'x' ? PROT_EXEC : 0),
        .fd = -1,
    };
    return true;
}

/* The shared views of the code memfd into maps[]; -errno on failure,
 * -E2BIG when there are more than MAX_MAPS (one left uncopied would
 * stay shared with the parent). */
static int find_maps(void)
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
            struct code_map m;

            *nl = 0;
            if (parse_line(line, &m)) {
                if (n == MAX_MAPS) {
                    close(fd);
                    return -E2BIG;
                }
                maps[n++] = m;
            }
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

/* A new memfd holding the used pages of the memfd with inode ino,
 * read through one of its readable views; the fd or -errno. */
static int copy_memfd(uint64_t ino)
{
    const struct code_map *src = NULL;
    uint64_t size = 0;
    long ps = sysconf(_SC_PAGESIZE);
    unsigned char *in = NULL;
    size_t npages, used, len;
    int fd, e;

    for (int i = 0; i < nb_maps; i++) {
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
    return fd;
fail:
    e = errno ? errno : ENOMEM;
    free(in);
    close(fd);
    return -e;
}

/* Close the copies (both sides, once the child has mapped them). */
static void release(void)
{
    for (int i = 0; i < nb_maps; i++)
        if (maps[i].owns_fd)
            close(maps[i].fd);
    nb_maps = 0;
}

int exec_code_fork_prepare(void)
{
    int n = find_maps();

    if (n < 0)
        return n;
    nb_maps = n;
    for (int i = 0; i < n; i++) {
        int j = 0;

        while (j < i && maps[j].inode != maps[i].inode)
            j++;
        if (j < i) {
            maps[i].fd = maps[j].fd;
            continue;
        }
        maps[i].fd = copy_memfd(maps[i].inode);
        if (maps[i].fd < 0) {
            int r = maps[i].fd;

            nb_maps = i;
            release();
            return r;
        }
        maps[i].owns_fd = true;
    }
    return 0;
}

/* The child's failure, without stdio (see above). */
static void __attribute__((noreturn)) child_die(int err)
{
    char msg[160];
    ssize_t w;

    snprintf(msg, sizeof(msg), "uemu: fork: cannot map the copy of the code buffer: %s\n",
             strerror(err));
    w = write(STDERR_FILENO, msg, strlen(msg));
    (void)w;
    _exit(127);
}

void exec_code_fork_end(bool child)
{
    for (int i = 0; child && i < nb_maps; i++) {
        if (mmap((void *)maps[i].start, maps[i].end - maps[i].start, maps[i].prot,
                 MAP_SHARED | MAP_FIXED, maps[i].fd, (off_t)maps[i].offset) == MAP_FAILED)
            child_die(errno);
    }
    release();
}
