/*
 * Tests of accel/user/mmap-lock.c: recursion, exclusion between threads,
 * and the fork protocol (each fork is waited for, and the child is
 * bounded by alarm()).
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "uemu/mmap-lock.h"

#define CHILD_ALARM_SECONDS 10

static void test_recursion(void **state)
{
    (void)state;
    assert_false(mmap_lock_held());
    mmap_lock();
    mmap_lock();
    assert_true(mmap_lock_held());
    mmap_unlock();
    assert_true(mmap_lock_held());
    mmap_unlock();
    assert_false(mmap_lock_held());
}

static atomic_int other_started, other_acquired;

static void *other_thread(void *arg)
{
    (void)arg;
    atomic_store(&other_started, 1);
    mmap_lock();
    atomic_store(&other_acquired, 1);
    bool held = mmap_lock_held();
    mmap_unlock();
    return held ? (void *)1 : NULL;
}

static void test_other_thread_blocks(void **state)
{
    pthread_t t;
    void *ret;

    (void)state;
    atomic_store(&other_started, 0);
    atomic_store(&other_acquired, 0);
    mmap_lock();
    mmap_lock();
    assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
    while (!atomic_load(&other_started)) {
        sched_yield();
    }
    /* Give the other thread every chance to (wrongly) get in. */
    usleep(50000);
    assert_int_equal(atomic_load(&other_acquired), 0);
    mmap_unlock();
    usleep(20000);
    assert_int_equal(atomic_load(&other_acquired), 0);
    mmap_unlock();
    assert_int_equal(pthread_join(t, &ret), 0);
    assert_int_equal(atomic_load(&other_acquired), 1);
    assert_ptr_equal(ret, (void *)1);
    assert_false(mmap_lock_held());
}

/* Wait for pid; returns its wait status. */
static int wait_child(pid_t pid)
{
    int status;

    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void test_fork_protocol(void **state)
{
    (void)state;
    mmap_fork_start();
    assert_true(mmap_lock_held());
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(CHILD_ALARM_SECONDS);
        mmap_fork_end(true);
        if (mmap_lock_held()) {
            _exit(2);
        }
        mmap_lock();
        mmap_lock();
        bool ok = mmap_lock_held();
        mmap_unlock();
        mmap_unlock();
        _exit(ok && !mmap_lock_held() ? 0 : 3);
    }
    mmap_fork_end(false);
    assert_false(mmap_lock_held());
    int status = wait_child(pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    /* The parent's lock works as before. */
    mmap_lock();
    assert_true(mmap_lock_held());
    mmap_unlock();
}

/* Another thread holds the lock at fork time: fork waits for it. */
static void *hold_then_release(void *arg)
{
    (void)arg;
    mmap_lock();
    atomic_store(&other_acquired, 1);
    while (!atomic_load(&other_started)) {
        sched_yield();
    }
    usleep(20000);
    atomic_store(&other_acquired, 2);
    mmap_unlock();
    return NULL;
}

static void test_fork_waits_for_holder(void **state)
{
    pthread_t t;

    (void)state;
    atomic_store(&other_started, 0);
    atomic_store(&other_acquired, 0);
    assert_int_equal(pthread_create(&t, NULL, hold_then_release, NULL), 0);
    while (atomic_load(&other_acquired) == 0) {
        sched_yield();
    }
    atomic_store(&other_started, 1);
    mmap_fork_start();
    /* Only reachable after the holder released. */
    assert_int_equal(atomic_load(&other_acquired), 2);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(CHILD_ALARM_SECONDS);
        mmap_fork_end(true);
        mmap_lock();
        mmap_unlock();
        _exit(0);
    }
    mmap_fork_end(false);
    int status = wait_child(pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
}

/* Forking while holding the lock aborts (checked in a child). */
static void test_fork_while_held_aborts(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(CHILD_ALARM_SECONDS);
        /* Keep the expected abort message out of the test output. */
        close(2);
        mmap_lock();
        mmap_fork_start();
        _exit(0);
    }
    int status = wait_child(pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void test_unlock_without_lock_aborts(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(CHILD_ALARM_SECONDS);
        close(2);
        mmap_unlock();
        _exit(0);
    }
    int status = wait_child(pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recursion),
        cmocka_unit_test(test_other_thread_blocks),
        cmocka_unit_test(test_fork_protocol),
        cmocka_unit_test(test_fork_waits_for_holder),
        cmocka_unit_test(test_fork_while_held_aborts),
        cmocka_unit_test(test_unlock_without_lock_aborts),
    };
    return cmocka_run_group_tests_name("mmap-lock", tests, NULL, NULL);
}
