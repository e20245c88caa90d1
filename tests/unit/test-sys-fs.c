/*
 * The "fs" family (linux-user/sys-fs.c) through lu_syscall(): struct
 * statfs written in place, lengths the kernel decides copied exactly
 * (sched_getaffinity, getxattr), the kernel's order of errors, the
 * deliberate refusals (rseq, membarrier's SYNC_CORE and RSEQ commands)
 * and the -strace lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "sys-fixture.h"

#define W(off) (sysfx_gwin + (off))

static uint64_t gstr(size_t off, const char *s)
{
    memcpy(sysfx_win + off, s, strlen(s) + 1);
    return W(off);
}

static void test_statfs(void **state)
{
    (void)state;
    struct statfs host, guest;
    assert_int_equal(statfs("/", &host), 0);
    assert_int_equal(sysfx_call(LU_NR_statfs, gstr(0, "/"), W(256), 0, 0, 0, 0), 0);
    memcpy(&guest, sysfx_win + 256, sizeof(guest));
    assert_int_equal(guest.f_type, host.f_type);
    assert_int_equal(guest.f_bsize, host.f_bsize);
    assert_int_equal(guest.f_namelen, host.f_namelen);
    assert_memory_equal(&guest.f_fsid, &host.f_fsid, sizeof(host.f_fsid));
    /* 120 bytes, the last of them in the read-only page: EFAULT */
    assert_int_equal(sysfx_call(LU_NR_statfs, W(0), W(SYSFX_RO - 119), 0, 0, 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_statfs, W(0), W(SYSFX_RO - 120), 0, 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_statfs, W(SYSFX_UNMAPPED), W(256), 0, 0, 0, 0), -EFAULT);
    int fd = open("/", O_RDONLY);
    assert_int_equal(sysfx_call(LU_NR_fstatfs, fd, W(512), 0, 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_fstatfs, fd, W(SYSFX_RO), 0, 0, 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_fstatfs, -1, W(512), 0, 0, 0, 0), -EBADF);
    close(fd);
}

static void test_affinity(void **state)
{
    (void)state;
    int64_t len = sysfx_call(LU_NR_sched_getaffinity, 0, 1024, W(0), 0, 0, 0);
    assert_true(len > 0 && len % 8 == 0 && len <= 1024);
    /* The kernel writes only len bytes: a larger size whose tail is
     * read-only still succeeds; bytes after len are left alone. */
    memset(sysfx_win + SYSFX_RO - len - 8, 0x77, 8 + len);
    assert_int_equal(sysfx_call(LU_NR_sched_getaffinity, 0, 4096, W(SYSFX_RO - len), 0, 0, 0),
                     len);
    assert_memory_equal(sysfx_win + SYSFX_RO - len, sysfx_win, len);
    assert_int_equal(sysfx_win[SYSFX_RO - len - 1], 0x77);
    assert_int_equal(sysfx_call(LU_NR_sched_getaffinity, 0, len, W(SYSFX_RO - len + 8), 0, 0, 0),
                     -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_sched_getaffinity, 0, 12, W(0), 0, 0, 0), -EINVAL);
    /* Setting the mask read back is no change. */
    assert_int_equal(sysfx_call(LU_NR_sched_setaffinity, 0, len, W(0), 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_sched_setaffinity, 0, 8, W(SYSFX_UNMAPPED), 0, 0, 0),
                     -EFAULT);
    /* Parameters: NULL is EINVAL, a bad pointer EFAULT. */
    assert_int_equal(sysfx_call(LU_NR_sched_getparam, 0, 0, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_sched_getparam, 0, W(SYSFX_RO), 0, 0, 0, 0), -EFAULT);
    assert_int_equal(sysfx_call(LU_NR_sched_getparam, 0, W(0), 0, 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_sched_getscheduler, 0, 0, 0, 0, 0, 0), sched_getscheduler(0));
    assert_int_equal(sysfx_call(LU_NR_sched_get_priority_max, SCHED_FIFO, 0, 0, 0, 0, 0), 99);
    assert_int_equal(sysfx_call(LU_NR_sched_getattr, 0, W(0), 47, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_sched_getattr, 0, W(0), 4097, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_sched_getattr, 0, W(0), 48, 0, 0, 0), 0);
    uint32_t size;
    memcpy(&size, sysfx_win, 4);
    assert_true(size >= 48);
    assert_int_equal(sysfx_call(LU_NR_sched_setattr, 0, W(SYSFX_UNMAPPED), 0, 0, 0, 0), -EFAULT);
}

