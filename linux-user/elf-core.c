/*
 * The guest's ELF core file, written when a signal whose default action
 * dumps core (SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV,
 * SIGXCPU, SIGXFSZ, SIGSYS) kills the guest: an ET_CORE file for the
 * guest's ISA as the Linux kernel's elf_core_dump (fs/binfmt_elf.c)
 * writes it, so gdb-multiarch and eu-readelf read it like a native core.
 *
 * Layout: the ELF header, one PT_NOTE, one PT_LOAD per guest mapping
 * (lu_proc_walk_maps: the page table's ranges split where the host
 * mappings behind them split), the notes, then, from the next 4 KiB
 * boundary, the contents of the PT_LOADs one after the other.  Readable
 * mappings are written in full (the kernel's default coredump_filter
 * leaves out file-backed pages never written; uemu cannot tell those
 * apart, so its cores are larger); unreadable mappings and those under
 * MADV_DONTDUMP have p_filesz 0.  Anonymous host pages never touched
 * (/proc/self/pagemap) and pages that cannot be read (a file's pages
 * past its end) are holes in the file, as the kernel's dump_skip makes
 * them.
 *
 * The kernel's rules: no core when the dumpable flag is clear or
 * RLIMIT_CORE is below one page; the file is created 0600 and must be a
 * regular file with one link owned by the caller (no symbolic link is
 * followed; a FIFO or device of that name is left alone); a write that
 * would take the bytes written past RLIMIT_CORE ends the dump, leaving
 * the file cut there (holes do not count, so a cut file may be longer
 * than the limit, as the kernel's are).
 *
 * Only the dying thread's registers are written (the kernel writes one
 * NT_PRSTATUS per thread; other guest threads keep running meanwhile).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "elf-core.h"
#include "proc.h"
#include "uemu/byte-buf.h"
#include "uemu/guest-mem.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user.h"
#include "uemu/log.h"
#include "uemu/page-table.h"

/* The kernel's task flags in pr_flag (include/linux/sched.h). */
#define PF_DUMPCORE  0x00000200u
#define PF_SIGNALED  0x00000400u
#define PF_RANDOMIZE 0x00400000u

/* ------------------------------------------------------------------ notes */

/* One note named "CORE": Elf64_Nhdr, the name and desc, each padded to
 * 4 bytes; returns desc (zeroed) to fill. */
static uint8_t *add_note(struct byte_buf *b, uint32_t type, size_t size)
{
    Elf64_Nhdr h = { .n_namesz = 5, .n_descsz = (Elf64_Word)size, .n_type = type };
    uint8_t *n = byte_buf_grow(b, sizeof(h) + 8 + ALIGN_UP(size, 4));

    if (!n)
        return NULL;
    memcpy(n, &h, sizeof(h));
    memcpy(n + sizeof(h), "CORE", 5);
    return n + sizeof(h) + 8;
}

size_t lu_core_prstatus_size(const struct lu_core_isa *isa)
{
    return ALIGN_UP(sizeof(struct lu_core_prstatus_common) + isa->gregs_size + 4, 8);
}

static void put_prstatus(struct byte_buf *b, const struct lu_core_facts *f)
{
    const struct lu_core_isa *isa = f->isa;
    size_t size = lu_core_prstatus_size(isa);
    uint8_t *d = add_note(b, LU_NT_PRSTATUS, size);
    struct lu_core_prstatus_common c = {
        .si_signo = f->sig, .cursig = (int16_t)f->sig,
        .sigpend = f->sigpend, .sighold = f->sighold,
        .pid = f->tid, .ppid = f->ppid, .pgrp = f->pgrp, .sid = f->sid,
        .utime = f->utime, .stime = f->stime, .cutime = f->cutime, .cstime = f->cstime,
    };
    int32_t fpvalid = isa->fpregs_size != 0;

    if (!d)
        return;
    memcpy(d, &c, sizeof(c));
    isa->gregs(d + sizeof(c), f->env);
    memcpy(d + sizeof(c) + isa->gregs_size, &fpvalid, 4);
}

