/*
 * The safe-syscall mechanism (linux-user/safe-syscall.c): a host call
 * made through lu_safe_syscall() returns its result or -errno, returns
 * -EINTR at once when the thread's kick word is set, and never misses a
 * signal.  The last is checked instruction by instruction (x86_64 hosts):
 * the trap flag stops the caller after each instruction of a blocking
 * read of an empty pipe, and a "signal" (kick word set, then
 * lu_safe_syscall_interrupted on the context, as the host handler does)
 * lands at the k-th instruction, or at the syscall instruction itself
 * when that comes first; every k must end in -EINTR (a missed signal
 * leaves the read blocked for good).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/safe-syscall.h"

static int fds[2];

static void test_result_and_errno(void **state)
{
    char c = 'x';

    (void)state;
    assert_int_equal(pipe(fds), 0);
    lu_signal_kick = 0;
    assert_int_equal(lu_safe_syscall(SYS_write, fds[1], (long)&c, 1, 0, 0, 0), 1);
    c = 0;
    assert_int_equal(lu_safe_syscall(SYS_read, fds[0], (long)&c, 1, 0, 0, 0), 1);
    assert_int_equal(c, 'x');
    assert_int_equal(lu_safe_syscall(SYS_read, -1, (long)&c, 1, 0, 0, 0), -EBADF);
    close(fds[0]);
    close(fds[1]);
}

static void test_kick_set_returns_eintr(void **state)
{
    char c;

    (void)state;
    assert_int_equal(pipe(fds), 0);
    lu_signal_kick = 1;
    /* An empty pipe: without the word this would block. */
    assert_int_equal(lu_safe_syscall(SYS_read, fds[0], (long)&c, 1, 0, 0, 0), -EINTR);
    lu_signal_kick = 0;
    close(fds[0]);
    close(fds[1]);
}

#ifdef __x86_64__
#include <ucontext.h>

#define TRAP_FLAG 0x100
static int trap_at, traps;

/* After each traced instruction: the k-th one, or the syscall
 * instruction (0f 05) about to run, gets the signal; tracing stops. */
static void on_trap(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const unsigned char *pc = (const unsigned char *)uc->uc_mcontext.gregs[REG_RIP];

    (void)sig;
    (void)si;
    if (traps++ == trap_at || (pc[0] == 0x0f && pc[1] == 0x05)) {
        lu_signal_kick = 1;
        lu_safe_syscall_interrupted(uc);
        uc->uc_mcontext.gregs[REG_EFL] &= ~(greg_t)TRAP_FLAG;
    }
}

static void test_signal_at_every_instruction(void **state)
{
    struct sigaction sa;
    char c;

    (void)state;
    assert_int_equal(pipe(fds), 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(SIGTRAP, &sa, NULL), 0);
    /* A missed signal blocks the read: end the test instead of hanging. */
    alarm(60);
    for (trap_at = 0; trap_at < 64; trap_at++) {
        long r;

        lu_signal_kick = 0;
        traps = 0;
        __asm__ volatile("pushfq; orq $0x100, (%%rsp); popfq" ::: "memory", "cc");
        r = lu_safe_syscall(SYS_read, fds[0], (long)&c, 1, 0, 0, 0);
        __asm__ volatile("pushfq; andq $~0x100, (%%rsp); popfq" ::: "memory", "cc");
        assert_int_equal(r, -EINTR);
        assert_int_equal(lu_signal_kick, 1);
    }
    alarm(0);
    signal(SIGTRAP, SIG_DFL);
    close(fds[0]);
    close(fds[1]);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_and_errno),
        cmocka_unit_test(test_kick_set_returns_eintr),
#ifdef __x86_64__
        cmocka_unit_test(test_signal_at_every_instruction),
#endif
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
