/*
 * Guest signals, ISA-independent part: the guest's handler table, the
 * thread's blocked mask, pending signals, sigaltstack, default actions,
 * and the signal system calls.  The per-ISA frame code lives in
 * linux-user/ISA/signal.c.
 *
 * Design:
 *  - Guest signal numbers and siginfo_t equal the x86_64 host's (both
 *    use the generic numbering 1..64 and a 128-byte siginfo with the
 *    same field offsets), so host siginfo is copied unchanged.
 *  - The guest's blocked mask is mirrored into the host thread's mask
 *    (raw rt_sigprocmask, so glibc does not filter 32 and 33), except
 *    for the signals the engine needs (SIGSEGV, SIGBUS) and those that
 *    cannot be blocked.  A blocked signal from another process thus
 *    stays pending in the host kernel, and rt_sigpending asks it.
 *  - A guest handler means a host handler (host_signal) that records
 *    the siginfo, marks the signal pending for the thread and calls
 *    exec_cpu_interrupt(); the cpu loop delivers it at the next block
 *    boundary.  It is installed without SA_RESTART so that a blocking
 *    host system call returns EINTR; the cpu loop then restarts the
 *    guest's call or not (lu_signal_restart).  SIG_DFL and SIG_IGN are
 *    installed on the host as they are, so the host kernel carries out
 *    the default action of an asynchronous signal itself: uemu dies of
 *    the same signal, or stops, or ignores it.  The exception: a default
 *    action that dumps core is taken through host_signal too, so that
 *    lu_signal_next writes the guest's core file (elf-core.c) first.
 *  - Signals sent by the guest (kill, tgkill, sigqueue ...) go through
 *    the host kernel, also to this process: it fills siginfo, queues
 *    real-time signals in order, and picks the receiving thread.  A
 *    signal made pending here stays blocked on the host until it is
 *    delivered (one siginfo slot per signal here; later instances wait
 *    queued in the host kernel).  Synchronous faults are queued here;
 *    default actions for them are carried out in lu_signal_next().
 *  - Host signals 32 and 33 are the host C library's; uemu never uses
 *    them, so the guest's (glibc's SIGCANCEL and SIGSETXID among its
 *    threads) are installed straight in the kernel (install_raw).
 *  - The cpu loop checks for pending signals right before each system
 *    call and delivers them first (the handler returns to the ecall).
 *    A signal arriving after that check sets lu_signal_kick; blocking
 *    host calls made through lu_safe_syscall() then return -EINTR
 *    instead of blocking (safe-syscall.c), and such a call that never
 *    started runs again after the handler whatever its flags.  Any other host call a
 *    system call makes could still block after such a signal: so when
 *    the signal finds the thread inside a system call's handler but
 *    neither in that window nor interrupting a host call, a kick timer
 *    is made (a host POSIX timer sending the thread SIGBUS with
 *    si_code SI_TIMER and a marker value, every millisecond) until the
 *    system call returns, and whatever blocks is interrupted (EINTR)
 *    within a millisecond.  SIGBUS is never blocked on the host; the
 *    marker tells a kick from a guest's SIGBUS.  The timer exists only
 *    then (the guest's own timer ids then skip one, the kernel handing
 *    them out in turn).
 *
 * Threads: the handler table is process-wide (CLONE_SIGHAND), changed
 * under action_lock; the mask, pending set and altstack are per thread
 * (__thread), as host signals are delivered to host threads.  A
 * process-directed signal that a thread took from the host kernel but
 * did not handle before it exited goes back to the process (requeue),
 * as it would have stayed in the kernel's shared queue for another
 * thread to take.  (One the thread blocks again before handling it
 * stays the thread's: sending it back then would reorder real-time
 * signals queued behind it.)
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "elf-core.h"
#include "safe-syscall.h"
#include "signal.h"
#include "syscall-nr.h"
#include "uemu/guest-mem.h"
#include "uemu/log.h"

#define BIT(s) (1ull << ((s) - 1))
/* Never blocked: SIGKILL, SIGSTOP (the kernel's rule). */
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
/* Never blocked on the host: the engine's fault signals. */
#define HOST_KEEP (UNBLOCKABLE | BIT(SIGSEGV) | BIT(SIGBUS))
/* Dequeued first, as the kernel does (synchronous faults). */
#define SYNC_MASK (BIT(SIGSEGV) | BIT(SIGBUS) | BIT(SIGILL) | BIT(SIGTRAP) | \
                   BIT(SIGFPE) | BIT(SIGSYS))
#define MINSIGSTKSZ_GUEST 2048   /* asm-generic/signal.h */