static void put_prpsinfo(struct byte_buf *b, const struct lu_core_facts *f)
{
    uint8_t *d = add_note(b, LU_NT_PRPSINFO, sizeof(struct lu_core_prpsinfo));
    /* The dumping thread runs: state 0, 'R' (the kernel's fill_psinfo). */
    struct lu_core_prpsinfo p = {
        .state = 0, .sname = 'R', .nice = (char)f->nice, .flag = f->flag,
        .uid = f->uid, .gid = f->gid,
        .pid = f->pid, .ppid = f->ppid, .pgrp = f->pgrp, .sid = f->sid,
    };

    if (!d)
        return;
    memcpy(p.fname, f->fname, sizeof(p.fname) - 1);
    memcpy(p.psargs, f->psargs, sizeof(p.psargs) - 1);
    memcpy(d, &p, sizeof(p));
}

/* NT_FILE: count, page size, then (start, end, offset in pages) for
 * each file-backed mapping, then their NUL-terminated paths. */
static void put_files(struct byte_buf *b, const struct lu_core_facts *f)
{
    uint64_t count = 0, page = LU_CORE_PAGE;
    size_t names = 0, size;
    uint8_t *d, *w, *s;

    for (size_t i = 0; i < f->nmaps; i++)
        if (f->maps[i].path) {
            count++;
            names += strlen(f->maps[i].path) + 1;
        }
    size = 16 + 24 * count + names;
    if (!(d = add_note(b, LU_NT_FILE, size)))
        return;
    memcpy(d, &count, 8);
    memcpy(d + 8, &page, 8);
    w = d + 16;
    s = d + 16 + 24 * count;
    for (size_t i = 0; i < f->nmaps; i++) {
        const struct lu_core_map *m = &f->maps[i];
        uint64_t t[3] = { m->start, m->end, m->offset / LU_CORE_PAGE };

        if (!m->path)
            continue;
        memcpy(w, t, sizeof(t));
        w += sizeof(t);
        s = (uint8_t *)stpcpy((char *)s, m->path) + 1;
    }
}

uint8_t *lu_core_notes(const struct lu_core_facts *f, size_t *len)
{
    struct byte_buf b = { 0 };
    uint8_t *d;

    put_prstatus(&b, f);
    put_prpsinfo(&b, f);
    if ((d = add_note(&b, LU_NT_SIGINFO, sizeof(f->info))))
        memcpy(d, &f->info, sizeof(f->info));
    if ((d = add_note(&b, LU_NT_AUXV, f->auxv_words * 8)))
        memcpy(d, f->auxv, f->auxv_words * 8);
    put_files(&b, f);
    if (f->isa->fpregs_size && (d = add_note(&b, LU_NT_PRFPREG, f->isa->fpregs_size)))
        f->isa->fpregs(d, f->env);
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    *len = b.len;
    return b.p;
}

/* ------------------------------------------------------------- the facts */

struct map_list {
    struct lu_core_map *m;
    size_t n, cap;
};

static int collect_map(void *opaque, const struct lu_proc_map *pm)
{
    struct map_list *l = opaque;
    struct lu_core_map m = {
        .start = pm->start, .end = pm->end, .flags = pm->flags, .offset = pm->offset,
    };

    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        struct lu_core_map *g = realloc(l->m, cap * sizeof(*g));

        if (!g)
            return -ENOMEM;
        l->m = g;
        l->cap = cap;
    }
    if (pm->path && !(m.path = strdup(pm->path)))
        return -ENOMEM;
    l->m[l->n++] = m;
    return 0;
}

static void free_maps(struct map_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free((char *)l->m[i].path);
    free(l->m);
}

static struct lu_core_timeval tv(struct timeval t)
{
    return (struct lu_core_timeval){ t.tv_sec, t.tv_usec };
}

