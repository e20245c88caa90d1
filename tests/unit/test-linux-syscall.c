/*
 * linux-user system calls driven through lu_syscall() as the engine will:
 * number plus six argument registers, guest buffers in a small guest
 * window whose pages the test maps with chosen permissions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user.h"
#include "uemu/log.h"
#include "uemu/options.h"
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

static int64_t sys6(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                    uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
    return lu_syscall(nr, args);
}

static int64_t sys(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4)
{
    return sys6(nr, a0, a1, a2, a3, a4, 0);
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

static guest_addr gstr(size_t off, const char *s)
{
    memcpy(win + off, s, strlen(s) + 1);
    return gwin + off;
}

static void test_unknown_syscalls(void **state)
{
    (void)state;
    unimp_msg[0] = 0;
    assert_int_equal(sys(LU_NR_io_setup, 0, 0, 0, 0, 0), -ENOSYS);
    assert_string_equal(unimp_msg, "unimplemented syscall io_setup (0)");
    assert_int_equal(sys(9999, 0, 0, 0, 0, 0), -ENOSYS);
    assert_string_equal(unimp_msg, "unknown syscall 9999");
    assert_int_equal(sys(-1, 0, 0, 0, 0, 0), -ENOSYS);
    assert_string_equal(unimp_msg, "unknown syscall -1");
}

static void test_read_write_efault(void **state)
{
    (void)state;
    int p[2];
    char buf[16] = { 0 };
    assert_int_equal(pipe(p), 0);
    memcpy(win, "hello", 5);
    assert_int_equal(sys(LU_NR_write, p[1], gwin, 5, 0, 0), 5);
    assert_int_equal(read(p[0], buf, sizeof(buf)), 5);
    assert_memory_equal(buf, "hello", 5);
    /* Buffer running into the unmapped page, or wholly unmapped. */
    assert_int_equal(sys(LU_NR_write, p[1], gwin + 7 * PG - 2, 4, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_write, p[1], gwin + 7 * PG, 1, 0, 0), -EFAULT);
    /* Reading into a read-only page. */
    assert_int_equal(write(p[1], "xy", 2), 2);
    assert_int_equal(sys(LU_NR_read, p[0], gwin + 6 * PG, 2, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_read, p[0], gwin + 100, 2, 0, 0), 2);
    assert_memory_equal(win + 100, "xy", 2);
    /* Zero-length I/O with a NULL buffer is no fault. */
    assert_int_equal(sys(LU_NR_write, p[1], 0, 0, 0, 0), 0);
    /* Bad descriptor: the host's errno. */
    assert_int_equal(sys(LU_NR_write, 9999, gwin, 1, 0, 0), -EBADF);
    close(p[0]);
    close(p[1]);
}

