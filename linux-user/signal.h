/*
 * Private to linux-user: guest signal state (signal.c) and what the
 * per-ISA frame code and cpu loops need from it.
 *
 * Values are the Linux asm-generic ones (riscv64, aarch64): signal
 * numbers 1..64, sa_flags bits, struct sigaction { handler; flags; mask }
 * (no sa_restorer), siginfo_t (128 bytes, the same layout as the x86_64
 * host's), stack_t { sp; flags; size }.
 *
 * A cpu loop:
 *     lu_signal_thread_start(cpu);
 *     ... after each exec_cpu_exec() return or system call:
 *     struct lu_sigdelivery d;
 *     while (lu_signal_next(&d, sp))
 *         ... build the ISA's frame for d (or lu_signal_die) ...
 */
#ifndef LINUX_USER_SIGNAL_H
#define LINUX_USER_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall.h"
#include "uemu/exec.h"

#define LU_NSIG 64

#define LU_SA_SIGINFO   0x00000004u
#define LU_SA_ONSTACK   0x08000000u
#define LU_SA_RESTART   0x10000000u
#define LU_SA_NODEFER   0x40000000u
#define LU_SA_RESETHAND 0x80000000u

#define LU_SS_ONSTACK    1
#define LU_SS_DISABLE    2
#define LU_SS_AUTODISARM (1u << 31)

/* si_code values (asm-generic/siginfo.h). */
#define LU_SI_USER      0
#define LU_SI_TKILL     (-6)
#define LU_SEGV_MAPERR  1
#define LU_SEGV_ACCERR  2
#define LU_BUS_ADRALN   1
#define LU_BUS_ADRERR   2
#define LU_ILL_ILLOPC   1
#define LU_TRAP_BRKPT   1

#define LU_SIG_DFL 0
#define LU_SIG_IGN 1

/* Guest siginfo_t (asm-generic, 64-bit): 128 bytes. */
struct lu_siginfo {
    int32_t signo, err, code, pad0;
    union {
        struct { int32_t pid; uint32_t uid; uint64_t value; } kill;
        struct { uint64_t addr; } fault;
        uint8_t bytes[112];
    } u;
};
_Static_assert(sizeof(struct lu_siginfo) == 128, "asm-generic siginfo_t");

/* Guest stack_t. */
struct lu_stack {
    uint64_t sp;
    int32_t flags, pad;
    uint64_t size;
};

/* One signal to hand to a guest handler. */
struct lu_sigdelivery {
    int sig;
    uint64_t handler, flags;
    struct lu_siginfo info;
    uint64_t old_mask;          /* the mask to restore: uc_sigmask */
    uint64_t frame_sp;          /* where the frame goes below (sp or altstack top) */
    struct lu_stack altstack;   /* uc_stack: the altstack at delivery */
};

/* The thread's engine cpu, for interrupts from host signal handlers. */
void lu_signal_thread_start(struct exec_cpu *cpu);

/* The host C library just set up threads (it took signals 32 and 33):
 * the guest's dispositions and mask again. */
void lu_signal_host_threads_started(void);
/* The first thread: the mask and ignored signals execve kept. */
void lu_signal_process_start(void);
/* A new thread's guest mask (its parent's); the guest mask now; the
 * thread's end (no host signal is taken by it any more); the child of
 * a fork (nothing pending). */
void lu_signal_thread_mask(uint64_t mask);
uint64_t lu_signal_mask(void);
void lu_signal_thread_end(void);
/* Around a fork: the handler table's lock and host signals blocked in
 * the forking thread; the child's fresh state, the host mask again. */
void lu_signal_fork_start(void);
void lu_signal_fork_end(bool child);

/*
 * Around a vfork child that shares memory and its parent thread's host
 * TLS (thread.c): begin (host signals blocked, the thread's state kept
 * aside, the child's prepared: child's cpu, nothing pending, its own
 * copy of the dispositions; NULL when out of memory), the child's
 * first step (its host mask), and end in the parent once the child
 * has exec'd or exited (the parent's state back).
 */
struct lu_signal_saved;
struct lu_signal_saved *lu_signal_vfork_begin(struct exec_cpu *child);
void lu_signal_vfork_child(void);
void lu_signal_vfork_end(struct lu_signal_saved *s);

/* Queue a synchronous signal (fault, illegal instruction, breakpoint)
 * for the current thread; delivered by the next lu_signal_next(). */
void lu_signal_force(int sig, int code, uint64_t addr);

/*
 * Take the next deliverable signal: default actions happen here (ignore,
 * or uemu dies / stops as the native program would); returns true with
 * d filled (mask already updated, SA_RESETHAND applied) when a guest
 * handler must run.  sp is the interrupted guest stack pointer.
 */
bool lu_signal_next(struct lu_sigdelivery *d, uint64_t sp);

/* Frame could not be written: the kernel's force_sigsegv. */
void __attribute__((noreturn)) lu_signal_die(int sig);

/* rt_sigreturn's generic part: the mask and altstack from the frame. */
void lu_signal_return(uint64_t mask, const struct lu_stack *st, uint64_t sp);

/* An interrupted system call nr returned -EINTR: should it restart
 * (pc back to the ecall) for a handler with these flags?  Always when
 * its host call never started (lu_safe_syscall_skipped). */
bool lu_signal_restart(int64_t nr, uint64_t flags);

/* The running call's -EINTR is not restarted whatever the handler's
 * flags (a socket with a timeout, a futex wait with one: the kernel's
 * plain -EINTR or -ERESTART_RESTARTBLOCK). */
void lu_signal_no_restart(void);

/* Around a system call's handler (the kick timer's window; see
 * signal.c). */
void lu_signal_syscall_enter(void);
void lu_signal_syscall_exit(void);

/* True when a signal may be waiting (cheap check for the cpu loop). */
bool lu_signal_pending(void);
/* True when sig has the default action (the guest installed nothing). */
bool lu_signal_is_default(int sig);
/* The guest sp at the system call being run (sigaltstack needs it);
 * the cpu loop sets it before each call. */
extern __thread uint64_t lu_signal_sp;

/*
 * riscv64 (linux-user/riscv64/signal.c): the kernel's struct rt_sigframe
 * { siginfo info; ucontext uc; } (arch/riscv/kernel/signal.c), 1088
 * bytes; the pack/unpack halves are pure for the unit tests.
 */
#define LU_RV_FRAME_SIZE 1088
struct rv_cpu;
void lu_rv_frame_pack(uint8_t *frame, const struct rv_cpu *env, const struct lu_sigdelivery *d);
/* The registers, mask and uc_stack back from a frame. */
void lu_rv_frame_unpack(const uint8_t *frame, struct rv_cpu *env, uint64_t *mask,
                        struct lu_stack *st);
/* Enter the handler of d (dies by SIGSEGV when the frame cannot be
 * written, as the kernel's force_sigsegv). */
void lu_rv_signal_setup(struct rv_cpu *env, const struct lu_sigdelivery *d);
/* rt_sigreturn: the state from the frame at sp. */
void lu_rv_signal_return(struct rv_cpu *env);

lu_sys_fn lu_sys_rt_sigaction, lu_sys_rt_sigprocmask, lu_sys_rt_sigpending,
    lu_sys_sigaltstack, lu_sys_kill, lu_sys_tkill, lu_sys_tgkill,
    lu_sys_rt_sigsuspend, lu_sys_rt_sigtimedwait, lu_sys_setitimer,
    lu_sys_getitimer, lu_sys_rt_sigqueueinfo, lu_sys_rt_tgsigqueueinfo;

#endif
