/*
 * The -L prefix: lu_path_resolve() on a scratch sysroot, and the system
 * calls that look names up through it (openat, newfstatat, faccessat,
 * readlinkat) against those that must not (mkdirat, unlinkat).
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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user-path.h"
#include "uemu/linux-user.h"
#include "uemu/page-table.h"

#define PG 4096

static char root[64];     /* the sysroot */
static char outside[64];  /* a host directory outside it */
static uint8_t *win;
static guest_addr gwin;

static void put_file(const char *dir, const char *name, const char *text)
{
    char p[256];
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    (void)state;
    struct guest_space_config cfg = { 0 };
    char p[256];

    assert_int_equal(guest_space_init(&cfg), 0);
    win = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(win != MAP_FAILED);
    gwin = h2g(win);
    page_table_set(guest_pages, gwin, gwin + 2 * PG - 1, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    lu_set_abi(&lu_abi_riscv64);

    snprintf(root, sizeof(root), "/tmp/uemu-path-XXXXXX");
    assert_non_null(mkdtemp(root));
    snprintf(outside, sizeof(outside), "/tmp/uemu-path-out-XXXXXX");
    assert_non_null(mkdtemp(outside));
    /* The sysroot mirrors the outside directory's name. */
    snprintf(p, sizeof(p), "%s/tmp", root);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof(p), "%s%s", root, outside);
    assert_int_equal(mkdir(p, 0755), 0);
    put_file(p, "both", "prefix\n");
    put_file(outside, "both", "host\n");
    put_file(outside, "host-only", "host\n");
    snprintf(p, sizeof(p), "%s%s/dangling", root, outside);
    assert_int_equal(symlink("/nonexistent-target", p), 0);
    snprintf(p, sizeof(p), "%s%s/link", root, outside);
    assert_int_equal(symlink("inside-target", p), 0);
    lu_path_set_prefix(root);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    lu_path_set_prefix(NULL);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", root, outside);
    assert_int_equal(system(cmd), 0);
    page_table_clear(guest_pages, gwin, gwin + 2 * PG - 1);
    munmap(win, 2 * PG);
    guest_space_reset();
    return 0;
}

/* A guest path string in the window. */
static guest_addr gpath(const char *dir, const char *name)
{
    snprintf((char *)win, PG, "%s%s%s", dir, name[0] ? "/" : "", name);
    return gwin;
}

static int64_t sys(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    const uint64_t args[6] = { a0, a1, a2, a3, 0, 0 };
    return lu_syscall(nr, args);
}

static void test_resolve(void **state)
{
    (void)state;
    char buf[256], p[256], want[256];

    snprintf(p, sizeof(p), "%s/both", outside);
    snprintf(want, sizeof(want), "%s%s/both", root, outside);
    assert_string_equal(lu_path_resolve(p, buf, sizeof(buf)), want);
    /* Only on the host: the host's. */
    snprintf(p, sizeof(p), "%s/host-only", outside);
    assert_ptr_equal(lu_path_resolve(p, buf, sizeof(buf)), p);
    /* A dangling symlink in the sysroot exists (lstat). */
    snprintf(p, sizeof(p), "%s/dangling", outside);
    snprintf(want, sizeof(want), "%s%s/dangling", root, outside);
    assert_string_equal(lu_path_resolve(p, buf, sizeof(buf)), want);
    /* Relative paths and the root are never redirected. */
    assert_ptr_equal(lu_path_resolve("tmp", buf, sizeof(buf)), (const char *)"tmp");
    const char *slash = "/", *slashes = "//";
    assert_ptr_equal(lu_path_resolve(slash, buf, sizeof(buf)), slash);
    assert_ptr_equal(lu_path_resolve(slashes, buf, sizeof(buf)), slashes);
    /* A prefixed name that does not fit is not used. */
    snprintf(p, sizeof(p), "%s/both", outside);
    assert_ptr_equal(lu_path_resolve(p, buf, strlen(root) + 4), p);
}

static void test_no_cache(void **state)
{
    (void)state;
    char buf[256], p[256], inside[256];

    snprintf(p, sizeof(p), "%s/later", outside);
    assert_ptr_equal(lu_path_resolve(p, buf, sizeof(buf)), p);
    snprintf(inside, sizeof(inside), "%s%s", root, outside);
    put_file(inside, "later", "x");
    snprintf(inside, sizeof(inside), "%s%s/later", root, outside);
    assert_string_equal(lu_path_resolve(p, buf, sizeof(buf)), inside);
    assert_int_equal(unlink(inside), 0);
    assert_ptr_equal(lu_path_resolve(p, buf, sizeof(buf)), p);
}

static void test_off(void **state)
{
    (void)state;
    char buf[256], p[256];

    snprintf(p, sizeof(p), "%s/both", outside);
    lu_path_set_prefix("");
    assert_null(lu_path_prefix());
    assert_ptr_equal(lu_path_resolve(p, buf, sizeof(buf)), p);
    lu_path_set_prefix(NULL);
    assert_ptr_equal(lu_path_resolve(p, buf, sizeof(buf)), p);
    lu_path_set_prefix(root);
    assert_string_equal(lu_path_prefix(), root);
}

/* Lookups see the sysroot's file; creating and removing use the real path. */
static void test_syscalls(void **state)
{
    (void)state;
    char data[16] = { 0 };
    char p[256];
    struct stat st;
    int64_t fd;

    fd = sys(LU_NR_openat, (uint64_t)AT_FDCWD, gpath(outside, "both"), O_RDONLY, 0);
    assert_true(fd >= 0);
    assert_int_equal(read((int)fd, data, sizeof(data) - 1), 7);
    assert_string_equal(data, "prefix\n");
    close((int)fd);
    fd = sys(LU_NR_openat, (uint64_t)AT_FDCWD, gpath(outside, "host-only"), O_RDONLY, 0);
    assert_true(fd >= 0);
    close((int)fd);
    /* newfstatat: the sysroot's 7-byte file, not the host's 5-byte one */
    assert_int_equal(sys(LU_NR_newfstatat, (uint64_t)AT_FDCWD, gpath(outside, "both"),
                         gwin + PG, 0), 0);
    assert_int_equal(*(int64_t *)(win + PG + 48), 7);     /* st_size */
    assert_int_equal(sys(LU_NR_faccessat, (uint64_t)AT_FDCWD, gpath(outside, "link"),
                         F_OK, 0), -ENOENT);              /* follows the dangling link */
    assert_int_equal(sys(LU_NR_readlinkat, (uint64_t)AT_FDCWD, gpath(outside, "link"),
                         gwin + PG, 64), 13);
    assert_memory_equal(win + PG, "inside-target", 13);
    /* mkdirat and unlinkat act on the real path */
    assert_int_equal(sys(LU_NR_mkdirat, (uint64_t)AT_FDCWD, gpath(outside, "newdir"), 0755, 0), 0);
    snprintf(p, sizeof(p), "%s/newdir", outside);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(sys(LU_NR_unlinkat, (uint64_t)AT_FDCWD, gpath(outside, "both"), 0, 0), 0);
    snprintf(p, sizeof(p), "%s%s/both", root, outside);
    assert_int_equal(stat(p, &st), 0);
    snprintf(p, sizeof(p), "%s/both", outside);
    assert_int_equal(stat(p, &st), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_no_cache),
        cmocka_unit_test(test_off),
        cmocka_unit_test(test_syscalls),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