enum { DFL_TERM, DFL_CORE, DFL_IGN, DFL_STOP, DFL_CONT };

/* Default actions (signal(7)); 0 (DFL_TERM) for the rest, the
 * real-time signals included. */
static const unsigned char default_action[LU_NSIG + 1] = {
    [SIGQUIT] = DFL_CORE, [SIGILL] = DFL_CORE, [SIGTRAP] = DFL_CORE,
    [SIGABRT] = DFL_CORE, [SIGBUS] = DFL_CORE, [SIGFPE] = DFL_CORE,
    [SIGSEGV] = DFL_CORE, [SIGXCPU] = DFL_CORE, [SIGXFSZ] = DFL_CORE,
    [SIGSYS] = DFL_CORE, [SIGCHLD] = DFL_IGN, [SIGURG] = DFL_IGN,
    [SIGWINCH] = DFL_IGN, [SIGCONT] = DFL_CONT, [SIGSTOP] = DFL_STOP,
    [SIGTSTP] = DFL_STOP, [SIGTTIN] = DFL_STOP, [SIGTTOU] = DFL_STOP,
};

/* System calls Linux never restarts after a handler (signal(7)). */
static const int16_t never_restart[] = {
    LU_NR_nanosleep, LU_NR_clock_nanosleep, LU_NR_ppoll, LU_NR_pselect6,
    LU_NR_epoll_pwait, LU_NR_epoll_pwait2, LU_NR_io_getevents,
    LU_NR_semtimedop, LU_NR_rt_sigsuspend, LU_NR_rt_sigtimedwait,
    LU_NR_msgrcv, LU_NR_msgsnd, LU_NR_semop,
};

/* The kernel's struct sigaction (x86_64; asm-generic with SA_RESTORER). */
struct host_ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};
#define HOST_SA_RESTORER 0x04000000ul

struct guest_action {
    uint64_t handler, flags, mask;
};

static struct guest_action actions[LU_NSIG + 1];
/* A vfork child's own table (it shares memory, not dispositions, with
 * its parent); NULL in every other thread. */
static __thread struct guest_action *vfork_actions;
/* Serialises rt_sigaction's changes of actions[] and the host's
 * dispositions (threads share them: CLONE_SIGHAND). */
static pthread_mutex_t action_lock = PTHREAD_MUTEX_INITIALIZER;

/* sigev_value of the kick timers' SIGBUS. */
/* sival_ptr of a signal requeued to the process (see requeue): the
 * marker and, in the low bits, its slot in requeued_info. */
#define REQUEUE_MARKER 0x75656d7572650000ull
#define REQUEUE_SLOTS 64

#define KICK_MARKER ((void *)(uintptr_t)0x75656d756b69636bull)
#define KICK_PERIOD_NS (1000 * 1000)

static __thread struct exec_cpu *sig_cpu;
static __thread int kick_timer = -1;        /* kernel timer id */
static __thread volatile sig_atomic_t in_syscall, kick_armed;
static __thread bool restart_barred;       /* this call's EINTR is final */
static __thread uint64_t guest_mask;
static __thread uint64_t pending;          /* atomics: host handlers set bits */
static __thread struct lu_siginfo pend_info[LU_NSIG + 1];
static __thread struct lu_stack altstack = { .flags = LU_SS_DISABLE };
static __thread bool suspend_restore;      /* rt_sigsuspend's mask is temporary */
static __thread uint64_t suspend_mask;
__thread uint64_t lu_signal_sp;            /* guest sp at the current system call */

/* The siginfo of the signals requeued lately, a ring. */
static struct lu_siginfo requeued_info[REQUEUE_SLOTS];
static unsigned requeued_next;

static struct guest_action *action(int sig)
{
    return vfork_actions ? &vfork_actions[sig] : &actions[sig];
}

static void mark_pending(int sig, const struct lu_siginfo *info)
{
    pend_info[sig] = *info;
    __atomic_fetch_or(&pending, BIT(sig), __ATOMIC_SEQ_CST);
    if (!(guest_mask & BIT(sig)))
        lu_signal_kick = 1;
    if (sig_cpu)
        exec_cpu_interrupt(sig_cpu);
}

/* Kick the thread every KICK_PERIOD_NS until the system call returns
 * (async-signal-safe). */
static void kick_start(void)
{
    struct itimerspec its = { { 0, KICK_PERIOD_NS }, { 0, KICK_PERIOD_NS } };
    struct sigevent sev;
    int id;

    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGBUS;
    sev.sigev_value.sival_ptr = KICK_MARKER;
    sev._sigev_un._tid = gettid();
    if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id) < 0)
        return;
    kick_timer = id;
    kick_armed = 1;
    syscall(SYS_timer_settime, id, 0, &its, NULL);
}

