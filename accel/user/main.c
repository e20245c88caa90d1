/*
 * uemu's entry point: options, ELF probe, guest space, loading.
 *
 *     uemu [OPTIONS] PROGRAM [ARGUMENTS...]
 *
 * Every failure is one line "uemu: ..." on stderr and exit status 1
 * (an option error adds a line pointing at -h).  Nothing runs unless
 * the whole program loaded.  A riscv64 Linux program then runs
 * through the engine (accel/tcg) and linux-user's riscv64 cpu loop; a
 * dynamic one first gets its PT_INTERP (looked up under -L) mapped at
 * the interpreter's own base and starts there, as the kernel does.
 * Other programs are reported as not runnable yet (issue #4); -probe
 * describes what was found and mapped (not the interpreter) and exits 0.
 * There is no vDSO: the auxiliary vector has no AT_SYSINFO_EHDR.
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "uemu/binfmt.h"
#include "uemu/code-cache.h"
#include "uemu/elfload.h"
#include "uemu/exec.h"
#include "uemu/guest-space.h"
#include "uemu/heap-warm.h"
#include "uemu/host-page.h"
#include "uemu/linux-user-cpu.h"
#include "uemu/linux-user-exec.h"
#include "uemu/linux-user-path.h"
#include "uemu/linux-user-proc.h"
#include "uemu/linux-user.h"
#include "uemu/log.h"
#include "uemu/options.h"
#include "uemu/page-table.h"
#include "uemu/personality.h"

/* Linux and FreeBSD on riscv64 and aarch64 use 4 KiB guest pages. */
#define UEMU_TARGET_PAGE_SIZE 4096
/* User address space of riscv64 (Sv48) and aarch64 (48-bit VA) Linux/FreeBSD. */
#define UEMU_GUEST_ADDR_LIMIT (1ull << 47)
/*
 * Room left for brk above an ET_DYN program: hint-less mappings (the
 * interpreter first) start past it, as Linux keeps its mmap area away
 * from the heap.
 */
#define UEMU_BRK_ROOM (1ull << 30)
/* A guest_base we choose is aligned for any -p granule. */
#define UEMU_BASE_ALIGN OPTIONS_PAGESIZE_MAX

static const char *prot_string(int prot, char buf[4])
{
    buf[0] = prot & PROT_READ ? 'r' : '-';
    buf[1] = prot & PROT_WRITE ? 'w' : '-';
    buf[2] = prot & PROT_EXEC ? 'x' : '-';
    buf[3] = '\0';
    return buf;
}

/* One page-table range, to stdout (opaque non-NULL) or to the -d log. */
static int print_range(void *opaque, guest_addr start, guest_addr last,
                       unsigned flags)
{
    char p[4];
#define RANGE_FMT "  0x%012llx-0x%012llx %s%s\n"

    prot_string((int)(flags & PAGE_RWX), p);
    if (opaque) {
        printf(RANGE_FMT, (unsigned long long)start, (unsigned long long)last, p,
               flags & PAGE_ANON ? " anon" : "");
    } else {
        log_printf(RANGE_FMT, (unsigned long long)start, (unsigned long long)last, p,
                   flags & PAGE_ANON ? " anon" : "");
    }
    return 0;
}

/* -d page: where the program went, as qemu-user logs it at start-up. */
static void log_layout(const struct elf_load_info *info)
{
    log_printf("guest_base  0x%llx\nreserved_va 0x%llx\n"
               "start_code  0x%llx\nend_code    0x%llx\n"
               "start_data  0x%llx\nend_data    0x%llx\n"
               "start_brk   0x%llx\nentry       0x%llx\nguest pages:\n",
               (unsigned long long)guest_base, (unsigned long long)reserved_va,
               (unsigned long long)info->start_code, (unsigned long long)info->end_code,
               (unsigned long long)info->start_data, (unsigned long long)info->end_data,
               (unsigned long long)info->brk, (unsigned long long)info->entry);
    page_table_walk(guest_pages, 0, guest_addr_max, print_range, NULL);
}

