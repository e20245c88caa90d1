/*
 * Guest threads: one host thread per guest thread, the thread count
 * that decides whether exit(2) ends a thread or the process, the
 * thread's clear_child_tid and robust futex list, and the process's end.
 *
 * exit of a thread that is not the last: its robust list is walked and
 * its clear_child_tid word zeroed and woken (in that order, as the
 * kernel's mm_release does), its engine cpu freed, then the host thread
 * ends.  exit of the last thread ends the process with that thread's
 * status (what a parent sees from Linux too, whichever thread was
 * first).  exit_group ends the host process at once, every thread with
 * it.
 *
 * A new host thread starts with every signal blocked (so no host signal
 * handler runs before its guest state exists), then takes the guest
 * mask it inherited.
 */
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signal.h"
#include "thread.h"
#include "uemu/exec.h"
#include "uemu/guest-mem.h"
#include "uemu/log.h"
#include "uemu/page-table.h"

/* include/uapi/linux/futex.h */
#define FUTEX_WAITERS    0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK   0x3fffffffu
/* kernel/futex: ROBUST_LIST_LIMIT */
#define ROBUST_LIST_LIMIT 2048

static const struct lu_thread_isa *thread_isa;
static __thread struct exec_cpu *thread_cpu;
static __thread uint64_t clear_tid;
static __thread uint64_t robust_head;
/* This host thread runs a vfork child sharing its parent's memory. */
static __thread bool vfork_child;

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static int nb_threads = 1;
/* The host C library's first-thread set-up has run (see host_threads). */
static bool host_threaded;

/* The parent's request; valid until the child posts ready. */
struct start {
    struct exec_cpu *cpu;
    uint64_t sigmask, clear_tid, child_settid, parent_settid;
    sem_t ready;
    pid_t tid;
};

void lu_thread_main(const struct lu_thread_isa *isa, struct exec_cpu *cpu)
{
    thread_isa = isa;
    thread_cpu = cpu;
}

struct exec_cpu *lu_thread_cpu(void)
{
    return thread_cpu;
}

const struct lu_thread_isa *lu_thread_isa(void)
{
    return thread_isa;
}

void lu_thread_set_clear_tid(uint64_t addr)
{
    clear_tid = addr;
}

void lu_thread_set_robust_list(uint64_t head)
{
    robust_head = head;
}

uint64_t lu_thread_robust_list(void)
{
    return robust_head;
}

void lu_thread_count_add(void)
{
    pthread_mutex_lock(&count_lock);
    nb_threads++;
    pthread_mutex_unlock(&count_lock);
}

void lu_thread_count_sub(void)
{
    pthread_mutex_lock(&count_lock);
    nb_threads--;
    pthread_mutex_unlock(&count_lock);
}

void lu_thread_fork_child(void)
{
    pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;

    count_lock = fresh;
    nb_threads = 1;
    host_threaded = false;
    vfork_child = false;
}

static void put_tid(uint64_t addr, pid_t tid)
{
    int32_t v = tid;

    if (addr)
        copy_to_guest(addr, &v, sizeof(v));
}

static void *thread_main(void *arg)
{
    struct start *st = arg;
    struct exec_cpu *cpu = st->cpu;
    uint64_t mask = st->sigmask;
    pid_t tid = gettid();

    thread_cpu = cpu;
    clear_tid = st->clear_tid;
    put_tid(st->parent_settid, tid);
    put_tid(st->child_settid, tid);
    st->tid = tid;
    sem_post(&st->ready);
    lu_signal_thread_start(cpu);
    lu_signal_thread_mask(mask);
    thread_isa->run(cpu);
    __builtin_unreachable();
}

static void *nothing(void *arg)
{
    return arg;
}

/*
 * The host C library installs its own handler for signal 33 and
 * unblocks 32 and 33 when the process gets its first thread.  Those are
 * the guest's (signal.c): so the first guest thread is preceded by a
 * host thread that does nothing, then the guest's dispositions and mask
 * are set again.  No other guest thread runs yet at that point.
 */
static int host_threads(void)
{
    pthread_t t;
    int r;

    if (host_threaded)
        return 0;
    r = pthread_create(&t, NULL, nothing, NULL);
    if (r)
        return -r;
    pthread_join(t, NULL);
    lu_signal_host_threads_started();
    host_threaded = true;
    return 0;
}