static void kick_stop(void)
{
    if (kick_armed) {
        syscall(SYS_timer_delete, kick_timer);
        kick_armed = 0;
        kick_timer = -1;
    }
}

/* The thread was stopped right after a host system call that this
 * signal interrupted: that call returns EINTR by itself. */
static bool interrupted_a_call(const void *ucv)
{
#ifdef __x86_64__
    const ucontext_t *uc = ucv;
    const unsigned char *pc = (const unsigned char *)uc->uc_mcontext.gregs[REG_RIP];

    return pc[-2] == 0x0f && pc[-1] == 0x05 && uc->uc_mcontext.gregs[REG_RAX] == -EINTR;
#else
    (void)ucv;
    return false;
#endif
}

/*
 * Sent to the process rather than to this thread: not tkill/tgkill, not
 * a thread's timer (SIGEV_THREAD_ID), not a fault of its own, not the
 * SIGPIPE of its write (the kernel's, with the process's own pid).
 */
static bool process_directed(int sig, const struct lu_siginfo *info)
{
    if (info->code == LU_SI_TKILL || info->code == SI_TIMER)
        return false;
    if (info->code > 0)
        return !(BIT(sig) & SYNC_MASK);
    return !(sig == SIGPIPE && info->u.kill.pid == getpid());
}

/* A rt_sigqueueinfo to this process with the marker: the receiving
 * thread takes the original siginfo from requeued_info.  The host
 * mask must already keep sig from this thread. */
static void requeue(int sig)
{
    unsigned slot = __atomic_fetch_add(&requeued_next, 1, __ATOMIC_SEQ_CST) % REQUEUE_SLOTS;
    siginfo_t si;

    requeued_info[slot] = pend_info[sig];
    memset(&si, 0, sizeof(si));
    si.si_signo = sig;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_ptr = (void *)(uintptr_t)(REQUEUE_MARKER | slot);
    syscall(SYS_rt_sigqueueinfo, getpid(), sig, &si);
}

/* The pending process-directed signals go back to the process. */
static void requeue_pending(void)
{
    uint64_t p = __atomic_load_n(&pending, __ATOMIC_SEQ_CST);

    while (p) {
        int sig = __builtin_ctzll(p) + 1;

        p &= p - 1;
        if (process_directed(sig, &pend_info[sig])) {
            __atomic_fetch_and(&pending, ~BIT(sig), __ATOMIC_SEQ_CST);
            requeue(sig);
        }
    }
}

/* The original siginfo of a requeued signal. */
static void unwrap_requeued(int sig, const siginfo_t *si, struct lu_siginfo *info)
{
    uint64_t v = (uintptr_t)si->si_value.sival_ptr, slot = v & 0xffff;

    if (si->si_code == SI_QUEUE && si->si_pid == getpid() && v - slot == REQUEUE_MARKER &&
        slot < REQUEUE_SLOTS && sig >= 1 && sig <= LU_NSIG)
        *info = requeued_info[slot];
}

static void host_signal(int sig, siginfo_t *si, void *uc)
{
    struct lu_siginfo info;

    _Static_assert(sizeof(siginfo_t) == sizeof(info), "host and guest siginfo_t");
    if (sig == SIGBUS && si->si_code == SI_TIMER && si->si_value.sival_ptr == KICK_MARKER) {
        /* A kick: its only job was to interrupt a host call. */
        if (lu_signal_kick)
            lu_safe_syscall_interrupted(uc);
        return;
    }
    /* The engine raises the guest's faults itself: one of the host is
     * uemu's own, and uemu dies of it. */
    if ((sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) && si->si_code > 0) {
        signal(sig, SIG_DFL);
        return;
    }
    memcpy(&info, si, sizeof(info));
    unwrap_requeued(sig, si, &info);
    if (sig >= 1 && sig <= LU_NSIG) {
        mark_pending(sig, &info);
        /* Blocked on the host until delivered (see apply_host_mask). */
        if (!(BIT(sig) & HOST_KEEP))
            sigaddset(&((ucontext_t *)uc)->uc_sigmask, sig);
        if (lu_signal_kick && !lu_safe_syscall_interrupted(uc) && in_syscall && !kick_armed &&
            !interrupted_a_call(uc))
            kick_start();
    }
}

void lu_signal_syscall_enter(void)
{
    in_syscall = 1;
    restart_barred = false;
    lu_safe_syscall_skipped = false;
}

void lu_signal_no_restart(void)
{
    restart_barred = true;
}

