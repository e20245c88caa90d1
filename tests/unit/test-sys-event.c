/*
 * The "event" family (linux-user/sys-event.c) through lu_syscall():
 * timer values through guest memory in the kernel's order of errors
 * (the timer first, the output buffer last), POSIX timer ids written
 * to the guest, signalfd sizes, inotify paths, and the -strace lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "sys-fixture.h"

#define W(off) (sysfx_gwin + (off))

static void test_timerfd(void **state)
{
    (void)state;
    int64_t fd = sysfx_call(LU_NR_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC, 0, 0, 0, 0);
    assert_true(fd >= 0);
    assert_int_equal(fcntl((int)fd, F_GETFD), FD_CLOEXEC);
    struct itimerspec it = { { 7, 0 }, { 100, 0 } }, got;
    memcpy(sysfx_win, &it, sizeof(it));
    assert_int_equal(sysfx_call(LU_NR_timerfd_settime, fd, 0, W(0), 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_timerfd_gettime, fd, W(64), 0, 0, 0, 0), 0);
    memcpy(&got, sysfx_win + 64, sizeof(got));
    assert_int_equal(got.it_interval.tv_sec, 7);
    assert_true(got.it_value.tv_sec > 90 && got.it_value.tv_sec <= 100);
    /* old value: written after the timer is set, EFAULT if it cannot be */
    it.it_interval.tv_sec = 3;
    memcpy(sysfx_win, &it, sizeof(it));
    assert_int_equal(sysfx_call(LU_NR_timerfd_settime, fd, 0, W(0), W(SYSFX_RO), 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_timerfd_gettime, fd, W(64), 0, 0, 0, 0), 0);
    memcpy(&got, sysfx_win + 64, sizeof(got));
    assert_int_equal(got.it_interval.tv_sec, 3);
    assert_int_equal(sysfx_call(LU_NR_timerfd_settime, fd, 0, W(0), W(128), 0, 0), 0);
    memcpy(&got, sysfx_win + 128, sizeof(got));
    assert_int_equal(got.it_interval.tv_sec, 3);
    /* new value unreadable: EFAULT before anything */
    assert_int_equal(sysfx_call(LU_NR_timerfd_settime, fd, 0, W(SYSFX_UNMAPPED), 0, 0, 0), -EFAULT);
    /* not a timerfd: EINVAL even with a bad buffer */
    assert_int_equal(sysfx_call(LU_NR_timerfd_gettime, 0, W(SYSFX_RO), 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_timerfd_gettime, fd, W(SYSFX_RO), 0, 0, 0, 0), -EFAULT);
    close((int)fd);
}

static void test_posix_timer(void **state)
{
    (void)state;
    struct sigevent sev;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_NONE;
    memcpy(sysfx_win, &sev, sizeof(sev));
    memset(sysfx_win + 100, 0xff, 8);
    assert_int_equal(sysfx_call(LU_NR_timer_create, CLOCK_MONOTONIC, W(0), W(100), 0, 0, 0), 0);
    int id;
    memcpy(&id, sysfx_win + 100, 4);
    assert_true(id >= 0);
    assert_int_equal(sysfx_win[104], 0xff);            /* an int, no more */
    struct itimerspec it = { { 0, 0 }, { 50, 0 } }, got;
    memcpy(sysfx_win + 256, &it, sizeof(it));
    assert_int_equal(sysfx_call(LU_NR_timer_settime, id, 0, W(256), 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_timer_gettime, id, W(512), 0, 0, 0, 0), 0);
    memcpy(&got, sysfx_win + 512, sizeof(got));
    assert_true(got.it_value.tv_sec > 40 && got.it_value.tv_sec <= 50);
    assert_int_equal(sysfx_call(LU_NR_timer_getoverrun, id, 0, 0, 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_timer_gettime, id, W(SYSFX_RO), 0, 0, 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_timer_gettime, 123456, W(SYSFX_RO), 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_timer_settime, id, 0, W(SYSFX_UNMAPPED), 0, 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_timer_delete, id, 0, 0, 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_timer_delete, id, 0, 0, 0, 0, 0), -EINVAL);

    /* Errors: the sigevent is read first, the id written last. */
    assert_int_equal(sysfx_call(LU_NR_timer_create, 99, W(SYSFX_UNMAPPED), W(100), 0, 0, 0),
                     -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_timer_create, 99, W(0), W(SYSFX_RO), 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_timer_create, CLOCK_MONOTONIC, W(0), W(SYSFX_RO), 0, 0, 0),
                     -EFAULT);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = 65;
    memcpy(sysfx_win, &sev, sizeof(sev));
    assert_int_equal(sysfx_call(LU_NR_timer_create, CLOCK_MONOTONIC, W(0), W(100), 0, 0, 0),
                     -EINVAL);
}

