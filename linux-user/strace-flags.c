/*
 * -strace: flag words and enumerations by name, one table each, with the
 * values of the Linux asm-generic headers (riscv64 and aarch64 use them;
 * open flags are translated to the x86_64 host's first, which are the
 * asm-generic ones too).  Bits no name covers print in hex after the
 * names, so nothing the guest passed is hidden:
 *
 *     openat(AT_FDCWD,"x",O_RDONLY|0x40000000,00)
 *     futex(0x1000,FUTEX_WAKE|FUTEX_PRIVATE_FLAG,1,...)
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "strace.h"
#include "syscall.h"

#define END { 0, NULL }

static const struct lu_flag_name open_flags[] = {
    { 020200000, "O_TMPFILE" },       /* __O_TMPFILE | O_DIRECTORY */
    { 04010000, "O_SYNC" },           /* __O_SYNC | O_DSYNC */
    { 01, "O_WRONLY" }, { 02, "O_RDWR" }, { 0100, "O_CREAT" },
    { 0200, "O_EXCL" }, { 0400, "O_NOCTTY" }, { 01000, "O_TRUNC" },
    { 02000, "O_APPEND" }, { 04000, "O_NONBLOCK" }, { 010000, "O_DSYNC" },
    { 020000, "O_ASYNC" }, { 040000, "O_DIRECT" }, { 0100000, "O_LARGEFILE" },
    { 0200000, "O_DIRECTORY" }, { 0400000, "O_NOFOLLOW" },
    { 01000000, "O_NOATIME" }, { 02000000, "O_CLOEXEC" },
    { 010000000, "O_PATH" }, END,
};
static const struct lu_flag_name at_flags[] = {
    { 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_REMOVEDIR" },
    { 0x400, "AT_SYMLINK_FOLLOW" }, { 0x800, "AT_NO_AUTOMOUNT" },
    { 0x1000, "AT_EMPTY_PATH" }, { 0x2000, "AT_STATX_FORCE_SYNC" },
    { 0x4000, "AT_STATX_DONT_SYNC" }, { 0x8000, "AT_RECURSIVE" }, END,
};
static const struct lu_flag_name access_modes[] = {
    { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" }, END,
};
static const struct lu_flag_name prot_flags[] = {
    { 1, "PROT_READ" }, { 2, "PROT_WRITE" }, { 4, "PROT_EXEC" }, { 8, "PROT_SEM" },
    { 0x01000000, "PROT_GROWSDOWN" }, { 0x02000000, "PROT_GROWSUP" }, END,
};
static const struct lu_flag_name map_flags[] = {
    { 0x03, "MAP_SHARED_VALIDATE" }, { 0x01, "MAP_SHARED" }, { 0x02, "MAP_PRIVATE" },
    { 0x10, "MAP_FIXED" }, { 0x20, "MAP_ANONYMOUS" }, { 0x100, "MAP_GROWSDOWN" },
    { 0x800, "MAP_DENYWRITE" }, { 0x1000, "MAP_EXECUTABLE" }, { 0x2000, "MAP_LOCKED" },
    { 0x4000, "MAP_NORESERVE" }, { 0x8000, "MAP_POPULATE" }, { 0x10000, "MAP_NONBLOCK" },
    { 0x20000, "MAP_STACK" }, { 0x40000, "MAP_HUGETLB" }, { 0x80000, "MAP_SYNC" },
    { 0x100000, "MAP_FIXED_NOREPLACE" }, { 0x4000000, "MAP_UNINITIALIZED" }, END,
};
static const struct lu_flag_name falloc_flags[] = {
    { 0x01, "FALLOC_FL_KEEP_SIZE" }, { 0x02, "FALLOC_FL_PUNCH_HOLE" },
    { 0x04, "FALLOC_FL_NO_HIDE_STALE" }, { 0x08, "FALLOC_FL_COLLAPSE_RANGE" },
    { 0x10, "FALLOC_FL_ZERO_RANGE" }, { 0x20, "FALLOC_FL_INSERT_RANGE" },
    { 0x40, "FALLOC_FL_UNSHARE_RANGE" }, END,
};
static const struct lu_flag_name memfd_flags[] = {
    { 0x01, "MFD_CLOEXEC" }, { 0x02, "MFD_ALLOW_SEALING" }, { 0x04, "MFD_HUGETLB" },
    { 0x08, "MFD_NOEXEC_SEAL" }, { 0x10, "MFD_EXEC" }, END,
};
static const struct lu_flag_name eventfd_flags[] = {
    { 1, "EFD_SEMAPHORE" }, { 04000, "EFD_NONBLOCK" }, { 02000000, "EFD_CLOEXEC" }, END,
};
static const struct lu_flag_name epoll_create_flags[] = {
    { 02000000, "EPOLL_CLOEXEC" }, END,
};
static const struct lu_flag_name epoll_ops[] = {
    { 1, "EPOLL_CTL_ADD" }, { 2, "EPOLL_CTL_DEL" }, { 3, "EPOLL_CTL_MOD" }, END,
};
static const struct lu_flag_name inotify_init_flags[] = {
    { 04000, "IN_NONBLOCK" }, { 02000000, "IN_CLOEXEC" }, END,
};
static const struct lu_flag_name inotify_mask[] = {
    { 0x1, "IN_ACCESS" }, { 0x2, "IN_MODIFY" }, { 0x4, "IN_ATTRIB" },
    { 0x8, "IN_CLOSE_WRITE" }, { 0x10, "IN_CLOSE_NOWRITE" }, { 0x20, "IN_OPEN" },
    { 0x40, "IN_MOVED_FROM" }, { 0x80, "IN_MOVED_TO" }, { 0x100, "IN_CREATE" },
    { 0x200, "IN_DELETE" }, { 0x400, "IN_DELETE_SELF" }, { 0x800, "IN_MOVE_SELF" },
    { 0x2000, "IN_UNMOUNT" }, { 0x4000, "IN_Q_OVERFLOW" }, { 0x8000, "IN_IGNORED" },
    { 0x01000000, "IN_ONLYDIR" }, { 0x02000000, "IN_DONT_FOLLOW" },
    { 0x04000000, "IN_EXCL_UNLINK" }, { 0x10000000, "IN_MASK_CREATE" },
    { 0x20000000, "IN_MASK_ADD" }, { 0x40000000, "IN_ISDIR" },
    { 0x80000000, "IN_ONESHOT" }, END,
};
static const struct lu_flag_name timerfd_create_flags[] = {
    { 04000, "TFD_NONBLOCK" }, { 02000000, "TFD_CLOEXEC" }, END,
};
static const struct lu_flag_name timerfd_settime_flags[] = {
    { 1, "TFD_TIMER_ABSTIME" }, { 2, "TFD_TIMER_CANCEL_ON_SET" }, END,
};
static const struct lu_flag_name timer_flags[] = {
    { 1, "TIMER_ABSTIME" }, END,
};
static const struct lu_flag_name signalfd_flags[] = {
    { 04000, "SFD_NONBLOCK" }, { 02000000, "SFD_CLOEXEC" }, END,
};
static const struct lu_flag_name clocks[] = {
    { 0, "CLOCK_REALTIME" }, { 1, "CLOCK_MONOTONIC" }, { 2, "CLOCK_PROCESS_CPUTIME_ID" },
    { 3, "CLOCK_THREAD_CPUTIME_ID" }, { 4, "CLOCK_MONOTONIC_RAW" },
    { 5, "CLOCK_REALTIME_COARSE" }, { 6, "CLOCK_MONOTONIC_COARSE" },
    { 7, "CLOCK_BOOTTIME" }, { 8, "CLOCK_REALTIME_ALARM" },
    { 9, "CLOCK_BOOTTIME_ALARM" }, { 11, "CLOCK_TAI" }, END,
};
static const struct lu_flag_name clone_flags[] = {
    { 0x100, "CLONE_VM" }, { 0x200, "CLONE_FS" }, { 0x400, "CLONE_FILES" },
    { 0x800, "CLONE_SIGHAND" }, { 0x1000, "CLONE_PIDFD" }, { 0x2000, "CLONE_PTRACE" },
    { 0x4000, "CLONE_VFORK" }, { 0x8000, "CLONE_PARENT" }, { 0x10000, "CLONE_THREAD" },
    { 0x20000, "CLONE_NEWNS" }, { 0x40000, "CLONE_SYSVSEM" }, { 0x80000, "CLONE_SETTLS" },
    { 0x100000, "CLONE_PARENT_SETTID" }, { 0x200000, "CLONE_CHILD_CLEARTID" },
    { 0x400000, "CLONE_DETACHED" }, { 0x800000, "CLONE_UNTRACED" },
    { 0x1000000, "CLONE_CHILD_SETTID" }, { 0x2000000, "CLONE_NEWCGROUP" },
    { 0x4000000, "CLONE_NEWUTS" }, { 0x8000000, "CLONE_NEWIPC" },
    { 0x10000000, "CLONE_NEWUSER" }, { 0x20000000, "CLONE_NEWPID" },
    { 0x40000000, "CLONE_NEWNET" }, { 0x80000000, "CLONE_IO" }, END,
};
static const struct lu_flag_name futex_cmds[] = {
    { 0, "FUTEX_WAIT" }, { 1, "FUTEX_WAKE" }, { 2, "FUTEX_FD" }, { 3, "FUTEX_REQUEUE" },
    { 4, "FUTEX_CMP_REQUEUE" }, { 5, "FUTEX_WAKE_OP" }, { 6, "FUTEX_LOCK_PI" },
    { 7, "FUTEX_UNLOCK_PI" }, { 8, "FUTEX_TRYLOCK_PI" }, { 9, "FUTEX_WAIT_BITSET" },
    { 10, "FUTEX_WAKE_BITSET" }, { 11, "FUTEX_WAIT_REQUEUE_PI" },
    { 12, "FUTEX_CMP_REQUEUE_PI" }, { 13, "FUTEX_LOCK_PI2" }, END,
};
static const struct lu_flag_name futex_flags[] = {
    { 128, "FUTEX_PRIVATE_FLAG" }, { 256, "FUTEX_CLOCK_REALTIME" }, END,
};
static const struct lu_flag_name wait_options[] = {
    { 1, "WNOHANG" }, { 2, "WUNTRACED" }, { 4, "WEXITED" }, { 8, "WCONTINUED" },
    { 0x01000000, "WNOWAIT" }, { 0x20000000, "__WNOTHREAD" }, { 0x40000000, "__WALL" },
    { 0x80000000, "__WCLONE" }, END,
};
static const struct lu_flag_name id_types[] = {
    { 0, "P_ALL" }, { 1, "P_PID" }, { 2, "P_PGID" }, { 3, "P_PIDFD" }, END,
};
/* asm-generic/ioctls.h and linux/sockios.h */
static const struct lu_flag_name ioctls[] = {
    { 0x5401, "TCGETS" }, { 0x5402, "TCSETS" }, { 0x5403, "TCSETSW" },
    { 0x5404, "TCSETSF" }, { 0x5405, "TCGETA" }, { 0x5406, "TCSETA" },
    { 0x5407, "TCSETAW" }, { 0x5408, "TCSETAF" }, { 0x5409, "TCSBRK" },
    { 0x540A, "TCXONC" }, { 0x540B, "TCFLSH" }, { 0x540C, "TIOCEXCL" },
    { 0x540D, "TIOCNXCL" }, { 0x540E, "TIOCSCTTY" }, { 0x540F, "TIOCGPGRP" },
    { 0x5410, "TIOCSPGRP" }, { 0x5411, "TIOCOUTQ" }, { 0x5412, "TIOCSTI" },
    { 0x5413, "TIOCGWINSZ" }, { 0x5414, "TIOCSWINSZ" }, { 0x5415, "TIOCMGET" },
    { 0x5416, "TIOCMBIS" }, { 0x5417, "TIOCMBIC" }, { 0x5418, "TIOCMSET" },
    { 0x5419, "TIOCGSOFTCAR" }, { 0x541A, "TIOCSSOFTCAR" }, { 0x541B, "FIONREAD" },
    { 0x541C, "TIOCLINUX" }, { 0x541D, "TIOCCONS" }, { 0x541E, "TIOCGSERIAL" },
    { 0x541F, "TIOCSSERIAL" }, { 0x5420, "TIOCPKT" }, { 0x5421, "FIONBIO" },
    { 0x5422, "TIOCNOTTY" }, { 0x5423, "TIOCSETD" }, { 0x5424, "TIOCGETD" },
    { 0x5425, "TCSBRKP" }, { 0x5427, "TIOCSBRK" }, { 0x5428, "TIOCCBRK" },
    { 0x5429, "TIOCGSID" }, { 0x802c542a, "TCGETS2" }, { 0x402c542b, "TCSETS2" },
    { 0x80045430, "TIOCGPTN" }, { 0x40045431, "TIOCSPTLCK" }, { 0x5441, "TIOCGPTPEER" },
    { 0x5450, "FIONCLEX" }, { 0x5451, "FIOCLEX" }, { 0x5452, "FIOASYNC" },
    { 0x5459, "TIOCSERGETLSR" }, { 0x5460, "FIOQSIZE" }, { 0x8901, "FIOSETOWN" },
    { 0x8902, "SIOCSPGRP" }, { 0x8903, "FIOGETOWN" }, { 0x8904, "SIOCGPGRP" },
    { 0x8905, "SIOCATMARK" }, { 0x8910, "SIOCGIFNAME" }, { 0x8912, "SIOCGIFCONF" },
    { 0x8913, "SIOCGIFFLAGS" }, { 0x8914, "SIOCSIFFLAGS" }, { 0x8915, "SIOCGIFADDR" },
    { 0x8921, "SIOCGIFMTU" }, { 0x8927, "SIOCGIFHWADDR" }, { 0x8933, "SIOCGIFINDEX" },
    END,
};
/* linux/prctl.h */
static const struct lu_flag_name prctl_options[] = {
    { 1, "PR_SET_PDEATHSIG" }, { 2, "PR_GET_PDEATHSIG" }, { 3, "PR_GET_DUMPABLE" },
    { 4, "PR_SET_DUMPABLE" }, { 5, "PR_GET_UNALIGN" }, { 6, "PR_SET_UNALIGN" },
    { 7, "PR_GET_KEEPCAPS" }, { 8, "PR_SET_KEEPCAPS" }, { 9, "PR_GET_FPEMU" },
    { 10, "PR_SET_FPEMU" }, { 11, "PR_GET_FPEXC" }, { 12, "PR_SET_FPEXC" },
    { 13, "PR_GET_TIMING" }, { 14, "PR_SET_TIMING" }, { 15, "PR_SET_NAME" },
    { 16, "PR_GET_NAME" }, { 19, "PR_GET_ENDIAN" }, { 20, "PR_SET_ENDIAN" },
    { 21, "PR_GET_SECCOMP" }, { 22, "PR_SET_SECCOMP" }, { 23, "PR_CAPBSET_READ" },
    { 24, "PR_CAPBSET_DROP" }, { 25, "PR_GET_TSC" }, { 26, "PR_SET_TSC" },
    { 27, "PR_GET_SECUREBITS" }, { 28, "PR_SET_SECUREBITS" }, { 29, "PR_SET_TIMERSLACK" },
    { 30, "PR_GET_TIMERSLACK" }, { 31, "PR_TASK_PERF_EVENTS_DISABLE" },
    { 32, "PR_TASK_PERF_EVENTS_ENABLE" }, { 33, "PR_MCE_KILL" }, { 34, "PR_MCE_KILL_GET" },
    { 35, "PR_SET_MM" }, { 36, "PR_SET_CHILD_SUBREAPER" }, { 37, "PR_GET_CHILD_SUBREAPER" },
    { 38, "PR_SET_NO_NEW_PRIVS" }, { 39, "PR_GET_NO_NEW_PRIVS" },
    { 40, "PR_GET_TID_ADDRESS" }, { 41, "PR_SET_THP_DISABLE" }, { 42, "PR_GET_THP_DISABLE" },
    { 45, "PR_SET_FP_MODE" }, { 46, "PR_GET_FP_MODE" }, { 47, "PR_CAP_AMBIENT" },
    { 50, "PR_SVE_SET_VL" }, { 51, "PR_SVE_GET_VL" }, { 52, "PR_GET_SPECULATION_CTRL" },
    { 53, "PR_SET_SPECULATION_CTRL" }, { 54, "PR_PAC_RESET_KEYS" },
    { 55, "PR_SET_TAGGED_ADDR_CTRL" }, { 56, "PR_GET_TAGGED_ADDR_CTRL" },
    { 57, "PR_SET_IO_FLUSHER" }, { 58, "PR_GET_IO_FLUSHER" },
    { 59, "PR_SET_SYSCALL_USER_DISPATCH" }, { 60, "PR_PAC_SET_ENABLED_KEYS" },
    { 61, "PR_PAC_GET_ENABLED_KEYS" }, { 62, "PR_SCHED_CORE" }, { 63, "PR_SME_SET_VL" },
    { 64, "PR_SME_GET_VL" }, { 65, "PR_SET_MDWE" }, { 66, "PR_GET_MDWE" },
    { 67, "PR_SET_MEMORY_MERGE" }, { 68, "PR_GET_MEMORY_MERGE" },
    { 69, "PR_RISCV_V_SET_CONTROL" }, { 70, "PR_RISCV_V_GET_CONTROL" },
    { 71, "PR_RISCV_SET_ICACHE_FLUSH_CTX" }, { 0x41555856, "PR_GET_AUXV" },
    { 0x53564d41, "PR_SET_VMA" }, { 0x59616d61, "PR_SET_PTRACER" }, END,
};
static const struct lu_flag_name sched_policies[] = {
    { 0, "SCHED_OTHER" }, { 1, "SCHED_FIFO" }, { 2, "SCHED_RR" }, { 3, "SCHED_BATCH" },
    { 5, "SCHED_IDLE" }, { 6, "SCHED_DEADLINE" }, END,
};
static const struct lu_flag_name sigprocmask_hows[] = {
    { 0, "SIG_BLOCK" }, { 1, "SIG_UNBLOCK" }, { 2, "SIG_SETMASK" }, END,
};
/* asm-generic/signal.h: 1..31; 32..64 are the real-time signals */
static const char *const signal_names[32] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
    "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
    "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
    "SIGIO", "SIGPWR", "SIGSYS",
};
/* linux/ipc.h, linux/shm.h, linux/msg.h */
static const struct lu_flag_name ipc_get_flags[] = {
    { 01000, "IPC_CREAT" }, { 02000, "IPC_EXCL" }, { 04000, "IPC_NOWAIT" }, END,
};
static const struct lu_flag_name shmat_flags[] = {
    { 010000, "SHM_RDONLY" }, { 020000, "SHM_RND" }, { 040000, "SHM_REMAP" },
    { 0100000, "SHM_EXEC" }, END,
};
static const struct lu_flag_name ipc_cmds[] = {
    { 0, "IPC_RMID" }, { 1, "IPC_SET" }, { 2, "IPC_STAT" }, { 3, "IPC_INFO" }, END,
};
static const struct lu_flag_name msg_flags[] = {
    { 04000, "IPC_NOWAIT" }, { 010000, "MSG_NOERROR" }, { 020000, "MSG_EXCEPT" },
    { 040000, "MSG_COPY" }, END,
};
static const struct lu_flag_name fcntl_cmds[] = {
    { 0, "F_DUPFD" }, { 1, "F_GETFD" }, { 2, "F_SETFD" }, { 3, "F_GETFL" }, { 4, "F_SETFL" },
    { 5, "F_GETLK" }, { 6, "F_SETLK" }, { 7, "F_SETLKW" }, { 8, "F_SETOWN" },
    { 9, "F_GETOWN" }, { 10, "F_SETSIG" }, { 11, "F_GETSIG" }, { 15, "F_SETOWN_EX" },
    { 16, "F_GETOWN_EX" }, { 36, "F_OFD_GETLK" }, { 37, "F_OFD_SETLK" },
    { 38, "F_OFD_SETLKW" }, { 1024, "F_SETLEASE" }, { 1025, "F_GETLEASE" },
    { 1026, "F_NOTIFY" }, { 1030, "F_DUPFD_CLOEXEC" }, { 1031, "F_SETPIPE_SZ" },
    { 1032, "F_GETPIPE_SZ" }, { 1033, "F_ADD_SEALS" }, { 1034, "F_GET_SEALS" }, END,
};
static const struct lu_flag_name fd_flags[] = {
    { 1, "FD_CLOEXEC" }, END,
};
static const struct lu_flag_name seals[] = {
    { 1, "F_SEAL_SEAL" }, { 2, "F_SEAL_SHRINK" }, { 4, "F_SEAL_GROW" }, { 8, "F_SEAL_WRITE" },
    { 0x10, "F_SEAL_FUTURE_WRITE" }, { 0x20, "F_SEAL_EXEC" }, END,
};
static const struct lu_flag_name lease_types[] = {
    { 0, "F_RDLCK" }, { 1, "F_WRLCK" }, { 2, "F_UNLCK" }, END,
};
static const struct lu_flag_name rename_flags[] = {
    { 1, "RENAME_NOREPLACE" }, { 2, "RENAME_EXCHANGE" }, { 4, "RENAME_WHITEOUT" }, END,
};
static const struct lu_flag_name statx_mask[] = {
    { 0x7ff, "STATX_BASIC_STATS" }, { 0x1, "STATX_TYPE" }, { 0x2, "STATX_MODE" },
    { 0x4, "STATX_NLINK" }, { 0x8, "STATX_UID" }, { 0x10, "STATX_GID" },
    { 0x20, "STATX_ATIME" }, { 0x40, "STATX_MTIME" }, { 0x80, "STATX_CTIME" },
    { 0x100, "STATX_INO" }, { 0x200, "STATX_SIZE" }, { 0x400, "STATX_BLOCKS" },
    { 0x800, "STATX_BTIME" }, { 0x1000, "STATX_MNT_ID" }, { 0x2000, "STATX_DIOALIGN" },
    { 0x4000, "STATX_MNT_ID_UNIQUE" }, { 0x8000, "STATX_SUBVOL" },
    { 0x10000, "STATX_WRITE_ATOMIC" }, END,
};
static const struct lu_flag_name mremap_flags[] = {
    { 1, "MREMAP_MAYMOVE" }, { 2, "MREMAP_FIXED" }, { 4, "MREMAP_DONTUNMAP" }, END,
};
static const struct lu_flag_name madvise_advice[] = {
    { 0, "MADV_NORMAL" }, { 1, "MADV_RANDOM" }, { 2, "MADV_SEQUENTIAL" },
    { 3, "MADV_WILLNEED" }, { 4, "MADV_DONTNEED" }, { 8, "MADV_FREE" }, { 9, "MADV_REMOVE" },
    { 10, "MADV_DONTFORK" }, { 11, "MADV_DOFORK" }, { 12, "MADV_MERGEABLE" },
    { 13, "MADV_UNMERGEABLE" }, { 14, "MADV_HUGEPAGE" }, { 15, "MADV_NOHUGEPAGE" },
    { 16, "MADV_DONTDUMP" }, { 17, "MADV_DODUMP" }, { 18, "MADV_WIPEONFORK" },
    { 19, "MADV_KEEPONFORK" }, { 20, "MADV_COLD" }, { 21, "MADV_PAGEOUT" },
    { 22, "MADV_POPULATE_READ" }, { 23, "MADV_POPULATE_WRITE" },
    { 24, "MADV_DONTNEED_LOCKED" }, { 25, "MADV_COLLAPSE" }, { 100, "MADV_HWPOISON" },
    { 101, "MADV_SOFT_OFFLINE" }, END,
};
static const struct lu_flag_name seek_whences[] = {
    { 0, "SEEK_SET" }, { 1, "SEEK_CUR" }, { 2, "SEEK_END" }, { 3, "SEEK_DATA" },
    { 4, "SEEK_HOLE" }, END,
};
static const struct lu_flag_name msync_flags[] = {
    { 1, "MS_ASYNC" }, { 2, "MS_INVALIDATE" }, { 4, "MS_SYNC" }, END,
};
static const struct lu_flag_name mlockall_flags[] = {
    { 1, "MCL_CURRENT" }, { 2, "MCL_FUTURE" }, { 4, "MCL_ONFAULT" }, END,
};
static const struct lu_flag_name flock_ops[] = {
    { 1, "LOCK_SH" }, { 2, "LOCK_EX" }, { 4, "LOCK_NB" }, { 8, "LOCK_UN" }, END,
};
static const struct lu_flag_name rlimits[] = {
    { 0, "RLIMIT_CPU" }, { 1, "RLIMIT_FSIZE" }, { 2, "RLIMIT_DATA" }, { 3, "RLIMIT_STACK" },
    { 4, "RLIMIT_CORE" }, { 5, "RLIMIT_RSS" }, { 6, "RLIMIT_NPROC" }, { 7, "RLIMIT_NOFILE" },
    { 8, "RLIMIT_MEMLOCK" }, { 9, "RLIMIT_AS" }, { 10, "RLIMIT_LOCKS" },
    { 11, "RLIMIT_SIGPENDING" }, { 12, "RLIMIT_MSGQUEUE" }, { 13, "RLIMIT_NICE" },
    { 14, "RLIMIT_RTPRIO" }, { 15, "RLIMIT_RTTIME" }, END,
};
static const struct lu_flag_name itimers[] = {
    { 0, "ITIMER_REAL" }, { 1, "ITIMER_VIRTUAL" }, { 2, "ITIMER_PROF" }, END,
};
static const struct lu_flag_name sock_flags[] = {
    { 04000, "SOCK_NONBLOCK" }, { 02000000, "SOCK_CLOEXEC" }, END,
};

void lu_strace_flags(struct lu_strace_buf *b, uint64_t v, const struct lu_flag_name *names,
                     const char *zero)
{
    bool first = true;

    for (const struct lu_flag_name *f = names; f->name; f++) {
        if (f->bit && (v & f->bit) == f->bit) {
            lu_strace_put(b, "%s%s", first ? "" : "|", f->name);
            v &= ~f->bit;
            first = false;
        }
    }
    if (v)
        lu_strace_put(b, "%s0x%" PRIx64, first ? "" : "|", v);
    else if (first)
        lu_strace_put(b, "%s", zero);
}

static const char *enum_name(int64_t v, const struct lu_flag_name *names)
{
    for (const struct lu_flag_name *f = names; f->name; f++)
        if ((int64_t)f->bit == v)
            return f->name;
    return NULL;
}

void lu_strace_enum(struct lu_strace_buf *b, int64_t v, const struct lu_flag_name *names)
{
    const char *name = enum_name(v, names);

    if (name)
        lu_strace_put(b, "%s", name);
    else
        lu_strace_put(b, "%" PRId64, v);
}

void lu_strace_signal(struct lu_strace_buf *b, int sig)
{
    if (sig > 0 && sig < 32)
        lu_strace_put(b, "%s", signal_names[sig]);
    else if (sig >= 32 && sig <= 64)
        lu_strace_put(b, "SIGRT_%d", sig - 32);
    else
        lu_strace_put(b, "%d", sig);
}

/* An enumerated field in the low bits (mask), flags in the rest. */
static void field_and_flags(struct lu_strace_buf *b, uint64_t v, uint64_t mask,
                            const struct lu_flag_name *field, const struct lu_flag_name *flags)
{
    uint64_t rest = v & ~mask;

    lu_strace_enum(b, (int64_t)(v & mask), field);
    if (rest) {
        lu_strace_put(b, "|");
        lu_strace_flags(b, rest, flags, "0");
    }
}

static void open_flags_arg(struct lu_strace_buf *b, uint64_t guest)
{
    uint32_t v = (uint32_t)lu_open_flags_to_host(guest);

    if ((v & 3) == 0) {
        lu_strace_put(b, "O_RDONLY");
        if (v) {
            lu_strace_put(b, "|");
            lu_strace_flags(b, v, open_flags, "0");
        }
        return;
    }
    lu_strace_flags(b, v, open_flags, "0");
}

/* Open flags that carry no access mode (pipe2, dup3, F_SETFL). */
static void status_flags_arg(struct lu_strace_buf *b, uint64_t guest)
{
    lu_strace_flags(b, (uint32_t)lu_open_flags_to_host(guest), open_flags, "0");
}

/* The exit signal of clone sits in the low byte (CSIGNAL). */
static void clone_flags_arg(struct lu_strace_buf *b, uint64_t v)
{
    int sig = (int)(v & 0xff);

    lu_strace_flags(b, v & ~(uint64_t)0xff, clone_flags, sig ? "" : "0");
    if (sig) {
        if (v & ~(uint64_t)0xff)
            lu_strace_put(b, "|");
        lu_strace_signal(b, sig);
    }
}

/* IPC_CREAT|IPC_EXCL|0600: the permission bits in octal. */
static void ipc_get_flags_arg(struct lu_strace_buf *b, uint64_t v)
{
    uint64_t mode = v & 0777, rest = v & ~(uint64_t)0777;

    if (rest) {
        lu_strace_flags(b, rest, ipc_get_flags, "0");
        lu_strace_put(b, "|");
    }
    lu_strace_put(b, "0%03" PRIo64, mode);
}

/* Commands may carry IPC_64 (0x100), as glibc passes them. */
static void ipc_cmd_arg(struct lu_strace_buf *b, uint64_t v)
{
    int cmd = (int)v;

    if (cmd >= 0 && (cmd & 0x100)) {
        lu_strace_put(b, "IPC_64|");
        cmd &= ~0x100;
    }
    lu_strace_enum(b, cmd, ipc_cmds);
}

/* fcntl's third argument, by the command (the second). */
static void fcntl_arg(struct lu_strace_buf *b, int cmd, uint64_t v)
{
    switch (cmd) {
    case 0: case 1030: case 1031: lu_strace_put(b, "%d", (int)v); break;
    case 2: lu_strace_flags(b, v, fd_flags, "0"); break;
    case 4: status_flags_arg(b, v); break;
    case 8: lu_strace_put(b, "%d", (int)v); break;
    case 10: lu_strace_signal(b, (int)v); break;
    case 1024: lu_strace_enum(b, (int)v, lease_types); break;
    case 1033: lu_strace_flags(b, (uint32_t)v, seals, "0"); break;
    case 1: case 3: case 9: case 11: case 1025: case 1032: case 1034:
        lu_strace_put(b, "0x%" PRIx64, v);      /* unused by the command */
        break;
    default: lu_strace_pointer(b, v); break;    /* locks, owners: structures */
    }
}

bool lu_strace_flags_arg(struct lu_strace_buf *b, char f, const uint64_t args[6], int i)
{
    uint64_t v = args[i];

    switch (f) {
    case 'o': open_flags_arg(b, v); break;
    case '+': status_flags_arg(b, v); break;
    case 'F':
        if ((int)v == -100)
            lu_strace_put(b, "AT_FDCWD");
        else
            lu_strace_put(b, "%d", (int)v);
        break;
    case 'A': lu_strace_flags(b, v, at_flags, "0"); break;
    case 'a': lu_strace_flags(b, (uint32_t)v, access_modes, "F_OK"); break;
    case 'P': lu_strace_flags(b, v, prot_flags, "PROT_NONE"); break;
    case 'm': lu_strace_flags(b, v, map_flags, "0"); break;
    case 'f': lu_strace_flags(b, (uint32_t)v, falloc_flags, "0"); break;
    case 'D': lu_strace_flags(b, (uint32_t)v, memfd_flags, "0"); break;
    case 'e': lu_strace_flags(b, (uint32_t)v, eventfd_flags, "0"); break;
    case 'E': lu_strace_flags(b, (uint32_t)v, epoll_create_flags, "0"); break;
    case 'k': lu_strace_enum(b, (int)v, epoll_ops); break;
    case 'n': lu_strace_flags(b, (uint32_t)v, inotify_init_flags, "0"); break;
    case 'N': lu_strace_flags(b, (uint32_t)v, inotify_mask, "0"); break;
    case 't': lu_strace_flags(b, (uint32_t)v, timerfd_create_flags, "0"); break;
    case 'j': lu_strace_flags(b, (uint32_t)v, timerfd_settime_flags, "0"); break;
    case 'b': lu_strace_flags(b, (uint32_t)v, timer_flags, "0"); break;
    case 'W': lu_strace_flags(b, (uint32_t)v, signalfd_flags, "0"); break;
    case 'c': lu_strace_enum(b, (int)v, clocks); break;
    case 'C': clone_flags_arg(b, v); break;
    case 'X': field_and_flags(b, (uint32_t)v, 0x7f, futex_cmds, futex_flags); break;
    case 'w': lu_strace_flags(b, (uint32_t)v, wait_options, "0"); break;
    case '!': lu_strace_enum(b, (int)v, id_types); break;
    case 'i':
        if (enum_name((uint32_t)v, ioctls))
            lu_strace_enum(b, (uint32_t)v, ioctls);
        else
            lu_strace_put(b, "0x%" PRIx64, v);
        break;
    case 'r': lu_strace_enum(b, (int)v, prctl_options); break;
    case 'y':
        lu_strace_enum(b, (int)(v & ~0x40000000u), sched_policies);
        if (v & 0x40000000u)
            lu_strace_put(b, "|SCHED_RESET_ON_FORK");
        break;
    case 'g': lu_strace_signal(b, (int)v); break;
    case 'h': lu_strace_enum(b, (int)v, sigprocmask_hows); break;
    case 'K':
        if ((int)v == 0)
            lu_strace_put(b, "IPC_PRIVATE");
        else
            lu_strace_put(b, "0x%x", (unsigned)v);
        break;
    case 'I': ipc_get_flags_arg(b, (uint32_t)v); break;
    case 'H': lu_strace_flags(b, (uint32_t)v, shmat_flags, "0"); break;
    case 'z': ipc_cmd_arg(b, v); break;
    case 'q': lu_strace_flags(b, v, msg_flags, "0"); break;
    case 'R': lu_strace_flags(b, (uint32_t)v, sock_flags, "0"); break;
    case '1': lu_strace_enum(b, (int)v, fcntl_cmds); break;
    case '2': fcntl_arg(b, i > 0 ? (int)args[i - 1] : -1, v); break;
    case '3': lu_strace_flags(b, (uint32_t)v, rename_flags, "0"); break;
    case '4': lu_strace_flags(b, (uint32_t)v, statx_mask, "0"); break;
    case '6': lu_strace_flags(b, v, mremap_flags, "0"); break;
    case '7': lu_strace_enum(b, (int)v, madvise_advice); break;
    case '8': lu_strace_enum(b, (int)v, seek_whences); break;
    case '9': lu_strace_flags(b, v, msync_flags, "0"); break;
    case '0': lu_strace_flags(b, v, mlockall_flags, "0"); break;
    case '^': lu_strace_flags(b, (uint32_t)v, flock_ops, "0"); break;
    case '*': lu_strace_enum(b, (int)v, rlimits); break;
    case '-': lu_strace_enum(b, (int)v, itimers); break;
    default: return false;
    }
    return true;
}