/* /proc/sys/kernel/NAME's first line, without its newline. */
static void read_sysctl(const char *name, char *buf, size_t size)
{
    char path[64];
    int fd;
    ssize_t n;

    buf[0] = '\0';
    snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return;
    n = read(fd, buf, size - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
}

static void gather(struct lu_core_facts *f, int sig, const struct lu_siginfo *info,
                   const void *env)
{
    struct rusage self, children;
    char rnd[16];
    size_t len;

    f->isa = lu_cur_abi->core;
    f->env = env;
    f->sig = sig;
    f->info = *info;
    f->pid = getpid();
    f->tid = gettid();
    f->ppid = getppid();
    f->pgrp = getpgrp();
    f->sid = getsid(0);
    f->uid = getuid();
    f->gid = getgid();
    errno = 0;
    f->nice = getpriority(PRIO_PROCESS, 0);
    read_sysctl("randomize_va_space", rnd, sizeof(rnd));
    f->flag = PF_DUMPCORE | PF_SIGNALED |
              (rnd[0] != '0' && !(personality(0xffffffff) & ADDR_NO_RANDOMIZE) ?
               PF_RANDOMIZE : 0);
    f->sighold = lu_signal_mask();
    /* The group's times for the main thread, the thread's own otherwise. */
    getrusage(f->pid == f->tid ? RUSAGE_SELF : RUSAGE_THREAD, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    f->utime = tv(self.ru_utime);
    f->stime = tv(self.ru_stime);
    f->cutime = tv(children.ru_utime);
    f->cstime = tv(children.ru_stime);
    prctl(PR_GET_NAME, (unsigned long)f->fname, 0, 0, 0);
    f->fname[sizeof(f->fname) - 1] = '\0';
    /* The command line, its NULs as spaces (the kernel's fill_psinfo). */
    len = lu_proc.arg_end - lu_proc.arg_start;
    if (len >= sizeof(f->psargs))
        len = sizeof(f->psargs) - 1;
    if (copy_from_guest(f->psargs, lu_proc.arg_start, len))
        len = 0;
    for (size_t i = 0; i < len; i++)
        if (f->psargs[i] == '\0')
            f->psargs[i] = ' ';
    f->psargs[len] = '\0';
    f->auxv = lu_proc.auxv;
    f->auxv_words = lu_proc.auxv_words;
}

/* ------------------------------------------------------------- the file */

/*
 * Output under RLIMIT_CORE, the kernel's way (dump_emit, dump_skip): the
 * limit counts the bytes written, not the holes skipped over; a piece
 * that would take the count past it ends the dump.  A hole is made by
 * the next write past it, or at the end by one zero byte (so the file
 * reaches its last segment's end).
 */
struct core_out {
    int fd;
    uint64_t pos, written, limit;
    bool failed;
};

static bool out_room(struct core_out *o, uint64_t n)
{
    if (!o->failed && (n > o->limit || o->written > o->limit - n))
        o->failed = true;
    return !o->failed;
}

/* n bytes at p; with memory true, bytes the host cannot read (EFAULT:
 * a file's pages past its end) end the piece early, as a hole. */
static void out_write(struct core_out *o, const void *p, size_t n, bool memory)
{
    const uint8_t *b = p;

    if (!out_room(o, n))
        return;
    while (n) {
        ssize_t w = pwrite(o->fd, b, n, (off_t)o->pos);

        if (w < 0 && errno == EINTR)
            continue;
        if (memory && (w == 0 || (w < 0 && errno == EFAULT)))
            break;
        if (w <= 0) {
            o->failed = true;
            return;
        }
        b += w;
        n -= (size_t)w;
        o->pos += (uint64_t)w;
        o->written += (uint64_t)w;
    }
    o->pos += n;
}

static void out_emit(struct core_out *o, const void *p, size_t n)
{
    out_write(o, p, n, false);
}

static void out_skip(struct core_out *o, uint64_t n)
{
    if (!o->failed)
        o->pos += n;
}

/* The file reaches pos (a trailing hole). */
static void out_finish(struct core_out *o)
{
    struct stat st;

    if (!o->failed && fstat(o->fd, &st) == 0 && (uint64_t)st.st_size < o->pos) {
        o->pos--;
        out_emit(o, "", 1);
    }
}

static bool dumped(const struct lu_core_map *m)
{
    return (m->flags & PAGE_READ) && !(m->flags & (PAGE_NOCORE | PAGE_GUARD));
}

/* Bits of a /proc/self/pagemap entry (Documentation/admin-guide/mm/pagemap.rst). */
#define PM_PRESENT (1ull << 63)
#define PM_SWAPPED (1ull << 62)

/* /proc/self/pagemap, read 512 entries at a time. */
struct pagemap {
    int fd;
    uint64_t first, count;      /* the host page numbers in e[] */
    uint64_t e[512];
};

/* Whether the host page number pn was ever touched (present or swapped
 * out): an anonymous page never touched is a hole, as the kernel's
 * get_dump_page finds no page for it.  Without pagemap: touched. */
static bool touched(struct pagemap *pm, uint64_t pn)
{
    if (pm->fd < 0)
        return true;
    if (pn < pm->first || pn >= pm->first + pm->count) {
        ssize_t n = pread(pm->fd, pm->e, sizeof(pm->e), (off_t)(pn * 8));

        if (n < 8)
            return true;
        pm->first = pn;
        pm->count = (uint64_t)n / 8;
    }
    return (pm->e[pn - pm->first] & (PM_PRESENT | PM_SWAPPED)) != 0;
}

static void write_memory(struct core_out *o, const struct lu_core_map *m, struct pagemap *pm)
{
    uintptr_t hps = (uintptr_t)real_host_page_size;
    uintptr_t h = (uintptr_t)g2h(m->start), hend = h + (m->end - m->start);

    while (h < hend && !o->failed) {
        uintptr_t next = (h & ~(hps - 1)) + hps;

        if (next > hend)
            next = hend;
        if (!(m->flags & PAGE_ANON) || touched(pm, h / hps))
            out_write(o, (const void *)h, next - h, true);
        else
            out_skip(o, next - h);
        h = next;
    }
}

static void write_core(int fd, uint64_t limit, const struct lu_core_facts *f)
{
    struct core_out o = { .fd = fd, .limit = limit };
    size_t nphdr = f->nmaps + 1, notes_len;
    bool extnum = nphdr >= PN_XNUM;
    uint8_t *notes = lu_core_notes(f, &notes_len);
    uint64_t off, data_end;
    struct pagemap pm = { .fd = -1 };
    Elf64_Ehdr eh = {
        .e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB,
                     EV_CURRENT, ELFOSABI_NONE },
        .e_type = ET_CORE,
        .e_machine = f->isa->machine,
        .e_version = EV_CURRENT,
        .e_phoff = sizeof(Elf64_Ehdr),
        .e_ehsize = sizeof(Elf64_Ehdr),
        .e_phentsize = sizeof(Elf64_Phdr),
        .e_phnum = extnum ? PN_XNUM : (Elf64_Half)nphdr,
    };
    Elf64_Phdr note = { .p_type = PT_NOTE, .p_filesz = notes_len, .p_align = 4 };

    if (!notes)
        return;
    note.p_offset = sizeof(eh) + nphdr * sizeof(Elf64_Phdr);
    off = ALIGN_UP(note.p_offset + notes_len, LU_CORE_PAGE);
    data_end = off;
    for (size_t i = 0; i < f->nmaps; i++)
        data_end += dumped(&f->maps[i]) ? f->maps[i].end - f->maps[i].start : 0;
    /* More than PN_XNUM - 1 headers: the count goes in the sh_info of one
     * section header after the data (the kernel's fill_extnum_info). */
    if (extnum) {
        eh.e_shoff = data_end;
        eh.e_shentsize = sizeof(Elf64_Shdr);
        eh.e_shnum = 1;
    }
    out_emit(&o, &eh, sizeof(eh));
    out_emit(&o, &note, sizeof(note));
    for (size_t i = 0; i < f->nmaps; i++) {
        const struct lu_core_map *m = &f->maps[i];
        Elf64_Phdr ph = {
            .p_type = PT_LOAD, .p_offset = off, .p_vaddr = m->start,
            .p_filesz = dumped(m) ? m->end - m->start : 0, .p_memsz = m->end - m->start,
            .p_flags = (m->flags & PAGE_READ ? PF_R : 0) |
                       (m->flags & (PAGE_WRITE | PAGE_WRITE_ORG) ? PF_W : 0) |
                       (m->flags & PAGE_EXEC ? PF_X : 0),
            .p_align = LU_CORE_PAGE,
        };

        off += ph.p_filesz;
        out_emit(&o, &ph, sizeof(ph));
    }
    out_emit(&o, notes, notes_len);
    free(notes);
    out_skip(&o, ALIGN_UP(o.pos, LU_CORE_PAGE) - o.pos);
    pm.fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    for (size_t i = 0; i < f->nmaps && !o.failed; i++)
        if (dumped(&f->maps[i]))
            write_memory(&o, &f->maps[i], &pm);
    if (pm.fd >= 0)
        close(pm.fd);
    if (extnum) {
        Elf64_Shdr sh = { .sh_type = SHT_NULL, .sh_size = 1, .sh_info = (Elf64_Word)nphdr };

        out_emit(&o, &sh, sizeof(sh));
    }
    out_finish(&o);
}

/* The file to dump into, or -1: created 0600, never through a symbolic
 * link, and only a regular file of ours with one link (then emptied). */
static int open_core(const char *name)
{
    int fd = open(name, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC,
                  0600);
    struct stat st;

    if (fd < 0)
        return -1;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
        st.st_uid != geteuid() || ftruncate(fd, 0) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool core_file_name(char *name, size_t size, int sig, uint64_t limit)
{
    struct lu_core_name_facts nf = {
        .pid = getpid(), .tid = gettid(), .uid = getuid(), .gid = getgid(), .sig = sig,
        .dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), .cpu = sched_getcpu(),
        .time = (int64_t)time(NULL), .limit = limit,
        .exe = lu_exe_path ? lu_exe_path : "",
    };
    char pattern[256], uses_pid[16], comm[16] = "";
    struct utsname u;

    prctl(PR_GET_NAME, (unsigned long)comm, 0, 0, 0);
    comm[sizeof(comm) - 1] = '\0';
    nf.comm = comm;
    nf.hostname = uname(&u) == 0 ? u.nodename : "";
    read_sysctl("core_pattern", pattern, sizeof(pattern));
    read_sysctl("core_uses_pid", uses_pid, sizeof(uses_pid));
    return lu_core_name(name, size, pattern, atoi(uses_pid) != 0, &nf);
}

void lu_core_dump(int sig, const struct lu_siginfo *info, const void *env)
{
    struct lu_core_facts f = { 0 };
    struct map_list maps = { 0 };
    struct rlimit rl;
    char name[PATH_MAX];
    int fd;

    if (!lu_cur_abi->core || !env || getrlimit(RLIMIT_CORE, &rl) < 0 ||
        rl.rlim_cur < LU_CORE_PAGE || prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) <= 0 ||
        !core_file_name(name, sizeof(name), sig, rl.rlim_cur))
        return;
    gather(&f, sig, info, env);
    if (lu_proc_walk_maps(collect_map, &maps) == 0 && (fd = open_core(name)) >= 0) {
        f.maps = maps.m;
        f.nmaps = maps.n;
        write_core(fd, rl.rlim_cur == RLIM_INFINITY ? UINT64_MAX : rl.rlim_cur, &f);
        close(fd);
        lu_report_unimp("guest core written to %s; the wait status's core flag stays clear "
                        "(uemu's own core would replace it)", name);
    }
    free_maps(&maps);
}
