/*
 * The "wait" family (see LU_SYSCALL_SET in syscall.h): waiting for
 * children, credentials, prctl and pidfds.
 *
 * Layouts: the wait status word, struct rusage (two timevals and
 * fourteen longs, 144 bytes), siginfo_t (128 bytes) and gid_t lists are
 * the same for an asm-generic 64-bit guest and the x86_64 host, and so
 * are the wait options (WNOHANG .. __WCLONE), the P_* id types and the
 * signal numbers.  Checked guest buffers therefore go to the host kernel
 * as they are.  Guest pointers are checked before the call, so a bad
 * status pointer fails with EFAULT without reaping the child (Linux
 * reaps it and then reports EFAULT).  The waits go through
 * lu_safe_syscall() so that a guest signal interrupts them.
 *
 * Credentials are per thread in the kernel; glibc makes setuid & co.
 * process-wide by signalling every thread (SIGSETXID).  The guest's
 * glibc does that itself, so these are the raw per-thread host calls,
 * never glibc's process-wide wrappers.
 *
 * prctl: one table row per option says how its arguments travel.
 * Options about the process (name, parent-death signal, dumpable,
 * no_new_privs, subreaper, capabilities ...) act on the host process,
 * which is the guest's.  Options of other architectures, and riscv64
 * features the emulated hart lacks (V, pointer masking), fail with
 * EINVAL as they do on such a kernel.  Options that cannot be emulated
 * (seccomp filters over guest system call numbers, syscall user
 * dispatch, PR_SET_MM ...) and unknown ones fail with EINVAL and are
 * reported under -d unimp.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "safe-syscall.h"
#include "syscall-nr.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/page-table.h"

#define LU_RUSAGE_SIZE   144
#define LU_SIGINFO_SIZE  128
#define LU_NGROUPS_MAX   65536
#define LU_TASK_COMM_LEN 16
_Static_assert(sizeof(struct rusage) == LU_RUSAGE_SIZE, "asm-generic struct rusage");
_Static_assert(sizeof(siginfo_t) == LU_SIGINFO_SIZE, "asm-generic siginfo_t");

/* Optional guest buffer of len bytes: *host NULL for guest NULL. */
static bool opt_buf(uint64_t addr, size_t len, unsigned prot, void **host)
{
    *host = NULL;
    return !addr || (*host = guest_access(addr, len, prot)) != NULL;
}

static int64_t sys_wait4(const uint64_t *a)
{
    void *status, *ru;

    if (!opt_buf(a[1], sizeof(int), PAGE_WRITE, &status) ||
        !opt_buf(a[3], LU_RUSAGE_SIZE, PAGE_WRITE, &ru))
        return -EFAULT;
    return lu_safe_syscall(SYS_wait4, (pid_t)a[0], (long)status, (int)a[2], (long)ru, 0, 0);
}

/* The kernel writes only the SIGCHLD fields of infop, but checks it whole. */
static int64_t sys_waitid(const uint64_t *a)
{
    void *info, *ru;

    if (!opt_buf(a[2], LU_SIGINFO_SIZE, PAGE_WRITE, &info) ||
        !opt_buf(a[4], LU_RUSAGE_SIZE, PAGE_WRITE, &ru))
        return -EFAULT;
    return lu_safe_syscall(SYS_waitid, (int)a[0], (pid_t)a[1], (long)info, (int)a[3], (long)ru, 0);
}

/* One id or -1 ("unchanged"): uid_t is 32 bits on both sides. */
#define ID(x) ((uint32_t)(x))

static int64_t sys_setuid(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setuid, ID(a[0])));
}

static int64_t sys_setgid(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setgid, ID(a[0])));
}

static int64_t sys_setreuid(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setreuid, ID(a[0]), ID(a[1])));
}

static int64_t sys_setregid(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setregid, ID(a[0]), ID(a[1])));
}

static int64_t sys_setresuid(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setresuid, ID(a[0]), ID(a[1]), ID(a[2])));
}

static int64_t sys_setresgid(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_setresgid, ID(a[0]), ID(a[1]), ID(a[2])));
}

/* setfsuid/setfsgid never fail: they return the previous id. */
static int64_t sys_setfsuid(const uint64_t *a)
{
    return syscall(SYS_setfsuid, ID(a[0]));
}