void lu_signal_syscall_exit(void)
{
    in_syscall = 0;
    kick_stop();
}

/*
 * The host mask: the guest's, plus the signals pending here (so further
 * instances wait, queued, in the host kernel: one siginfo slot per
 * signal here), minus the engine's.  A host handler may add a pending
 * signal meanwhile: then the mask is set again.
 */
static void apply_host_mask(void)
{
    for (;;) {
        uint64_t p = __atomic_load_n(&pending, __ATOMIC_SEQ_CST);
        uint64_t set = (guest_mask | p) & ~HOST_KEEP;

        syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, sizeof(set));
        if (__atomic_load_n(&pending, __ATOMIC_SEQ_CST) == p)
            return;
    }
}

static void set_mask(uint64_t m)
{
    guest_mask = m & ~UNBLOCKABLE;
    apply_host_mask();
}

void lu_signal_thread_start(struct exec_cpu *cpu)
{
    sig_cpu = cpu;
    exec_set_sent_signal_handler(host_signal);
}

static int install_host(int sig, uint64_t handler, uint64_t flags);

void lu_signal_process_start(void)
{
    uint64_t host = 0;

    /* execve keeps the signal mask and the ignored signals. */
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &host, sizeof(host));
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        struct host_ksigaction old;

        if (sig != SIGKILL && sig != SIGSTOP &&
            syscall(SYS_rt_sigaction, sig, NULL, &old, sizeof(uint64_t)) == 0 &&
            old.handler == (void *)SIG_IGN)
            action(sig)->handler = LU_SIG_IGN;
        else if (default_action[sig] == DFL_CORE)
            install_host(sig, LU_SIG_DFL, 0);
    }
    set_mask(host);
}

void lu_signal_thread_mask(uint64_t mask)
{
    set_mask(mask);
}

uint64_t lu_signal_mask(void)
{
    return guest_mask;
}

void lu_signal_thread_end(void)
{
    uint64_t all = ~HOST_KEEP;

    /* Host signals for the process go to the threads still running,
     * and so do those this thread took but did not handle. */
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, sizeof(all));
    requeue_pending();
    sig_cpu = NULL;
    kick_stop();
}

/*
 * From here until lu_signal_fork_end the forking thread takes no host
 * signal (but the engine's faults).  In the child, one sent to it as
 * soon as its pid exists (a parent's kill right after fork) would
 * otherwise run host_signal before the child's state is fresh: marked
 * pending, blocked in the host mask, then wiped with the parent's
 * pending set and lost.  Blocked, it waits in the host kernel until
 * the child's apply_host_mask.
 */
void lu_signal_fork_start(void)
{
    uint64_t all = ~(uint64_t)HOST_KEEP;

    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, sizeof(all));
    pthread_mutex_lock(&action_lock);
}

void lu_signal_fork_end(bool child)
{
    if (child) {
        pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;

        action_lock = fresh;
        /* The child starts with no pending signals (fork(2)). */
        __atomic_store_n(&pending, 0, __ATOMIC_SEQ_CST);
        lu_signal_kick = 0;
        /* Timers are not inherited. */
        kick_armed = 0;
        kick_timer = -1;
        apply_host_mask();
        return;
    }
    pthread_mutex_unlock(&action_lock);
    apply_host_mask();
}

/*
 * A vfork child sharing memory runs on its parent thread's host TLS
 * (thread.c): the parent's per-thread state is kept aside meanwhile and
 * the child starts from what clone gives it: the mask and altstack
 * inherited, nothing pending, no kick timer, and a copy of the
 * dispositions that it may change alone.  Host signals stay blocked
 * from lu_signal_vfork_begin until lu_signal_vfork_end, so no handler
 * runs on the wrong state in the parent; the child sets its own mask.
 */
struct lu_signal_saved {
    struct exec_cpu *cpu;
    int kick_timer, kick;
    sig_atomic_t in_syscall, kick_armed;
    uint64_t guest_mask, pending, suspend_mask, sp;
    struct lu_siginfo pend_info[LU_NSIG + 1];
    struct lu_stack altstack;
    bool suspend_restore;
    struct guest_action *vfork_actions;
};

struct lu_signal_saved *lu_signal_vfork_begin(struct exec_cpu *child)
{
    struct lu_signal_saved *s = malloc(sizeof(*s));
    struct guest_action *copy = malloc(sizeof(actions));
    uint64_t all = ~(uint64_t)HOST_KEEP;

