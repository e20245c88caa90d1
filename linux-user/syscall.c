/*
 * Linux system call dispatch: one table from the asm-generic number to its
 * handler.  Adding a system call is one line here and its handler.
 *
 * Numbers without a handler return -ENOSYS, as a kernel without that call
 * would, and are reported under -d unimp so a missing call is visible.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "linux-user/mmap.h"
#include "linux-user/signal.h"
#include "syscall.h"
#include "syscall-nr.h"
#include "uemu/guest-mem.h"
#include "uemu/log.h"
#include "uemu/options.h"

const struct lu_abi *lu_cur_abi = &lu_abi_riscv64;
const char *lu_exe_path;
static lu_unimp_fn unimp_logger;

static lu_sys_fn *handlers[LU_NR_COUNT] = {
    [LU_NR_getcwd] = lu_sys_getcwd,
    [LU_NR_dup] = lu_sys_dup,
    [LU_NR_dup3] = lu_sys_dup3,
    [LU_NR_fcntl] = lu_sys_fcntl,
    [LU_NR_ioctl] = lu_sys_ioctl,
    [LU_NR_mkdirat] = lu_sys_mkdirat,
    [LU_NR_unlinkat] = lu_sys_unlinkat,
    [LU_NR_symlinkat] = lu_sys_symlinkat,
    [LU_NR_linkat] = lu_sys_linkat,
    [LU_NR_truncate] = lu_sys_truncate,
    [LU_NR_ftruncate] = lu_sys_ftruncate,
    [LU_NR_faccessat] = lu_sys_faccessat,
    [LU_NR_chdir] = lu_sys_chdir,
    [LU_NR_fchdir] = lu_sys_fchdir,
    [LU_NR_fchmod] = lu_sys_fchmod,
    [LU_NR_fchmodat] = lu_sys_fchmodat,
    [LU_NR_fchownat] = lu_sys_fchownat,
    [LU_NR_openat] = lu_sys_openat,
    [LU_NR_execve] = lu_sys_execve,
    [LU_NR_close] = lu_sys_close,
    [LU_NR_pipe2] = lu_sys_pipe2,
    [LU_NR_getdents64] = lu_sys_getdents64,
    [LU_NR_lseek] = lu_sys_lseek,
    [LU_NR_read] = lu_sys_read,
    [LU_NR_write] = lu_sys_write,
    [LU_NR_readv] = lu_sys_readv,
    [LU_NR_writev] = lu_sys_writev,
    [LU_NR_pread64] = lu_sys_pread64,
    [LU_NR_pwrite64] = lu_sys_pwrite64,
    [LU_NR_readlinkat] = lu_sys_readlinkat,
    [LU_NR_newfstatat] = lu_sys_newfstatat,
    [LU_NR_fstat] = lu_sys_fstat,
    [LU_NR_fsync] = lu_sys_fsync,
    [LU_NR_fdatasync] = lu_sys_fdatasync,
    [LU_NR_utimensat] = lu_sys_utimensat,
    [LU_NR_nanosleep] = lu_sys_nanosleep,
    [LU_NR_clock_gettime] = lu_sys_clock_gettime,
    [LU_NR_clock_getres] = lu_sys_clock_getres,
    [LU_NR_clock_nanosleep] = lu_sys_clock_nanosleep,
    [LU_NR_sched_yield] = lu_sys_sched_yield,
    [LU_NR_times] = lu_sys_times,
    [LU_NR_setpgid] = lu_sys_setpgid,
    [LU_NR_getpgid] = lu_sys_getpgid,
    [LU_NR_getsid] = lu_sys_getsid,
    [LU_NR_setsid] = lu_sys_setsid,
    [LU_NR_uname] = lu_sys_uname,
    [LU_NR_getrlimit] = lu_sys_getrlimit,
    [LU_NR_setrlimit] = lu_sys_setrlimit,
    [LU_NR_getrusage] = lu_sys_getrusage,
    [LU_NR_umask] = lu_sys_umask,
    [LU_NR_getcpu] = lu_sys_getcpu,
    [LU_NR_gettimeofday] = lu_sys_gettimeofday,
    [LU_NR_getpid] = lu_sys_getpid,
    [LU_NR_getppid] = lu_sys_getppid,
    [LU_NR_getuid] = lu_sys_getuid,
    [LU_NR_geteuid] = lu_sys_geteuid,
    [LU_NR_getgid] = lu_sys_getgid,
    [LU_NR_getegid] = lu_sys_getegid,
    [LU_NR_getresuid] = lu_sys_getresuid,
    [LU_NR_getresgid] = lu_sys_getresgid,
    [LU_NR_gettid] = lu_sys_gettid,
    [LU_NR_sysinfo] = lu_sys_sysinfo,
    [LU_NR_prlimit64] = lu_sys_prlimit64,
    [LU_NR_renameat2] = lu_sys_renameat2,
    [LU_NR_getrandom] = lu_sys_getrandom,
    [LU_NR_statx] = lu_sys_statx,
    [LU_NR_faccessat2] = lu_sys_faccessat2,
    [LU_NR_brk] = lu_sys_brk,
    [LU_NR_mmap] = lu_sys_mmap,
    [LU_NR_munmap] = lu_sys_munmap,
    [LU_NR_mprotect] = lu_sys_mprotect,
    [LU_NR_mremap] = lu_sys_mremap,
    [LU_NR_msync] = lu_sys_msync,
    [LU_NR_madvise] = lu_sys_madvise,
    [LU_NR_mincore] = lu_sys_mincore,
    [LU_NR_mlock] = lu_sys_mlock,
    [LU_NR_mlock2] = lu_sys_mlock2,
    [LU_NR_munlock] = lu_sys_munlock,
    [LU_NR_mlockall] = lu_sys_mlockall,
    [LU_NR_munlockall] = lu_sys_munlockall,
    [LU_NR_shmat] = lu_sys_shmat,
    [LU_NR_shmdt] = lu_sys_shmdt,
    [LU_NR_rt_sigaction] = lu_sys_rt_sigaction,
    [LU_NR_rt_sigprocmask] = lu_sys_rt_sigprocmask,
    [LU_NR_rt_sigpending] = lu_sys_rt_sigpending,
    [LU_NR_rt_sigsuspend] = lu_sys_rt_sigsuspend,
    [LU_NR_rt_sigtimedwait] = lu_sys_rt_sigtimedwait,
    [LU_NR_sigaltstack] = lu_sys_sigaltstack,
    [LU_NR_kill] = lu_sys_kill,
    [LU_NR_tkill] = lu_sys_tkill,
    [LU_NR_tgkill] = lu_sys_tgkill,
    [LU_NR_setitimer] = lu_sys_setitimer,
    [LU_NR_getitimer] = lu_sys_getitimer,
    [LU_NR_rt_sigqueueinfo] = lu_sys_rt_sigqueueinfo,
};

static const struct lu_syscall_set *const families[] = {
    &lu_syscalls_thread, &lu_syscalls_wait, &lu_syscalls_poll,
    &lu_syscalls_event, &lu_syscalls_fs, &lu_syscalls_net, &lu_syscalls_sysv,
};
static const char *family_formats[LU_NR_COUNT];

/* Runs before main (and before any unit test), so dispatch never sees a
 * half-built table. */
