/*
 * Private to linux-user: host system calls that a guest signal must be
 * able to interrupt (safe-syscall.c).
 *
 * A blocking host call made for the guest (futex wait, read of a pipe,
 * wait4, sigsuspend-like waits) must return -EINTR when a guest signal
 * for the thread arrives, also when it arrives after the cpu loop's last
 * check but before the host call blocks: then the kernel would not
 * interrupt anything and the signal would wait for the call's end.
 * lu_safe_syscall() checks the thread's "signal pending" word right
 * before the syscall instruction; the host signal handler sets that
 * word and, when the thread was stopped between the check and the
 * syscall instruction, moves it to the -EINTR return
 * (lu_safe_syscall_interrupted).  So the call either sees the word, or
 * is interrupted by the host kernel, or never starts.  A call that never
 * started returns -EINTR with lu_safe_syscall_skipped set: the cpu loop
 * then runs the handler and the call again whatever the handler's
 * flags (signal.c), as if the signal had come before the call (a read
 * of a regular file must not fail with EINTR).
 */
#ifndef LINUX_USER_SAFE_SYSCALL_H
#define LINUX_USER_SAFE_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

/* The host call nr: its result, or -errno (-EINTR when a guest signal
 * came first). */
long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/* From a host signal handler, after the thread's word was set: uc is
 * the interrupted context (ucontext_t); true when it was moved out of
 * the window to the -EINTR return. */
bool lu_safe_syscall_interrupted(void *uc);

/* The calling thread's word: set when a guest signal it may take is
 * pending (signal.c sets and clears it). */
extern __thread volatile int lu_signal_kick;
/* Set by a call that returned -EINTR without starting (cleared by
 * signal.c when the next system call starts). */
extern __thread bool lu_safe_syscall_skipped;

#endif