static void print_probe(const struct elf_image *img, const struct personality *pers,
                        const struct elf_load_info *info)
{
    char p[4];

    printf("program:      %s\n", img->path);
    printf("isa:          %s\n", guest_isa_name(img->isa));
    printf("personality:  %s\n", pers->name);
    printf("type:         %s\n", img->type == ET_EXEC ? "ET_EXEC" : "ET_DYN");
    printf("e_flags:      0x%x\n", (unsigned)img->e_flags);
    printf("entry:        0x%llx\n", (unsigned long long)info->entry);
    printf("interpreter:  %s\n", img->interp ? img->interp : "none");
    for (unsigned i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];

        printf("PT_LOAD:      0x%llx memsz 0x%llx offset 0x%llx filesz 0x%llx "
               "%s align 0x%llx\n", (unsigned long long)s->vaddr,
               (unsigned long long)s->memsz, (unsigned long long)s->offset,
               (unsigned long long)s->filesz, prot_string(s->prot, p),
               (unsigned long long)s->align);
    }
    printf("load bias:    0x%llx\n", (unsigned long long)info->load_bias);
    printf("phdr:         0x%llx (%u entries)\n", (unsigned long long)info->phdr,
           info->phnum);
    printf("brk:          0x%llx\n", (unsigned long long)info->brk);
    printf("guest pages:\n");
    page_table_walk(guest_pages, 0, guest_addr_max, print_range, stdout);
}

/*
 * An ET_EXEC must sit at its own guest addresses.  guest_base stays 0
 * when those are free on the host (MAP_FIXED would otherwise replace
 * uemu's own memory); else the guest moves to where the host has room
 * for [0, end).  Without -B and -R only: those already place the guest.
 * Returns 0 or -ENOMEM when the host has no room.
 */
static int place_exec(const struct elf_image *img, struct guest_space_config *cfg)
{
    const struct elf_segment *last = &img->segs[img->nsegs - 1];
    guest_addr g = cfg->host_page_size > UEMU_TARGET_PAGE_SIZE ? cfg->host_page_size
                                                                : UEMU_TARGET_PAGE_SIZE;
    guest_addr lo = ALIGN_DOWN(img->segs[0].vaddr, g);
    guest_addr end = last->vaddr + last->memsz, hi;
    void *p;

    /* Outside the guest space: the loader says so. */
    if (img->type != ET_EXEC || cfg->have_guest_base || cfg->reserved_va ||
        end > cfg->addr_limit) {
        return 0;
    }
    hi = ALIGN_UP(end, g);
    p = mmap((void *)(uintptr_t)lo, hi - lo, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
             MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != MAP_FAILED) {
        munmap(p, hi - lo);
        if (p == (void *)(uintptr_t)lo) {
            return 0;
        }
    }
    p = mmap(NULL, hi + UEMU_BASE_ALIGN, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        return -ENOMEM;
    }
    munmap(p, hi + UEMU_BASE_ALIGN);
    cfg->have_guest_base = true;
    cfg->guest_base = ALIGN_UP((uintptr_t)p, (uintptr_t)UEMU_BASE_ALIGN);
    return 0;
}

static int option_error(const char *msg)
{
    fprintf(stderr, "uemu: %s\nTry 'uemu -h' for more information.\n", msg);
    return 1;
}

/* Probe, check and place the program; 0, or -1 after its one-line error. */
static int probe_program(const struct uemu_options *o, struct elf_image *img,
                         struct guest_space_config *cfg)
{
    const char *path = img->path;

    if (o->forced_isa != GUEST_ISA_NONE && o->forced_isa != img->isa) {
        fprintf(stderr, "uemu: %s: %s program, but uemu-%s runs only %s programs\n",
                path, guest_isa_name(img->isa), guest_isa_name(o->forced_isa),
                guest_isa_name(o->forced_isa));
        return -1;
    }
    if (o->cpu_model && !options_cpu_model_valid(img->isa, o->cpu_model)) {
        fprintf(stderr, "uemu: %s: no %s cpu model '%s' ('-cpu help' lists them)\n",
                path, guest_isa_name(img->isa), o->cpu_model);
        return -1;
    }
    if (place_exec(img, cfg) < 0) {
        fprintf(stderr, "uemu: %s: no room on the host for segments at 0x%llx-0x%llx\n",
                path, (unsigned long long)img->segs[0].vaddr,
                (unsigned long long)(img->segs[img->nsegs - 1].vaddr +
                                     img->segs[img->nsegs - 1].memsz - 1));
        return -1;
    }
    return 0;
}

