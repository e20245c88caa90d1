/*
 * -strace: guest system calls printed strace-style to the log, with
 * strings, descriptors and flags decoded and errors named:
 *
 *     1234 openat(AT_FDCWD,"/etc/passwd",O_RDONLY|O_CLOEXEC,0) = 3
 *     1234 read(3,0x7ffc1000,4096) = -1 errno=9 (Bad file descriptor)
 *
 * The call is printed before it runs and its result after, so output the
 * call itself produces appears in between, as with qemu-user.  One format
 * string per system call says how to show each argument.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscall-nr.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/log.h"

/*
 * Argument formats: d int, l long, u unsigned, x hex, p pointer, s guest
 * string, F directory descriptor, o open flags, M mode (octal), P mmap
 * protection, m mmap flags, A AT_* flags.
 */
static const char *const formats[LU_NR_COUNT] = {
    [LU_NR_getcwd] = "pu",            [LU_NR_dup] = "d",
    [LU_NR_dup3] = "ddo",             [LU_NR_fcntl] = "ddx",
    [LU_NR_ioctl] = "dxx",            [LU_NR_mkdirat] = "FsM",
    [LU_NR_unlinkat] = "FsA",         [LU_NR_symlinkat] = "sFs",
    [LU_NR_linkat] = "FsFsA",         [LU_NR_truncate] = "sl",
    [LU_NR_ftruncate] = "dl",         [LU_NR_faccessat] = "Fsx",
    [LU_NR_chdir] = "s",              [LU_NR_fchdir] = "d",
    [LU_NR_fchmod] = "dM",            [LU_NR_fchmodat] = "FsM",
    [LU_NR_fchownat] = "FsddA",       [LU_NR_openat] = "FsoM",
    [LU_NR_close] = "d",              [LU_NR_pipe2] = "po",
    [LU_NR_getdents64] = "dpu",       [LU_NR_lseek] = "dld",
    [LU_NR_read] = "dpu",             [LU_NR_write] = "dpu",
    [LU_NR_readv] = "dpd",            [LU_NR_writev] = "dpd",
    [LU_NR_pread64] = "dpul",         [LU_NR_pwrite64] = "dpul",
    [LU_NR_readlinkat] = "Fspu",      [LU_NR_newfstatat] = "FspA",
    [LU_NR_fstat] = "dp",             [LU_NR_fsync] = "d",
    [LU_NR_fdatasync] = "d",          [LU_NR_utimensat] = "FspA",
    [LU_NR_exit] = "d",               [LU_NR_exit_group] = "d",
    [LU_NR_set_tid_address] = "p",    [LU_NR_set_robust_list] = "pu",
    [LU_NR_nanosleep] = "pp",         [LU_NR_clock_gettime] = "dp",
    [LU_NR_clock_getres] = "dp",      [LU_NR_clock_nanosleep] = "dxpp",
    [LU_NR_sched_yield] = "",         [LU_NR_times] = "p",
    [LU_NR_setpgid] = "dd",           [LU_NR_getpgid] = "d",
    [LU_NR_getsid] = "d",             [LU_NR_setsid] = "",
    [LU_NR_uname] = "p",              [LU_NR_getrlimit] = "dp",
    [LU_NR_setrlimit] = "dp",         [LU_NR_getrusage] = "dp",
    [LU_NR_umask] = "M",              [LU_NR_getcpu] = "ppp",
    [LU_NR_gettimeofday] = "pp",      [LU_NR_getpid] = "",
    [LU_NR_getppid] = "",             [LU_NR_getuid] = "",
    [LU_NR_geteuid] = "",             [LU_NR_getgid] = "",
    [LU_NR_getegid] = "",             [LU_NR_gettid] = "",
    [LU_NR_getresuid] = "ppp",        [LU_NR_getresgid] = "ppp",
    [LU_NR_sysinfo] = "p",            [LU_NR_brk] = "p",
    [LU_NR_munmap] = "pu",            [LU_NR_mremap] = "puuxp",
    [LU_NR_mmap] = "puPmdl",          [LU_NR_mprotect] = "puP",
    [LU_NR_msync] = "pux",            [LU_NR_madvise] = "pud",
    [LU_NR_prlimit64] = "ddpp",       [LU_NR_renameat2] = "FsFsx",
    [LU_NR_getrandom] = "pux",        [LU_NR_statx] = "FsAxp",
    [LU_NR_faccessat2] = "FsxA",     [LU_NR_execve] = "spp",
};

struct flag_name {
    uint64_t bit;
    const char *name;
};

#define F(x) { x, #x }
/* Host values: guest open flags are translated before they are named.
 * Multi-bit flags come before the flags they contain. */