static void test_refusals(void **state)
{
    (void)state;
    sysfx_unimp[0] = 0;
    assert_int_equal(sysfx_call(LU_NR_rseq, W(0), 32, 0, 0x53053053, 0, 0), -ENOSYS);
    assert_string_equal(sysfx_unimp, "");           /* refused, not "unimplemented" */

    long host = syscall(SYS_membarrier, 0, 0, 0);
    int64_t q = sysfx_call(LU_NR_membarrier, 0, 0, 0, 0, 0, 0);
    if (host < 0) {
        assert_int_equal(q, -errno);
        return;
    }
    assert_int_equal(q, host & ~(0x1e0));
    assert_int_equal(sysfx_call(LU_NR_membarrier, 1 << 5, 0, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_membarrier, 1 << 6, 0, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_membarrier, 1 << 7, 0, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_membarrier, 1 << 8, 0, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_membarrier, 0, 1, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(sysfx_call(LU_NR_membarrier, 1 << 4, 0, 0, 0, 0, 0), 0);
    assert_int_equal(sysfx_call(LU_NR_membarrier, 1 << 3, 0, 0, 0, 0, 0), 0);
}

static void test_xattr_and_memfd(void **state)
{
    (void)state;
    char path[] = "/tmp/uemu-sysfs-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    char buf[16];
    errno = 0;
    long want = getxattr(path, "user.none", buf, sizeof(buf));
    assert_int_equal(want, -1);
    int err = errno;        /* ENODATA, or ENOTSUP where /tmp has no user xattrs */
    /* An unusable value buffer does not change the error. */
    assert_int_equal(sysfx_call(LU_NR_getxattr, gstr(0, path), gstr(128, "user.none"),
                                W(SYSFX_UNMAPPED), 16, 0, 0), -err);
    assert_int_equal(sysfx_call(LU_NR_getxattr, W(SYSFX_UNMAPPED), W(128), W(256), 16, 0, 0),
                     -EFAULT);
    if (setxattr(path, "user.v", "abc", 3, 0) == 0) {
        /* The value's 3 bytes fit before the read-only page. */
        assert_int_equal(sysfx_call(LU_NR_getxattr, W(0), gstr(128, "user.v"),
                                    W(SYSFX_RO - 3), 100, 0, 0), 3);
        assert_memory_equal(sysfx_win + SYSFX_RO - 3, "abc", 3);
        assert_int_equal(sysfx_call(LU_NR_getxattr, W(0), W(128), W(SYSFX_RO - 2), 100, 0, 0),
                         -EFAULT);
        assert_int_equal(sysfx_call(LU_NR_flistxattr, fd, W(256), 64, 0, 0, 0), 7);
        assert_string_equal((char *)sysfx_win + 256, "user.v");
    }
    char name[300];
    memset(name, 'n', sizeof(name));
    name[250] = 0;
    memcpy(sysfx_win + 1024, name, 251);
    assert_int_equal(sysfx_call(LU_NR_memfd_create, W(1024), 0, 0, 0, 0, 0), -EINVAL);
    sysfx_win[1024 + 249] = 0;
    int64_t m = sysfx_call(LU_NR_memfd_create, W(1024), 1, 0, 0, 0, 0);
    assert_true(m >= 0);
    assert_int_equal(fcntl((int)m, F_GETFD), FD_CLOEXEC);
    close((int)m);
    assert_int_equal(sysfx_call(LU_NR_memfd_create, W(SYSFX_UNMAPPED), 0, 0, 0, 0, 0), -EFAULT);
    close(fd);
    unlink(path);
}

static void test_strace(void **state)
{
    (void)state;
    assert_string_equal(sysfx_strace(LU_NR_rseq, 0, 32, 0, 0x53053053, 0, 0),
                        "rseq(NULL,32,0,0x53053053) = -1 ENOSYS (Function not implemented)\n");
    char want[256];
    gstr(0, "/nonexistent");
    snprintf(want, sizeof(want),
             "statfs(\"/nonexistent\",0x%llx) = -1 ENOENT (No such file or directory)\n",
             (unsigned long long)W(256));
    assert_string_equal(sysfx_strace(LU_NR_statfs, W(0), W(256), 0, 0, 0, 0), want);
    assert_string_equal(sysfx_strace(LU_NR_fallocate, 9999, 3, 0, 4096, 0, 0),
                        "fallocate(9999,FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE,0,4096) = -1 EBADF (Bad file descriptor)\n");
    assert_string_equal(sysfx_strace(LU_NR_membarrier, 1 << 5, 0, 0, 0, 0, 0),
                        "membarrier(0x20,0x0,0) = -1 EINVAL (Invalid argument)\n");
    assert_string_equal(sysfx_strace(LU_NR_sched_getaffinity, 0, 12, 0, 0, 0, 0),
                        "sched_getaffinity(0,12,NULL) = -1 EINVAL (Invalid argument)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statfs),
        cmocka_unit_test(test_affinity),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_xattr_and_memfd),
        cmocka_unit_test(test_strace),
    };
    return cmocka_run_group_tests(tests, sysfx_setup, sysfx_teardown);
}
