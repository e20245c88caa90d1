/*
 * Private to linux-user: the system call handlers and the helpers they
 * share.  A handler takes the six argument registers and returns the
 * guest's result (>= 0 or -errno).
 */
#ifndef LINUX_USER_SYSCALL_H
#define LINUX_USER_SYSCALL_H

#include <errno.h>

#include "uemu/linux-user.h"
#include "uemu/types.h"

typedef int64_t lu_sys_fn(const uint64_t *a);

/*
 * A family of system calls kept in a file of its own: each entry's
 * number, handler and -strace argument format (letters as in strace.c,
 * NULL for raw hex).  syscall.c merges the families into its table when
 * the program starts; a number claimed twice is a build mistake and
 * stops uemu with a message.
 */
struct lu_syscall_def {
    int nr;
    lu_sys_fn *fn;
    const char *strace;
};
struct lu_syscall_set {
    const struct lu_syscall_def *defs;
    size_t count;
};
#define LU_SYSCALL_SET(family, ...)                                              \
    static const struct lu_syscall_def family##_defs[] = { __VA_ARGS__ };       \
    const struct lu_syscall_set lu_syscalls_##family = {                         \
        family##_defs, sizeof(family##_defs) / sizeof(family##_defs[0])         \
    }
/* One per file: sys-thread.c, sys-wait.c, sys-poll.c, sys-event.c,
 * sys-fs.c, sys-net.c, sys-sysv.c. */
extern const struct lu_syscall_set lu_syscalls_thread, lu_syscalls_wait,
    lu_syscalls_poll, lu_syscalls_event, lu_syscalls_fs, lu_syscalls_net,
    lu_syscalls_sysv;

/* The -strace format a family gave for nr, NULL when none did. */
const char *lu_syscall_family_format(int64_t nr);

/* A host call's result as the guest sees it: r, or -errno on failure. */
static inline int64_t lu_host_ret(int64_t r)
{
    return r < 0 ? -(int64_t)errno : r;
}

/* Guest path argument: NULL with *err = -EFAULT / -ENAMETOOLONG. */
const char *lu_path_arg(uint64_t addr, int *err);

extern const struct lu_abi *lu_cur_abi;

/* open(2) flags between the guest's and the host's bit values. */
int lu_open_flags_to_host(uint64_t guest);
int64_t lu_open_flags_to_guest(int host);
extern const char *lu_exe_path;

/*
 * proc.c: an emulated /proc file opened for the guest (true, *ret the fd
 * or -errno) or not one (false); the host name of a guest name that must
 * exist (/proc/self/exe, then the -L prefix; buf holds len bytes).
 */
bool lu_proc_open(const char *path, int host_flags, int64_t *ret);
const char *lu_lookup_path(const char *path, char *buf, size_t len);

/* strace.c: the call before it runs, its result after. */
void lu_strace_enter(int64_t nr, const uint64_t args[6]);
void lu_strace_exit(int64_t nr, int64_t ret);

void lu_report_unimp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* sys-file.c */
lu_sys_fn lu_sys_read, lu_sys_write, lu_sys_openat, lu_sys_close,
    lu_sys_lseek, lu_sys_pread64, lu_sys_pwrite64, lu_sys_readv,
    lu_sys_writev, lu_sys_fstat, lu_sys_newfstatat, lu_sys_statx,
    lu_sys_getdents64, lu_sys_fcntl, lu_sys_dup, lu_sys_dup3, lu_sys_pipe2,
    lu_sys_ftruncate, lu_sys_fsync, lu_sys_fdatasync, lu_sys_ioctl;
/* sys-path.c */
lu_sys_fn lu_sys_getcwd, lu_sys_chdir, lu_sys_fchdir, lu_sys_unlinkat,
    lu_sys_mkdirat, lu_sys_renameat2, lu_sys_readlinkat, lu_sys_faccessat,
    lu_sys_faccessat2, lu_sys_symlinkat, lu_sys_linkat, lu_sys_fchmodat,
    lu_sys_fchmod, lu_sys_fchownat, lu_sys_utimensat, lu_sys_truncate,
    lu_sys_umask;
/* sys-mem.c */
lu_sys_fn lu_sys_brk, lu_sys_mmap, lu_sys_munmap, lu_sys_mprotect,
    lu_sys_mremap, lu_sys_msync, lu_sys_madvise, lu_sys_mincore, lu_sys_mlock,
    lu_sys_mlock2, lu_sys_munlock, lu_sys_mlockall, lu_sys_munlockall,
    lu_sys_shmat, lu_sys_shmdt;
/* sys-proc.c */
lu_sys_fn lu_sys_getpid, lu_sys_getppid,
    lu_sys_gettid, lu_sys_getuid, lu_sys_geteuid, lu_sys_getgid,
    lu_sys_getegid, lu_sys_getresuid, lu_sys_getresgid, lu_sys_uname, lu_sys_sysinfo, lu_sys_times,
    lu_sys_getrlimit, lu_sys_setrlimit, lu_sys_prlimit64, lu_sys_getrusage,
    lu_sys_clock_gettime, lu_sys_clock_getres, lu_sys_gettimeofday,
    lu_sys_nanosleep, lu_sys_clock_nanosleep, lu_sys_getrandom,
    lu_sys_sched_yield, lu_sys_getcpu, lu_sys_getpgid, lu_sys_getsid,
    lu_sys_setpgid, lu_sys_setsid;
/* sys-file.c: fd is uemu's own (see lu_fd_hide_own); around an
 * execve of uemu, the soft descriptor limit as uemu found it, and back
 * when the call failed. */
bool lu_fd_is_own(int64_t fd);
void lu_fd_exec_uemu(bool failed);
/* sys-net.c: r of a call on fd, whose -EINTR is final when fd is a
 * socket with a receive (recv) or send timeout (signal(7)). */
int64_t lu_sock_intr(int fd, bool recv, int64_t r);
/* sys-exec.c */
lu_sys_fn lu_sys_execve;

#endif