static int64_t sys_setfsgid(const uint64_t *a)
{
    return syscall(SYS_setfsgid, ID(a[0]));
}

/* The kernel's order: EINVAL for a short list comes before EFAULT. */
static int64_t sys_getgroups(const uint64_t *a)
{
    int size = (int)a[0];
    long n = syscall(SYS_getgroups, 0, NULL);
    void *list;

    if (size < 0)
        return -EINVAL;
    if (n < 0 || size == 0)
        return lu_host_ret(n);
    if (size < n)
        return -EINVAL;
    list = guest_access(a[1], (size_t)n * sizeof(gid_t), PAGE_WRITE);
    if (!list)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_getgroups, (int)n, list));
}

static int64_t sys_setgroups(const uint64_t *a)
{
    int size = (int)a[0];
    const void *list = NULL;

    if (size < 0 || size > LU_NGROUPS_MAX)
        return -EINVAL;
    if (size && !(list = guest_access(a[1], (size_t)size * sizeof(gid_t), PAGE_READ)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_setgroups, size, list));
}

static int64_t sys_pidfd_open(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_pidfd_open, (pid_t)a[0], (unsigned)a[1]));
}

static int64_t sys_pidfd_send_signal(const uint64_t *a)
{
    void *info;

    if (!opt_buf(a[2], LU_SIGINFO_SIZE, PAGE_READ, &info))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_pidfd_send_signal, (int)a[0], (int)a[1], info,
                               (unsigned)a[3]));
}

static int64_t sys_pidfd_getfd(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_pidfd_getfd, (int)a[0], (int)a[1], (unsigned)a[2]));
}

/* How a prctl option's arguments travel. */
enum prctl_kind {
    PRCTL_HOST,         /* integers only: the host call as it is */
    PRCTL_HOST_INT_OUT, /* arg2 points at an int the host fills */
    PRCTL_SET_NAME,
    PRCTL_GET_NAME,
    PRCTL_RV_ICACHE,    /* riscv64: icache flush on context switch */
    PRCTL_NO_FEATURE,   /* EINVAL, as from a kernel on this hart */
    PRCTL_REFUSE,       /* EINVAL, reported under -d unimp */
};

/* Values from linux/prctl.h, spelled out for the options glibc's
 * header may not have. */
