/*
 * Tests of accel/user/guest-space.c: page sizes, guest_base, the
 * reserved_va reservation, mmap_min_addr, and re-initialisation at
 * another HPS after guest_space_reset().
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/unit/maps-check.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/page-table.h"

#define KiB 1024ull
#define MiB (1024 * KiB)

static int teardown(void **state)
{
    (void)state;
    guest_space_reset();
    return 0;
}

static void test_defaults(void **state)
{
    struct guest_space_config cfg = { 0 };
    long rhps = sysconf(_SC_PAGESIZE);

    (void)state;
    assert_int_equal(guest_space_init(&cfg), 0);
    assert_int_equal(target_page_size, 4096);
    assert_int_equal(real_host_page_size, rhps);
    assert_int_equal(host_page_size, rhps > 4096 ? rhps : 4096);
    assert_int_equal(guest_base, 0);
    assert_int_equal(reserved_va, 0);
    assert_int_equal(guest_addr_max, (1ull << 47) - 1);
    assert_true(mmap_min_addr >= host_page_size);
    assert_true(IS_ALIGNED(mmap_min_addr, host_page_size));
    assert_non_null(guest_pages);
    assert_int_equal(page_table_count(guest_pages), 0);
    /* A second init without reset is refused. */
    assert_int_equal(guest_space_init(&cfg), -EBUSY);
}

/* mmap_min_addr: the kernel's, rounded up to HPS, at least HPS. */
static void test_mmap_min_addr(void **state)
{
    static const guest_addr hps[] = { 4 * KiB, 16 * KiB, 64 * KiB };
    unsigned long long v = 65536;
    FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");

    (void)state;
    if (f) {
        assert_int_equal(fscanf(f, "%llu", &v), 1);
        fclose(f);
    }
    for (size_t i = 0; i < ARRAY_SIZE(hps); i++) {
        struct guest_space_config cfg = { .host_page_size = hps[i] };
        guest_addr want = ALIGN_UP((guest_addr)v, hps[i]);
        assert_int_equal(guest_space_init(&cfg), 0);
        assert_int_equal(mmap_min_addr, want < hps[i] ? hps[i] : want);
        guest_space_reset();
    }
}

static void test_page_sizes(void **state)
{
    static const struct {
        guest_addr tps, hps;
        int ret;
        guest_addr want_hps;
    } cases[] = {
        { 0, 16 * KiB, 0, 16 * KiB },
        { 0, 64 * KiB, 0, 64 * KiB },
        { 0, 4 * KiB, 0, 4 * KiB },
        { 16 * KiB, 0, 0, 16 * KiB },       /* HPS = max(RHPS, TPS) */
        { 16 * KiB, 64 * KiB, 0, 64 * KiB },
        { 16 * KiB, 8 * KiB, -EINVAL, 0 },  /* below TPS */
        { 0, 2 * KiB, -EINVAL, 0 },         /* below RHPS */
        { 0, 12 * KiB, -EINVAL, 0 },        /* not a power of two */
        { 3000, 0, -EINVAL, 0 },
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct guest_space_config cfg = {
            .target_page_size = cases[i].tps,
            .host_page_size = cases[i].hps,
        };
        assert_int_equal(guest_space_init(&cfg), cases[i].ret);
        if (cases[i].ret == 0) {
            assert_int_equal(host_page_size, cases[i].want_hps);
            assert_true(IS_ALIGNED(mmap_min_addr, host_page_size));
            assert_true(mmap_min_addr >= host_page_size);
        } else {
            assert_null(guest_pages);
        }
        guest_space_reset();
    }
}

static void test_reserved_va_kernel_base(void **state)
{
    static const guest_addr hps[] = { 4 * KiB, 16 * KiB, 64 * KiB };

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(hps); i++) {
        struct guest_space_config cfg = {
            .host_page_size = hps[i],
            .reserved_va = 64 * MiB + 4 * KiB,   /* rounded up to HPS */
        };
        assert_int_equal(guest_space_init(&cfg), 0);
        assert_int_equal(reserved_va, ALIGN_UP(64 * MiB + 4 * KiB, hps[i]));
        assert_int_equal(guest_addr_max, reserved_va - 1);
        assert_true(guest_base != 0);
        assert_true(IS_ALIGNED(guest_base, hps[i]));
        /* The whole space is reserved, inaccessible. */
        assert_int_equal(maps_host_prot(g2h(0)), PROT_NONE);
        assert_int_equal(maps_host_prot(g2h(guest_addr_max)), PROT_NONE);
        assert_int_equal(maps_check(0, reserved_va, 0), 0);
        void *top = g2h(guest_addr_max);
        guest_space_reset();
        assert_int_equal(maps_host_prot(top), -1);
    }
}