static void test_signalfd_inotify_eventfd(void **state)
{
    (void)state;
    uint64_t mask = 1ull << (SIGUSR2 - 1);
    memcpy(sysfx_win, &mask, 8);
    assert_int_equal(sysfx_call(LU_NR_signalfd4, -1, W(0), 4, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_signalfd4, -1, W(SYSFX_UNMAPPED), 8, 0, 0, 0), -EFAULT);
    int64_t sfd = sysfx_call(LU_NR_signalfd4, -1, W(0), 8, O_NONBLOCK, 0, 0);
    assert_true(sfd >= 0);
    char buf[128];
    assert_int_equal(read((int)sfd, buf, sizeof(buf)), -1);
    assert_int_equal(errno, EAGAIN);
    close((int)sfd);

    int64_t in = sysfx_call(LU_NR_inotify_init1, IN_NONBLOCK, 0, 0, 0, 0, 0);
    assert_true(in >= 0);
    memcpy(sysfx_win + 64, "/tmp", 5);
    assert_true(sysfx_call(LU_NR_inotify_add_watch, in, W(64), IN_CREATE, 0, 0, 0) > 0);
    assert_int_equal(sysfx_call(LU_NR_inotify_add_watch, in, W(SYSFX_UNMAPPED), IN_CREATE, 0, 0, 0),
                     -EFAULT);
    close((int)in);

    int64_t efd = sysfx_call(LU_NR_eventfd2, 3, 1 /* EFD_SEMAPHORE */, 0, 0, 0, 0);
    assert_true(efd >= 0);
    uint64_t v = 0;
    assert_int_equal(read((int)efd, &v, 8), 8);
    assert_int_equal(v, 1);
    close((int)efd);

    /* adjtimex reads and writes the whole struct timex */
    memset(sysfx_win + 1024, 0, 208);
    assert_true(sysfx_call(LU_NR_adjtimex, W(1024), 0, 0, 0, 0, 0) >= 0);
    assert_int_equal(sysfx_call(LU_NR_adjtimex, W(SYSFX_RO), 0, 0, 0, 0, 0), -EFAULT);
}

static void test_strace(void **state)
{
    (void)state;
    assert_string_equal(sysfx_strace(LU_NR_timerfd_create, 12345, 0, 0, 0, 0, 0),
                        "timerfd_create(12345,0) = -1 EINVAL (Invalid argument)\n");
    assert_string_equal(sysfx_strace(LU_NR_timer_delete, 99999, 0, 0, 0, 0, 0),
                        "timer_delete(99999) = -1 EINVAL (Invalid argument)\n");
    assert_string_equal(sysfx_strace(LU_NR_signalfd4, -1, 0, 4, 0, 0, 0),
                        "signalfd4(-1,NULL,4,0) = -1 EINVAL (Invalid argument)\n");
    memcpy(sysfx_win, "/nonexistent", 13);
    assert_string_equal(sysfx_strace(LU_NR_inotify_add_watch, 9999, W(0), 0x100, 0, 0, 0),
                        "inotify_add_watch(9999,\"/nonexistent\",IN_CREATE) = -1 EBADF "
                        "(Bad file descriptor)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timerfd),
        cmocka_unit_test(test_posix_timer),
        cmocka_unit_test(test_signalfd_inotify_eventfd),
        cmocka_unit_test(test_strace),
    };
    return cmocka_run_group_tests(tests, sysfx_setup, sysfx_teardown);
}
