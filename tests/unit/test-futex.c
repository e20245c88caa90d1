/*
 * The "thread" family's futex and list calls (linux-user/futex.c,
 * sys-thread.c) through lu_syscall(): errors for bad, misaligned and
 * read-only-irrelevant addresses, a bad timeout pointer, EAGAIN and
 * ETIMEDOUT, a waiter on a guest word woken by a wake on the same
 * guest address (host threads standing for guest threads), requeue
 * counts, the refused operations, set/get_robust_list, set_tid_address,
 * clone3's ENOSYS (glibc then uses clone) and the -strace lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "sys-fixture.h"

#define W(off) (sysfx_gwin + (off))
#define WORD 64                 /* offsets in the window */
#define WORD2 128
#define TS 256

static uint32_t *word(unsigned off)
{
    return (uint32_t *)(sysfx_win + off);
}

static void test_errors(void **state)
{
    struct timespec ts = { 0, 1000 * 1000 };

    (void)state;
    *word(WORD) = 5;
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), FUTEX_WAIT, 4, 0, 0, 0), -EAGAIN);
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD + 1), FUTEX_WAIT, 5, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_futex, W(SYSFX_UNMAPPED), FUTEX_WAIT, 5, 0, 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), FUTEX_WAIT, 5, W(SYSFX_UNMAPPED), 0, 0),
                     -EFAULT);
    memcpy(sysfx_win + TS, &ts, sizeof(ts));
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), FUTEX_WAIT_PRIVATE, 5, W(TS), 0, 0),
                     -ETIMEDOUT);
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), FUTEX_WAKE, 10, 0, 0, 0), 0);
    /* A word on a read-only page can be waited on. */
    assert_int_equal(sysfx_call(LU_NR_futex, W(SYSFX_RO), FUTEX_WAIT, 1, 0, 0, 0), -EAGAIN);
    /* uaddr2 of a requeue is checked as well. */
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), FUTEX_CMP_REQUEUE, 1, 1,
                                W(SYSFX_UNMAPPED), 5), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), FUTEX_CMP_REQUEUE, 1, 1, W(WORD2), 4),
                     -EAGAIN);
}

static void test_refused(void **state)
{
    (void)state;
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), FUTEX_FD, 0, 0, 0, 0), -ENOSYS);
    assert_non_null(strstr(sysfx_unimp, "futex"));
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), 99, 0, 0, 0, 0), -ENOSYS);
    assert_int_equal(sysfx_call(LU_NR_clone3, W(0), 88, 0, 0, 0, 0), -ENOSYS);
}

static void *waiter(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)sysfx_call(LU_NR_futex, W(WORD), FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
}

static void test_wait_wake_requeue(void **state)
{
    pthread_t t;
    void *r;
    long moved = 0;

    (void)state;
    *word(WORD) = 0;
    assert_int_equal(pthread_create(&t, NULL, waiter, NULL), 0);
    /* Once it sleeps, a requeue moves it to WORD2 (counted)... */
    while (moved == 0) {
        moved = sysfx_call(LU_NR_futex, W(WORD), FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, W(WORD2), 0);
        if (moved == 0)
            sched_yield();
    }
    assert_int_equal(moved, 1);
    /* ...where a wake of the old word finds nobody, and of the new one
     * finds it. */
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD), FUTEX_WAKE_PRIVATE, 1, 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_futex, W(WORD2), FUTEX_WAKE_PRIVATE, 1, 0, 0, 0), 1);
    pthread_join(t, &r);
    assert_int_equal((intptr_t)r, 0);
}

static void test_lists_and_tid(void **state)
{
    (void)state;
    assert_int_equal(sysfx_call(LU_NR_set_robust_list, W(512), 23, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_set_robust_list, W(512), 24, 0, 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_get_robust_list, 0, W(600), W(608), 0, 0, 0), 0);
    assert_true(*(uint64_t *)(sysfx_win + 600) == W(512));
    assert_true(*(uint64_t *)(sysfx_win + 608) == 24);
    assert_int_equal(sysfx_call(LU_NR_get_robust_list, 0, W(SYSFX_RO), W(608), 0, 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_get_robust_list, 1, W(600), W(608), 0, 0, 0), -EPERM);
    assert_int_equal(sysfx_call(LU_NR_set_tid_address, W(700), 0, 0, 0, 0, 0), gettid());
    assert_int_equal(sysfx_call(LU_NR_set_tid_address, 0, 0, 0, 0, 0, 0), gettid());
    assert_int_equal(sysfx_call(LU_NR_set_robust_list, 0, 24, 0, 0, 0, 0), 0);
}

static void test_strace(void **state)
{
    (void)state;
    assert_string_equal(sysfx_strace(LU_NR_futex, 0x1000, 129, 1, 0, 0, 0),
                        "futex(0x1000,FUTEX_WAKE|FUTEX_PRIVATE_FLAG,1,0,NULL,0) = -1 EFAULT (Bad address)\n");
    assert_string_equal(sysfx_strace(LU_NR_clone3, 0x2000, 88, 0, 0, 0, 0),
                        "clone3(0x2000,88) = -1 ENOSYS (Function not implemented)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_wait_wake_requeue),
        cmocka_unit_test(test_lists_and_tid),
        cmocka_unit_test(test_strace),
    };

    return cmocka_run_group_tests(tests, sysfx_setup, sysfx_teardown);
}