    if (!s || !copy) {
        free(s);
        free(copy);
        return NULL;
    }
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, sizeof(all));
    pthread_mutex_lock(&action_lock);
    memcpy(copy, vfork_actions ? vfork_actions : actions, sizeof(actions));
    pthread_mutex_unlock(&action_lock);
    *s = (struct lu_signal_saved){
        .cpu = sig_cpu, .kick_timer = kick_timer, .kick = lu_signal_kick,
        .in_syscall = in_syscall, .kick_armed = kick_armed, .guest_mask = guest_mask,
        .pending = pending, .suspend_mask = suspend_mask, .sp = lu_signal_sp,
        .altstack = altstack, .suspend_restore = suspend_restore,
        .vfork_actions = vfork_actions,
    };
    memcpy(s->pend_info, pend_info, sizeof(pend_info));
    sig_cpu = child;
    kick_timer = -1;
    lu_signal_kick = 0;
    in_syscall = 0;
    kick_armed = 0;
    pending = 0;
    suspend_restore = false;
    vfork_actions = copy;
    return s;
}

void lu_signal_vfork_child(void)
{
    apply_host_mask();
}

void lu_signal_vfork_end(struct lu_signal_saved *s)
{
    free(vfork_actions);
    sig_cpu = s->cpu;
    kick_timer = s->kick_timer;
    lu_signal_kick = s->kick;
    in_syscall = s->in_syscall;
    kick_armed = s->kick_armed;
    guest_mask = s->guest_mask;
    pending = s->pending;
    suspend_mask = s->suspend_mask;
    lu_signal_sp = s->sp;
    memcpy(pend_info, s->pend_info, sizeof(pend_info));
    altstack = s->altstack;
    suspend_restore = s->suspend_restore;
    vfork_actions = s->vfork_actions;
    free(s);
    apply_host_mask();
}

bool lu_signal_pending(void)
{
    return (__atomic_load_n(&pending, __ATOMIC_SEQ_CST) & ~guest_mask) != 0 || suspend_restore;
}

bool lu_signal_is_default(int sig)
{
    return sig >= 1 && sig <= LU_NSIG && action(sig)->handler == LU_SIG_DFL;
}

/*
 * Signals 32 and 33, which the host C library keeps for itself (and
 * uemu never uses: no pthread_cancel, no set*id through the C library),
 * are set straight in the kernel, with the C library's own return
 * trampoline, as it gave it for the engine's SIGSEGV handler.
 */
static int install_raw(int sig, const struct sigaction *sa)
{
    struct host_ksigaction k, seg;

    if (syscall(SYS_rt_sigaction, SIGSEGV, NULL, &seg, sizeof(uint64_t)) < 0)
        return -errno;
    k = (struct host_ksigaction){
        .handler = (void *)sa->sa_handler,
        .flags = (unsigned long)sa->sa_flags | (seg.flags & HOST_SA_RESTORER),
        .restorer = seg.restorer,
        .mask = ~(uint64_t)0,
    };
    return syscall(SYS_rt_sigaction, sig, &k, NULL, sizeof(uint64_t)) < 0 ? -errno : 0;
}

/* The host disposition standing for the guest's. */
static int install_host(int sig, uint64_t handler, uint64_t flags)
{
    struct sigaction sa;

    if (sig == SIGSEGV || sig == SIGBUS || sig == SIGKILL || sig == SIGSTOP)
        return 0;
    memset(&sa, 0, sizeof(sa));
    sigfillset(&sa.sa_mask);
    /* SIGCHLD's flags act in the host kernel: zombies and stop reports
     * (asm-generic values, the same as the host's). */
    sa.sa_flags = (int)(flags & (SA_NOCLDSTOP | SA_NOCLDWAIT));
    if (handler == LU_SIG_DFL && default_action[sig] != DFL_CORE) {
        sa.sa_handler = SIG_DFL;
    } else if (handler == LU_SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_signal;
        sa.sa_flags |= SA_SIGINFO;
    }
    if (sig == 32 || sig == 33)
        return install_raw(sig, &sa);
    return sigaction(sig, &sa, NULL) < 0 ? -errno : 0;
}

void lu_signal_host_threads_started(void)
{
    pthread_mutex_lock(&action_lock);
    install_host(32, action(32)->handler, action(32)->flags);
    install_host(33, action(33)->handler, action(33)->flags);
    pthread_mutex_unlock(&action_lock);
    apply_host_mask();
}

/* What the thread's stack_t says for a thread running on sp. */
static struct lu_stack altstack_at(uint64_t sp)
{
    struct lu_stack s = altstack;

    if (!s.size)
        s.flags = LU_SS_DISABLE;
    else
        s.flags = (int32_t)((uint32_t)s.flags & LU_SS_AUTODISARM) |
                  (sp - s.sp < s.size ? LU_SS_ONSTACK : 0);
    return s;
}