/*
 * Map the interpreter of img (PT_INTERP, found under -L first) through
 * pers; 0, or -1 after its one-line error.  *ii is for elf_image_close().
 */
static int load_interp(const char *path, const struct elf_image *img,
                       const struct personality *pers, struct elf_image *ii,
                       struct elf_load_info *iinfo)
{
    char buf[4096];
    const char *host = lu_path_resolve(img->interp, buf, sizeof(buf));

    if (access(host, F_OK) < 0) {
        fprintf(stderr, "uemu: %s: cannot find interpreter %s: %s (use -L)\n",
                path, img->interp, strerror(errno));
        return -1;
    }
    if (elf_probe(ii, host) < 0) {
        fprintf(stderr, "uemu: %s: interpreter %s: %s\n", path, host, ii->error);
        return -1;
    }
    if (ii->isa != img->isa || ii->interp) {
        fprintf(stderr, "uemu: %s: interpreter %s: not a %s dynamic linker\n", path,
                host, guest_isa_name(img->isa));
        return -1;
    }
    if (elf_load(ii, pers->mmap, target_page_size, iinfo) < 0) {
        fprintf(stderr, "uemu: %s: interpreter %s: %s\n", path, host, ii->error);
        return -1;
    }
    return 0;
}

/*
 * Run a loaded riscv64 Linux program, through its interpreter when
 * interp is not NULL; returns only on failure.
 */
static int run_linux_riscv64(const struct uemu_options *o, const struct elf_load_info *info,
                             const struct elf_load_info *interp)
{
    const char *path = o->prog_argv[0];
    const char *backend = o->backend == UEMU_BACKEND_JIT   ? "jit"
                          : o->backend == UEMU_BACKEND_TCI ? "tci" : NULL;
    struct lu_initial_stack st;
    int r;

    if (exec_init(backend) < 0) {
        fprintf(stderr, "uemu: the %s backend is not built in\n", backend);
        return 1;
    }
    lu_brk_init(info->brk);
    lu_set_abi(&lu_abi_riscv64);
    lu_set_exe_path(path);
    lu_fd_hide_own();
    if (o->argv0)
        o->prog_argv[0] = (char *)o->argv0;
    r = lu_build_stack(info, interp, o->stack_size, o->prog_argc, o->prog_argv,
                       o->guest_env, path, &st);
    o->prog_argv[0] = (char *)path;
    if (r < 0) {
        fprintf(stderr, "uemu: %s: cannot set up the stack: %s\n", path, strerror(-r));
        return 1;
    }
    lu_proc_set_process(info, &st);
    code_cache_start(o, "riscv64", lu_proc_exe_path());
    r = lu_cpu_loop_riscv64(path, interp ? interp->entry : info->entry, st.sp);
    fprintf(stderr, "uemu: %s: cannot start the cpu: %s\n", path, strerror(-r));
    return 1;
}

static void close_image_fd(struct elf_image *img)
{
    if (img->fd >= 0) {
        close(img->fd);
        img->fd = -1;
    }
}

/*
 * exec_fd: the program already open (binfmt_misc's AT_EXECFD), or -1 to
 * open o->prog_argv[0].
 */
