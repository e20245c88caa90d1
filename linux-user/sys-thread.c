/*
 * The "thread" family of system calls (issue #5): clone, clone3, futex
 * (futex.c), exit, exit_group, set_tid_address, set_robust_list,
 * get_robust_list, rt_tgsigqueueinfo (signal.c).  See LU_SYSCALL_SET in syscall.h.
 *
 * clone comes in three shapes:
 *  - a thread (CLONE_VM | CLONE_THREAD with CLONE_SIGHAND, CLONE_FS,
 *    CLONE_FILES, as glibc's and musl's pthread_create ask): a new host
 *    thread running a copy of the caller's cpu state, returning 0, on
 *    the new stack, with CLONE_SETTLS's thread pointer and the caller's
 *    signal mask (thread.c);
 *  - a process (no CLONE_VM: glibc's fork is clone(CLONE_CHILD_SETTID |
 *    CLONE_CHILD_CLEARTID | SIGCHLD)): a host fork; the low byte is the
 *    exit signal (SIGCHLD through glibc's fork(), any other through the
 *    raw host clone);
 *  - vfork (CLONE_VM | CLONE_VFORK, glibc's vfork and posix_spawn): a
 *    host process sharing the memory, its parent thread asleep until it
 *    execs or exits (thread.c, lu_thread_vfork), so what the child
 *    writes before that is the parent's to read (posix_spawn's error
 *    code of a failed exec).  CLONE_VFORK without CLONE_VM is a fork
 *    whose parent waits in the same way (a close-on-exec pipe tells it).
 * Other CLONE_VM shapes (a process sharing memory without the vfork
 * wait) and namespaces fail with EINVAL, logged under -d unimp.  A
 * vfork child cannot make threads (EAGAIN): they would join its
 * parent's host process.
 *
 * clone3 returns ENOSYS: glibc (2.34 and later) tries it first for
 * pthread_create and posix_spawn and falls back to clone; glibc's fork
 * uses clone directly.
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/signal.h"
#include "syscall.h"
#include "syscall-nr.h"
#include "thread.h"
#include "uemu/exec.h"
#include "uemu/guest-mem.h"
#include "uemu/mmap-lock.h"

/* struct robust_list_head: list, futex_offset, list_op_pending. */
#define LU_ROBUST_LIST_HEAD_SIZE 24

#define THREAD_NEED (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_FS | CLONE_FILES)
/* Flags a thread may add (CLONE_DETACHED: ignored by Linux since 2.6). */
#define THREAD_MAY (THREAD_NEED | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                    CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED)
/* Flags a forked process may have besides its exit signal. */
#define FORK_MAY (CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                  CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED)

static int put_tid(uint64_t addr, pid_t tid)
{
    int32_t v = tid;

    return copy_to_guest(addr, &v, sizeof(v)) ? -EFAULT : 0;
}

static int64_t clone_thread(uint64_t flags, uint64_t sp, uint64_t ptid, uint64_t tls,
                            uint64_t ctid)
{
    const struct lu_thread_isa *isa = lu_thread_isa();
    struct exec_cpu *parent = lu_thread_cpu(), *cpu;
    void *env;
    int r;

    if (!isa || !parent)
        return -EINVAL;
    if (lu_thread_vfork_child()) {
        lu_report_unimp("clone of a thread in a vfork child");
        return -EAGAIN;
    }
    cpu = exec_cpu_clone(parent);
    if (!cpu)
        return -ENOMEM;
    env = exec_cpu_env(cpu);
    isa->child_return(env);
    isa->set_stack_tls(env, sp, flags & CLONE_SETTLS, tls);
    lu_thread_count_add();
    r = lu_thread_start(cpu, lu_signal_mask(), flags & CLONE_CHILD_CLEARTID ? ctid : 0,
                        flags & CLONE_CHILD_SETTID ? ctid : 0, flags & CLONE_PARENT_SETTID ? ptid : 0);
    if (r < 0) {
        lu_thread_count_sub();
        exec_cpu_free(cpu);
        return r == -EAGAIN || r == -ENOMEM ? -EAGAIN : r;
    }
    return r;
}

/* A host fork (exit signal SIGCHLD: glibc's fork, which also resets
 * the host C library's locks in the child; another: the raw clone). */
static pid_t host_fork(int exit_sig)
{
    if (exit_sig == SIGCHLD)
        return fork();
    return (pid_t)syscall(SYS_clone, (unsigned long)exit_sig, NULL, NULL, NULL, 0);
}

