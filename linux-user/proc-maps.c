/*
 * /proc/self/maps and /proc/self/smaps of the guest.
 *
 * The ranges and permissions come from the guest page table.  The page
 * table knows no file names, so each guest range is matched with the
 * host mappings behind it (the host's /proc/self/maps, host addresses
 * turned into guest ones): their offset, device, inode and path describe
 * the guest mapping, split where the host mappings split.  The host's own
 * labels ([heap], [stack] of uemu) are dropped; the guest's stack and
 * brk area get [stack] and [heap].  smaps shows Size, the page sizes,
 * Rss (mincore of the host pages) and VmFlags; the other counters Linux
 * prints (Pss, Shared_*, Private_*, Swap, ...) are not emulated.  The
 * same walk (lu_proc_walk_maps) gives a guest core file its PT_LOAD and
 * NT_FILE entries (elf-core.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "proc.h"
#include "uemu/guest-space.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

struct host_map {
    uintptr_t start, end;
    uint64_t offset;
    unsigned major, minor;
    unsigned long inode;
    char *path;             /* NULL: anonymous or a host label */
};

struct walk_ctx {
    struct host_map *host;
    size_t nhost;
    lu_proc_map_fn *fn;
    void *opaque;
};

struct maps_ctx {
    FILE *out;
    bool smaps;
    guest_addr heap_lo, heap_hi;
};

static void free_host_maps(struct host_map *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(m[i].path);
    free(m);
}

/* The host's mappings in address order; 0 or -errno. */
static int read_host_maps(struct host_map **out, size_t *count)
{
    FILE *f = fopen("/proc/self/maps", "re");
    struct host_map *m = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t linecap = 0;

    if (!f)
        return -errno;
    while (getline(&line, &linecap, f) > 0) {
        struct host_map h = { 0 };
        int pos = 0;
        char perms[8];

        if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %7s %" SCNx64 " %x:%x %lu %n",
                   &h.start, &h.end, perms, &h.offset, &h.major, &h.minor, &h.inode,
                   &pos) < 7)
            continue;
        line[strcspn(line, "\n")] = '\0';
        if (line[pos] && line[pos] != '[' && !(h.path = strdup(line + pos)))
            break;
        if (n == cap) {
            struct host_map *g = realloc(m, (cap = cap ? 2 * cap : 64) * sizeof(*m));
            if (!g) {
                free(h.path);
                break;
            }
            m = g;
        }
        m[n++] = h;
    }
    free(line);
    if (ferror(f) || !feof(f)) {
        fclose(f);
        free_host_maps(m, n);
        return -ENOMEM;
    }
    fclose(f);
    *out = m;
    *count = n;
    return 0;
}

/* Rss in kB of the host pages behind [h, h + len). */
static long rss_kb(uintptr_t h, size_t len)
{
    uintptr_t hps = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t lo = h & ~(hps - 1), hi = (h + len + hps - 1) & ~(hps - 1);
    size_t pages = (hi - lo) / hps, resident = 0;
    unsigned char *vec = malloc(pages ? pages : 1);

    if (!vec)
        return -1;
    if (mincore((void *)lo, hi - lo, vec) < 0) {
        free(vec);
        return -1;
    }
    for (size_t i = 0; i < pages; i++)
        resident += vec[i] & 1;
    free(vec);
    return (long)(resident * hps / 1024);
}

static int put_line(void *opaque, const struct lu_proc_map *m)
{
    struct maps_ctx *c = opaque;
    const char *name = m->path;
    unsigned flags = m->flags;
    int len;

    if (!name && m->start < c->heap_hi && m->end > c->heap_lo)
        name = "[heap]";
    if (!name && m->start < lu_proc.stack_high && m->end > lu_proc.stack_low)
        name = "[stack]";
    len = fprintf(c->out, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %02x:%02x %lu ",
                  (uint64_t)m->start, (uint64_t)m->end, flags & PAGE_READ ? 'r' : '-',
                  flags & (PAGE_WRITE | PAGE_WRITE_ORG) ? 'w' : '-',
                  flags & PAGE_EXEC ? 'x' : '-', flags & PAGE_SHARED ? 's' : 'p', m->offset,
                  m->major, m->minor, m->inode);
    if (name)
        fprintf(c->out, "%*s%s", len < 73 ? 73 - len : 0, "", name);
    fputc('\n', c->out);
    if (!c->smaps)
        return 0;
    long rss = rss_kb((uintptr_t)g2h(m->start), m->end - m->start);
    fprintf(c->out, "Size:           %8" PRIu64 " kB\nKernelPageSize: %8" PRIu64
            " kB\nMMUPageSize:    %8" PRIu64 " kB\n", (uint64_t)(m->end - m->start) / 1024,
            (uint64_t)target_page_size / 1024, (uint64_t)target_page_size / 1024);
    if (rss >= 0)
        fprintf(c->out, "Rss:            %8ld kB\n", rss);
    fprintf(c->out, "VmFlags:%s%s%s%s%s\n", flags & PAGE_READ ? " rd" : "",
            flags & (PAGE_WRITE | PAGE_WRITE_ORG) ? " wr" : "",
            flags & PAGE_EXEC ? " ex" : "", flags & PAGE_SHARED ? " sh" : "",
            name && strcmp(name, "[stack]") == 0 ? " gd" : "");
    return 0;
}

/* One guest range, split where the host mappings behind it split. */
static int walk_range(void *opaque, guest_addr start, guest_addr last, unsigned flags)
{
    struct walk_ctx *c = opaque;
    guest_addr g = start;

    while (g <= last) {
        uintptr_t h = (uintptr_t)g2h(g);
        const struct host_map *hm = NULL;
        struct lu_proc_map m = { .start = g, .end = last + 1, .flags = flags };
        int r;

        for (size_t i = 0; i < c->nhost; i++) {
            if (h >= c->host[i].start && h < c->host[i].end) {
                hm = &c->host[i];
                if (h2g((void *)c->host[i].end) < m.end)
                    m.end = h2g((void *)c->host[i].end);
                break;
            }
            if (c->host[i].start > h) {
                if (h2g((void *)c->host[i].start) < m.end)
                    m.end = h2g((void *)c->host[i].start);
                break;
            }
        }
        if (hm && hm->path) {
            m.path = hm->path;
            m.offset = hm->offset + (h - hm->start);
            m.major = hm->major;
            m.minor = hm->minor;
            m.inode = hm->inode;
        }
        r = c->fn(c->opaque, &m);
        if (r)
            return r;
        if (m.end == 0)
            break;
        g = m.end;
    }
    return 0;
}

int lu_proc_walk_maps(lu_proc_map_fn *fn, void *opaque)
{
    struct walk_ctx c = { .fn = fn, .opaque = opaque };
    int r;

    mmap_lock();
    r = read_host_maps(&c.host, &c.nhost);
    if (r == 0) {
        r = page_table_walk(guest_pages, 0, guest_addr_max, walk_range, &c);
        free_host_maps(c.host, c.nhost);
    }
    mmap_unlock();
    return r;
}

int lu_proc_gen_maps(FILE *out, bool smaps)
{
    struct maps_ctx c = { .out = out, .smaps = smaps };

    c.heap_lo = ALIGN_UP(lu_proc.start_brk, target_page_size);
    c.heap_hi = ALIGN_UP(lu_brk(0), target_page_size);
    return lu_proc_walk_maps(put_line, &c);
}
