/*
 * The safe-syscall mechanism (see safe-syscall.h).
 *
 * x86_64 hosts: lu_safe_syscall_base is a few instructions of assembly
 * so that the window between the check of the pending word and the
 * syscall instruction is a known range of host pcs, [start, end); the
 * host signal handler moves a thread stopped inside it to the
 * not-started return (-EINTR with lu_safe_syscall_skipped set).  The stack pointer is the same everywhere in the routine, so
 * the move needs nothing but the pc.  Other hosts check the word in C
 * and keep the small window (documented in docs: the signal is then
 * seen when the call returns).
 */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "safe-syscall.h"

__thread volatile int lu_signal_kick;
__thread bool lu_safe_syscall_skipped;

/* The assembly's result for a call that never started. */
#define NOT_STARTED (-512)

#ifdef __x86_64__
long lu_safe_syscall_base(const volatile int *kick, long nr, long a1, long a2, long a3,
                          long a4, long a5, long a6);
extern const char lu_safe_syscall_start[], lu_safe_syscall_end[], lu_safe_syscall_eintr[];

/* System V argument registers in, Linux syscall registers out:
 * kick rdi, nr rsi, a1 rdx, a2 rcx, a3 r8, a4 r9, a5 8(%rsp), a6 16(%rsp)
 * to nr rax, a1 rdi, a2 rsi, a3 rdx, a4 r10, a5 r8, a6 r9. */
__asm__(
    "    .text\n"
    "    .globl lu_safe_syscall_base\n"
    "    .hidden lu_safe_syscall_base\n"
    "    .type lu_safe_syscall_base, @function\n"
    "lu_safe_syscall_base:\n"
    "    .cfi_startproc\n"
    "    mov %rdi, %r11\n"
    "    mov %rsi, %rax\n"
    "    mov %rdx, %rdi\n"
    "    mov %rcx, %rsi\n"
    "    mov %r8, %rdx\n"
    "    mov %r9, %r10\n"
    "    mov 8(%rsp), %r8\n"
    "    mov 16(%rsp), %r9\n"
    "    .globl lu_safe_syscall_start\n"
    "    .hidden lu_safe_syscall_start\n"
    "lu_safe_syscall_start:\n"
    "    cmpl $0, (%r11)\n"
    "    jne lu_safe_syscall_eintr\n"
    "    syscall\n"
    "    .globl lu_safe_syscall_end\n"
    "    .hidden lu_safe_syscall_end\n"
    "lu_safe_syscall_end:\n"
    "    ret\n"
    "    .globl lu_safe_syscall_eintr\n"
    "    .hidden lu_safe_syscall_eintr\n"
    "lu_safe_syscall_eintr:\n"
    "    mov $-512, %rax\n"
    "    ret\n"
    "    .cfi_endproc\n"
    "    .size lu_safe_syscall_base, .-lu_safe_syscall_base\n");
long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    long r = lu_safe_syscall_base(&lu_signal_kick, nr, a1, a2, a3, a4, a5, a6);

    if (r != NOT_STARTED)
        return r;
    lu_safe_syscall_skipped = true;
    return -EINTR;
}

bool lu_safe_syscall_interrupted(void *ucv)
{
    ucontext_t *uc = ucv;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];

    if (pc < (uintptr_t)lu_safe_syscall_start || pc >= (uintptr_t)lu_safe_syscall_end)
        return false;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)lu_safe_syscall_eintr;
    return true;
}
#else
long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    long r;

    if (lu_signal_kick) {
        lu_safe_syscall_skipped = true;
        return -EINTR;
    }
    r = syscall(nr, a1, a2, a3, a4, a5, a6);
    return r < 0 ? -errno : r;
}

bool lu_safe_syscall_interrupted(void *uc)
{
    (void)uc;
    return false;
}
#endif