static int64_t clone_process(uint64_t flags, uint64_t sp, uint64_t ptid, uint64_t tls,
                             uint64_t ctid)
{
    const struct lu_thread_isa *isa = lu_thread_isa();
    struct exec_cpu *cpu = lu_thread_cpu();
    bool vfork = flags & CLONE_VFORK;
    int exit_sig = (int)(flags & CSIGNAL);
    int vfork_pipe[2] = { -1, -1 };
    pid_t pid;
    int err;

    if (exit_sig > LU_NSIG)
        return -EINVAL;
    if (vfork && pipe2(vfork_pipe, O_CLOEXEC) < 0)
        return -errno;
    lu_signal_fork_start();
    mmap_fork_start();
    err = exec_fork_start();
    if (err < 0) {
        mmap_fork_end(false);
        lu_signal_fork_end(false);
        if (vfork) {
            close(vfork_pipe[0]);
            close(vfork_pipe[1]);
        }
        /* fork(2)'s errors: out of memory or of another resource. */
        return err == -ENOMEM ? -ENOMEM : -EAGAIN;
    }
    pid = host_fork(exit_sig);
    err = errno;
    exec_fork_end(pid == 0);
    mmap_fork_end(pid == 0);
    if (pid == 0) {
        lu_thread_fork_child();
        lu_signal_fork_end(true);
        if (vfork)
            close(vfork_pipe[0]);
        if (isa && cpu)
            isa->set_stack_tls(exec_cpu_env(cpu), sp, flags & CLONE_SETTLS, tls);
        if (flags & CLONE_CHILD_SETTID)
            put_tid(ctid, gettid());
        lu_thread_set_clear_tid(flags & CLONE_CHILD_CLEARTID ? ctid : 0);
        /* The kernel gives a forked child no robust list. */
        lu_thread_set_robust_list(0);
        return 0;
    }
    lu_signal_fork_end(false);
    if (vfork) {
        char c;

        close(vfork_pipe[1]);
        if (pid > 0)
            while (read(vfork_pipe[0], &c, 1) < 0 && errno == EINTR)
                continue;
        close(vfork_pipe[0]);
    }
    if (pid < 0)
        return -err;
    if (flags & CLONE_PARENT_SETTID)
        put_tid(ptid, pid);
    return pid;
}

/* vfork sharing memory: the child's cpu returns 0 past the call on sp. */
static int64_t clone_vfork(uint64_t flags, uint64_t sp, uint64_t ptid, uint64_t tls,
                           uint64_t ctid)
{
    const struct lu_thread_isa *isa = lu_thread_isa();
    struct exec_cpu *parent = lu_thread_cpu(), *cpu;
    int exit_sig = (int)(flags & CSIGNAL);
    void *env;
    int r;

    if (!isa || !parent || exit_sig > LU_NSIG)
        return -EINVAL;
    cpu = exec_cpu_clone(parent);
    if (!cpu)
        return -ENOMEM;
    env = exec_cpu_env(cpu);
    isa->child_return(env);
    isa->set_stack_tls(env, sp, flags & CLONE_SETTLS, tls);
    r = lu_thread_vfork(cpu, exit_sig, flags & CLONE_CHILD_CLEARTID ? ctid : 0,
                        flags & CLONE_CHILD_SETTID ? ctid : 0,
                        flags & CLONE_PARENT_SETTID ? ptid : 0);
    exec_cpu_free(cpu);
    return r;
}

static int64_t lu_sys_clone(const uint64_t *a)
{
    const struct lu_thread_isa *isa = lu_thread_isa();
    uint64_t flags = a[0], sp = a[1], ptid = a[2];
    uint64_t tls = isa ? a[isa->clone_tls_arg] : 0, ctid = isa ? a[isa->clone_ctid_arg] : 0;
    uint64_t rest = flags & ~(uint64_t)CSIGNAL;

    if ((flags & THREAD_NEED) == THREAD_NEED && !(rest & ~(uint64_t)THREAD_MAY))
        return clone_thread(flags, sp, ptid, tls, ctid);
    if (!(rest & ~(uint64_t)FORK_MAY) && (flags & CLONE_VM) && (flags & CLONE_VFORK))
        return clone_vfork(flags, sp, ptid, tls, ctid);
    if (!(rest & ~(uint64_t)FORK_MAY) && !(flags & CLONE_VM))
        return clone_process(flags, sp, ptid, tls, ctid);
    lu_report_unimp("clone with flags 0x%llx", (unsigned long long)flags);
    return -EINVAL;
}

static int64_t lu_sys_clone3(const uint64_t *a)
{
    (void)a;
    return -ENOSYS;
}

static int64_t lu_sys_exit(const uint64_t *a)
{
    lu_thread_exit((int)a[0]);
}

static int64_t lu_sys_exit_group(const uint64_t *a)
{
    lu_process_exit((int)a[0]);
}

static int64_t lu_sys_set_tid_address(const uint64_t *a)
{
    lu_thread_set_clear_tid(a[0]);
    return gettid();
}

static int64_t lu_sys_set_robust_list(const uint64_t *a)
{
    if (a[1] != LU_ROBUST_LIST_HEAD_SIZE)
        return -EINVAL;
    lu_thread_set_robust_list(a[0]);
    return 0;
}

/* Only the caller's own list (pid 0 or its tid): another thread's
 * list is not kept where this thread can read it. */
static int64_t lu_sys_get_robust_list(const uint64_t *a)
{
    uint64_t head = lu_thread_robust_list(), size = LU_ROBUST_LIST_HEAD_SIZE;

    if (a[0] && (pid_t)a[0] != gettid())
        return -EPERM;
    if (copy_to_guest(a[1], &head, sizeof(head)) || copy_to_guest(a[2], &size, sizeof(size)))
        return -EFAULT;
    return 0;
}

LU_SYSCALL_SET(thread,
    { LU_NR_clone, lu_sys_clone, "Cpppp" },
    { LU_NR_clone3, lu_sys_clone3, "pu" },
    { LU_NR_futex, lu_sys_futex, "pXd=pd" },
    { LU_NR_exit, lu_sys_exit, "d" },
    { LU_NR_exit_group, lu_sys_exit_group, "d" },
    { LU_NR_set_tid_address, lu_sys_set_tid_address, "p" },
    { LU_NR_set_robust_list, lu_sys_set_robust_list, "pu" },
    { LU_NR_get_robust_list, lu_sys_get_robust_list, "dpp" },
    { LU_NR_rt_tgsigqueueinfo, lu_sys_rt_tgsigqueueinfo, "ddgp" },
);
