/*
 * Private to linux-user: guest threads and processes made by clone
 * (thread.c, sys-thread.c) and what a per-ISA cpu loop provides for
 * them.
 *
 * Every guest thread is a host thread (its guest tid is the host tid,
 * so tgkill and futex owner tids need no translation) with its own
 * engine cpu.  The cpu loop of the first thread calls
 * lu_thread_main(isa, cpu) once; clone's threads then run isa->run.
 */
#ifndef LINUX_USER_THREAD_H
#define LINUX_USER_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "uemu/exec.h"

/* What clone needs from the guest ISA. */
struct lu_thread_isa {
    /* Argument registers of clone's tls and child_tid (riscv64 has the
     * kernel's CLONE_BACKWARDS order: flags, sp, ptid, tls, ctid). */
    unsigned clone_tls_arg, clone_ctid_arg;
    /* The stack pointer and, when set_tls, the thread pointer of a
     * clone's child (sp 0: keep the parent's). */
    void (*set_stack_tls)(void *env, uint64_t sp, bool set_tls, uint64_t tls);
    /* A new thread's state (a copy of its parent's inside the call):
     * the call returns 0 and execution goes on after it. */
    void (*child_return)(void *env);
    /* Run a new thread's cpu; never returns (its exit ends the thread). */
    void (*run)(struct exec_cpu *cpu);
};

/* The first thread's ISA and cpu. */
void lu_thread_main(const struct lu_thread_isa *isa, struct exec_cpu *cpu);
/* The calling thread's cpu and the ISA (NULL before lu_thread_main). */
struct exec_cpu *lu_thread_cpu(void);
const struct lu_thread_isa *lu_thread_isa(void);

/*
 * A new guest thread running cpu (already counted by
 * lu_thread_count_add) with the guest signal mask: its clear_child_tid,
 * and the words where its tid is stored before it runs (0: none).
 * Returns its tid or -errno.
 */
int lu_thread_start(struct exec_cpu *cpu, uint64_t sigmask, uint64_t clear_child,
                    uint64_t child_settid, uint64_t parent_settid);

/*
 * A vfork child sharing memory (CLONE_VM | CLONE_VFORK) running cpu
 * (freed by the caller afterwards), with its exit signal,
 * clear_child_tid and the words where its tid is stored (0: none).
 * Returns once the child has exec'd or exited: its pid or -errno.
 */
int lu_thread_vfork(struct exec_cpu *cpu, int exit_sig, uint64_t clear_child,
                    uint64_t child_settid, uint64_t parent_settid);
/* True in such a child (it must leave shared state alone). */
bool lu_thread_vfork_child(void);
/* In such a child: p, allocated for an execve, is left for the parent
 * to free (left), or the child freed it itself after all (!left). */
void lu_thread_vfork_left(void *p, bool left);

/* The thread count: one more (clone), and the child of a fork has one. */
void lu_thread_count_add(void);
void lu_thread_count_sub(void);
void lu_thread_fork_child(void);
/* exit(2) of the calling thread: the process's end (with this status)
 * when it is the last one, else the thread's alone; never returns. */
void __attribute__((noreturn)) lu_thread_exit(int status);
/* exit_group(2) and the process's end from any thread. */
void __attribute__((noreturn)) lu_process_exit(int status);

/* The thread's clear_child_tid (set_tid_address, CLONE_CHILD_CLEARTID)
 * and robust futex list head (set_robust_list). */
void lu_thread_set_clear_tid(uint64_t addr);
void lu_thread_set_robust_list(uint64_t head);
uint64_t lu_thread_robust_list(void);

/* futex.c: futex(2); wake up to n waiters on the guest word at addr. */
int64_t lu_sys_futex(const uint64_t *a);
int64_t lu_futex_wake(uint64_t addr, int n);

#endif
