/*
 * linux-user/signal.c: a process-directed signal that the host kernel
 * gave to a thread which then exits before handling it (having blocked
 * it, as glibc's thread exit does) goes back to the process: another
 * thread takes it with its original siginfo (the sender's pid,
 * SI_USER).  A thread-directed one (tgkill) is gone with its thread.  Threads are host threads here, the guest's
 * calls go through lu_syscall() on the sys-fixture window.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/signal.h"
#include "linux-user/syscall-nr.h"
#include "sys-fixture.h"

#define BIT(s) (1ull << ((s) - 1))
#define FAKE_HANDLER 0x10000

enum { EXIT_WITH_IT, BLOCK_THEN_EXIT, TGKILL_THEN_BLOCK };

struct helper {
    int how;
    bool pending_before, pending_after;
    uint64_t own_pending;
};

/* The guest's action for sig: a handler address or SIG_IGN. */
static void set_action(int sig, uint64_t handler)
{
    uint64_t act[3] = { handler, 0, 0 };

    memcpy(sysfx_win, act, sizeof(act));
    assert_int_equal(sysfx_call(LU_NR_rt_sigaction, sig, sysfx_gwin, 0, 8, 0, 0), 0);
}

static uint64_t guest_sigpending(void)
{
    uint64_t set = 0;

    assert_int_equal(sysfx_call(LU_NR_rt_sigpending, sysfx_gwin + 64, 8, 0, 0, 0, 0), 0);
    memcpy(&set, sysfx_win + 64, sizeof(set));
    return set;
}

static void *helper_main(void *arg)
{
    struct helper *h = arg;
    uint64_t block = BIT(SIGUSR1);

    lu_signal_thread_mask(0);
    if (h->how == TGKILL_THEN_BLOCK)
        syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
    else
        kill(getpid(), SIGUSR1);     /* the kernel gives it to this thread */
    h->pending_before = lu_signal_pending();
    if (h->how != EXIT_WITH_IT) {
        memcpy(sysfx_win + 32, &block, sizeof(block));
        sysfx_call(LU_NR_rt_sigprocmask, SIG_BLOCK, sysfx_gwin + 32, 0, 8, 0, 0);
        h->own_pending = guest_sigpending() & BIT(SIGUSR1);
        h->pending_after = lu_signal_pending();
    }
    lu_signal_thread_end();
    return NULL;
}

static void run_helper(struct helper *h)
{
    pthread_t t;

    assert_int_equal(pthread_create(&t, NULL, helper_main, h), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
}

/* The main thread unblocks SIGUSR1: true when it then takes it from
 * this process (sender pid, SI_USER). */
static bool main_takes_it(void)
{
    struct lu_sigdelivery d;
    bool got;

    lu_signal_thread_mask(0);
    got = lu_signal_next(&d, 0);
    lu_signal_thread_mask(BIT(SIGUSR1));
    if (!got)
        return false;
    assert_int_equal(d.sig, SIGUSR1);
    assert_int_equal(d.info.code, LU_SI_USER);
    assert_int_equal(d.info.u.kill.pid, getpid());
    return true;
}

static int group_setup(void **state)
{
    int r = sysfx_setup(state);

    set_action(SIGUSR1, FAKE_HANDLER);
    lu_signal_thread_mask(BIT(SIGUSR1));
    return r;
}

static int group_teardown(void **state)
{
    set_action(SIGUSR1, LU_SIG_IGN);
    lu_signal_thread_mask(0);
    return sysfx_teardown(state);
}

static void test_exit_passes_it_on(void **state)
{
    struct helper h = { .how = EXIT_WITH_IT };

    (void)state;
    run_helper(&h);
    assert_true(h.pending_before);
    assert_true(guest_sigpending() & BIT(SIGUSR1));
    assert_true(main_takes_it());
    assert_false(guest_sigpending() & BIT(SIGUSR1));
}

static void test_block_then_exit_passes_it_on(void **state)
{
    struct helper h = { .how = BLOCK_THEN_EXIT };

    (void)state;
    run_helper(&h);
    assert_true(h.pending_before);
    assert_false(h.pending_after);
    assert_true(h.own_pending);
    assert_true(main_takes_it());
}

static void test_thread_directed_stays(void **state)
{
    struct helper h = { .how = TGKILL_THEN_BLOCK };

    (void)state;
    run_helper(&h);
    assert_true(h.pending_before);
    assert_true(h.own_pending);
    /* Gone with its thread, as in Linux. */
    assert_false(guest_sigpending() & BIT(SIGUSR1));
    assert_false(main_takes_it());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_passes_it_on),
        cmocka_unit_test(test_block_then_exit_passes_it_on),
        cmocka_unit_test(test_thread_directed_stays),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
