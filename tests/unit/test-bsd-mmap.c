/*
 * Tests of bsd-user's memory calls (bsd-user/mmap.c, errno.c,
 * personality.c): every row of MMAP.md's FreeBSD table as its own test,
 * through the syscall boundary (bu_sys_*), so errors are FreeBSD errno
 * values; and the FreeBSD features: MAP_GUARD faults on every access,
 * MAP_ALIGNED, MAP_ALIGNED_SUPER, MAP_NOCORE, MAP_32BIT.  The page table
 * is compared with /proc/self/maps after each step (maps_check).
 *
 * Every test runs at HPS 4, 16 and 64 KiB, without and with reserved_va.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "bsd-user/mmap.h"
#include "tests/unit/maps-check.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"
#include "uemu/personality.h"

#define KiB 1024ull
#define MiB (1024 * KiB)
#define TPS 4096ull
#define WIN_SIZE (4 * MiB)
#define FILE_SIZE (64 * KiB)

/* FreeBSD errno values (sys/sys/errno.h). */
#define FB_EBADF 9
#define FB_ENOMEM 12
#define FB_EACCES 13
#define FB_EINVAL 22

#define ANON (BU_MAP_PRIVATE | BU_MAP_ANON)
#define FIXED (ANON | BU_MAP_FIXED)
#define RW (BU_PROT_READ | BU_PROT_WRITE)

struct config {
    const char *name;
    guest_addr hps;
    guest_addr rva;
};

static const struct config configs[] = {
    { "hps4k", 4 * KiB, 0 },
    { "hps16k", 16 * KiB, 0 },
    { "hps64k", 64 * KiB, 0 },
    { "hps4k-rva", 4 * KiB, 1ull << 32 },
    { "hps16k-rva", 16 * KiB, 1ull << 32 },
    { "hps64k-rva", 64 * KiB, 1ull << 32 },
};

static const struct config *cfg;
static guest_addr win;
static int file_fd = -1;
static char file_path[64];

#define CHECK() assert_int_equal(maps_check(win, WIN_SIZE, 0), 0)

static guest_addr W(unsigned page)
{
    return win + page * TPS;
}

static unsigned flags_at(guest_addr a)
{
    return page_table_get(guest_pages, a);
}

static uint8_t file_byte(uint64_t off)
{
    return (uint8_t)(off * 5 + 3);
}

static int setup(void **state)
{
    struct guest_space_config gc = { .host_page_size = cfg->hps,
                                     .reserved_va = cfg->rva };
    int64_t r;

    (void)state;
    if (guest_space_init(&gc) < 0)
        return -1;
    r = bu_sys_mmap(0, WIN_SIZE, BU_PROT_NONE, ANON, -1, 0);
    if (r < 0)
        return -1;
    win = (guest_addr)r;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    guest_space_reset();
    return 0;
}

/* ---- the rows of MMAP.md's FreeBSD table ---- */

