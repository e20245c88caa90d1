/*
 * Tests of linux-user's memory calls (linux-user/mmap.c, mremap.c,
 * madvise.c, mlock.c, brk.c, shm.c, personality.c): every row of
 * MMAP.md's Linux table as its own test expecting exactly that error,
 * and the success rows with their data, zeros and page-table contents.
 * After each operation, failed ones included, the page table is compared
 * with /proc/self/maps (maps_check).  test_fail_half_way makes each host
 * call of an operation fail in turn (through hp_host) and checks the same.
 *
 * Every test runs under several guest spaces: HPS 4, 16 and 64 KiB, with
 * guest_base 0 and no reservation, and under reserved_va.  Each test gets a fresh guest space and a window of
 * WIN_SIZE bytes, mapped PROT_NONE, to place MAP_FIXED mappings in.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <unistd.h>
#include <cmocka.h>

#include "accel/user/host-calls.h"
#include "linux-user/mmap.h"
#include "tests/unit/maps-check.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"
#include "uemu/personality.h"

#define KiB 1024ull
#define MiB (1024 * KiB)
#define TPS 4096ull
#define WIN_SIZE (4 * MiB)
#define FILE_SIZE (256 * KiB)

#define ANON (LU_MAP_PRIVATE | LU_MAP_ANONYMOUS)
#define FIXED (ANON | LU_MAP_FIXED)
#define RW (LU_PROT_READ | LU_PROT_WRITE)

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

static uint8_t file_byte(uint64_t off)
{
    return (uint8_t)(off * 7 + (off >> 12) * 13 + 1);
}

#define CHECK() assert_int_equal(maps_check(win, WIN_SIZE, 0), 0)

static guest_addr W(unsigned page)
{
    return win + page * TPS;
}

static unsigned flags_at(guest_addr a)
{
    return page_table_get(guest_pages, a);
}

static int setup(void **state)
{
    struct guest_space_config gc = { .host_page_size = cfg->hps,
                                     .reserved_va = cfg->rva };
    int64_t r;

    (void)state;
    if (guest_space_init(&gc) < 0)
        return -1;
    lu_mmap_set_extra_prot(0);
    r = lu_mmap(0, WIN_SIZE, LU_PROT_NONE, ANON | LU_MAP_NORESERVE, -1, 0);
    if (r < 0)
        return -1;
    win = (guest_addr)r;
    /* Room for 64 KiB-aligned work whatever HPS is. */
    return IS_ALIGNED(win, cfg->hps) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    lu_munlockall();
    guest_space_reset();
    return 0;
}

/* Unmap [a, a + len) of the window so a test has free space there. */
static void free_range(guest_addr a, guest_addr len)
{
    assert_int_equal(lu_munmap(a, len), 0);
    assert_true(page_table_is_free(guest_pages, a, len));
}

/* The page-table range holding a is exactly [a, a + len). */
static void assert_range(guest_addr a, guest_addr len)
{
    guest_addr s, l;
    unsigned f;

    page_table_lookup(guest_pages, a, &s, &l, &f);
    assert_int_equal(s, a);
    assert_int_equal(l, a + len - 1);
}

static void fill(guest_addr a, guest_addr len, uint8_t v)
{
    memset(g2h(a), v, len);
}

static void assert_bytes(guest_addr a, guest_addr len, uint8_t v)
{
    const uint8_t *p = g2h(a);
    for (guest_addr i = 0; i < len; i++)
        if (p[i] != v)
            fail_msg("byte %#llx is %#x, want %#x", (unsigned long long)(a + i),
                     p[i], v);
}

static void assert_file_bytes(guest_addr a, guest_addr len, uint64_t off)
{
    const uint8_t *p = g2h(a);
    for (guest_addr i = 0; i < len; i++)
        if (p[i] != file_byte(off + i))
            fail_msg("byte %#llx is %#x, want file byte %#llx",
                     (unsigned long long)(a + i), p[i],
                     (unsigned long long)(off + i));
}

/* ---- mmap rows ---- */

static void test_mmap_len0(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(W(0), 0, RW, FIXED, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(0, 0, LU_PROT_READ, LU_MAP_PRIVATE, file_fd, 0), -EINVAL);
    CHECK();
}

static void test_mmap_offset_unaligned(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE, file_fd, 1), -EINVAL);
    assert_int_equal(lu_mmap(W(0), TPS, LU_PROT_READ, LU_MAP_PRIVATE | LU_MAP_FIXED,
                             file_fd, TPS / 2), -EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_mmap_length_wraps(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(0, UINT64_MAX, RW, ANON, -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(0, UINT64_MAX - TPS + 2, RW, ANON, -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(W(0), UINT64_MAX, RW, FIXED, -1, 0), -ENOMEM);
    CHECK();
}

static void test_mmap_no_type(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(0, TPS, RW, LU_MAP_ANONYMOUS, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(W(0), TPS, RW, LU_MAP_ANONYMOUS | LU_MAP_FIXED, -1, 0),
                     -EINVAL);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, 0, file_fd, 0), -EINVAL);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, 0x0f, file_fd, 0), -EINVAL);
    /* An anonymous MAP_SHARED_VALIDATE is refused as Linux 6.x does. */
    assert_int_equal(lu_mmap(0, TPS, RW, LU_MAP_SHARED_VALIDATE | LU_MAP_ANONYMOUS,
                             -1, 0), -EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_mmap_shared_validate(void **state)
{
    int64_t r;

    (void)state;
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_SHARED_VALIDATE | 0x400,
                             file_fd, 0), -EOPNOTSUPP);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_SHARED_VALIDATE | LU_MAP_SYNC,
                             file_fd, 0), -EOPNOTSUPP);
    assert_int_equal(lu_mmap(W(0), TPS, LU_PROT_READ,
                             LU_MAP_SHARED_VALIDATE | LU_MAP_FIXED | 0x400,
                             file_fd, 0), -EOPNOTSUPP);
    CHECK();
    /* Known flags pass; plain MAP_SHARED ignores unknown ones. */
    r = lu_mmap(W(0), TPS, LU_PROT_READ,
                LU_MAP_SHARED_VALIDATE | LU_MAP_FIXED | LU_MAP_POPULATE, file_fd, 0);
    assert_int_equal(r, (int64_t)W(0));
    assert_file_bytes(W(0), TPS, 0);
    r = lu_mmap(W(16), TPS, LU_PROT_READ, LU_MAP_SHARED | LU_MAP_FIXED | 0x400,
                file_fd, TPS);
    assert_int_equal(r, (int64_t)W(16));
    assert_file_bytes(W(16), TPS, TPS);
    assert_int_equal(flags_at(W(16)), PAGE_VALID | PAGE_READ | PAGE_SHARED);
    CHECK();
}