static const struct prctl_row {
    uint32_t option;
    uint8_t kind;
    const char *name;
} prctl_rows[] = {
    { 1, PRCTL_HOST, "PR_SET_PDEATHSIG" },
    { 2, PRCTL_HOST_INT_OUT, "PR_GET_PDEATHSIG" },
    { 3, PRCTL_HOST, "PR_GET_DUMPABLE" },
    { 4, PRCTL_HOST, "PR_SET_DUMPABLE" },
    { 5, PRCTL_NO_FEATURE, "PR_GET_UNALIGN" },
    { 6, PRCTL_NO_FEATURE, "PR_SET_UNALIGN" },
    { 7, PRCTL_HOST, "PR_GET_KEEPCAPS" },
    { 8, PRCTL_HOST, "PR_SET_KEEPCAPS" },
    { 9, PRCTL_NO_FEATURE, "PR_GET_FPEMU" },
    { 10, PRCTL_NO_FEATURE, "PR_SET_FPEMU" },
    { 11, PRCTL_NO_FEATURE, "PR_GET_FPEXC" },
    { 12, PRCTL_NO_FEATURE, "PR_SET_FPEXC" },
    { 13, PRCTL_HOST, "PR_GET_TIMING" },
    { 14, PRCTL_HOST, "PR_SET_TIMING" },
    { 15, PRCTL_SET_NAME, "PR_SET_NAME" },
    { 16, PRCTL_GET_NAME, "PR_GET_NAME" },
    { 19, PRCTL_NO_FEATURE, "PR_GET_ENDIAN" },
    { 20, PRCTL_NO_FEATURE, "PR_SET_ENDIAN" },
    { 21, PRCTL_HOST, "PR_GET_SECCOMP" },
    { 22, PRCTL_REFUSE, "PR_SET_SECCOMP" },
    { 23, PRCTL_HOST, "PR_CAPBSET_READ" },
    { 24, PRCTL_HOST, "PR_CAPBSET_DROP" },
    { 25, PRCTL_NO_FEATURE, "PR_GET_TSC" },
    { 26, PRCTL_NO_FEATURE, "PR_SET_TSC" },
    { 27, PRCTL_HOST, "PR_GET_SECUREBITS" },
    { 28, PRCTL_HOST, "PR_SET_SECUREBITS" },
    { 29, PRCTL_HOST, "PR_SET_TIMERSLACK" },
    { 30, PRCTL_HOST, "PR_GET_TIMERSLACK" },
    { 31, PRCTL_HOST, "PR_TASK_PERF_EVENTS_DISABLE" },
    { 32, PRCTL_HOST, "PR_TASK_PERF_EVENTS_ENABLE" },
    { 33, PRCTL_HOST, "PR_MCE_KILL" },
    { 34, PRCTL_HOST, "PR_MCE_KILL_GET" },
    { 35, PRCTL_REFUSE, "PR_SET_MM" },
    { 36, PRCTL_HOST, "PR_SET_CHILD_SUBREAPER" },
    { 37, PRCTL_HOST_INT_OUT, "PR_GET_CHILD_SUBREAPER" },
    { 38, PRCTL_HOST, "PR_SET_NO_NEW_PRIVS" },
    { 39, PRCTL_HOST, "PR_GET_NO_NEW_PRIVS" },
    { 40, PRCTL_REFUSE, "PR_GET_TID_ADDRESS" },
    { 41, PRCTL_HOST, "PR_SET_THP_DISABLE" },
    { 42, PRCTL_HOST, "PR_GET_THP_DISABLE" },
    { 43, PRCTL_NO_FEATURE, "PR_MPX_ENABLE_MANAGEMENT" },
    { 44, PRCTL_NO_FEATURE, "PR_MPX_DISABLE_MANAGEMENT" },
    { 45, PRCTL_NO_FEATURE, "PR_SET_FP_MODE" },
    { 46, PRCTL_NO_FEATURE, "PR_GET_FP_MODE" },
    { 47, PRCTL_HOST, "PR_CAP_AMBIENT" },
    { 50, PRCTL_NO_FEATURE, "PR_SVE_SET_VL" },
    { 51, PRCTL_NO_FEATURE, "PR_SVE_GET_VL" },
    { 52, PRCTL_NO_FEATURE, "PR_GET_SPECULATION_CTRL" },
    { 53, PRCTL_NO_FEATURE, "PR_SET_SPECULATION_CTRL" },
    { 54, PRCTL_NO_FEATURE, "PR_PAC_RESET_KEYS" },
    { 55, PRCTL_NO_FEATURE, "PR_SET_TAGGED_ADDR_CTRL" },
    { 56, PRCTL_NO_FEATURE, "PR_GET_TAGGED_ADDR_CTRL" },
    { 57, PRCTL_HOST, "PR_SET_IO_FLUSHER" },
    { 58, PRCTL_HOST, "PR_GET_IO_FLUSHER" },
    { 59, PRCTL_REFUSE, "PR_SET_SYSCALL_USER_DISPATCH" },
    { 60, PRCTL_NO_FEATURE, "PR_PAC_SET_ENABLED_KEYS" },
    { 61, PRCTL_NO_FEATURE, "PR_PAC_GET_ENABLED_KEYS" },
    { 62, PRCTL_REFUSE, "PR_SCHED_CORE" },
    { 63, PRCTL_NO_FEATURE, "PR_SME_SET_VL" },
    { 64, PRCTL_NO_FEATURE, "PR_SME_GET_VL" },
    { 65, PRCTL_REFUSE, "PR_SET_MDWE" },
    { 66, PRCTL_REFUSE, "PR_GET_MDWE" },
    { 67, PRCTL_HOST, "PR_SET_MEMORY_MERGE" },
    { 68, PRCTL_HOST, "PR_GET_MEMORY_MERGE" },
    { 69, PRCTL_NO_FEATURE, "PR_RISCV_V_SET_CONTROL" },
    { 70, PRCTL_NO_FEATURE, "PR_RISCV_V_GET_CONTROL" },
    { 71, PRCTL_RV_ICACHE, "PR_RISCV_SET_ICACHE_FLUSH_CTX" },
    { 0x41555856, PRCTL_REFUSE, "PR_GET_AUXV" },
    { 0x53564d41, PRCTL_REFUSE, "PR_SET_VMA" },
};