__attribute__((constructor)) static void merge_families(void)
{
    for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
        for (size_t i = 0; i < families[f]->count; i++) {
            const struct lu_syscall_def *d = &families[f]->defs[i];
            if (d->nr < 0 || d->nr >= LU_NR_COUNT || handlers[d->nr]) {
                fprintf(stderr, "uemu: system call %d has two handlers\n", d->nr);
                abort();
            }
            handlers[d->nr] = d->fn;
            family_formats[d->nr] = d->strace;
        }
    }
}

const char *lu_syscall_family_format(int64_t nr)
{
    return nr >= 0 && nr < LU_NR_COUNT ? family_formats[nr] : NULL;
}

void lu_set_abi(const struct lu_abi *abi)
{
    lu_cur_abi = abi;
    lu_mmap_set_extra_prot(abi->extra_prot);
}

/* The guest program, and the host thread's name after it (what the
 * guest's PR_GET_NAME, /proc/self/comm and ps show natively). */
void lu_set_exe_path(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;

    lu_exe_path = path;
    if (path)
        prctl(PR_SET_NAME, slash ? slash + 1 : path, 0, 0, 0);
}

void lu_set_unimp_logger(lu_unimp_fn fn)
{
    unimp_logger = fn;
}

void lu_report_unimp(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    if (!unimp_logger && !log_enabled(LOG_UNIMP))
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (unimp_logger)
        unimp_logger("%s", buf);
    else
        log_printf("%s\n", buf);
}

/* Move the bits of a map from one side's positions to the other's. */
static uint64_t map_bits(uint64_t v, const struct lu_bit_map *map, size_t n, bool to_host)
{
    uint64_t moved = 0, from_mask = 0;

    for (size_t i = 0; i < n; i++) {
        uint32_t from = to_host ? map[i].guest : map[i].host;
        uint32_t to = to_host ? map[i].host : map[i].guest;
        from_mask |= from;
        if (v & from)
            moved |= to;
    }
    return (v & ~from_mask) | moved;
}

int lu_open_flags_to_host(uint64_t guest)
{
    return (int)map_bits(guest, lu_cur_abi->open_flags, lu_cur_abi->n_open_flags, true);
}

int64_t lu_open_flags_to_guest(int host)
{
    return (int64_t)map_bits((uint32_t)host, lu_cur_abi->open_flags, lu_cur_abi->n_open_flags, false);
}

const char *lu_path_arg(uint64_t addr, int *err)
{
    return guest_string(addr, PATH_MAX, err);
}

static int64_t dispatch(int64_t nr, const uint64_t args[6])
{
    if (nr >= 0 && nr < LU_NR_COUNT && handlers[nr])
        return handlers[nr](args);
    const char *name = lu_syscall_name(nr);
    if (name)
        lu_report_unimp("unimplemented syscall %s (%" PRId64 ")", name, nr);
    else
        lu_report_unimp("unknown syscall %" PRId64, nr);
    return -ENOSYS;
}

int64_t lu_syscall(int64_t nr, const uint64_t args[6])
{
    if (!log_enabled(LOG_STRACE))
        return dispatch(nr, args);
    lu_strace_enter(nr, args);
    int64_t ret = dispatch(nr, args);
    lu_strace_exit(nr, ret);
    return ret;
}