static void test_anon_with_fd(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON, file_fd, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON, 0, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(W(0), TPS, RW, FIXED, file_fd, 0), -FB_EINVAL);
    /* An offset is refused with MAP_ANON too. */
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON, -1, TPS), -FB_EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_stack(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(0, TPS, RW, BU_MAP_STACK | BU_MAP_PRIVATE, file_fd, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_READ, BU_MAP_STACK | ANON, -1, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_WRITE, BU_MAP_STACK | ANON, -1, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(W(0), TPS, BU_PROT_NONE,
                                 BU_MAP_STACK | FIXED, -1, 0), -FB_EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
    /* With read and write it maps a stack (MAP_ANON implied). */
    assert_int_equal(bu_sys_mmap(W(4), 2 * TPS, RW | BU_PROT_EXEC,
                                 BU_MAP_STACK | BU_MAP_PRIVATE | BU_MAP_FIXED, -1, 0),
                     (int64_t)W(4));
    assert_int_equal(flags_at(W(5)), PAGE_VALID | PAGE_ANON | PAGE_RWX | PAGE_STACK);
    CHECK();
}

static void test_guard_rows(void **state)
{
    static const int bad_flags[] = {
        BU_MAP_SHARED, BU_MAP_PRIVATE, BU_MAP_PREFAULT_READ, BU_MAP_ANON,
        BU_MAP_STACK, BU_MAP_NOCORE, BU_MAP_NOSYNC,
    };

    (void)state;
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_READ, BU_MAP_GUARD, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_EXEC, BU_MAP_GUARD, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_NONE, BU_MAP_GUARD, file_fd, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_NONE, BU_MAP_GUARD, -1, TPS),
                     -FB_EINVAL);
    for (size_t i = 0; i < ARRAY_SIZE(bad_flags); i++)
        assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_NONE, BU_MAP_GUARD | bad_flags[i],
                                     -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(W(0), TPS, BU_PROT_NONE,
                                 BU_MAP_GUARD | BU_MAP_FIXED | BU_MAP_PRIVATE, -1, 0),
                     -FB_EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_excl_without_fixed(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_EXCL, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(W(0), TPS, RW, ANON | BU_MAP_EXCL, -1, 0), -FB_EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_fixed_excl_over_mapped(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(W(0), TPS, RW, FIXED | BU_MAP_EXCL, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_munmap(W(8), 8 * TPS), 0);
    /* One mapped page at either end is enough. */
    assert_int_equal(bu_sys_mmap(W(7), 2 * TPS, RW, FIXED | BU_MAP_EXCL, -1, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(W(15), 2 * TPS, RW, FIXED | BU_MAP_EXCL, -1, 0),
                     -FB_EINVAL);
    assert_true(page_table_is_free(guest_pages, W(8), 8 * TPS));
    /* A guard is a mapping too. */
    assert_int_equal(bu_sys_mmap(W(8), TPS, BU_PROT_NONE, BU_MAP_GUARD | BU_MAP_FIXED,
                                 -1, 0), (int64_t)W(8));
    assert_int_equal(bu_sys_mmap(W(8), TPS, RW, FIXED | BU_MAP_EXCL, -1, 0), -FB_EINVAL);
    CHECK();
    /* Over free pages it maps. */
    assert_int_equal(bu_sys_mmap(W(9), 4 * TPS, RW, FIXED | BU_MAP_EXCL, -1, 0),
                     (int64_t)W(9));
    assert_int_equal(flags_at(W(12)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    CHECK();
}

static void test_aligned_range(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_ALIGNED(11), -1, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_ALIGNED(2), -1, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_ALIGNED(64), -1, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_ALIGNED(255), -1, 0),
                     -FB_EINVAL);
    /* Below the pointer width it is valid, but no such address is free. */
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_ALIGNED(63), -1, 0),
                     -FB_ENOMEM);
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_ALIGNED(50), -1, 0),
                     -FB_ENOMEM);
    CHECK();
}

static void test_len0(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(0, 0, RW, ANON, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(W(0), 0, RW, FIXED, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, 0, BU_PROT_READ, BU_MAP_PRIVATE, file_fd, 0),
                     -FB_EINVAL);
    CHECK();
}

static void test_offset_unaligned(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_READ, BU_MAP_PRIVATE, file_fd, 1),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(W(0), TPS, BU_PROT_READ,
                                 BU_MAP_PRIVATE | BU_MAP_FIXED, file_fd, TPS + 8),
                     -FB_EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_length_wraps(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(0, UINT64_MAX, RW, ANON, -1, 0), -FB_ENOMEM);
    assert_int_equal(bu_sys_mmap(0, UINT64_MAX - TPS + 2, RW, ANON, -1, 0), -FB_ENOMEM);
    assert_int_equal(bu_sys_mmap(W(0), UINT64_MAX, RW, FIXED, -1, 0), -FB_ENOMEM);
    CHECK();
}

/* ---- more argument rules of kern_mmap ---- */