static bool ignored(int sig)
{
    uint64_t h = action(sig)->handler;

    return !(guest_mask & BIT(sig)) &&
           (h == LU_SIG_IGN || (h == LU_SIG_DFL && (default_action[sig] == DFL_IGN ||
                                                   default_action[sig] == DFL_CONT)));
}

void lu_signal_force(int sig, int code, uint64_t addr)
{
    struct lu_siginfo info = { .signo = sig, .code = code };

    info.u.fault.addr = addr;
    /* force_sig_info: a blocked or ignored fault gets the default action. */
    if ((guest_mask & BIT(sig)) || action(sig)->handler == LU_SIG_IGN) {
        pthread_mutex_lock(&action_lock);
        action(sig)->handler = LU_SIG_DFL;
        pthread_mutex_unlock(&action_lock);
        set_mask(guest_mask & ~BIT(sig));
    }
    mark_pending(sig, &info);
}

/* raise() for this host thread: the C library's raise signals the tid
 * it keeps for the thread, which in a vfork child is its parent's. */
static void raise_here(int sig)
{
    syscall(SYS_tgkill, getpid(), gettid(), sig);
}

/* The default action of sig, info its siginfo: the guest's core file
 * when the action dumps core, then death by sig.  uemu's own core
 * limit becomes 0: the host kernel would write uemu's core over the
 * guest's (same name), so the wait status lacks the core flag. */
static void __attribute__((noreturn)) die(int sig, const struct lu_siginfo *info)
{
    struct rlimit no_core = { 0, 0 };
    uint64_t set = BIT(sig);
    struct sigaction sa;

    if (default_action[sig] == DFL_CORE)
        lu_core_dump(sig, info, sig_cpu ? exec_cpu_env(sig_cpu) : NULL);
    /* A vfork child shares the log with its parent: no close. */
    if (vfork_actions)
        log_flush();
    else
        log_close();
    setrlimit(RLIMIT_CORE, &no_core);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, sizeof(set));
    raise_here(sig);
    _exit(128 + sig);
}

void lu_signal_die(int sig)
{
    /* force_sigsegv's siginfo: SI_KERNEL. */
    struct lu_siginfo info = { .signo = sig, .code = 0x80 };

    die(sig, &info);
}

/* Take one of the deliverable signals (faults first, then the lowest
 * number, as the kernel) with its siginfo.  The host keeps it blocked
 * until the caller sets the mask again (another instance must not
 * overwrite info meanwhile). */
static int take_signal(uint64_t deliverable, struct lu_siginfo *info)
{
    uint64_t pick = deliverable & SYNC_MASK ? deliverable & SYNC_MASK : deliverable;
    int sig = __builtin_ctzll(pick) + 1;

    *info = pend_info[sig];
    __atomic_fetch_and(&pending, ~BIT(sig), __ATOMIC_SEQ_CST);
    return sig;
}

bool lu_signal_next(struct lu_sigdelivery *d, uint64_t sp)
{
    for (;;) {
        uint64_t deliverable;
        struct guest_action *act;
        struct lu_siginfo info;
        int sig;

        /* Cleared before the look, so a signal coming after it sets it again. */
        lu_signal_kick = 0;
        deliverable = __atomic_load_n(&pending, __ATOMIC_SEQ_CST) & ~guest_mask;

        if (!deliverable) {
            if (suspend_restore) {
                suspend_restore = false;
                set_mask(suspend_mask);
                continue;
            }
            return false;
        }
        sig = take_signal(deliverable, &info);
        act = action(sig);
        if (act->handler == LU_SIG_IGN) {
            apply_host_mask();
            continue;
        }
        if (act->handler == LU_SIG_DFL) {
            switch (default_action[sig]) {
            case DFL_IGN:
            case DFL_CONT:
                apply_host_mask();
                continue;
            case DFL_STOP:
                apply_host_mask();
                raise_here(SIGSTOP);
                continue;
            default:
                die(sig, &info);
            }
        }
        memset(d, 0, sizeof(*d));
        d->sig = sig;
        d->handler = act->handler;
        d->flags = act->flags;
        d->info = info;
        d->old_mask = suspend_restore ? suspend_mask : guest_mask;
        suspend_restore = false;
        d->altstack = altstack_at(sp);
        d->frame_sp = sp;
        if ((act->flags & LU_SA_ONSTACK) && altstack.size &&
            !(d->altstack.flags & LU_SS_ONSTACK)) {
            d->frame_sp = altstack.sp + altstack.size;
            if ((uint32_t)altstack.flags & LU_SS_AUTODISARM)
                altstack = (struct lu_stack){ .flags = LU_SS_DISABLE };
        }
        set_mask(guest_mask | act->mask | (act->flags & LU_SA_NODEFER ? 0 : BIT(sig)));
        if (act->flags & LU_SA_RESETHAND) {
            act->handler = LU_SIG_DFL;
            install_host(sig, LU_SIG_DFL, 0);
        }
        return true;
    }
}

