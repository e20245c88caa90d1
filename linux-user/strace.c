/*
 * -strace: guest system calls printed strace-style to the log, with
 * strings, descriptors, flags and structures decoded and errors named:
 *
 *     1234 openat(AT_FDCWD,"/etc/passwd",O_RDONLY|O_CLOEXEC,00) = 3
 *     1234 read(3,0x7ffc1000,4096) = -1 EBADF (Bad file descriptor)
 *
 * The call is printed before it runs and its result after, so output the
 * call itself produces appears in between, as with qemu-user.  One format
 * string per system call says how to show each argument (the letters are
 * listed in strace.h; strace-flags.c, strace-mem.c and strace-net.c hold
 * the printers).
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "strace.h"
#include "syscall-nr.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/log.h"

/* Formats of the calls syscall.c handles itself (letters in strace.h);
 * the families give theirs in LU_SYSCALL_SET. */
static const char *const formats[LU_NR_COUNT] = {
    [LU_NR_getcwd] = "pu",            [LU_NR_dup] = "d",
    [LU_NR_dup3] = "dd+",             [LU_NR_fcntl] = "d12",
    [LU_NR_ioctl] = "dix",            [LU_NR_mkdirat] = "FsM",
    [LU_NR_unlinkat] = "FsA",         [LU_NR_symlinkat] = "sFs",
    [LU_NR_linkat] = "FsFsA",         [LU_NR_truncate] = "sl",
    [LU_NR_ftruncate] = "dl",         [LU_NR_faccessat] = "Fsa",
    [LU_NR_chdir] = "s",              [LU_NR_fchdir] = "d",
    [LU_NR_fchmod] = "dM",            [LU_NR_fchmodat] = "FsM",
    [LU_NR_fchownat] = "FsddA",       [LU_NR_openat] = "FsoM",
    [LU_NR_close] = "d",              [LU_NR_pipe2] = "p+",
    [LU_NR_getdents64] = "dpu",       [LU_NR_lseek] = "dl8",
    [LU_NR_read] = "dpu",             [LU_NR_write] = "dpu",
    [LU_NR_readv] = "dpd",            [LU_NR_writev] = "dpd",
    [LU_NR_pread64] = "dpul",         [LU_NR_pwrite64] = "dpul",
    [LU_NR_readlinkat] = "Fspu",      [LU_NR_newfstatat] = "FspA",
    [LU_NR_fstat] = "dp",             [LU_NR_fsync] = "d",
    [LU_NR_fdatasync] = "d",          [LU_NR_utimensat] = "FsUA",
    [LU_NR_exit] = "d",               [LU_NR_exit_group] = "d",
    [LU_NR_set_tid_address] = "p",    [LU_NR_set_robust_list] = "pu",
    [LU_NR_nanosleep] = "Tp",         [LU_NR_clock_gettime] = "cp",
    [LU_NR_clock_getres] = "cp",      [LU_NR_clock_nanosleep] = "cbTp",
    [LU_NR_sched_yield] = "",         [LU_NR_times] = "p",
    [LU_NR_setpgid] = "dd",           [LU_NR_getpgid] = "d",
    [LU_NR_getsid] = "d",             [LU_NR_setsid] = "",
    [LU_NR_uname] = "p",              [LU_NR_getrlimit] = "*p",
    [LU_NR_setrlimit] = "*p",         [LU_NR_getrusage] = "dp",
    [LU_NR_umask] = "M",              [LU_NR_getcpu] = "ppp",
    [LU_NR_gettimeofday] = "pp",      [LU_NR_getpid] = "",
    [LU_NR_getppid] = "",             [LU_NR_getuid] = "",
    [LU_NR_geteuid] = "",             [LU_NR_getgid] = "",
    [LU_NR_getegid] = "",             [LU_NR_gettid] = "",
    [LU_NR_getresuid] = "ppp",        [LU_NR_getresgid] = "ppp",
    [LU_NR_sysinfo] = "p",            [LU_NR_brk] = "p",
    [LU_NR_munmap] = "pu",            [LU_NR_mremap] = "puu6p",
    [LU_NR_mmap] = "puPmdl",          [LU_NR_mprotect] = "puP",
    [LU_NR_msync] = "pu9",            [LU_NR_madvise] = "pu7",
    [LU_NR_prlimit64] = "d*pp",       [LU_NR_renameat2] = "FsFs3",
    [LU_NR_getrandom] = "pux",        [LU_NR_statx] = "FsA4p",
    [LU_NR_faccessat2] = "FsaA",      [LU_NR_execve] = "spp",
    [LU_NR_mincore] = "pup",          [LU_NR_mlock] = "pu",
    [LU_NR_mlock2] = "pux",           [LU_NR_munlock] = "pu",
    [LU_NR_mlockall] = "0",           [LU_NR_munlockall] = "",
    [LU_NR_shmat] = "dpH",            [LU_NR_shmdt] = "p",
    [LU_NR_kill] = "dg",              [LU_NR_tkill] = "dg",
    [LU_NR_tgkill] = "ddg",           [LU_NR_rt_sigaction] = "gSpu",
    [LU_NR_rt_sigprocmask] = "hGpu",  [LU_NR_rt_sigpending] = "pu",
    [LU_NR_rt_sigsuspend] = "Gu",     [LU_NR_rt_sigtimedwait] = "GpTu",
    [LU_NR_sigaltstack] = "5p",       [LU_NR_setitimer] = "-pp",
    [LU_NR_getitimer] = "-p",         [LU_NR_rt_sigqueueinfo] = "dgp",
};

