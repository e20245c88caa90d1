/*
 * linux-user/sys-wait.c through lu_syscall(): wait4 and waitid on real
 * host children with the status, rusage and siginfo in guest memory
 * (exact fields, bytes the kernel does not write left alone, EFAULT for
 * a read-only status word before any child is reaped), the prctl table
 * (names from and to guest memory, EFAULT, options refused with and
 * without a -d unimp report, the riscv64 icache option), getgroups /
 * setgroups argument checks, setfsuid, and pidfds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user.h"
#include "uemu/page-table.h"

#define PG 4096
#define NPAGES 8

static uint8_t *win;            /* host memory of the window */
static guest_addr gwin;         /* its guest address (guest_base is 0) */
static char unimp_msg[256];

static void record_unimp(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(unimp_msg, sizeof(unimp_msg), fmt, ap);
    va_end(ap);
}

static int64_t sys(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
    const uint64_t args[6] = { a0, a1, a2, a3, a4, 0 };
    return lu_syscall(nr, args);
}

/* Pages 0-5 read/write, page 6 read-only, page 7 unmapped. */
static int setup(void **state)
{
    (void)state;
    struct guest_space_config cfg = { 0 };
    assert_int_equal(guest_space_init(&cfg), 0);
    win = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(win != MAP_FAILED);
    gwin = h2g(win);
    page_table_set(guest_pages, gwin, gwin + 6 * PG - 1, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    page_table_set(guest_pages, gwin + 6 * PG, gwin + 7 * PG - 1, PAGE_VALID | PAGE_READ);
    lu_set_unimp_logger(record_unimp);
    lu_set_abi(&lu_abi_riscv64);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    page_table_clear(guest_pages, gwin, gwin + NPAGES * PG - 1);
    munmap(win, NPAGES * PG);
    guest_space_reset();
    return 0;
}

/* A host child that exits with code, or waits for a signal when code < 0. */
static pid_t child(int code)
{
    pid_t p = fork();
    assert_true(p >= 0);
    if (p == 0) {
        if (code < 0)
            for (;;)
                pause();
        _exit(code);
    }
    return p;
}

static void test_wait4(void **state)
{
    (void)state;
    pid_t p = child(7);
    int status;
    struct rusage ru;

    memset(win, 0xa5, PG);
    assert_int_equal(sys(LU_NR_wait4, (uint64_t)p, gwin, 0, gwin + 64, 0), p);
    memcpy(&status, win, sizeof(status));
    memcpy(&ru, win + 64, sizeof(ru));
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 7);
    assert_true(ru.ru_maxrss > 0);
    assert_true(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);

    /* Killed: the signal in the status word. */
    p = child(-1);
    kill(p, SIGKILL);
    assert_int_equal(sys(LU_NR_wait4, (uint64_t)p, gwin, 0, 0, 0), p);
    memcpy(&status, win, sizeof(status));
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);

    /* WNOHANG with the child running; NULL status. */
    p = child(-1);
    assert_int_equal(sys(LU_NR_wait4, (uint64_t)p, 0, WNOHANG, 0, 0), 0);
    /* A read-only status word: EFAULT, and the child is still there. */
    kill(p, SIGTERM);
    assert_int_equal(sys(LU_NR_wait4, (uint64_t)p, gwin + 6 * PG, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_wait4, (uint64_t)p, gwin + 7 * PG, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_wait4, (uint64_t)p, 0, 0, gwin + 6 * PG, 0), -EFAULT);
    assert_int_equal(waitpid(p, &status, 0), p);
    assert_int_equal(WTERMSIG(status), SIGTERM);
    assert_int_equal(sys(LU_NR_wait4, (uint64_t)-1, 0, 0, 0, 0), -ECHILD);
    assert_int_equal(sys(LU_NR_wait4, (uint64_t)-1, 0, 0x4000, 0, 0), -EINVAL);
}