/* sigaltstack's rules (kernel do_sigaltstack); sp: where the thread runs. */
static int set_altstack(const struct lu_stack *ss, uint64_t sp)
{
    uint32_t mode = (uint32_t)ss->flags & ~LU_SS_AUTODISARM;

    if (altstack_at(sp).flags & LU_SS_ONSTACK)
        return -EPERM;
    if (mode != 0 && mode != LU_SS_ONSTACK && mode != LU_SS_DISABLE)
        return -EINVAL;
    if (mode == LU_SS_DISABLE) {
        altstack = (struct lu_stack){ .flags = LU_SS_DISABLE };
        return 0;
    }
    if (ss->size < MINSIGSTKSZ_GUEST)
        return -ENOMEM;
    altstack = (struct lu_stack){
        .sp = ss->sp, .size = ss->size,
        .flags = (int32_t)((uint32_t)ss->flags & LU_SS_AUTODISARM),
    };
    return 0;
}

void lu_signal_return(uint64_t mask, const struct lu_stack *st, uint64_t sp)
{
    set_mask(mask);
    set_altstack(st, sp);
}

bool lu_signal_restart(int64_t nr, uint64_t flags)
{
    /* A call that never started runs after the handler in any case. */
    if (lu_safe_syscall_skipped)
        return true;
    if (restart_barred)
        return false;
    for (size_t i = 0; i < sizeof(never_restart) / sizeof(never_restart[0]); i++)
        if (never_restart[i] == nr)
            return false;
    return (flags & LU_SA_RESTART) != 0;
}

int64_t lu_sys_rt_sigaction(const uint64_t *a)
{
    int sig = (int)a[0];
    struct guest_action act, old;
    int r;

    if (a[3] != 8 || sig < 1 || sig > LU_NSIG)
        return -EINVAL;
    if (a[1]) {
        if (sig == SIGKILL || sig == SIGSTOP)
            return -EINVAL;
        if (copy_from_guest(&act, a[1], sizeof(act)))
            return -EFAULT;
        act.mask &= ~UNBLOCKABLE;
    }
    pthread_mutex_lock(&action_lock);
    old = *action(sig);
    if (a[1]) {
        r = install_host(sig, act.handler, act.flags);
        if (r < 0) {
            pthread_mutex_unlock(&action_lock);
            return r;
        }
        *action(sig) = act;
        /* Setting SIG_IGN (or a default of ignore) discards pending. */
        if (ignored(sig) || act.handler == LU_SIG_IGN)
            __atomic_fetch_and(&pending, ~BIT(sig), __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&action_lock);
    if (a[2] && copy_to_guest(a[2], &old, sizeof(old)))
        return -EFAULT;
    return 0;
}

int64_t lu_sys_rt_sigprocmask(const uint64_t *a)
{
    uint64_t set, old = guest_mask;

    if (a[3] != 8)
        return -EINVAL;
    if (a[1]) {
        if (copy_from_guest(&set, a[1], sizeof(set)))
            return -EFAULT;
        switch (a[0]) {
        case SIG_BLOCK: set |= guest_mask; break;
        case SIG_UNBLOCK: set = guest_mask & ~set; break;
        case SIG_SETMASK: break;
        default: return -EINVAL;
        }
    }
    if (a[2] && copy_to_guest(a[2], &old, sizeof(old)))
        return -EFAULT;
    if (a[1]) {
        suspend_restore = false;
        set_mask(set);
    }
    return 0;
}

static uint64_t all_pending(void)
{
    uint64_t host = 0;

    syscall(SYS_rt_sigpending, &host, sizeof(host));
    return host | __atomic_load_n(&pending, __ATOMIC_SEQ_CST);
}

int64_t lu_sys_rt_sigpending(const uint64_t *a)
{
    uint64_t set;

    if (a[1] != 8)
        return -EINVAL;
    set = all_pending() & guest_mask;
    return copy_to_guest(a[0], &set, sizeof(set)) ? -EFAULT : 0;
}

int64_t lu_sys_sigaltstack(const uint64_t *a)
{
    struct lu_stack ss, old = altstack_at(lu_signal_sp);
    int r;

    if (a[0]) {
        if (copy_from_guest(&ss, a[0], sizeof(ss)))
            return -EFAULT;
        r = set_altstack(&ss, lu_signal_sp);
        if (r < 0)
            return r;
    }
    if (a[1] && copy_to_guest(a[1], &old, sizeof(old)))
        return -EFAULT;
    return 0;
}

/*
 * Signals sent to this process or its threads go through the host
 * kernel like any other: it fills siginfo (SI_USER, SI_TKILL, pid, uid),
 * queues real-time signals several deep and in order, and picks the
 * thread for a process-directed one (the caller when it can take it).
 * The host handler (or, for SIGSEGV and SIGBUS, the engine's fault
 * handler through exec_set_sent_signal_handler) then makes it pending
 * in the receiving thread.
 */
int64_t lu_sys_kill(const uint64_t *a)
{
    return lu_host_ret(kill((pid_t)a[0], (int)a[1]));
}

int64_t lu_sys_tkill(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_tkill, (pid_t)a[0], (int)a[1]));
}

