/*
 * uemu's own descriptor (the -D log at LOG_FD_MIN or above) is not the
 * guest's (linux-user/sys-file.c, lu_fd_hide_own): the guest's soft
 * RLIMIT_NOFILE ends below it, so dup3 onto it fails with EBADF and
 * F_DUPFD from it with EINVAL (the kernel's answers at the limit);
 * close, dup, fcntl on it fail with EBADF; close_range over it closes
 * the guest's descriptors around it and leaves the log open, which
 * still takes lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "sys-fixture.h"
#include "uemu/linux-user.h"
#include "uemu/log.h"
#include "uemu/options.h"

static char path[] = "/tmp/uemu-own-fd-XXXXXX";
static struct rlimit saved;

static int setup(void **state)
{
    int fd = mkstemp(path);

    if (fd < 0 || getrlimit(RLIMIT_NOFILE, &saved) < 0)
        return -1;
    close(fd);
    if (sysfx_setup(state) < 0 || log_open(path, LOG_STRACE) < 0)
        return -1;
    lu_fd_hide_own();
    return 0;
}

static int teardown(void **state)
{
    log_close();
    unlink(path);
    setrlimit(RLIMIT_NOFILE, &saved);
    return sysfx_teardown(state);
}

static void test_guest_cannot_reach_the_log(void **state)
{
    int own = log_fileno();
    uint64_t rl[2];
    static char buf[65536];
    int fd;

    (void)state;
    if (own < LOG_FD_MIN || saved.rlim_cur <= (rlim_t)own)
        skip();
    assert_int_equal(sysfx_call(LU_NR_prlimit64, 0, RLIMIT_NOFILE, 0, sysfx_gwin, 0, 0), 0);
    memcpy(rl, sysfx_win, sizeof(rl));
    assert_int_equal(rl[0], own);
    assert_int_equal(sysfx_call(LU_NR_dup3, 1, own, 0, 0, 0, 0), -EBADF);
    assert_int_equal(sysfx_call(LU_NR_dup3, own, 100, 0, 0, 0, 0), -EBADF);
    assert_int_equal(sysfx_call(LU_NR_dup, own, 0, 0, 0, 0, 0), -EBADF);
    assert_int_equal(sysfx_call(LU_NR_fcntl, own, F_GETFD, 0, 0, 0, 0), -EBADF);
    assert_int_equal(sysfx_call(LU_NR_fcntl, 1, F_DUPFD, own, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_close, own, 0, 0, 0, 0, 0), -EBADF);

    /* A guest that raised its limit again: still not its descriptor,
     * and close_range over it closes the guest's on both sides. */
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &saved), 0);
    assert_int_equal(sysfx_call(LU_NR_dup3, 1, own, 0, 0, 0, 0), -EBADF);
    assert_int_equal(sysfx_call(LU_NR_close, own, 0, 0, 0, 0, 0), -EBADF);
    assert_int_equal(dup2(1, own - 1), own - 1);
    assert_int_equal(dup2(1, own + 1), own + 1);
    assert_int_equal(sysfx_call(LU_NR_close_range, own - 1, ~0u, 0, 0, 0, 0), 0);
    assert_true(fcntl(own - 1, F_GETFD) < 0 && errno == EBADF);
    assert_true(fcntl(own + 1, F_GETFD) < 0 && errno == EBADF);
    assert_true(fcntl(own, F_GETFD) >= 0);
    assert_int_equal(sysfx_call(LU_NR_close_range, own, own, 0, 0, 0, 0), 0);
    assert_true(fcntl(own, F_GETFD) >= 0);
    assert_int_equal(sysfx_call(LU_NR_close_range, own + 1, own, 0, 0, 0, 0), -EINVAL);

    log_printf("still logging\n");
    log_flush();
    fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_true(read(fd, buf, sizeof(buf) - 1) > 0);
    close(fd);
    assert_non_null(strstr(buf, "still logging"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guest_cannot_reach_the_log),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
