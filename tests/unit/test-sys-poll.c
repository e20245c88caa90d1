/*
 * The "poll" family (linux-user/sys-poll.c) through lu_syscall(): the
 * asm-generic 16-byte struct epoll_event in guest memory, bad guest
 * pointers as EFAULT before anything is consumed, sigset sizes, the
 * time left written back, and the -strace lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "sys-fixture.h"

#define W(off) (sysfx_gwin + (off))

struct g_epoll_event {
    uint32_t events, pad;
    uint64_t data;
};

static void test_epoll_layout(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    int ep = (int)sysfx_call(LU_NR_epoll_create1, EPOLL_CLOEXEC, 0, 0, 0, 0, 0);
    assert_true(ep >= 0);
    struct g_epoll_event ev = { EPOLLIN | EPOLLET, 0xdeadbeef, 0x1122334455667788ull };
    memcpy(sysfx_win, &ev, sizeof(ev));
    assert_int_equal(sysfx_call(LU_NR_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], W(0), 0, 0), 0);
    assert_int_equal(write(p[1], "x", 1), 1);

    /* The output array reaching into the read-only page: EFAULT, and
     * the edge-triggered event is still there afterwards. */
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(SYSFX_RO - 16), 2, 0, 0, 8), -EFAULT);
    memset(sysfx_win + 256, 0xaa, 64);
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(256), 4, 0, 0, 8), 1);
    struct g_epoll_event out;
    memcpy(&out, sysfx_win + 256, sizeof(out));
    assert_int_equal(out.events, EPOLLIN);
    assert_int_equal(out.pad, 0);
    assert_true(out.data == 0x1122334455667788ull);
    assert_int_equal(sysfx_win[256 + 16], 0xaa);        /* one event written, no more */
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(256), 4, 0, 0, 8), 0);

    /* epoll_pwait2 with a zero timespec polls. */
    struct timespec zero = { 0, 0 };
    memcpy(sysfx_win + 512, &zero, sizeof(zero));
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait2, ep, W(256), 4, W(512), 0, 8), 0);
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait2, ep, W(256), 4, W(SYSFX_UNMAPPED), 0, 8),
                     -EFAULT);

    /* MOD reads the new data word; DEL ignores the event pointer. */
    ev.data = 0xfedcba9876543210ull;
    ev.events = EPOLLIN;
    memcpy(sysfx_win, &ev, sizeof(ev));
    assert_int_equal(sysfx_call(LU_NR_epoll_ctl, ep, EPOLL_CTL_MOD, p[0], W(0), 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(256), 1, 0, 0, 8), 1);
    memcpy(&out, sysfx_win + 256, sizeof(out));
    assert_true(out.data == 0xfedcba9876543210ull);
    assert_int_equal(sysfx_call(LU_NR_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], W(SYSFX_UNMAPPED), 0, 0),
                     -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], W(SYSFX_UNMAPPED), 0, 0),
                     0);

    /* maxevents and sigset size */
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(256), 0, 0, 0, 8), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(256), -1, 0, 0, 8), -EINVAL);
    memset(sysfx_win + 1024, 0, 8);
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(256), 1, 0, W(1024), 4), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(256), 1, 0, W(SYSFX_UNMAPPED), 8),
                     -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_epoll_pwait, ep, W(256), 1, 0, W(1024), 8), 0);
    close(ep);
    close(p[0]);
    close(p[1]);
}

static void test_ppoll(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    struct pollfd fds[2] = { { p[0], POLLIN, 0x55 }, { p[1], POLLOUT, 0x55 } };
    memcpy(sysfx_win, fds, sizeof(fds));
    assert_int_equal(sysfx_call(LU_NR_ppoll, W(0), 2, 0, 0, 8, 0), 1);
    memcpy(fds, sysfx_win, sizeof(fds));
    assert_int_equal(fds[0].revents, 0);
    assert_int_equal(fds[1].revents, POLLOUT);

    /* An expired timeout is written back as zero. */
    struct timespec ts = { 0, 1000 };
    memcpy(sysfx_win + 64, &ts, sizeof(ts));
    assert_int_equal(sysfx_call(LU_NR_ppoll, W(0), 1, W(64), 0, 8, 0), 0);
    memcpy(&ts, sysfx_win + 64, sizeof(ts));
    assert_int_equal(ts.tv_sec, 0);
    assert_int_equal(ts.tv_nsec, 0);
    /* A timeout in read-only memory is read; writing back fails quietly. */
    memcpy(&ts, &(struct timespec){ 0, 1000 }, sizeof(ts));
    memcpy(sysfx_win + SYSFX_RO, &ts, sizeof(ts));
    assert_int_equal(sysfx_call(LU_NR_ppoll, W(0), 1, W(SYSFX_RO), 0, 8, 0), 0);

    /* pollfds must be writable; sigset size 8; nfds above the limit. */
    assert_int_equal(sysfx_call(LU_NR_ppoll, W(SYSFX_RO), 1, W(64), 0, 8, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_ppoll, W(SYSFX_UNMAPPED - 4), 1, W(64), 0, 8, 0), -EFAULT);
    memset(sysfx_win + 128, 0, 8);
    assert_int_equal(sysfx_call(LU_NR_ppoll, W(0), 1, W(64), W(128), 16, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_ppoll, W(0), 1, W(64), W(SYSFX_UNMAPPED), 8, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_ppoll, W(0), 1u << 30, 0, 0, 8, 0), -EINVAL);
    close(p[0]);
    close(p[1]);
}