static const struct flag_name open_flags[] = {
    F(O_WRONLY), F(O_RDWR), F(O_CREAT), F(O_EXCL), F(O_NOCTTY), F(O_TRUNC),
    F(O_APPEND), F(O_NONBLOCK), F(O_SYNC), F(O_DSYNC), F(O_DIRECT),
    { 0100000, "O_LARGEFILE" },       /* the kernel's bit; glibc's O_LARGEFILE is 0 on x86_64 */
    F(O_TMPFILE), F(O_DIRECTORY), F(O_NOFOLLOW), F(O_NOATIME),
    F(O_CLOEXEC), F(O_PATH), { 0, NULL },
};
static const struct flag_name prot_flags[] = {
    F(PROT_READ), F(PROT_WRITE), F(PROT_EXEC), { 0, NULL },
};
static const struct flag_name mmap_flags[] = {
    F(MAP_SHARED), F(MAP_PRIVATE), F(MAP_FIXED), F(MAP_ANONYMOUS),
    F(MAP_GROWSDOWN), F(MAP_DENYWRITE), F(MAP_EXECUTABLE), F(MAP_LOCKED),
    F(MAP_NORESERVE), F(MAP_POPULATE), F(MAP_NONBLOCK), F(MAP_STACK),
    F(MAP_HUGETLB), F(MAP_FIXED_NOREPLACE), { 0, NULL },
};
static const struct flag_name at_flags[] = {
    F(AT_SYMLINK_NOFOLLOW), F(AT_REMOVEDIR), F(AT_SYMLINK_FOLLOW),
    F(AT_NO_AUTOMOUNT), F(AT_EMPTY_PATH), { 0, NULL },
};
#undef F

/* Flag words print as A|B|0x40 for leftover bits, or 0. */
static void print_flags(uint64_t v, const struct flag_name *names, const char *zero)
{
    bool first = true;

    for (const struct flag_name *f = names; f->name; f++) {
        if ((v & f->bit) == f->bit) {
            log_printf("%s%s", first ? "" : "|", f->name);
            v &= ~f->bit;
            first = false;
        }
    }
    if (v)
        log_printf("%s0x%" PRIx64, first ? "" : "|", v);
    else if (first)
        log_printf("%s", zero);
}

static void print_open_flags(uint32_t v)
{
    if ((v & O_ACCMODE) != O_RDONLY) {
        print_flags(v, open_flags, "0");
        return;
    }
    log_printf("O_RDONLY");
    if (v) {
        log_printf("|");
        print_flags(v, open_flags, "0");
    }
}

static void print_string(uint64_t addr)
{
    int64_t len = guest_strnlen(addr, 4096);
    if (len < 0) {
        log_printf("0x%" PRIx64, addr);
        return;
    }
    const char *s = guest_access(addr, (size_t)len, 0);
    int shown = len > 64 ? 64 : (int)len;
    log_printf("\"");
    for (int i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            log_printf("\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            log_printf("%c", c);
        else
            log_printf("\\%o", c);
    }
    log_printf("\"%s", len > 64 ? "..." : "");
}

static void print_arg(char f, uint64_t v)
{
    switch (f) {
    case 'd': log_printf("%d", (int)v); break;
    case 'l': log_printf("%" PRId64, (int64_t)v); break;
    case 'u': log_printf("%" PRIu64, v); break;
    case 'x': log_printf("0x%" PRIx64, v); break;
    case 'p': if (v) log_printf("0x%" PRIx64, v); else log_printf("NULL"); break;
    case 's': print_string(v); break;
    case 'F': if ((int)v == AT_FDCWD) log_printf("AT_FDCWD"); else log_printf("%d", (int)v); break;
    case 'o': print_open_flags((uint32_t)lu_open_flags_to_host(v)); break;
    case 'M': log_printf("0%" PRIo64, v); break;
    case 'P': print_flags(v, prot_flags, "PROT_NONE"); break;
    case 'm': print_flags(v, mmap_flags, "0"); break;
    case 'A': print_flags(v, at_flags, "0"); break;
    }
}

void lu_strace_enter(int64_t nr, const uint64_t args[6])
{
    const char *name = lu_syscall_name(nr);
    const char *fmt = nr >= 0 && nr < LU_NR_COUNT ? formats[nr] : NULL;

    if (!fmt)
        fmt = lu_syscall_family_format(nr);

    if (name)
        log_printf("%d %s(", (int)gettid(), name);
    else
        log_printf("%d syscall_%" PRId64 "(", (int)gettid(), nr);
    if (!fmt)
        fmt = "xxxxxx";
    for (int i = 0; fmt[i] && i < 6; i++) {
        if (i)
            log_printf(",");
        print_arg(fmt[i], args[i]);
    }
    log_printf(")");
    log_flush();
}

void lu_strace_exit(int64_t nr, int64_t ret)
{
    if (ret < 0 && ret >= -4095)
        log_printf(" = -1 errno=%d (%s)\n", (int)-ret, strerror((int)-ret));
    else if (nr == LU_NR_mmap || nr == LU_NR_brk || nr == LU_NR_mremap)
        log_printf(" = 0x%" PRIx64 "\n", (uint64_t)ret);
    else
        log_printf(" = %" PRId64 "\n", ret);
}