static void test_paths(void **state)
{
    (void)state;
    char dir[] = "/tmp/uemu-sys-XXXXXX";
    char path[PATH_MAX];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/f", dir);

    int64_t fd = sys(LU_NR_openat, (uint64_t)AT_FDCWD, gstr(0, path), O_CREAT | O_WRONLY, 0600, 0);
    assert_true(fd >= 0);
    assert_int_equal(sys(LU_NR_close, fd, 0, 0, 0, 0), 0);
    assert_int_equal(access(path, F_OK), 0);

    /* A path that runs into unreadable memory before its NUL. */
    memset(win + 7 * PG - 4, 'a', 4);
    assert_int_equal(sys(LU_NR_openat, (uint64_t)AT_FDCWD, gwin + 7 * PG - 4, O_RDONLY, 0, 0), -EFAULT);
    /* A path with no NUL within PATH_MAX bytes. */
    memset(win, 'a', PATH_MAX + 10);
    assert_int_equal(sys(LU_NR_openat, (uint64_t)AT_FDCWD, gwin, O_RDONLY, 0, 0), -ENAMETOOLONG);

    assert_int_equal(sys(LU_NR_unlinkat, (uint64_t)AT_FDCWD, gstr(0, path), 0, 0, 0), 0);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(sys(LU_NR_unlinkat, (uint64_t)AT_FDCWD, gstr(0, path), 0, 0, 0), -ENOENT);
    assert_int_equal(sys(LU_NR_mkdirat, (uint64_t)AT_FDCWD, gstr(0, path), 0700, 0, 0), 0);
    assert_int_equal(sys(LU_NR_unlinkat, (uint64_t)AT_FDCWD, gstr(0, path), AT_REMOVEDIR, 0, 0), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_stat_layout(void **state)
{
    (void)state;
    struct stat st;
    assert_int_equal(stat("/proc/self/exe", &st), 0);
    memset(win, 0xee, 256);
    assert_int_equal(sys(LU_NR_newfstatat, (uint64_t)AT_FDCWD, gstr(1024, "/proc/self/exe"), gwin, 0, 0), 0);
    uint64_t u64;
    uint32_t u32;
    int32_t i32;
    memcpy(&u64, win + 0, 8);   assert_int_equal(u64, st.st_dev);
    memcpy(&u64, win + 8, 8);   assert_int_equal(u64, st.st_ino);
    memcpy(&u32, win + 16, 4);  assert_int_equal(u32, st.st_mode);
    memcpy(&u32, win + 20, 4);  assert_int_equal(u32, st.st_nlink);
    memcpy(&u32, win + 24, 4);  assert_int_equal(u32, st.st_uid);
    memcpy(&u64, win + 48, 8);  assert_int_equal(u64, st.st_size);
    memcpy(&i32, win + 56, 4);  assert_int_equal(i32, st.st_blksize);
    memcpy(&u64, win + 64, 8);  assert_int_equal(u64, st.st_blocks);
    memcpy(&u64, win + 88, 8);  assert_int_equal(u64, st.st_mtim.tv_sec);
    memcpy(&u64, win + 96, 8);  assert_int_equal(u64, st.st_mtim.tv_nsec);
    memcpy(&u32, win + 120, 4); assert_int_equal(u32, 0);   /* __unused4 */
    assert_int_equal(win[128], 0xee);                        /* nothing past 128 bytes */
    /* The result buffer read-only: EFAULT. */
    assert_int_equal(sys(LU_NR_fstat, 0, gwin + 6 * PG, 0, 0, 0), -EFAULT);
}

static void test_iovec(void **state)
{
    (void)state;
    int p[2];
    char buf[16];
    assert_int_equal(pipe(p), 0);
    uint64_t iov[4] = { gwin + 512, 3, gwin + 600, 2 };
    memcpy(win + 256, iov, sizeof(iov));
    memcpy(win + 512, "abc", 3);
    memcpy(win + 600, "de", 2);
    assert_int_equal(sys(LU_NR_writev, p[1], gwin + 256, 2, 0, 0), 5);
    assert_int_equal(read(p[0], buf, sizeof(buf)), 5);
    assert_memory_equal(buf, "abcde", 5);
    assert_int_equal(sys(LU_NR_writev, p[1], gwin + 256, 1025, 0, 0), -EINVAL);
    /* An element pointing at unmapped memory. */
    iov[2] = gwin + 7 * PG;
    memcpy(win + 256, iov, sizeof(iov));
    assert_int_equal(sys(LU_NR_writev, p[1], gwin + 256, 2, 0, 0), -EFAULT);
    /* readv into a read-only element. */
    iov[2] = gwin + 6 * PG;
    memcpy(win + 256, iov, sizeof(iov));
    assert_int_equal(write(p[1], "xyz", 3), 3);
    assert_int_equal(sys(LU_NR_readv, p[0], gwin + 256, 2, 0, 0), -EFAULT);
    close(p[0]);
    close(p[1]);
}

static void test_readlink_exe(void **state)
{
    (void)state;
    lu_set_exe_path("/bin/sh");
    char real[PATH_MAX];
    assert_non_null(realpath("/bin/sh", real));
    int64_t n = sys(LU_NR_readlinkat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/exe"), gwin + 1024, 512, 0);
    assert_int_equal(n, strlen(real));
    assert_memory_equal(win + 1024, real, n);
    /* Truncated silently, like readlink. */
    assert_int_equal(sys(LU_NR_readlinkat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/exe"), gwin + 1024, 3, 0), 3);
    assert_int_equal(sys(LU_NR_readlinkat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/exe"), gwin + 1024, 0, 0), -EINVAL);
    char own[64];
    snprintf(own, sizeof(own), "/proc/%d/exe", (int)getpid());
    assert_int_equal(sys(LU_NR_readlinkat, (uint64_t)AT_FDCWD, gstr(0, own), gwin + 1024, 512, 0), strlen(real));
    lu_set_exe_path(NULL);
}

static void test_uname_machine(void **state)
{
    (void)state;
    struct utsname *u = (struct utsname *)win;
    assert_int_equal(sys(LU_NR_uname, gwin, 0, 0, 0, 0), 0);
    assert_string_equal(u->machine, "riscv64");
    lu_set_abi(&lu_abi_aarch64);
    assert_int_equal(sys(LU_NR_uname, gwin, 0, 0, 0, 0), 0);
    assert_string_equal(u->machine, "aarch64");
    lu_set_abi(&lu_abi_riscv64);
    assert_int_equal(sys(LU_NR_uname, gwin + 7 * PG, 0, 0, 0, 0), -EFAULT);
}

static void test_getcwd_pipe2(void **state)
{
    (void)state;
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_int_equal(sys(LU_NR_getcwd, gwin, PATH_MAX, 0, 0, 0), strlen(cwd) + 1);
    assert_string_equal((char *)win, cwd);
    assert_int_equal(sys(LU_NR_getcwd, gwin, 1, 0, 0, 0), -ERANGE);

    assert_int_equal(sys(LU_NR_pipe2, gwin, O_CLOEXEC, 0, 0, 0), 0);
    int fds[2];
    memcpy(fds, win, sizeof(fds));
    assert_int_equal(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
    assert_int_equal(write(fds[1], "q", 1), 1);
    close(fds[0]);
    close(fds[1]);
    assert_int_equal(sys(LU_NR_pipe2, gwin + 6 * PG, 0, 0, 0, 0), -EFAULT);
}

static void test_fcntl_ioctl(void **state)
{
    (void)state;
    unimp_msg[0] = 0;
    assert_int_equal(sys(LU_NR_fcntl, 0, 12345, 0, 0, 0), -EINVAL);
    assert_string_equal(unimp_msg, "unimplemented fcntl command 12345");
    assert_int_equal(sys(LU_NR_ioctl, 0, 0xdeadbeef, 0, 0, 0), -ENOTTY);
    assert_string_equal(unimp_msg, "unimplemented ioctl 0xdeadbeef on fd 0");
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(sys(LU_NR_ioctl, p[0], 0x5401 /* TCGETS */, gwin, 0, 0), -ENOTTY);
    assert_int_equal(sys(LU_NR_ioctl, p[0], 0x5413 /* TIOCGWINSZ */, gwin + 7 * PG, 0, 0), -EFAULT);
    assert_int_equal(write(p[1], "abc", 3), 3);
    assert_int_equal(sys(LU_NR_ioctl, p[0], 0x541b /* FIONREAD */, gwin, 0, 0), 0);
    int avail;
    memcpy(&avail, win, 4);
    assert_int_equal(avail, 3);
    assert_int_equal(sys(LU_NR_fcntl, p[0], F_GETFL, 0, 0, 0), O_RDONLY);
    close(p[0]);
    close(p[1]);
}

static void test_open_flags_aarch64(void **state)
{
    (void)state;
    lu_set_abi(&lu_abi_aarch64);
    char dir[] = "/tmp/uemu-sys-XXXXXX";
    char path[PATH_MAX];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/f", dir);
    int fd = open(path, O_CREAT | O_WRONLY, 0600);
    assert_true(fd >= 0);
    close(fd);
    /* aarch64's O_DIRECTORY (040000) on a regular file: ENOTDIR. */
    assert_int_equal(sys(LU_NR_openat, (uint64_t)AT_FDCWD, gstr(0, path), 040000, 0, 0), -ENOTDIR);
    int64_t dfd = sys(LU_NR_openat, (uint64_t)AT_FDCWD, gstr(0, dir), 040000, 0, 0);
    assert_true(dfd >= 0);
    /* F_GETFL answers the guest's bit values (O_LARGEFILE is 0400000 there). */
    int64_t fl = sys(LU_NR_fcntl, dfd, F_GETFL, 0, 0, 0);
    assert_int_equal(fl & 0200000, 0);      /* not the host's O_DIRECTORY position */
    assert_int_equal(fl & 0400000, 0400000); /* guest O_LARGEFILE: the host sets it on 64-bit */
    close((int)dfd);
    unlink(path);
    rmdir(dir);
    lu_set_abi(&lu_abi_riscv64);
}

static void test_process_and_time(void **state)
{
    (void)state;
    assert_int_equal(sys(LU_NR_getpid, 0, 0, 0, 0, 0), getpid());
    assert_int_equal(sys(LU_NR_gettid, 0, 0, 0, 0, 0), gettid());
    assert_int_equal(sys(LU_NR_set_tid_address, gwin, 0, 0, 0, 0), gettid());
    assert_int_equal(sys(LU_NR_set_robust_list, gwin, 24, 0, 0, 0), 0);
    assert_int_equal(sys(LU_NR_set_robust_list, gwin, 23, 0, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_clock_gettime, CLOCK_MONOTONIC, gwin, 0, 0, 0), 0);
    assert_int_equal(sys(LU_NR_clock_gettime, CLOCK_MONOTONIC, gwin + 6 * PG, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_clock_nanosleep, 12345, 0, gwin, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_nanosleep, gwin + 7 * PG, 0, 0, 0, 0), -EFAULT);
    memset(win, 0, 64);
    assert_int_equal(sys(LU_NR_getrandom, gwin, 32, 0, 0, 0), 32);
    struct rlimit host;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &host), 0);
    assert_int_equal(sys(LU_NR_prlimit64, 0, RLIMIT_NOFILE, 0, gwin, 0), 0);
    uint64_t cur;
    memcpy(&cur, win, 8);
    assert_int_equal(cur, host.rlim_cur);
    mode_t old = umask(077);
    assert_int_equal(sys(LU_NR_umask, 022, 0, 0, 0, 0), 077);
    assert_int_equal(sys(LU_NR_umask, old, 0, 0, 0, 0), 022);
}

static void test_mincore_error_order(void **state)
{
    (void)state;
    /* Range errors come before the vector's EFAULT, as in the kernel. */
    assert_int_equal(sys(LU_NR_mincore, gwin + 1, PG, gwin + 7 * PG, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_mincore, gwin + 7 * PG, PG, gwin + 7 * PG, 0, 0), -ENOMEM);
    assert_int_equal(sys(LU_NR_mincore, gwin, (uint64_t)1 << 62, gwin + 7 * PG, 0, 0), -ENOMEM);
    assert_int_equal(sys(LU_NR_mincore, gwin, 2 * PG, gwin + 6 * PG, 0, 0), -EFAULT);
    win[0] = 1;     /* resident */
    memset(win + 2048, 0xff, 2);
    assert_int_equal(sys(LU_NR_mincore, gwin, PG + 1, gwin + 2048, 0, 0), 0);
    assert_int_equal(win[2048] & 1, 1);
    assert_int_equal(win[2049] & ~1, 0);
}

static char *read_file(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_strace(void **state)
{
    (void)state;
    char log[] = "/tmp/uemu-strace-XXXXXX";
    int lfd = mkstemp(log);
    assert_true(lfd >= 0);
    close(lfd);
    assert_int_equal(log_open(log, LOG_STRACE), 0);
    sys(LU_NR_openat, (uint64_t)AT_FDCWD, gstr(0, "/nonexistent/x"), O_RDONLY | O_CLOEXEC, 0, 0);
    sys(LU_NR_close, 9999, 0, 0, 0, 0);
    sys6(LU_NR_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | 0x80000000u, (uint64_t)-1, 0);
    sys(LU_NR_write, 9999, gwin + 7 * PG, 0, 0, 0);
    sys(LU_NR_openat, (uint64_t)AT_FDCWD, gwin + 7 * PG, O_WRONLY | O_CREAT, 0644, 0);
    log_close();
    char expect[2048];
    int pid = getpid();
    snprintf(expect, sizeof(expect),
        "%d openat(AT_FDCWD,\"/nonexistent/x\",O_RDONLY|O_CLOEXEC,00) = -1 ENOENT (No such file or directory)\n"
        "%d close(9999) = -1 EBADF (Bad file descriptor)\n"
        "%d mmap(NULL,4096,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS|0x80000000,-1,0)",
        pid, pid, pid);
    const char *got = read_file(log);
    assert_memory_equal(got, expect, strlen(expect));
    char tail[512];
    snprintf(tail, sizeof(tail),
        "%d write(9999,0x%llx,0) = -1 EBADF (Bad file descriptor)\n"
        "%d openat(AT_FDCWD,0x%llx,O_WRONLY|O_CREAT,0644) = -1 EFAULT (Bad address)\n",
        pid, (unsigned long long)(gwin + 7 * PG), pid, (unsigned long long)(gwin + 7 * PG));
    assert_non_null(strstr(got, tail));
    unlink(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_syscalls),
        cmocka_unit_test(test_read_write_efault),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_stat_layout),
        cmocka_unit_test(test_iovec),
        cmocka_unit_test(test_readlink_exe),
        cmocka_unit_test(test_uname_machine),
        cmocka_unit_test(test_getcwd_pipe2),
        cmocka_unit_test(test_fcntl_ioctl),
        cmocka_unit_test(test_open_flags_aarch64),
        cmocka_unit_test(test_process_and_time),
        cmocka_unit_test(test_mincore_error_order),
        cmocka_unit_test(test_strace),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