static void test_other_rules(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | 0x0100, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_SHARED, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, RW | 0x8, ANON, -1, 0), -FB_EINVAL);
    /* PROT_MAX must hold the protection asked for. */
    assert_int_equal(bu_sys_mmap(0, TPS, RW | BU_PROT_MAX(BU_PROT_READ), ANON, -1, 0),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_READ, BU_MAP_PRIVATE, -1, 0), -FB_EBADF);
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_READ, BU_MAP_PRIVATE, 987, 0), -FB_EBADF);
    /* A file mapping needs SHARED or PRIVATE. */
    assert_int_equal(bu_sys_mmap(0, TPS, BU_PROT_READ, 0, file_fd, 0), -FB_EINVAL);
    /* Fixed: unaligned or outside the address space. */
    assert_int_equal(bu_sys_mmap(W(0) + 1, TPS, RW, FIXED, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(guest_addr_max + 1, TPS, RW, FIXED, -1, 0), -FB_EINVAL);
    assert_int_equal(bu_sys_mmap(guest_addr_max + 1 - TPS, 2 * TPS, RW, FIXED, -1, 0),
                     -FB_EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
    /* The old MAP_RENAME and MAP_NORESERVE bits are ignored. */
    assert_int_equal(bu_sys_mmap(W(0), TPS, RW | BU_PROT_MAX(RW | BU_PROT_EXEC),
                                 FIXED | BU_MAP_RESERVED0020 | BU_MAP_RESERVED0040, -1, 0),
                     (int64_t)W(0));
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    CHECK();
}

/* ---- features ---- */

static sigjmp_buf fault_jmp;

static void on_segv(int sig)
{
    (void)sig;
    siglongjmp(fault_jmp, 1);
}

/* True when reading (or writing) host address p faults. */
static bool faults(volatile uint8_t *p, bool write)
{
    struct sigaction sa = { .sa_handler = on_segv }, old;
    bool f;

    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &old);
    if (sigsetjmp(fault_jmp, 1) == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        f = false;
    } else {
        f = true;
    }
    sigaction(SIGSEGV, &old, NULL);
    return f;
}

static void test_guard(void **state)
{
    int64_t g;

    (void)state;
    g = bu_sys_mmap(0, 4 * TPS, BU_PROT_NONE, BU_MAP_GUARD, -1, 0);
    assert_true(g > 0);
    assert_int_equal(flags_at((guest_addr)g + 3 * TPS), PAGE_VALID | PAGE_ANON | PAGE_GUARD);
    assert_true(faults(g2h((guest_addr)g), false));
    assert_true(faults(g2h((guest_addr)g + 3 * TPS), true));
    assert_int_equal(maps_check((guest_addr)g, 4 * TPS, 0), 0);
    /* mprotect leaves a guard alone; munmap removes it. */
    assert_int_equal(bu_sys_mprotect((guest_addr)g, 4 * TPS, RW), 0);
    assert_int_equal(flags_at((guest_addr)g), PAGE_VALID | PAGE_ANON | PAGE_GUARD);
    assert_true(faults(g2h((guest_addr)g + TPS), false));
    assert_int_equal(bu_sys_munmap((guest_addr)g, 4 * TPS), 0);
    assert_true(page_table_is_free(guest_pages, (guest_addr)g, 4 * TPS));
    /* A fixed guard with MAP_EXCL over free space. */
    assert_int_equal(bu_sys_munmap(W(32), 4 * TPS), 0);
    assert_int_equal(bu_sys_mmap(W(32), 4 * TPS, BU_PROT_NONE,
                                 BU_MAP_GUARD | BU_MAP_FIXED | BU_MAP_EXCL, -1, 0),
                     (int64_t)W(32));
    assert_int_equal(flags_at(W(33)), PAGE_VALID | PAGE_ANON | PAGE_GUARD);
    CHECK();
}