void lu_strace_put(struct lu_strace_buf *b, const char *fmt, ...)
{
    va_list ap;
    size_t room = sizeof(b->text) - b->len;

    if (room <= 1)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(b->text + b->len, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->len += (size_t)n < room ? (size_t)n : room - 1;
}

void lu_strace_pointer(struct lu_strace_buf *b, uint64_t addr)
{
    if (addr)
        lu_strace_put(b, "0x%" PRIx64, addr);
    else
        lu_strace_put(b, "NULL");
}

void lu_strace_quoted(struct lu_strace_buf *b, const char *s, size_t len)
{
    size_t shown = len > 64 ? 64 : len;

    lu_strace_put(b, "\"");
    for (size_t i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            lu_strace_put(b, "\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            lu_strace_put(b, "%c", c);
        else
            lu_strace_put(b, "\\%o", c);
    }
    lu_strace_put(b, "\"%s", len > 64 ? "..." : "");
}

static void string_arg(struct lu_strace_buf *b, uint64_t addr)
{
    int64_t len = guest_strnlen(addr, 4096);

    if (len < 0)
        lu_strace_pointer(b, addr);
    else
        lu_strace_quoted(b, guest_access(addr, (size_t)len, 0), (size_t)len);
}

/* prctl's second argument, by what the option (the first) makes of it. */
static void prctl_arg2(struct lu_strace_buf *b, int option, uint64_t v)
{
    switch (option) {
    case 1: lu_strace_signal(b, (int)v); break;             /* PR_SET_PDEATHSIG */
    case 15: string_arg(b, v); break;                       /* PR_SET_NAME */
    case 2: case 16: lu_strace_pointer(b, v); break;        /* PR_GET_PDEATHSIG, _NAME */
    default: lu_strace_put(b, "0x%" PRIx64, v); break;
    }
}

void lu_strace_arg(struct lu_strace_buf *b, char f, const uint64_t args[6], int i)
{
    uint64_t v = args[i];

    switch (f) {
    case 'd': lu_strace_put(b, "%d", (int)v); return;
    case 'l': lu_strace_put(b, "%" PRId64, (int64_t)v); return;
    case 'u': lu_strace_put(b, "%" PRIu64, v); return;
    case 'p': lu_strace_pointer(b, v); return;
    case 's': string_arg(b, v); return;
    case 'M': lu_strace_put(b, "0%" PRIo64, v); return;
    case 'Z': prctl_arg2(b, (int)args[0], v); return;
    }
    if (!lu_strace_flags_arg(b, f, args, i) && !lu_strace_mem_arg(b, f, args, i) &&
        !lu_strace_net_arg(b, f, args, i))
        lu_strace_put(b, "0x%" PRIx64, v);
}

void lu_strace_format_call(struct lu_strace_buf *b, int64_t nr, const uint64_t args[6])
{
    const char *name = lu_syscall_name(nr);
    const char *fmt = nr >= 0 && nr < LU_NR_COUNT ? formats[nr] : NULL;

    if (!fmt)
        fmt = lu_syscall_family_format(nr);
    if (!fmt)
        fmt = "xxxxxx";
    if (name)
        lu_strace_put(b, "%s(", name);
    else
        lu_strace_put(b, "syscall_%" PRId64 "(", nr);
    for (int i = 0; fmt[i] && i < 6; i++) {
        if (i)
            lu_strace_put(b, ",");
        lu_strace_arg(b, fmt[i], args, i);
    }
    lu_strace_put(b, ")");
}

void lu_strace_format_ret(struct lu_strace_buf *b, int64_t nr, int64_t ret)
{
    if (ret < 0 && ret >= -4095) {
        int e = (int)-ret;
        const char *name = lu_errno_name(e);
        if (name)
            lu_strace_put(b, " = -1 %s (%s)", name, strerror(e));
        else
            lu_strace_put(b, " = -1 errno=%d (%s)", e, strerror(e));
    } else if (nr == LU_NR_mmap || nr == LU_NR_brk || nr == LU_NR_mremap ||
               nr == LU_NR_shmat) {
        lu_strace_put(b, " = 0x%" PRIx64, (uint64_t)ret);
    } else {
        lu_strace_put(b, " = %" PRId64, ret);
    }
}

/*
 * The call is logged whole before it runs (so that output it makes
 * follows it), the result after.  Threads share the log: when another
 * thread's line comes between a call and its result, the call's line
 * ends in " <unfinished ...>" and its result comes on a line of its own,
 * as strace(1) shows it:
 *
 *     101 futex(0x4000,FUTEX_WAIT,2,NULL,NULL,0) <unfinished ...>
 *     102 write(1,0x5000,6) = 6
 *     101 <... futex resumed> = 0
 *
 * exit and exit_group end their line with " = ?" at once.  open_tid is
 * the thread whose line is waiting for its result (0: none).  A forked
 * child starts with none: the line it inherited is its parent's.  Forked
 * processes share the log file but not this state, so their lines can
 * still meet.
 */
static pthread_mutex_t line_lock = PTHREAD_MUTEX_INITIALIZER;
static int open_tid;

static void fork_child(void)
{
    pthread_mutex_init(&line_lock, NULL);
    open_tid = 0;
}

__attribute__((constructor)) static void strace_init(void)
{
    if (pthread_atfork(NULL, NULL, fork_child) != 0)
        fputs("uemu: cannot register the -strace fork handler\n", stderr);
}

void lu_strace_enter(int64_t nr, const uint64_t args[6])
{
    struct lu_strace_buf b = { .len = 0 };
    int tid = (int)gettid();

    lu_strace_format_call(&b, nr, args);
    pthread_mutex_lock(&line_lock);
    log_printf("%s%d %s", open_tid ? " <unfinished ...>\n" : "", tid, b.text);
    open_tid = tid;
    if (nr == LU_NR_exit || nr == LU_NR_exit_group) {
        log_printf(" = ?\n");      /* they never return */
        open_tid = 0;
    }
    log_flush();
    pthread_mutex_unlock(&line_lock);
}

void lu_strace_exit(int64_t nr, int64_t ret)
{
    struct lu_strace_buf b = { .len = 0 };
    const char *name = lu_syscall_name(nr);
    int tid = (int)gettid();

    lu_strace_format_ret(&b, nr, ret);
    pthread_mutex_lock(&line_lock);
    if (open_tid == tid)
        log_printf("%s\n", b.text);
    else if (name)
        log_printf("%s%d <... %s resumed>%s\n", open_tid ? " <unfinished ...>\n" : "", tid,
                   name, b.text);
    else
        log_printf("%s%d <... syscall_%" PRId64 " resumed>%s\n",
                   open_tid ? " <unfinished ...>\n" : "", tid, nr, b.text);
    open_tid = 0;
    pthread_mutex_unlock(&line_lock);
}