static void test_reserved_va_fixed_base(void **state)
{
    struct guest_space_config cfg = {
        .host_page_size = 64 * KiB,
        .reserved_va = 16 * MiB,
        .have_guest_base = true,
    };

    (void)state;
    /* Find a free host area, then give it back and ask for it. */
    void *p = mmap(NULL, 32 * MiB, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    assert_true(p != MAP_FAILED);
    assert_int_equal(munmap(p, 32 * MiB), 0);
    cfg.guest_base = ALIGN_UP((uintptr_t)p, 64 * KiB);
    assert_int_equal(guest_space_init(&cfg), 0);
    assert_int_equal(guest_base, cfg.guest_base);
    assert_int_equal(maps_host_prot((void *)cfg.guest_base), PROT_NONE);
    guest_space_reset();

    /* An occupied base cannot be had. */
    void *busy = mmap((void *)cfg.guest_base, 64 * KiB, PROT_READ,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(busy, (void *)cfg.guest_base);
    assert_int_equal(guest_space_init(&cfg), -ENOMEM);
    assert_null(guest_pages);
    assert_int_equal(maps_host_prot(busy), PROT_READ);
    assert_int_equal(munmap(busy, 64 * KiB), 0);

    /* A base not aligned to HPS is refused. */
    cfg.guest_base += 4 * KiB;
    assert_int_equal(guest_space_init(&cfg), -EINVAL);
}

static void test_guest_base_without_reservation(void **state)
{
    struct guest_space_config cfg = {
        .have_guest_base = true,
        .guest_base = 1ull << 40,
        .addr_limit = 1ull << 39,
    };

    (void)state;
    assert_int_equal(guest_space_init(&cfg), 0);
    assert_int_equal(guest_base, 1ull << 40);
    assert_int_equal(guest_addr_max, (1ull << 39) - 1);
    assert_ptr_equal(g2h(0x1000), (void *)((1ull << 40) + 0x1000));
    assert_int_equal(h2g(g2h(0x1234)), 0x1234);
}

static void test_impossible_reservation(void **state)
{
    struct guest_space_config cfg = {
        .reserved_va = 1ull << 47,
        .addr_limit = 1ull << 47,
    };

    (void)state;
    /* The whole 47-bit space cannot be reserved next to this process. */
    assert_int_equal(guest_space_init(&cfg), -ENOMEM);
    assert_null(guest_pages);
    /* Larger than the guest address space: refused outright. */
    cfg.addr_limit = 1ull << 30;
    cfg.reserved_va = 1ull << 31;
    assert_int_equal(guest_space_init(&cfg), -EINVAL);
}

static void test_reset_unmaps_guest_pages(void **state)
{
    struct guest_space_config cfg = { .host_page_size = 16 * KiB };

    (void)state;
    assert_int_equal(guest_space_init(&cfg), 0);
    int64_t g = hp_find_free(0, 64 * KiB, 0);
    assert_true(g > 0);
    assert_int_equal(hp_map_fixed(g, 4 * KiB, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE, -1, 0, 0), 0);
    assert_int_equal(hp_map_fixed(g + 32 * KiB, 32 * KiB, PROT_READ,
                                  MAP_PRIVATE, -1, 0, 0), 0);
    hp_unreserve(g, 64 * KiB);
    assert_int_equal(maps_check(g, 64 * KiB, 0), 0);
    guest_space_reset();
    assert_int_equal(maps_host_prot(g2h(g)), -1);
    assert_int_equal(maps_host_prot(g2h(g + 32 * KiB)), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_defaults, teardown),
        cmocka_unit_test_teardown(test_mmap_min_addr, teardown),
        cmocka_unit_test_teardown(test_page_sizes, teardown),
        cmocka_unit_test_teardown(test_reserved_va_kernel_base, teardown),
        cmocka_unit_test_teardown(test_reserved_va_fixed_base, teardown),
        cmocka_unit_test_teardown(test_guest_base_without_reservation,
                                  teardown),
        cmocka_unit_test_teardown(test_impossible_reservation, teardown),
        cmocka_unit_test_teardown(test_reset_unmaps_guest_pages, teardown),
    };
    return cmocka_run_group_tests_name("guest-space", tests, NULL, NULL);
}