static void test_mmap_fixed_unaligned(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(W(0) + 1, TPS, RW, FIXED, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(W(0) + TPS / 2, TPS, RW,
                             ANON | LU_MAP_FIXED_NOREPLACE, -1, 0), -EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_mmap_fixed_noreplace(void **state)
{
    (void)state;
    assert_int_equal(lu_mprotect(W(0), 2 * TPS, RW), 0);
    fill(W(0), 2 * TPS, 0x5a);
    assert_int_equal(lu_mmap(W(1), TPS, LU_PROT_READ, ANON | LU_MAP_FIXED_NOREPLACE,
                             -1, 0), -EEXIST);
    free_range(W(32), 16 * TPS);
    /* Partly over a mapped page is refused too. */
    assert_int_equal(lu_mmap(W(31), 2 * TPS, LU_PROT_READ,
                             ANON | LU_MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
    assert_true(page_table_is_free(guest_pages, W(32), 16 * TPS));
    assert_bytes(W(0), 2 * TPS, 0x5a);
    assert_int_equal(flags_at(W(1)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    CHECK();
    /* Over free pages it maps. */
    assert_int_equal(lu_mmap(W(32), 4 * TPS, RW, ANON | LU_MAP_FIXED_NOREPLACE, -1, 0),
                     (int64_t)W(32));
    assert_bytes(W(32), 4 * TPS, 0);
    CHECK();
}

static void test_mmap_outside(void **state)
{
    guest_addr end = guest_addr_max + 1;

    (void)state;
    assert_int_equal(lu_mmap(end, TPS, RW, FIXED, -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(end - TPS, 2 * TPS, RW, FIXED, -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(end - TPS, 2 * TPS, RW, ANON | LU_MAP_FIXED_NOREPLACE,
                             -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(0, end + TPS, RW, ANON, -1, 0), -ENOMEM);
    /* Outside wins over an unaligned address, as in Linux. */
    assert_int_equal(lu_mmap(end + 1, TPS, RW, FIXED, -1, 0), -ENOMEM);
    CHECK();
}

static void test_mmap_bad_fd(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE, -1, 0), -EBADF);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE, 987, 0), -EBADF);
    assert_int_equal(lu_mmap(W(0), TPS, LU_PROT_READ, LU_MAP_PRIVATE | LU_MAP_FIXED,
                             987, 0), -EBADF);
    /* EBADF comes before the length check, as in ksys_mmap_pgoff. */
    assert_int_equal(lu_mmap(0, 0, LU_PROT_READ, LU_MAP_PRIVATE, 987, 0), -EBADF);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_mmap_file_errors(void **state)
{
    int ro = open(file_path, O_RDONLY), wo = open(file_path, O_WRONLY);
    int dir = open("/", O_RDONLY | O_DIRECTORY);

    (void)state;
    assert_true(ro >= 0 && wo >= 0 && dir >= 0);
    assert_int_equal(lu_mmap(0, TPS, RW, LU_MAP_SHARED, ro, 0), -EACCES);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE, wo, 0), -EACCES);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE, dir, 0), -ENODEV);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE | LU_MAP_HUGETLB,
                             ro, 0), -EINVAL);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE | LU_MAP_GROWSDOWN,
                             ro, 0), -EINVAL);
    assert_int_equal(lu_mmap(0, TPS, RW, LU_MAP_SHARED | LU_MAP_ANONYMOUS |
                             LU_MAP_GROWSDOWN, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE | LU_MAP_SYNC, ro, 0),
                     -EOPNOTSUPP);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_PRIVATE, ro, INT64_MAX - TPS + 1),
                     -EOVERFLOW);
    assert_int_equal(lu_mmap(0, TPS, RW, LU_MAP_DROPPABLE | LU_MAP_ANONYMOUS |
                             LU_MAP_LOCKED, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(0, TPS, LU_PROT_READ, LU_MAP_DROPPABLE, ro, 0), -EINVAL);
    /* A private writable mapping of a read-only file is fine. */
    assert_int_equal(lu_mmap(W(0), TPS, RW, LU_MAP_PRIVATE | LU_MAP_FIXED, ro, 0),
                     (int64_t)W(0));
    close(ro);
    close(wo);
    close(dir);
    CHECK();
}