/* PR_SET_NAME: the kernel copies up to 15 bytes, stopping at a NUL. */
static int64_t prctl_set_name(uint64_t addr)
{
    char name[LU_TASK_COMM_LEN] = { 0 };

    for (size_t i = 0; i < LU_TASK_COMM_LEN - 1; i++) {
        if (copy_from_guest(&name[i], addr + i, 1) < 0)
            return -EFAULT;
        if (!name[i])
            break;
    }
    return lu_host_ret(prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0));
}

static int64_t prctl_get_name(uint64_t addr)
{
    char name[LU_TASK_COMM_LEN] = { 0 };

    if (prctl(PR_GET_NAME, (unsigned long)name, 0, 0, 0) < 0)
        return -errno;
    return copy_to_guest(addr, name, sizeof(name)) < 0 ? -EFAULT : 0;
}

static int64_t prctl_int_out(uint32_t option, uint64_t addr)
{
    int v = 0;

    if (prctl((int)option, (unsigned long)&v, 0, 0, 0) < 0)
        return -errno;
    return copy_to_guest(addr, &v, sizeof(v)) < 0 ? -EFAULT : 0;
}

/*
 * PR_RISCV_SET_ICACHE_FLUSH_CTX (ctx ON 0 / OFF 1, scope per process 0 /
 * per thread 1): translated code never runs stale after fence.i, on any
 * host thread, so the guarantee asked for always holds.
 */
static int64_t prctl_rv_icache(uint64_t ctx, uint64_t scope)
{
    if (lu_cur_abi != &lu_abi_riscv64)
        return -EINVAL;
    return ctx > 1 || scope > 1 ? -EINVAL : 0;
}

static int64_t sys_prctl(const uint64_t *a)
{
    uint32_t option = (uint32_t)a[0];
    const struct prctl_row *row = NULL;

    for (size_t i = 0; i < sizeof(prctl_rows) / sizeof(prctl_rows[0]); i++)
        if (prctl_rows[i].option == option)
            row = &prctl_rows[i];
    if (!row) {
        lu_report_unimp("prctl: unknown option %u", option);
        return -EINVAL;
    }
    switch (row->kind) {
    case PRCTL_HOST:
        return lu_host_ret(prctl((int)option, (unsigned long)a[1], (unsigned long)a[2],
                                 (unsigned long)a[3], (unsigned long)a[4]));
    case PRCTL_HOST_INT_OUT:
        return prctl_int_out(option, a[1]);
    case PRCTL_SET_NAME:
        return prctl_set_name(a[1]);
    case PRCTL_GET_NAME:
        return prctl_get_name(a[1]);
    case PRCTL_RV_ICACHE:
        return prctl_rv_icache(a[1], a[2]);
    case PRCTL_NO_FEATURE:
        return -EINVAL;
    default:
        lu_report_unimp("prctl: %s is not emulated", row->name);
        return -EINVAL;
    }
}

LU_SYSCALL_SET(wait,
    { LU_NR_wait4, sys_wait4, "dpwp" },
    { LU_NR_waitid, sys_waitid, "!dpwp" },
    { LU_NR_prctl, sys_prctl, "rZxxx" },
    { LU_NR_setuid, sys_setuid, "u" },
    { LU_NR_setgid, sys_setgid, "u" },
    { LU_NR_setreuid, sys_setreuid, "uu" },
    { LU_NR_setregid, sys_setregid, "uu" },
    { LU_NR_setresuid, sys_setresuid, "uuu" },
    { LU_NR_setresgid, sys_setresgid, "uuu" },
    { LU_NR_setfsuid, sys_setfsuid, "u" },
    { LU_NR_setfsgid, sys_setfsgid, "u" },
    { LU_NR_getgroups, sys_getgroups, "dp" },
    { LU_NR_setgroups, sys_setgroups, "dp" },
    { LU_NR_pidfd_open, sys_pidfd_open, "dx" },
    { LU_NR_pidfd_send_signal, sys_pidfd_send_signal, "dgpx" },
    { LU_NR_pidfd_getfd, sys_pidfd_getfd, "ddx" });