static void test_aligned(void **state)
{
    int64_t r;

    (void)state;
    r = bu_sys_mmap(0, TPS, RW, ANON | BU_MAP_ALIGNED(16), -1, 0);
    assert_true(r > 0 && IS_ALIGNED((guest_addr)r, 64 * KiB));
    r = bu_sys_mmap(0, 3 * TPS, RW, ANON | BU_MAP_ALIGNED(21), -1, 0);
    assert_true(r > 0 && IS_ALIGNED((guest_addr)r, 2 * MiB));
    assert_int_equal(flags_at((guest_addr)r + 2 * TPS),
                     PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    r = bu_sys_mmap(0, 4 * MiB, RW, ANON | BU_MAP_ALIGNED_SUPER, -1, 0);
    assert_true(r > 0 && IS_ALIGNED((guest_addr)r, BU_SUPERPAGE_SIZE));
    assert_int_equal(maps_check((guest_addr)r, 4 * MiB, 0), 0);
    /* Too short for a superpage: any page will do. */
    r = bu_sys_mmap(0, 2 * TPS, RW, ANON | BU_MAP_ALIGNED_SUPER, -1, 0);
    assert_true(r > 0 && IS_ALIGNED((guest_addr)r, TPS));
    CHECK();
}

static void test_nocore_32bit(void **state)
{
    int64_t r;

    (void)state;
    assert_int_equal(bu_sys_mmap(W(0), 2 * TPS, RW, FIXED | BU_MAP_NOCORE, -1, 0),
                     (int64_t)W(0));
    assert_int_equal(flags_at(W(1)),
                     PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE | PAGE_NOCORE);
    r = bu_sys_mmap(0, 3 * TPS, RW, ANON | BU_MAP_32BIT, -1, 0);
    assert_true(r > 0 && (guest_addr)r + 3 * TPS <= BU_MAP_32BIT_MAX_ADDR);
    assert_int_equal(flags_at((guest_addr)r), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(maps_check((guest_addr)r, 3 * TPS, 0), 0);
    if (win + WIN_SIZE > BU_MAP_32BIT_MAX_ADDR)
        assert_int_equal(bu_sys_mmap(W(8), TPS, RW, FIXED | BU_MAP_32BIT, -1, 0),
                         -FB_EINVAL);
    CHECK();
}

static void test_file(void **state)
{
    const uint8_t *p;

    (void)state;
    assert_int_equal(bu_sys_mmap(W(0), 2 * TPS, BU_PROT_READ,
                                 BU_MAP_PRIVATE | BU_MAP_FIXED | BU_MAP_PREFAULT_READ,
                                 file_fd, TPS), (int64_t)W(0));
    p = g2h(W(0));
    for (guest_addr i = 0; i < 2 * TPS; i++)
        if (p[i] != file_byte(TPS + i))
            fail_msg("byte %llu", (unsigned long long)i);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_READ);
    CHECK();
}

static void test_shared_file_msync(void **state)
{
    guest_addr len = host_page_size > 2 * TPS ? host_page_size : 2 * TPS;
    uint8_t b;

    (void)state;
    assert_int_equal(bu_sys_mmap(W(0), len, RW, BU_MAP_SHARED | BU_MAP_FIXED |
                                 BU_MAP_NOSYNC, file_fd, 0), (int64_t)W(0));
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_SHARED);
    ((uint8_t *)g2h(W(1)))[3] = 0xcd;
    assert_int_equal(bu_sys_msync(W(1), 1, BU_MS_SYNC), 0);
    assert_int_equal(pread(file_fd, &b, 1, TPS + 3), 1);
    assert_int_equal(b, 0xcd);
    b = file_byte(TPS + 3);
    assert_int_equal(pwrite(file_fd, &b, 1, TPS + 3), 1);
    /* A writable shared mapping of a read-only descriptor is refused. */
    int ro = open(file_path, O_RDONLY);
    assert_true(ro >= 0);
    assert_int_equal(bu_sys_mmap(0, TPS, RW, BU_MAP_SHARED, ro, 0), -FB_EACCES);
    close(ro);
    CHECK();
}

/* ---- munmap, mprotect, msync ---- */