static void test_mmap_anon_zero(void **state)
{
    int64_t r;

    (void)state;
    r = lu_mmap(0, 3 * TPS, RW, ANON, -1, 0);
    assert_true(r > 0);
    assert_true(IS_ALIGNED((guest_addr)r, host_page_size));
    assert_bytes((guest_addr)r, 3 * TPS, 0);
    assert_int_equal(flags_at((guest_addr)r), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_true(page_table_is_free(guest_pages, (guest_addr)r + 3 * TPS,
                                   ALIGN_UP(3 * TPS, host_page_size) - 3 * TPS));
    fill((guest_addr)r, 3 * TPS, 0xee);
    assert_int_equal(maps_check((guest_addr)r, 3 * TPS, 0), 0);
    /* A fixed mapping replaces with zeros, also over written pages. */
    assert_int_equal(lu_mprotect(W(0), 4 * TPS, RW), 0);
    fill(W(0), 4 * TPS, 0x11);
    assert_int_equal(lu_mmap(W(1), TPS, LU_PROT_READ, FIXED, -1, 0), (int64_t)W(1));
    assert_bytes(W(0), TPS, 0x11);
    assert_bytes(W(1), TPS, 0);
    assert_bytes(W(2), 2 * TPS, 0x11);
    assert_int_equal(flags_at(W(1)), PAGE_VALID | PAGE_ANON | PAGE_READ);
    CHECK();
}

static void test_mmap_hint(void **state)
{
    (void)state;
    free_range(W(64), 64 * TPS);
    assert_int_equal(lu_mmap(W(64), TPS, RW, ANON, -1, 0), (int64_t)W(64));
    /* An unaligned hint is rounded up. */
    assert_int_equal(lu_mmap(W(80) - 1, TPS, RW, ANON, -1, 0), (int64_t)W(80));
    /* A taken hint gives another place. */
    int64_t r = lu_mmap(W(0), TPS, RW, ANON, -1, 0);
    assert_true(r > 0 && (guest_addr)r != W(0));
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_mmap_honoured_flags(void **state)
{
    static const int extra[] = {
        LU_MAP_NORESERVE, LU_MAP_POPULATE, LU_MAP_STACK, LU_MAP_LOCKED,
        LU_MAP_HUGETLB, LU_MAP_POPULATE | LU_MAP_NONBLOCK, LU_MAP_UNINITIALIZED,
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(extra); i++) {
        guest_addr a = W(16 * (unsigned)i);
        assert_int_equal(lu_mmap(a, 2 * TPS, RW, FIXED | extra[i], -1, 0), (int64_t)a);
        assert_int_equal(flags_at(a), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
        assert_bytes(a, 2 * TPS, 0);
        fill(a, 2 * TPS, 0x33);
        assert_bytes(a, 2 * TPS, 0x33);
        CHECK();
    }
    /* MAP_GROWSDOWN is recorded as a stack. */
    assert_int_equal(lu_mmap(W(200), 2 * TPS, RW, FIXED | LU_MAP_GROWSDOWN, -1, 0),
                     (int64_t)W(200));
    assert_int_equal(flags_at(W(201)),
                     PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE | PAGE_STACK);
    /* Unknown prot bits are ignored by mmap, also with MAP_FIXED. */
    assert_int_equal(lu_mmap(W(300), TPS, LU_PROT_READ | 0x80, FIXED, -1, 0),
                     (int64_t)W(300));
    assert_int_equal(flags_at(W(300)), PAGE_VALID | PAGE_ANON | PAGE_READ);
    CHECK();
}

static void test_mmap_file(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(W(0), 3 * TPS, RW, LU_MAP_PRIVATE | LU_MAP_FIXED,
                             file_fd, 2 * TPS), (int64_t)W(0));
    assert_file_bytes(W(0), 3 * TPS, 2 * TPS);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    /* Private writes stay private. */
    fill(W(0), TPS, 0);
    uint8_t b;
    assert_int_equal(pread(file_fd, &b, 1, 2 * TPS), 1);
    assert_int_equal(b, file_byte(2 * TPS));
    CHECK();
    /* A file mapping next to an anonymous page of another protection. */
    assert_int_equal(lu_mmap(W(20), TPS, LU_PROT_READ, FIXED, -1, 0), (int64_t)W(20));
    assert_int_equal(lu_mmap(W(21), 2 * TPS, LU_PROT_READ | LU_PROT_EXEC,
                             LU_MAP_PRIVATE | LU_MAP_FIXED, file_fd, 5 * TPS),
                     (int64_t)W(21));
    assert_file_bytes(W(21), 2 * TPS, 5 * TPS);
    assert_bytes(W(20), TPS, 0);
    CHECK();
    /* Past the end of the file the last page reads zeros. */
    assert_int_equal(lu_mmap(W(40), 2 * TPS, LU_PROT_READ,
                             LU_MAP_PRIVATE | LU_MAP_FIXED, file_fd, FILE_SIZE - TPS),
                     (int64_t)W(40));
    assert_file_bytes(W(40), TPS, FILE_SIZE - TPS);
    CHECK();
}

static void test_mmap_shared_file(void **state)
{
    guest_addr len = host_page_size > 2 * TPS ? host_page_size : 2 * TPS;
    uint64_t off = ALIGN_UP(8 * TPS, host_page_size);
    uint8_t b;

    (void)state;
    /* A shared writable mapping of part of a host page cannot be had. */
    if (host_page_size > TPS)
        assert_int_equal(lu_mmap(W(0), TPS, RW, LU_MAP_SHARED | LU_MAP_FIXED,
                                 file_fd, 0), -EINVAL);
    assert_int_equal(lu_mmap(W(0), len, RW, LU_MAP_SHARED | LU_MAP_FIXED,
                             file_fd, off), (int64_t)W(0));
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_SHARED);
    assert_file_bytes(W(0), len, off);
    *(uint8_t *)g2h(W(1)) = 0xab;
    assert_int_equal(lu_msync(W(0), len, LU_MS_SYNC), 0);
    assert_int_equal(pread(file_fd, &b, 1, off + TPS), 1);
    assert_int_equal(b, 0xab);
    b = file_byte(off + TPS);
    assert_int_equal(pwrite(file_fd, &b, 1, off + TPS), 1);
    CHECK();
}

/* ---- munmap rows ---- */

static void test_munmap_rows(void **state)
{
    (void)state;
    assert_int_equal(lu_munmap(W(0) + 1, TPS), -EINVAL);
    assert_int_equal(lu_munmap(W(0), 0), -EINVAL);
    assert_int_equal(lu_munmap(guest_addr_max + 1, TPS), -EINVAL);
    assert_int_equal(lu_munmap(W(0), UINT64_MAX), -EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
    /* Unmapping nothing is success, twice. */
    free_range(W(8), 8 * TPS);
    assert_int_equal(lu_munmap(W(8), 8 * TPS), 0);
    CHECK();
}

static void test_munmap_middle(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(W(0), 5 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    fill(W(0), 5 * TPS, 0x77);
    assert_int_equal(lu_munmap(W(2), TPS), 0);
    assert_int_equal(flags_at(W(2)), 0);
    assert_int_equal(flags_at(W(1)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(3)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_bytes(W(0), 2 * TPS, 0x77);
    assert_bytes(W(3), 2 * TPS, 0x77);
    /* A length that is not a page multiple covers the whole last page. */
    assert_int_equal(lu_munmap(W(3), 1), 0);
    assert_int_equal(flags_at(W(3)), 0);
    assert_bytes(W(4), TPS, 0x77);
    CHECK();
}

/* ---- mprotect rows ---- */

static void test_mprotect_rows(void **state)
{
    (void)state;
    assert_int_equal(lu_mprotect(W(0) + 1, TPS, RW), -EINVAL);
    assert_int_equal(lu_mprotect(W(0) + 1, 0, RW), -EINVAL);
    /* Length 0 succeeds, even with bad prot bits or unmapped. */
    assert_int_equal(lu_mprotect(W(0), 0, RW), 0);
    assert_int_equal(lu_mprotect(W(0), 0, 0x40), 0);
    assert_int_equal(lu_mprotect(guest_addr_max + 1, 0, RW), 0);
    assert_int_equal(lu_mprotect(W(0), TPS, 0x40), -EINVAL);
    assert_int_equal(lu_mprotect(W(0), TPS, LU_PROT_BTI), -EINVAL);
    assert_int_equal(lu_mprotect(W(0), TPS, LU_PROT_MTE), -EINVAL);
    assert_int_equal(lu_mprotect(W(0), TPS, LU_PROT_GROWSDOWN | LU_PROT_GROWSUP),
                     -EINVAL);
    /* Wrap: ENOMEM, before the prot check, as in Linux. */
    assert_int_equal(lu_mprotect(W(0), UINT64_MAX, RW), -ENOMEM);
    assert_int_equal(lu_mprotect(W(0), UINT64_MAX, 0x40), -ENOMEM);
    assert_int_equal(lu_mprotect(guest_addr_max + 1 - TPS, 2 * TPS, RW), -ENOMEM);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    CHECK();
}

static void test_mprotect_hole(void **state)
{
    (void)state;
    free_range(W(2), TPS);
    assert_int_equal(lu_mprotect(W(0), 4 * TPS, RW), -ENOMEM);
    /* Nothing changed, not even before the hole. */
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    assert_int_equal(flags_at(W(3)), PAGE_VALID | PAGE_ANON);
    assert_int_equal(lu_mprotect(W(2), TPS, RW), -ENOMEM);
    CHECK();
}

static void test_mprotect_ok(void **state)
{
    (void)state;
    assert_int_equal(lu_mprotect(W(1), 2 * TPS, RW), 0);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON);
    assert_int_equal(flags_at(W(1)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(2)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(3)), PAGE_VALID | PAGE_ANON);
    fill(W(1), 2 * TPS, 0x42);
    CHECK();
    assert_int_equal(lu_mprotect(W(2), TPS, LU_PROT_READ | LU_PROT_SEM), 0);
    assert_int_equal(flags_at(W(2)), PAGE_VALID | PAGE_ANON | PAGE_READ);
    assert_bytes(W(1), 2 * TPS, 0x42);
    CHECK();
    /* aarch64's PROT_BTI and PROT_MTE are known once the ISA says so. */
    lu_mmap_set_extra_prot(LU_PROT_BTI | LU_PROT_MTE);
    assert_int_equal(lu_mprotect(W(1), TPS, LU_PROT_READ | LU_PROT_EXEC | LU_PROT_BTI), 0);
    assert_int_equal(lu_mprotect(W(2), TPS, LU_PROT_READ | LU_PROT_MTE), 0);
    assert_int_equal(flags_at(W(1)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_EXEC);
    assert_int_equal(lu_mprotect(W(1), TPS, 0x40), -EINVAL);
    CHECK();
}

static void test_mprotect_growsdown(void **state)
{
    (void)state;
    assert_int_equal(lu_mprotect(W(1), TPS, LU_PROT_READ | LU_PROT_GROWSDOWN), -EINVAL);
    assert_int_equal(lu_mprotect(W(1), TPS, LU_PROT_READ | LU_PROT_GROWSUP), -EINVAL);
    assert_int_equal(lu_mmap(W(16), 4 * TPS, RW, FIXED | LU_MAP_GROWSDOWN, -1, 0),
                     (int64_t)W(16));
    /* The change reaches down to the start of the stack mapping. */
    assert_int_equal(lu_mprotect(W(18), TPS, LU_PROT_READ | LU_PROT_GROWSDOWN), 0);
    assert_int_equal(flags_at(W(16)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_STACK);
    assert_int_equal(flags_at(W(18)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_STACK);
    assert_int_equal(flags_at(W(19)),
                     PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE | PAGE_STACK);
    CHECK();
}

/* ---- mremap rows ---- */

static void test_mremap_rows(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(W(0), 2 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    assert_int_equal(lu_mremap(W(0) + 1, TPS, TPS, 0, 0), -EINVAL);
    assert_int_equal(lu_mremap(W(0), TPS, 0, 0, 0), -EINVAL);
    assert_int_equal(lu_mremap(W(0), TPS, 0, LU_MREMAP_MAYMOVE, 0), -EINVAL);
    assert_int_equal(lu_mremap(W(0), TPS, UINT64_MAX, 0, 0), -EINVAL);
    assert_int_equal(lu_mremap(W(0), TPS, TPS, 8, 0), -EINVAL);
    assert_int_equal(lu_mremap(W(0), TPS, TPS, LU_MREMAP_FIXED, W(8)), -EINVAL);
    assert_int_equal(lu_mremap(W(0), TPS, TPS, LU_MREMAP_DONTUNMAP, 0), -EINVAL);
    assert_int_equal(lu_mremap(W(0), TPS, 2 * TPS,
                               LU_MREMAP_MAYMOVE | LU_MREMAP_DONTUNMAP, 0), -EINVAL);
    /* The new range of a fixed move must not overlap the old one. */
    assert_int_equal(lu_mremap(W(0), 2 * TPS, 2 * TPS,
                               LU_MREMAP_MAYMOVE | LU_MREMAP_FIXED, W(1)), -EINVAL);
    assert_int_equal(lu_mremap(W(0), TPS, TPS,
                               LU_MREMAP_MAYMOVE | LU_MREMAP_FIXED, W(8) + 1), -EINVAL);
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    CHECK();
}

static void test_mremap_efault(void **state)
{
    (void)state;
    free_range(W(4), 4 * TPS);
    assert_int_equal(lu_mremap(W(4), TPS, 2 * TPS, LU_MREMAP_MAYMOVE, 0), -EFAULT);
    assert_int_equal(lu_mremap(W(4), TPS, TPS, 0, 0), -EFAULT);
    /* The old range must be one mapping: across a hole is EFAULT. */
    assert_int_equal(lu_mremap(W(2), 4 * TPS, 8 * TPS, LU_MREMAP_MAYMOVE, 0), -EFAULT);
    assert_int_equal(lu_mremap(guest_addr_max + 1, TPS, TPS, 0, 0), -EFAULT);
    assert_true(page_table_is_free(guest_pages, W(4), 4 * TPS));
    CHECK();
}

static void test_mremap_no_room(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(W(0), 2 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    fill(W(0), 2 * TPS, 0x21);
    /* W(2) is mapped (the window): cannot grow in place, may not move. */
    assert_int_equal(lu_mremap(W(0), 2 * TPS, 3 * TPS, 0, 0), -ENOMEM);
    assert_int_equal(flags_at(W(2)), PAGE_VALID | PAGE_ANON);
    assert_bytes(W(0), 2 * TPS, 0x21);
    CHECK();
}

static void test_mremap_shrink(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(W(0), 6 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    fill(W(0), 6 * TPS, 0x31);
    assert_int_equal(lu_mremap(W(0), 6 * TPS, 3 * TPS, 0, 0), (int64_t)W(0));
    assert_int_equal(flags_at(W(2)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_true(page_table_is_free(guest_pages, W(3), 3 * TPS));
    assert_int_equal(flags_at(W(6)), PAGE_VALID | PAGE_ANON);
    assert_bytes(W(0), 3 * TPS, 0x31);
    CHECK();
    /* Same size: nothing changes. */
    assert_int_equal(lu_mremap(W(0), 3 * TPS, 3 * TPS, 0, 0), (int64_t)W(0));
    assert_bytes(W(0), 3 * TPS, 0x31);
    CHECK();
}

static void test_mremap_grow_in_place(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(W(0), 2 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    fill(W(0), 2 * TPS, 0x41);
    free_range(W(2), 30 * TPS);
    assert_int_equal(lu_mremap(W(0), 2 * TPS, 5 * TPS, 0, 0), (int64_t)W(0));
    assert_bytes(W(0), 2 * TPS, 0x41);
    assert_bytes(W(2), 3 * TPS, 0);
    assert_int_equal(flags_at(W(4)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_true(page_table_is_free(guest_pages, W(5), 27 * TPS));
    CHECK();
}

static void test_mremap_move(void **state)
{
    int64_t r;

    (void)state;
    assert_int_equal(lu_mmap(W(0), 2 * TPS, LU_PROT_READ | LU_PROT_WRITE, FIXED, -1, 0),
                     (int64_t)W(0));
    fill(W(0), 2 * TPS, 0x51);
    r = lu_mremap(W(0), 2 * TPS, 4 * TPS, LU_MREMAP_MAYMOVE, 0);
    assert_true(r > 0 && (guest_addr)r != W(0));
    assert_bytes((guest_addr)r, 2 * TPS, 0x51);
    assert_bytes((guest_addr)r + 2 * TPS, 2 * TPS, 0);
    assert_int_equal(flags_at((guest_addr)r + 3 * TPS),
                     PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_true(page_table_is_free(guest_pages, W(0), 2 * TPS));
    assert_int_equal(maps_check((guest_addr)r, 4 * TPS, 0), 0);
    CHECK();
    /* A fixed move replaces what is at the target. */
    assert_int_equal(lu_mremap((guest_addr)r, 4 * TPS, 4 * TPS,
                               LU_MREMAP_MAYMOVE | LU_MREMAP_FIXED, W(64)),
                     (int64_t)W(64));
    assert_bytes(W(64), 2 * TPS, 0x51);
    assert_int_equal(flags_at(W(64)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(68)), PAGE_VALID | PAGE_ANON);
    assert_true(page_table_is_free(guest_pages, (guest_addr)r, 4 * TPS));
    CHECK();
    /* A fixed move that shrinks frees the old tail. */
    assert_int_equal(lu_mremap(W(64), 4 * TPS, TPS,
                               LU_MREMAP_MAYMOVE | LU_MREMAP_FIXED, W(128)),
                     (int64_t)W(128));
    assert_bytes(W(128), TPS, 0x51);
    assert_int_equal(flags_at(W(129)), PAGE_VALID | PAGE_ANON);
    assert_true(page_table_is_free(guest_pages, W(64), 4 * TPS));
    CHECK();
}

static void test_mremap_dontunmap(void **state)
{
    int64_t r;

    (void)state;
    assert_int_equal(lu_mmap(W(0), 4 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    fill(W(0), 4 * TPS, 0x61);
    r = lu_mremap(W(0), 4 * TPS, 4 * TPS, LU_MREMAP_MAYMOVE | LU_MREMAP_DONTUNMAP, 0);
    assert_true(r > 0 && (guest_addr)r != W(0));
    assert_bytes((guest_addr)r, 4 * TPS, 0x61);
    /* The old range stays mapped, and reads back empty. */
    assert_int_equal(flags_at(W(0)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(3)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_bytes(W(0), 4 * TPS, 0);
    CHECK();
    assert_int_equal(maps_check((guest_addr)r, 4 * TPS, 0), 0);
}

/* ---- msync rows ---- */

static void test_msync_rows(void **state)
{
    (void)state;
    assert_int_equal(lu_msync(W(0) + 1, TPS, LU_MS_SYNC), -EINVAL);
    assert_int_equal(lu_msync(W(0), TPS, LU_MS_SYNC | LU_MS_ASYNC), -EINVAL);
    assert_int_equal(lu_msync(W(0), TPS, 8), -EINVAL);
    assert_int_equal(lu_msync(W(0), TPS, 0x100 | LU_MS_SYNC), -EINVAL);
    free_range(W(4), TPS);
    assert_int_equal(lu_msync(W(4), TPS, LU_MS_SYNC), -ENOMEM);
    assert_int_equal(lu_msync(W(2), 4 * TPS, LU_MS_ASYNC), -ENOMEM);
    assert_int_equal(lu_msync(guest_addr_max + 1, TPS, LU_MS_SYNC), -ENOMEM);
    /* Mapped, or nothing to do: success. */
    assert_int_equal(lu_msync(W(0), 4 * TPS, LU_MS_SYNC | LU_MS_INVALIDATE), 0);
    assert_int_equal(lu_msync(W(0), 4 * TPS, 0), 0);
    assert_int_equal(lu_msync(W(4), 0, LU_MS_SYNC), 0);
    CHECK();
}

/* ---- madvise, mincore, mlock ---- */

static void test_madvise_dontneed(void **state)
{
    (void)state;
    assert_int_equal(lu_mmap(W(0), 4 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    fill(W(0), 4 * TPS, 0x71);
    assert_int_equal(lu_madvise(W(1), 2 * TPS, LU_MADV_DONTNEED), 0);
    assert_bytes(W(0), TPS, 0x71);
    assert_bytes(W(1), 2 * TPS, 0);
    assert_bytes(W(3), TPS, 0x71);
    assert_int_equal(flags_at(W(1)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    CHECK();
    /* A private file mapping of whole host pages reads back the file. */
    assert_int_equal(lu_mmap(W(16), host_page_size, RW, LU_MAP_PRIVATE | LU_MAP_FIXED,
                             file_fd, 0), (int64_t)W(16));
    fill(W(16), host_page_size, 0);
    assert_int_equal(lu_madvise(W(16), host_page_size, LU_MADV_DONTNEED), 0);
    assert_file_bytes(W(16), host_page_size, 0);
    CHECK();
}

static void test_madvise_rows(void **state)
{
    (void)state;
    assert_int_equal(lu_madvise(W(0), TPS, 77), -EINVAL);
    assert_int_equal(lu_madvise(W(0) + 1, TPS, LU_MADV_NORMAL), -EINVAL);
    assert_int_equal(lu_madvise(W(0), UINT64_MAX, LU_MADV_NORMAL), -EINVAL);
    assert_int_equal(lu_madvise(W(0), TPS, LU_MADV_HWPOISON), -EPERM);
    free_range(W(2), TPS);
    assert_int_equal(lu_madvise(W(0), 4 * TPS, LU_MADV_WILLNEED), -ENOMEM);
    assert_int_equal(lu_madvise(W(2), 0, LU_MADV_DONTNEED), 0);
    assert_int_equal(lu_mmap(W(16), TPS, LU_PROT_READ, LU_MAP_PRIVATE | LU_MAP_FIXED,
                             file_fd, 0), (int64_t)W(16));
    assert_int_equal(lu_madvise(W(16), TPS, LU_MADV_FREE), -EINVAL);
    assert_int_equal(lu_madvise(W(16), TPS, LU_MADV_POPULATE_READ), 0);
    assert_int_equal(lu_madvise(W(16), TPS, LU_MADV_POPULATE_WRITE), -EINVAL);
    assert_int_equal(lu_madvise(W(4), TPS, LU_MADV_POPULATE_READ), -EINVAL);
    assert_int_equal(lu_madvise(W(2), 3 * TPS, LU_MADV_POPULATE_READ), -ENOMEM);
    assert_int_equal(lu_madvise(W(0), TPS, LU_MADV_COLLAPSE), -EINVAL);
    /* DONTDUMP and DODUMP keep PAGE_NOCORE. */
    assert_int_equal(lu_madvise(W(4), 2 * TPS, LU_MADV_DONTDUMP), 0);
    assert_int_equal(flags_at(W(4)), PAGE_VALID | PAGE_ANON | PAGE_NOCORE);
    assert_int_equal(flags_at(W(6)), PAGE_VALID | PAGE_ANON);
    assert_int_equal(lu_madvise(W(4), TPS, LU_MADV_DODUMP), 0);
    assert_int_equal(flags_at(W(4)), PAGE_VALID | PAGE_ANON);
    assert_int_equal(flags_at(W(5)), PAGE_VALID | PAGE_ANON | PAGE_NOCORE);
    CHECK();
}

static void test_mincore(void **state)
{
    unsigned char vec[4] = { 9, 9, 9, 9 };

    (void)state;
    assert_int_equal(lu_mmap(W(0), 4 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    fill(W(0), TPS, 1);
    assert_int_equal(lu_mincore(W(0) + 1, TPS, vec), -EINVAL);
    assert_int_equal(lu_mincore(W(0), 4 * TPS, vec), 0);
    assert_int_equal(vec[0], 1);
    /* A fragment's pages are touched when it is zero-filled. */
    if (host_page_size == TPS)
        assert_int_equal(vec[3], 0);
    free_range(W(8), TPS);
    assert_int_equal(lu_mincore(W(6), 4 * TPS, vec), -ENOMEM);
    assert_int_equal(lu_mincore(guest_addr_max + 1 - TPS, 2 * TPS, vec), -ENOMEM);
    CHECK();
}

static void test_mlock(void **state)
{
    struct rlimit rl;

    (void)state;
    /* Unprivileged runs with a small RLIMIT_MEMLOCK cannot lock at all. */
    if (geteuid() != 0 && getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur < 4 * MiB)
        skip();
    assert_int_equal(lu_mmap(W(0), 4 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    assert_int_equal(lu_mlock(W(0) + 1, 2 * TPS, 0), 0);
    assert_int_equal(lu_munlock(W(0), 3 * TPS), 0);
    assert_int_equal(lu_mlock(W(0), TPS, LU_MLOCK_ONFAULT), 0);
    assert_int_equal(lu_mlock(W(0), TPS, 2), -EINVAL);
    free_range(W(5), TPS);
    assert_int_equal(lu_mlock(W(4), 2 * TPS, 0), -ENOMEM);
    assert_int_equal(lu_munlock(W(5), TPS), -ENOMEM);
    assert_int_equal(lu_mlockall(0), -EINVAL);
    assert_int_equal(lu_mlockall(LU_MCL_ONFAULT), -EINVAL);
    assert_int_equal(lu_mlockall(8), -EINVAL);
    assert_int_equal(lu_mlockall(LU_MCL_FUTURE), 0);
    assert_int_equal(lu_mmap(W(16), TPS, RW, FIXED, -1, 0), (int64_t)W(16));
    assert_int_equal(lu_munlockall(), 0);
    CHECK();
}

/* ---- brk ---- */

static void test_brk(void **state)
{
    (void)state;
    free_range(W(100), 50 * TPS);
    lu_brk_init(W(100) + 100);
    assert_int_equal(lu_brk(0), W(100) + 100);
    /* The page holding the initial break is not the break's to map. */
    assert_int_equal(lu_brk(W(103) + 10), W(103) + 10);
    assert_int_equal(flags_at(W(101)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(103)), PAGE_VALID | PAGE_ANON | PAGE_READ | PAGE_WRITE);
    assert_int_equal(flags_at(W(104)), 0);
    assert_bytes(W(101), 3 * TPS, 0);
    fill(W(101), 3 * TPS, 0x81);
    CHECK();
    /* Shrinking unmaps whole pages above the break. */
    assert_int_equal(lu_brk(W(102)), W(102));
    assert_int_equal(flags_at(W(102)), 0);
    assert_bytes(W(101), TPS, 0x81);
    CHECK();
    /* Below the start, or into a mapping: unchanged. */
    assert_int_equal(lu_brk(W(100)), W(102));
    assert_int_equal(lu_brk(W(151)), W(102));
    assert_true(page_table_is_free(guest_pages, W(102), 48 * TPS));
    assert_int_equal(lu_brk(guest_addr_max), W(102));
    CHECK();
}

/* ---- shmat, shmdt ---- */

static void test_shm(void **state)
{
    int id = shmget(IPC_PRIVATE, 3 * TPS, IPC_CREAT | 0600);
    int64_t a;

    (void)state;
    /* Some sandboxes have no SysV IPC. */
    if (id < 0 && (errno == ENOSYS || errno == EPERM || errno == ENOSPC))
        skip();
    assert_true(id >= 0);
    a = lu_shmat(id, 0, 0);
    assert_true(a > 0);
    assert_int_equal(flags_at((guest_addr)a + 2 * TPS),
                     PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_SHARED);
    assert_range((guest_addr)a, 3 * TPS);
    fill((guest_addr)a, 3 * TPS, 0x91);
    /* The same segment at a chosen address sees the same memory. */
    assert_int_equal(lu_shmat(id, W(8) + 1, 0), -EINVAL);
    assert_int_equal(lu_shmat(id, W(8), 0), -EINVAL);   /* mapped, no SHM_REMAP */
    if (host_page_size > TPS) {
        /* Its end would fall inside a host page: cannot be had. */
        assert_int_equal(lu_shmat(id, W(16), LU_SHM_REMAP), -EINVAL);
        assert_int_equal(flags_at(W(16)), PAGE_VALID | PAGE_ANON);
    } else {
        assert_int_equal(lu_shmat(id, W(16) + 1,
                                  LU_SHM_RND | LU_SHM_REMAP | LU_SHM_RDONLY),
                         (int64_t)W(16));
        assert_bytes(W(16), 3 * TPS, 0x91);
        assert_int_equal(flags_at(W(16)), PAGE_VALID | PAGE_READ | PAGE_SHARED);
        CHECK();
        assert_int_equal(lu_shmdt(W(16) + TPS), -EINVAL);
        assert_int_equal(lu_shmdt(W(16)), 0);
        assert_true(page_table_is_free(guest_pages, W(16), 3 * TPS));
        assert_int_equal(lu_shmdt(W(16)), -EINVAL);
    }
    assert_int_equal(maps_check((guest_addr)a, 3 * TPS, 0), 0);
    CHECK();
    assert_int_equal(lu_shmdt((guest_addr)a), 0);
    assert_int_equal(flags_at((guest_addr)a), 0);
    assert_int_equal(lu_shmat(-1, 0, 0), -EINVAL);
    assert_int_equal(lu_shmat(id, 0, LU_SHM_REMAP), -EINVAL);
    shmctl(id, IPC_RMID, NULL);
    CHECK();
}

/* ---- the personality's ops ---- */

static void test_personality(void **state)
{
    const struct personality_mmap_ops *ops = linux_user_personality.mmap;
    int64_t r;

    (void)state;
    assert_int_equal(linux_user_personality.os, GUEST_OS_LINUX);
    r = ops->reserve(0, 10 * TPS, 64 * KiB);
    assert_true(r > 0 && IS_ALIGNED((guest_addr)r, 64 * KiB));
    assert_int_equal(flags_at((guest_addr)r + 9 * TPS), PAGE_VALID | PAGE_ANON);
    assert_int_equal(ops->map_file((guest_addr)r, 2 * TPS, LU_PROT_READ | LU_PROT_EXEC,
                                   file_fd, 0), r);
    assert_file_bytes((guest_addr)r, 2 * TPS, 0);
    assert_int_equal(ops->map_anon((guest_addr)r + 2 * TPS, 3 * TPS, RW, true),
                     r + 2 * (int64_t)TPS);
    assert_bytes((guest_addr)r + 2 * TPS, 3 * TPS, 0);
    assert_int_equal(ops->protect((guest_addr)r + 2 * TPS, TPS, LU_PROT_READ), 0);
    assert_int_equal(flags_at((guest_addr)r + 2 * TPS), PAGE_VALID | PAGE_ANON | PAGE_READ);
    assert_int_equal(maps_check((guest_addr)r, 10 * TPS, 0), 0);
    assert_int_equal(ops->unmap((guest_addr)r, 10 * TPS), 0);
    assert_true(page_table_is_free(guest_pages, (guest_addr)r, 10 * TPS));
    assert_int_equal(ops->reserve(0, 0, TPS), -EINVAL);
    CHECK();
}

/* ---- failures half-way ---- */

static int inj_at, inj_calls;

static bool inj_fail(void)
{
    if (++inj_calls == inj_at) {
        errno = ENOMEM;
        return true;
    }
    return false;
}

static void *inj_mmap(void *a, size_t l, int p, int f, int fd, off_t o)
{
    return inj_fail() ? MAP_FAILED : mmap(a, l, p, f, fd, o);
}

static int inj_munmap(void *a, size_t l)
{
    return inj_fail() ? -1 : munmap(a, l);
}

static int inj_mprotect(void *a, size_t l, int p)
{
    return inj_fail() ? -1 : mprotect(a, l, p);
}

static int inj_madvise(void *a, size_t l, int adv)
{
    return inj_fail() ? -1 : madvise(a, l, adv);
}

static ssize_t inj_pread(int fd, void *b, size_t c, off_t o)
{
    return inj_fail() ? -1 : pread(fd, b, c, o);
}

static const struct hp_host_calls inj_table = {
    .mmap = inj_mmap,
    .munmap = inj_munmap,
    .mprotect = inj_mprotect,
    .madvise = inj_madvise,
    .pread = inj_pread,
    .fstat = fstat,
};

/* Mappings of several protections for the operations to cut through. */
static void fail_prepare(void)
{
    assert_int_equal(lu_mmap(W(0), 3 * TPS, RW, FIXED, -1, 0), (int64_t)W(0));
    assert_int_equal(lu_mmap(W(3), 2 * TPS, LU_PROT_READ, LU_MAP_PRIVATE | LU_MAP_FIXED,
                             file_fd, TPS), (int64_t)W(3));
    assert_int_equal(lu_mmap(W(5), 6 * TPS, LU_PROT_READ | LU_PROT_EXEC, FIXED, -1, 0),
                     (int64_t)W(5));
    fill(W(0), 3 * TPS, 0xa5);
    free_range(W(12), 20 * TPS);
}

static int64_t fail_op(int op)
{
    switch (op) {
    case 0:
        return lu_mmap(W(1), TPS, LU_PROT_READ, FIXED, -1, 0);
    case 1:
        return lu_mmap(W(2), 2 * TPS, RW, LU_MAP_PRIVATE | LU_MAP_FIXED, file_fd, 3 * TPS);
    case 2:
        return lu_mprotect(W(1), 6 * TPS, RW);
    case 3:
        return lu_munmap(W(2), 5 * TPS);
    case 4:
        return lu_mremap(W(0), 3 * TPS, 6 * TPS, LU_MREMAP_MAYMOVE, 0);
    case 5:
        return lu_mremap(W(5), 6 * TPS, 2 * TPS, 0, 0);
    case 6:
        return lu_madvise(W(1), 3 * TPS, LU_MADV_DONTNEED);
    default:
        return lu_mmap(W(12), 9 * TPS, RW, ANON | LU_MAP_FIXED_NOREPLACE, -1, 0);
    }
}

static void test_fail_half_way(void **state)
{
    for (int op = 0; op < 8; op++) {
        for (int n = 1;; n++) {
            int64_t r;
            assert_true(n < 100);
            teardown(state);
            assert_int_equal(setup(state), 0);
            fail_prepare();
            inj_calls = 0;
            inj_at = n;
            hp_host = inj_table;
            r = fail_op(op);
            hp_host = hp_host_default;
            inj_at = 0;
            /* Failed or not, the table and the host agree. */
            if (maps_check(win, WIN_SIZE, 0) != 0)
                fail_msg("op %d, host call %d failing: %lld", op, n, (long long)r);
            CHECK();
            if (inj_calls < n) {
                assert_true(r >= 0);
                break;
            }
            assert_true(r >= 0 || r == -ENOMEM);
        }
    }
}

static int make_file(void)
{
    static uint8_t buf[FILE_SIZE];

    snprintf(file_path, sizeof(file_path), "/tmp/uemu-lu-mmap-XXXXXX");
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
        T(test_mmap_len0),
        T(test_mmap_offset_unaligned),
        T(test_mmap_length_wraps),
        T(test_mmap_no_type),
        T(test_mmap_shared_validate),
        T(test_mmap_fixed_unaligned),
        T(test_mmap_fixed_noreplace),
        T(test_mmap_outside),
        T(test_mmap_bad_fd),
        T(test_mmap_file_errors),
        T(test_mmap_anon_zero),
        T(test_mmap_hint),
        T(test_mmap_honoured_flags),
        T(test_mmap_file),
        T(test_mmap_shared_file),
        T(test_munmap_rows),
        T(test_munmap_middle),
        T(test_mprotect_rows),
        T(test_mprotect_hole),
        T(test_mprotect_ok),
        T(test_mprotect_growsdown),
        T(test_mremap_rows),
        T(test_mremap_efault),
        T(test_mremap_no_room),
        T(test_mremap_shrink),
        T(test_mremap_grow_in_place),
        T(test_mremap_move),
        T(test_mremap_dontunmap),
        T(test_msync_rows),
        T(test_madvise_dontneed),
        T(test_madvise_rows),
        T(test_mincore),
        T(test_mlock),
        T(test_brk),
        T(test_shm),
        T(test_personality),
        T(test_fail_half_way),
#undef T
    };
    int failed = 0;

    if (make_file() < 0) {
        perror("test-linux-mmap: temporary file");
        return 1;
    }
    for (size_t i = 0; i < ARRAY_SIZE(configs); i++) {
        char name[64];
        cfg = &configs[i];
        snprintf(name, sizeof(name), "linux-mmap-%s", cfg->name);
        failed += _cmocka_run_group_tests(name, tests, ARRAY_SIZE(tests), NULL, NULL);
    }
    close(file_fd);
    unlink(file_path);
    return failed ? 1 : 0;
}