int lu_thread_start(struct exec_cpu *cpu, uint64_t sigmask, uint64_t clear_child,
                    uint64_t child_settid, uint64_t parent_settid)
{
    struct start st = { cpu, sigmask, clear_child, child_settid, parent_settid, .tid = 0 };
    sigset_t all, old;
    pthread_attr_t attr;
    pthread_t t;
    int r;

    r = host_threads();
    if (r < 0)
        return r;
    if (sem_init(&st.ready, 0, 0) < 0)
        return -errno;
    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* the raw call: glibc's pthread_sigmask would leave out (and then
     * unblock) signals 32 and 33, which may be the guest's to block */
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, &old, 8);
    r = pthread_create(&t, &attr, thread_main, &st);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);
    pthread_attr_destroy(&attr);
    if (r == 0)
        while (sem_wait(&st.ready) < 0)
            continue;
    sem_destroy(&st.ready);
    return r ? -r : st.tid;
}

/*
 * vfork (CLONE_VM | CLONE_VFORK): the child is a host process made by a
 * host clone with the same flags, so it shares the guest's memory (and
 * uemu's) with its parent, has its own pid, descriptor table and
 * dispositions, and the parent's host thread sleeps in the kernel
 * until the child execs or exits, as a vfork parent does.  posix_spawn
 * then sees what its child wrote before failing (the exec's errno).
 * The child runs its own engine cpu on a host stack of its own but with
 * the parent thread's host TLS (no new C library thread): the parent
 * thread's guest-thread state here and in signal.c is kept aside and
 * put back when the kernel wakes it.  The child never tears down
 * shared state: its exit is a bare _exit (the log flushed, not
 * closed), as is its death by a signal (signal.c); an execve flushes
 * the log instead of closing it (sys-exec.c).
 */
#define VFORK_STACK_SIZE (8u << 20)
/* ASan keeps the poison of the child's dead frames (it leaves by _exit,
 * never returning) in the shadow of the stack's addresses, which a
 * later mapping may reuse: the stack's shadow is cleared both ways. */
#if defined(__SANITIZE_ADDRESS__)
#define VFORK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VFORK_ASAN 1
#endif
#endif
#ifdef VFORK_ASAN
#include <sanitizer/asan_interface.h>
#define unpoison_stack(p, n) __asan_unpoison_memory_region(p, n)
#else
#define unpoison_stack(p, n) ((void)(p), (void)(n))
#endif
/* Blocks the child allocated for an execve, which never returns when
 * it succeeds: the parent frees them (the C library heap is shared). */
#define VFORK_LEFT_MAX 8
static __thread void *vfork_left[VFORK_LEFT_MAX];
static __thread int vfork_nleft;

struct vfork_start {
    struct exec_cpu *cpu;
    uint64_t clear_tid, child_settid, parent_settid;
};

static int vfork_main(void *arg)
{
    struct vfork_start *st = arg;
    pid_t tid = gettid();

    vfork_child = true;
    thread_cpu = st->cpu;
    clear_tid = st->clear_tid;
    robust_head = 0;
    put_tid(st->parent_settid, tid);
    put_tid(st->child_settid, tid);
    lu_signal_vfork_child();
    thread_isa->run(st->cpu);
    __builtin_unreachable();
}

bool lu_thread_vfork_child(void)
{
    return vfork_child;
}

void lu_thread_vfork_left(void *p, bool left)
{
    if (!vfork_child || !p)
        return;
    if (left) {
        if (vfork_nleft < VFORK_LEFT_MAX)
            vfork_left[vfork_nleft++] = p;
        return;
    }
    for (int i = 0; i < vfork_nleft; i++)
        if (vfork_left[i] == p) {
            vfork_left[i] = vfork_left[--vfork_nleft];
            return;
        }
}