static void test_munmap(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_munmap(W(0), 0), -FB_EINVAL);
    assert_int_equal(bu_sys_munmap(guest_addr_max + 1, TPS), -FB_EINVAL);
    assert_int_equal(bu_sys_munmap(W(0), UINT64_MAX - 2 * TPS), -FB_EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    /* FreeBSD rounds an unaligned start down and the end up. */
    assert_int_equal(bu_sys_munmap(W(2) + 100, TPS), 0);
    assert_int_equal(flags_at(W(1)), PAGE_VALID | PAGE_ANON);
    assert_int_equal(flags_at(W(2)), 0);
    assert_int_equal(flags_at(W(3)), 0);
    assert_int_equal(flags_at(W(4)), PAGE_VALID | PAGE_ANON);
    /* Unmapping nothing is success. */
    assert_int_equal(bu_sys_munmap(W(2), 2 * TPS), 0);
    CHECK();
}

static void test_mprotect(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_mprotect(W(0), TPS, 0x8), -FB_EINVAL);
    assert_int_equal(bu_sys_mprotect(W(0), TPS, RW | BU_PROT_MAX(BU_PROT_READ)),
                     -FB_EINVAL);
    assert_int_equal(bu_sys_mprotect(W(0), UINT64_MAX - TPS, RW), -FB_EINVAL);
    assert_int_equal(bu_sys_mprotect(guest_addr_max + 1 - TPS, 2 * TPS, RW), -FB_EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
    /* Holes are skipped; an unaligned start is rounded down. */
    assert_int_equal(bu_sys_munmap(W(2), TPS), 0);
    assert_int_equal(bu_sys_mprotect(W(1) + 8, 3 * TPS, RW), 0);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    assert_int_equal(flags_at(W(1)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(2)), 0);
    assert_int_equal(flags_at(W(3)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(4)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(5)), PAGE_VALID | PAGE_ANON);
    memset(g2h(W(3)), 0x5c, 2 * TPS);
    assert_int_equal(bu_sys_mprotect(W(3), 2 * TPS, BU_PROT_READ), 0);
    assert_int_equal(((uint8_t *)g2h(W(4)))[5], 0x5c);
    assert_int_equal(bu_sys_mprotect(W(3), 0, BU_PROT_READ), 0);
    CHECK();
}

static void test_msync(void **state)
{
    (void)state;
    assert_int_equal(bu_sys_msync(W(0), TPS, BU_MS_ASYNC | BU_MS_INVALIDATE), -FB_EINVAL);
    assert_int_equal(bu_sys_msync(W(0), UINT64_MAX - TPS, BU_MS_SYNC), -FB_EINVAL);
    assert_int_equal(bu_sys_munmap(W(4), TPS), 0);
    assert_int_equal(bu_sys_msync(W(4), TPS, BU_MS_SYNC), -FB_ENOMEM);
    assert_int_equal(bu_sys_msync(W(2), 4 * TPS, BU_MS_SYNC), -FB_ENOMEM);
    assert_int_equal(bu_sys_msync(W(4), 0, BU_MS_SYNC), -FB_ENOMEM);
    assert_int_equal(bu_sys_msync(W(0), 4 * TPS, BU_MS_SYNC), 0);
    assert_int_equal(bu_sys_msync(W(0) + 5, TPS, BU_MS_ASYNC), 0);
    assert_int_equal(bu_sys_msync(W(0), 0, BU_MS_INVALIDATE), 0);
    CHECK();
}

/* ---- errno translation and the personality ---- */