static void test_waitid(void **state)
{
    (void)state;
    pid_t p = child(3);
    siginfo_t si;

    memset(win, 0xa5, PG);
    assert_int_equal(sys(LU_NR_waitid, P_PID, (uint64_t)p, gwin, WEXITED | WNOWAIT, 0), 0);
    assert_int_equal(sys(LU_NR_waitid, P_PID, (uint64_t)p, gwin, WEXITED, gwin + 256), 0);
    memcpy(&si, win, sizeof(si));
    assert_int_equal(si.si_signo, SIGCHLD);
    assert_int_equal(si.si_errno, 0);
    assert_int_equal(si.si_code, CLD_EXITED);
    assert_int_equal(si.si_pid, p);
    assert_int_equal(si.si_uid, getuid());
    assert_int_equal(si.si_status, 3);
    for (size_t i = 32; i < sizeof(si); i++)
        assert_int_equal(win[i], 0xa5);

    /* Nothing to report with WNOHANG: 0 and the fields zeroed. */
    p = child(-1);
    assert_int_equal(sys(LU_NR_waitid, P_PID, (uint64_t)p, gwin, WEXITED | WNOHANG, 0), 0);
    memcpy(&si, win, sizeof(si));
    assert_int_equal(si.si_signo, 0);
    assert_int_equal(si.si_pid, 0);
    assert_int_equal(sys(LU_NR_waitid, P_PID, (uint64_t)p, gwin + 6 * PG, WEXITED, 0), -EFAULT);
    /* Through a pidfd, signalled through it. */
    int fd = (int)sys(LU_NR_pidfd_open, (uint64_t)p, 0, 0, 0, 0);
    assert_true(fd >= 0);
    assert_int_equal(sys(LU_NR_pidfd_send_signal, (uint64_t)fd, SIGUSR1, 0, 0, 0), 0);
    assert_int_equal(sys(LU_NR_pidfd_send_signal, (uint64_t)fd, SIGUSR1, gwin + 7 * PG, 0, 0),
                     -EFAULT);
    assert_int_equal(sys(LU_NR_waitid, 3 /* P_PIDFD */, (uint64_t)fd, gwin, WEXITED, 0), 0);
    memcpy(&si, win, sizeof(si));
    assert_int_equal(si.si_code, CLD_KILLED);
    assert_int_equal(si.si_status, SIGUSR1);
    close(fd);
    assert_int_equal(sys(LU_NR_waitid, P_ALL, 0, gwin, 0, 0), -EINVAL);
}

static void test_prctl_name(void **state)
{
    (void)state;
    char saved[16];
    assert_int_equal(prctl(PR_GET_NAME, saved, 0, 0, 0), 0);

    strcpy((char *)win, "unit-name-that-is-long");
    assert_int_equal(sys(LU_NR_prctl, PR_SET_NAME, gwin, 0, 0, 0), 0);
    memset(win + 100, 0x5a, 32);
    assert_int_equal(sys(LU_NR_prctl, PR_GET_NAME, gwin + 100, 0, 0, 0), 0);
    assert_string_equal((char *)win + 100, "unit-name-that-");
    assert_int_equal(win[116], 0x5a);       /* 16 bytes written, no more */
    /* A name running into unmapped memory; one ending just before it. */
    memset(win + 7 * PG - 3, 'x', 3);
    assert_int_equal(sys(LU_NR_prctl, PR_SET_NAME, gwin + 7 * PG - 3, 0, 0, 0), -EFAULT);
    win[6 * PG - 1] = 0;
    memcpy(win + 6 * PG - 4, "abc", 4);
    assert_int_equal(sys(LU_NR_prctl, PR_SET_NAME, gwin + 6 * PG - 4, 0, 0, 0), 0);
    assert_int_equal(sys(LU_NR_prctl, PR_GET_NAME, gwin + 6 * PG, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_prctl, PR_GET_NAME, gwin, 0, 0, 0), 0);
    assert_string_equal((char *)win, "abc");
    assert_int_equal(prctl(PR_SET_NAME, saved, 0, 0, 0), 0);
}