int lu_thread_vfork(struct exec_cpu *cpu, int exit_sig, uint64_t clear_child,
                    uint64_t child_settid, uint64_t parent_settid)
{
    struct vfork_start st = { cpu, clear_child, child_settid, parent_settid };
    struct exec_cpu *saved_cpu = thread_cpu;
    uint64_t saved_clear = clear_tid, saved_robust = robust_head;
    bool saved_vfork = vfork_child;
    struct lu_signal_saved *sig;
    long page = sysconf(_SC_PAGESIZE);
    char *stack;
    pid_t pid;
    int err;

    stack = mmap(NULL, VFORK_STACK_SIZE + page, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        return -ENOMEM;
    unpoison_stack(stack, VFORK_STACK_SIZE + page);
    /* A guard page below the stack. */
    mprotect(stack, page, PROT_NONE);
    sig = lu_signal_vfork_begin(cpu);
    if (!sig) {
        munmap(stack, VFORK_STACK_SIZE + page);
        return -ENOMEM;
    }
    pid = clone(vfork_main, stack + page + VFORK_STACK_SIZE, CLONE_VM | CLONE_VFORK | exit_sig,
                &st);
    err = errno;
    /* The child's TLS was this thread's: what it left is ours to free. */
    while (vfork_nleft > 0)
        free(vfork_left[--vfork_nleft]);
    thread_cpu = saved_cpu;
    clear_tid = saved_clear;
    robust_head = saved_robust;
    vfork_child = saved_vfork;
    lu_signal_vfork_end(sig);
    unpoison_stack(stack + page, VFORK_STACK_SIZE);
    munmap(stack, VFORK_STACK_SIZE + page);
    return pid < 0 ? -err : pid;
}

void lu_process_exit(int status)
{
    if (vfork_child) {
        log_flush();
        _exit(status & 0xff);
    }
    exec_cache_save();
    log_close();
    fflush(NULL);
    _exit(status & 0xff);
}

/* The kernel's handle_futex_death for the word at uaddr: the owner
 * died, a waiter (if any) is woken to find out. */
static void futex_owner_died(uint64_t uaddr, uint32_t tid)
{
    uint32_t *w = guest_access(uaddr, 4, PAGE_READ | PAGE_WRITE);
    uint32_t old;

    if (!w || (uaddr & 3))
        return;
    old = __atomic_load_n(w, __ATOMIC_SEQ_CST);
    while ((old & FUTEX_TID_MASK) == tid) {
        uint32_t nv = (old & FUTEX_WAITERS) | FUTEX_OWNER_DIED;

        if (__atomic_compare_exchange_n(w, &old, nv, false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST)) {
            if (old & FUTEX_WAITERS)
                lu_futex_wake(uaddr, 1);
            return;
        }
    }
}

/* struct robust_list_head { next; long futex_offset; list_op_pending };
 * entries are struct robust_list { next } inside the locks; bit 0 of a
 * pointer marks a PI futex. */
static void walk_robust_list(void)
{
    uint64_t head[3], next, pending;
    uint32_t tid = (uint32_t)gettid();
    int64_t off;

    if (!robust_head || copy_from_guest(head, robust_head, sizeof(head)))
        return;
    next = head[0];
    off = (int64_t)head[1];
    pending = head[2] & ~(uint64_t)1;
    for (int n = 0; next != robust_head && n < ROBUST_LIST_LIMIT; n++) {
        uint64_t entry = next & ~(uint64_t)1, after;

        if (copy_from_guest(&after, entry, sizeof(after)))
            break;
        if (entry != pending)
            futex_owner_died(entry + (uint64_t)off, tid);
        next = after;
    }
    if (pending)
        futex_owner_died(pending + (uint64_t)off, tid);
}

void lu_thread_exit(int status)
{
    struct exec_cpu *cpu = thread_cpu;

    if (vfork_child)
        lu_process_exit(status);
    pthread_mutex_lock(&count_lock);
    if (nb_threads == 1) {
        pthread_mutex_unlock(&count_lock);
        lu_process_exit(status);
    }
    nb_threads--;
    pthread_mutex_unlock(&count_lock);
    walk_robust_list();
    if (clear_tid) {
        uint32_t zero = 0;

        if (copy_to_guest(clear_tid, &zero, sizeof(zero)) == 0)
            lu_futex_wake(clear_tid, 1);
    }
    thread_cpu = NULL;
    lu_signal_thread_end();
    exec_cpu_free(cpu);
    pthread_exit(NULL);
}