static int load_and_run(const struct uemu_options *o, int exec_fd)
{
    const char *path = o->prog_argv[0];
    struct elf_image img, interp = { .fd = -1 };
    struct elf_load_info info, iinfo;
    const struct personality *pers;
    struct guest_space_config cfg = {
        .target_page_size = UEMU_TARGET_PAGE_SIZE,
        .host_page_size = o->page_size,
        .reserved_va = o->reserved_va,
        .have_guest_base = o->have_guest_base,
        .guest_base = o->guest_base,
        .addr_limit = UEMU_GUEST_ADDR_LIMIT,
    };
    int r, status = 1;

    r = exec_fd >= 0 ? elf_probe_fd(&img, exec_fd, path) : elf_probe(&img, path);
    if (r < 0) {
        fprintf(stderr, "uemu: %s: %s\n", path, img.error);
        goto out;
    }
    if (probe_program(o, &img, &cfg) < 0) {
        goto out;
    }
    r = log_open(o->log_file, o->log_mask);
    if (r < 0) {
        fprintf(stderr, "uemu: cannot open log file %s: %s\n", o->log_file, strerror(-r));
        goto out;
    }
    r = guest_space_init(&cfg);
    if (r < 0) {
        fprintf(stderr, "uemu: cannot set up the guest address space: %s\n", strerror(-r));
        goto out;
    }
    pers = img.os == GUEST_OS_FREEBSD ? &bsd_user_personality : &linux_user_personality;
    if (elf_load(&img, pers->mmap, target_page_size, &info) < 0) {
        fprintf(stderr, "uemu: %s: %s\n", path, img.error);
        goto out;
    }
    if (log_enabled(LOG_PAGE)) {
        log_layout(&info);
    }
    if (o->probe) {
        print_probe(&img, pers, &info);
        status = fflush(stdout) == 0 ? 0 : 1;
    } else if (img.isa == GUEST_ISA_RISCV64 && pers == &linux_user_personality) {
        lu_path_set_prefix(o->ld_prefix);
        if (img.type == ET_DYN && info.brk + UEMU_BRK_ROOM <= guest_addr_max)
            hp_set_mmap_base(info.brk + UEMU_BRK_ROOM);
        if (!img.interp || load_interp(path, &img, pers, &interp, &iinfo) == 0) {
            /* Loaded: the guest's first open must get the lowest free fd, as natively. */
            close_image_fd(&img);
            close_image_fd(&interp);
            status = run_linux_riscv64(o, &info, img.interp ? &iinfo : NULL);
        }
    } else {
        fprintf(stderr, "uemu: %s: cannot run %s code yet: no execution engine "
                "(issue #4)\n", path, guest_isa_name(img.isa));
    }
out:
    log_close();
    elf_image_close(&interp);
    elf_image_close(&img);
    return status;
}

/*
 * Started by binfmt_misc with preserve-argv0: the program's arguments are
 * [PATH, ARGV0, ARGS...]; the guest sees [ARGV0, ARGS...] and runs PATH.
 * An explicit -0 still wins.
 */
static void apply_binfmt(struct uemu_options *o, const struct binfmt_invocation *b)
{
    char **guest_argv;
    int n = binfmt_guest_argv(b, o->prog_argc, o->prog_argv, &guest_argv);

    if (guest_argv == o->prog_argv) {
        return;
    }
    if (!o->argv0) {
        o->argv0 = guest_argv[0];
    }
    /* Keep PATH first, drop the original argv[0] from the argument list. */
    memmove(&o->prog_argv[1], &o->prog_argv[2], (size_t)(n - 1) * sizeof(*o->prog_argv));
    o->prog_argv[n] = NULL;
    o->prog_argc = n;
}

/*
 * The host's own path of uemu, for a guest execve of a guest program;
 * NULL when unknown.  The kernel's link is already canonical: one
 * readlink, where realpath() would read a link per path component.
 */
static const char *own_path(void)
{
    static char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    static const char deleted[] = " (deleted)";

    if (n <= 0 || self[0] != '/')
        return NULL;
    self[n] = 0;
    if ((size_t)n >= sizeof(deleted) - 1 &&
        strcmp(self + n - (sizeof(deleted) - 1), deleted) == 0)
        return NULL;
    return self;
}

/* What translating a small program allocates (a static hello world:
 * about 400 KiB), faulted in at once: see heap-warm.c. */
#define UEMU_HEAP_WARM (384u << 10)

int main(int argc, char **argv, char **envp)
{
    struct uemu_options o;
    char err[256];
    int status = 0;

    if (options_parse(&o, argc, argv, envp, err, sizeof(err)) < 0) {
        return option_error(err);
    }
    switch (o.action) {
    case UEMU_ACTION_HELP:
        options_print_usage(stdout);
        break;
    case UEMU_ACTION_VERSION:
        options_print_version(stdout);
        break;
    case UEMU_ACTION_CPU_HELP:
        options_print_cpu_models(stdout, o.forced_isa);
        break;
    case UEMU_ACTION_LOG_HELP:
        options_print_log_items(stdout);
        break;
    case UEMU_ACTION_RUN: {
        struct binfmt_invocation b;
        heap_warm(UEMU_HEAP_WARM);
        binfmt_detect(&b, argv[0]);
        apply_binfmt(&o, &b);
        lu_exec_set_options(&o, own_path());
        status = load_and_run(&o, b.exec_fd);
        break;
    }
    }
    options_free(&o);
    return status;
}