static void test_pselect6(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write(p[1], "x", 1), 1);
    uint64_t rset = 1ull << p[0], wset = 1ull << p[1];
    memcpy(sysfx_win, &rset, 8);
    memcpy(sysfx_win + 8, &wset, 8);
    int n = p[0] > p[1] ? p[0] + 1 : p[1] + 1;
    assert_int_equal(sysfx_call(LU_NR_pselect6, n, W(0), W(8), 0, 0, 0), 2);

    /* {sigset pointer, size}: size must be 8, both must be readable. */
    uint64_t sig[2] = { sysfx_gwin + 64, 4 };
    memset(sysfx_win + 64, 0, 8);
    memcpy(sysfx_win + 32, sig, sizeof(sig));
    assert_int_equal(sysfx_call(LU_NR_pselect6, n, W(0), 0, 0, 0, W(32)), -EINVAL);
    sig[1] = 8;
    memcpy(sysfx_win + 32, sig, sizeof(sig));
    assert_int_equal(sysfx_call(LU_NR_pselect6, n, W(0), 0, 0, 0, W(32)), 1);
    assert_int_equal(sysfx_call(LU_NR_pselect6, n, W(0), 0, 0, 0, W(SYSFX_UNMAPPED)), -EFAULT);
    sig[0] = sysfx_gwin + SYSFX_UNMAPPED;
    memcpy(sysfx_win + 32, sig, sizeof(sig));
    assert_int_equal(sysfx_call(LU_NR_pselect6, n, W(0), 0, 0, 0, W(32)), -EFAULT);
    /* A NULL sigset pointer is no mask at all. */
    sig[0] = 0;
    sig[1] = 12345;
    memcpy(sysfx_win + 32, sig, sizeof(sig));
    assert_int_equal(sysfx_call(LU_NR_pselect6, n, W(0), 0, 0, 0, W(32)), 1);

    /* The sets are read and written. */
    assert_int_equal(sysfx_call(LU_NR_pselect6, n, W(SYSFX_RO), 0, 0, 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_pselect6, -1, 0, 0, 0, 0, 0), -EINVAL);
    struct timespec ts = { 0, 1000 };
    memcpy(sysfx_win + 128, &ts, sizeof(ts));
    uint64_t none = 0;
    memcpy(sysfx_win + 256, &none, 8);
    assert_int_equal(sysfx_call(LU_NR_pselect6, 1, W(256), 0, 0, W(128), 0), 0);
    memcpy(&ts, sysfx_win + 128, sizeof(ts));
    assert_int_equal(ts.tv_nsec, 0);
    close(p[0]);
    close(p[1]);
}

static void test_strace(void **state)
{
    (void)state;
    char want[256];

    snprintf(want, sizeof(want), "ppoll(0x%llx,1,NULL,NULL,8) = -1 EFAULT (Bad address)\n",
             (unsigned long long)W(SYSFX_UNMAPPED));
    assert_string_equal(sysfx_strace(LU_NR_ppoll, W(SYSFX_UNMAPPED), 1, 0, 0, 8, 0), want);
    assert_string_equal(sysfx_strace(LU_NR_epoll_ctl, 9999, 2, 5, 0, 0, 0),
                        "epoll_ctl(9999,EPOLL_CTL_DEL,5,NULL) = -1 EBADF (Bad file descriptor)\n");
    assert_string_equal(sysfx_strace(LU_NR_epoll_create1, 1, 0, 0, 0, 0, 0),
                        "epoll_create1(0x1) = -1 EINVAL (Invalid argument)\n");
    assert_string_equal(sysfx_strace(LU_NR_pselect6, -1, 0, 0, 0, 0, 0),
                        "pselect6(-1,NULL,NULL,NULL,NULL,NULL) = -1 EINVAL (Invalid argument)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoll_layout),
        cmocka_unit_test(test_ppoll),
        cmocka_unit_test(test_pselect6),
        cmocka_unit_test(test_strace),
    };
    return cmocka_run_group_tests(tests, sysfx_setup, sysfx_teardown);
}