static void test_errno_table(void **state)
{
    static const struct {
        int host, freebsd;
    } cases[] = {
        { EPERM, 1 }, { ENOMEM, 12 }, { EINVAL, 22 }, { ERANGE, 34 },
        { EAGAIN, 35 }, { EWOULDBLOCK, 35 }, { EINPROGRESS, 36 },
        { EALREADY, 37 }, { ENOTSOCK, 38 }, { EOPNOTSUPP, 45 }, { ENOTSUP, 45 },
        { EADDRINUSE, 48 }, { ECONNREFUSED, 61 }, { ELOOP, 62 },
        { ENAMETOOLONG, 63 }, { ENOTEMPTY, 66 }, { EDQUOT, 69 }, { ENOLCK, 77 },
        { ENOSYS, 78 }, { EIDRM, 82 }, { EOVERFLOW, 84 }, { ECANCELED, 85 },
        { EILSEQ, 86 }, { EBADMSG, 89 }, { EPROTO, 92 }, { EOWNERDEAD, 96 },
        { EDEADLK, 11 }, { ETIMEDOUT, 60 },
        /* Linux-only errors become EINVAL. */
        { ECHRNG, 22 }, { EKEYEXPIRED, 22 }, { 0, 22 }, { 4000, 22 },
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        assert_int_equal(bu_errno_from_host(cases[i].host), cases[i].freebsd);
    assert_int_equal(bu_result_from_host(-EOPNOTSUPP), -45);
    assert_int_equal(bu_result_from_host(-ENOSYS), -78);
    assert_int_equal(bu_result_from_host(0x40000000), 0x40000000);
    assert_int_equal(bu_result_from_host(0), 0);
    /* The host-errno entry points keep host values. */
    assert_int_equal(bu_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
}

static void test_personality(void **state)
{
    const struct personality_mmap_ops *ops = bsd_user_personality.mmap;
    int64_t r;

    (void)state;
    assert_int_equal(bsd_user_personality.os, GUEST_OS_FREEBSD);
    r = ops->reserve(0, 8 * TPS, 64 * KiB);
    assert_true(r > 0 && IS_ALIGNED((guest_addr)r, 64 * KiB));
    assert_int_equal(flags_at((guest_addr)r + 7 * TPS), PAGE_VALID | PAGE_ANON);
    assert_int_equal(ops->map_file((guest_addr)r, TPS, BU_PROT_READ, file_fd, 0), r);
    assert_int_equal(((uint8_t *)g2h((guest_addr)r))[10], file_byte(10));
    assert_int_equal(ops->map_anon((guest_addr)r + TPS, 2 * TPS, RW, true),
                     r + (int64_t)TPS);
    assert_int_equal(ops->protect((guest_addr)r + TPS, TPS, BU_PROT_READ), 0);
    assert_int_equal(flags_at((guest_addr)r + TPS), PAGE_VALID | PAGE_ANON | PAGE_READ);
    assert_int_equal(maps_check((guest_addr)r, 8 * TPS, 0), 0);
    assert_int_equal(ops->unmap((guest_addr)r, 8 * TPS), 0);
    assert_true(page_table_is_free(guest_pages, (guest_addr)r, 8 * TPS));
    r = ops->map_anon(0, TPS, RW, false);
    assert_true(r > 0);
    CHECK();
}

static int make_file(void)
{
    static uint8_t buf[FILE_SIZE];

    snprintf(file_path, sizeof(file_path), "/tmp/uemu-bu-mmap-XXXXXX");
    file_fd = mkstemp(file_path);
    if (file_fd < 0)
        return -1;
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = file_byte(i);
    return write(file_fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf) ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(test_anon_with_fd),
        T(test_stack),
        T(test_guard_rows),
        T(test_excl_without_fixed),
        T(test_fixed_excl_over_mapped),
        T(test_aligned_range),
        T(test_len0),
        T(test_offset_unaligned),
        T(test_length_wraps),
        T(test_other_rules),
        T(test_guard),
        T(test_aligned),
        T(test_nocore_32bit),
        T(test_file),
        T(test_shared_file_msync),
        T(test_munmap),
        T(test_mprotect),
        T(test_msync),
        T(test_errno_table),
        T(test_personality),
#undef T
    };
    int failed = 0;

    if (make_file() < 0) {
        perror("test-bsd-mmap: temporary file");
        return 1;
    }
    for (size_t i = 0; i < ARRAY_SIZE(configs); i++) {
        char name[64];
        cfg = &configs[i];
        snprintf(name, sizeof(name), "bsd-mmap-%s", cfg->name);
        failed += _cmocka_run_group_tests(name, tests, ARRAY_SIZE(tests), NULL, NULL);
    }
    close(file_fd);
    unlink(file_path);
    return failed ? 1 : 0;
}