int64_t lu_sys_tgkill(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], (int)a[2]));
}

/* sigqueue: the caller's siginfo (same layout as the host's). */
int64_t lu_sys_rt_sigqueueinfo(const uint64_t *a)
{
    struct lu_siginfo info;

    if (copy_from_guest(&info, a[2], sizeof(info)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_rt_sigqueueinfo, (pid_t)a[0], (int)a[1], &info));
}

int64_t lu_sys_rt_tgsigqueueinfo(const uint64_t *a)
{
    struct lu_siginfo info;

    if (copy_from_guest(&info, a[3], sizeof(info)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a[0], (pid_t)a[1], (int)a[2],
                               &info));
}

int64_t lu_sys_rt_sigsuspend(const uint64_t *a)
{
    uint64_t set, host;

    if (a[1] != 8)
        return -EINVAL;
    if (copy_from_guest(&set, a[0], sizeof(set)))
        return -EFAULT;
    if (!suspend_restore)
        suspend_mask = guest_mask;
    suspend_restore = true;
    set_mask(set);
    if (__atomic_load_n(&pending, __ATOMIC_SEQ_CST) & ~guest_mask)
        return -EINTR;
    host = (guest_mask | __atomic_load_n(&pending, __ATOMIC_SEQ_CST)) & ~HOST_KEEP;
    /* A signal that came since set_mask() set the kick word: no wait,
     * and EINTR all the same (no restart). */
    lu_safe_syscall(SYS_rt_sigsuspend, (long)&host, sizeof(host), 0, 0, 0, 0);
    lu_safe_syscall_skipped = false;
    return -EINTR;
}

int64_t lu_sys_rt_sigtimedwait(const uint64_t *a)
{
    uint64_t set, mine, host;
    struct timespec ts;
    siginfo_t si;
    long r;

    if (a[3] != 8)
        return -EINVAL;
    if (copy_from_guest(&set, a[0], sizeof(set)) ||
        (a[2] && copy_from_guest(&ts, a[2], sizeof(ts))))
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    mine = __atomic_load_n(&pending, __ATOMIC_SEQ_CST) & set;
    if (mine) {
        struct lu_siginfo info;
        int sig = take_signal(mine, &info);

        apply_host_mask();
        if (a[1] && copy_to_guest(a[1], &info, sizeof(info)))
            return -EFAULT;
        return sig;
    }
    host = set & ~HOST_KEEP;
    r = lu_safe_syscall(SYS_rt_sigtimedwait, (long)&host, (long)&si, a[2] ? (long)&ts : 0,
                        sizeof(host), 0, 0);
    if (r < 0)
        return r;
    if (a[1]) {
        struct lu_siginfo info;

        memcpy(&info, &si, sizeof(info));
        unwrap_requeued((int)r, &si, &info);
        if (copy_to_guest(a[1], &info, sizeof(info)))
            return -EFAULT;
    }
    return r;
}

/* struct itimerval is four longs on both sides. */
int64_t lu_sys_setitimer(const uint64_t *a)
{
    struct itimerval nv, ov;

    if (copy_from_guest(&nv, a[1], sizeof(nv)))
        return -EFAULT;
    if (setitimer((int)a[0], &nv, &ov) < 0)
        return -errno;
    return a[2] && copy_to_guest(a[2], &ov, sizeof(ov)) ? -EFAULT : 0;
}

int64_t lu_sys_getitimer(const uint64_t *a)
{
    struct itimerval v;

    if (getitimer((int)a[0], &v) < 0)
        return -errno;
    return copy_to_guest(a[1], &v, sizeof(v)) ? -EFAULT : 0;
}