static void test_prctl_table(void **state)
{
    (void)state;
    int v;

    assert_int_equal(sys(LU_NR_prctl, PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0), 0);
    assert_int_equal(sys(LU_NR_prctl, PR_GET_PDEATHSIG, gwin, 0, 0, 0), 0);
    memcpy(&v, win, sizeof(v));
    assert_int_equal(v, SIGUSR2);
    assert_int_equal(sys(LU_NR_prctl, PR_GET_PDEATHSIG, gwin + 6 * PG, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_prctl, PR_SET_PDEATHSIG, 0, 0, 0, 0), 0);
    assert_int_equal(sys(LU_NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0),
                     prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));

    unimp_msg[0] = 0;
    assert_int_equal(sys(LU_NR_prctl, 12345, 0, 0, 0, 0), -EINVAL);
    assert_string_equal(unimp_msg, "prctl: unknown option 12345");
    assert_int_equal(sys(LU_NR_prctl, PR_SET_SECCOMP, 2, 0, 0, 0), -EINVAL);
    assert_string_equal(unimp_msg, "prctl: PR_SET_SECCOMP is not emulated");
    /* Features the hart lacks: EINVAL as from its kernel, no report. */
    unimp_msg[0] = 0;
    assert_int_equal(sys(LU_NR_prctl, 70 /* PR_RISCV_V_GET_CONTROL */, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_prctl, PR_GET_TSC, gwin, 0, 0, 0), -EINVAL);
    assert_string_equal(unimp_msg, "");
    /* PR_RISCV_SET_ICACHE_FLUSH_CTX: ctx and scope 0 or 1, riscv64 only. */
    assert_int_equal(sys(LU_NR_prctl, 71, 0, 0, 0, 0), 0);
    assert_int_equal(sys(LU_NR_prctl, 71, 1, 1, 0, 0), 0);
    assert_int_equal(sys(LU_NR_prctl, 71, 2, 0, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_prctl, 71, 0, 2, 0, 0), -EINVAL);
    lu_set_abi(&lu_abi_aarch64);
    assert_int_equal(sys(LU_NR_prctl, 71, 0, 0, 0, 0), -EINVAL);
    lu_set_abi(&lu_abi_riscv64);
}

static void test_groups_and_ids(void **state)
{
    (void)state;
    int n = getgroups(0, NULL);

    assert_int_equal(sys(LU_NR_getgroups, 0, 0, 0, 0, 0), n);
    assert_int_equal(sys(LU_NR_getgroups, (uint64_t)-1, gwin, 0, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_getgroups, (uint64_t)n + 4, gwin, 0, 0, 0), n);
    if (n > 0) {
        assert_int_equal(sys(LU_NR_getgroups, (uint64_t)n - 1, gwin, 0, 0, 0), -EINVAL);
        assert_int_equal(sys(LU_NR_getgroups, (uint64_t)n, gwin + 6 * PG, 0, 0, 0), -EFAULT);
    }
    assert_int_equal(sys(LU_NR_setgroups, (uint64_t)-1, gwin, 0, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_setgroups, 65537, gwin, 0, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_setgroups, 1, gwin + 7 * PG, 0, 0, 0), -EFAULT);
    /* setfsuid(-1) changes nothing and tells the current fsuid. */
    assert_int_equal(sys(LU_NR_setfsuid, (uint64_t)-1, 0, 0, 0, 0), (int64_t)geteuid());
    assert_int_equal(sys(LU_NR_setfsgid, (uint64_t)-1, 0, 0, 0, 0), (int64_t)getegid());
    /* Setting the ids one already has always succeeds. */
    assert_int_equal(sys(LU_NR_setresuid, (uint64_t)-1, (uint64_t)-1, (uint64_t)-1, 0, 0), 0);
    assert_int_equal(sys(LU_NR_setregid, (uint64_t)-1, (uint64_t)-1, 0, 0, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wait4),
        cmocka_unit_test(test_waitid),
        cmocka_unit_test(test_prctl_name),
        cmocka_unit_test(test_prctl_table),
        cmocka_unit_test(test_groups_and_ids),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
