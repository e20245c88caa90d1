/*
 * Tests of accel/user/host-page-find.c: hp_find_free honours a free hint,
 * skips ranges the table or the host holds, moves its cursor, wraps once
 * to low memory, searches top-down under reserved_va, and fails with
 * ENOMEM after a bounded number of tries or when the space is exhausted.
 * Runs under every configuration of host-page-fixture.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "tests/unit/host-page-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/page-table.h"

#define K 1024ull
#define M (1024 * K)

static int freed_prot(void)
{
    return reserved_va ? PROT_NONE : -1;
}

static void test_hint_honoured(void **state)
{
    guest_addr h = hpf_slot(4);

    (void)state;
    assert_int_equal(hp_find_free(h, 64 * K, 0), h);
    assert_true(page_table_is_free(guest_pages, h, 64 * K));
    /* Reserved on the host, inaccessible. */
    assert_int_equal(maps_host_prot(g2h(h)), PROT_NONE);
    assert_int_equal(maps_check(hpf_win, HPF_WIN_SIZE,
                                MAPS_CHECK_RESERVED_OK), 0);
    /* The caller maps over the reservation. */
    assert_int_equal(hp_map_fixed(h, 64 * K, PROT_READ, MAP_PRIVATE, -1, 0,
                                  0), 0);
    HPF_CHECK();
    assert_int_equal(hp_unmap(h, 64 * K), 0);
    HPF_CHECK();

    /* An unaligned hint is aligned up. */
    guest_addr want = ALIGN_UP(h + 4 * K, host_page_size);
    assert_int_equal(hp_find_free(h + 4 * K, 4 * K, 0), want);
    hp_unreserve(want, 4 * K);
    assert_int_equal(maps_host_prot(g2h(want)), freed_prot());
    HPF_CHECK();
    assert_int_equal(hp_find_free(h + 4 * K, 4 * K, 64 * K), h + 64 * K);
    hp_unreserve(h + 64 * K, 4 * K);
    HPF_CHECK();
}

static void test_table_occupied_hint(void **state)
{
    guest_addr h = hpf_slot(4);

    (void)state;
    assert_int_equal(hp_map_fixed(h + 60 * K, 4 * K, PROT_READ, MAP_PRIVATE,
                                  -1, 0, 0), 0);
    int64_t g = hp_find_free(h, 64 * K, 0);
    assert_true(g > 0);
    assert_true((guest_addr)g + 64 * K <= h || (guest_addr)g >= h + 64 * K);
    assert_true(IS_ALIGNED((guest_addr)g, host_page_size));
    /* Whole host pages: none shared with the mapped page. */
    assert_true(page_table_is_free(guest_pages, ALIGN_DOWN((guest_addr)g, host_page_size),
                                   64 * K));
    hp_unreserve(g, 64 * K);
    HPF_CHECK();
}

static void test_host_occupied_skipped(void **state)
{
    guest_addr h = hpf_slot(8);

    (void)state;
    if (reserved_va) {
        skip();
    }
    /* Something of the host's own, unknown to the table. */
    void *p = mmap(g2h(h), 64 * K, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(p, g2h(h));
    int64_t g = hp_find_free(h, 64 * K, 0);
    assert_true(g > 0);
    assert_true((guest_addr)g != h);
    assert_true((guest_addr)g + 64 * K <= h || (guest_addr)g >= h + 64 * K);
    assert_int_equal(maps_host_prot(p), PROT_READ);
    hp_unreserve(g, 64 * K);

    /* A search from the cursor skips it too, and the cursor moves on. */
    hp_set_mmap_base(h - 64 * K);
    int64_t g1 = hp_find_free(0, 128 * K, 0);
    assert_true(g1 > 0);
    assert_true((guest_addr)g1 >= h + 64 * K);
    int64_t g2 = hp_find_free(0, 64 * K, 0);
    assert_true(g2 >= g1 + (int64_t)(128 * K));
    hp_unreserve(g1, 128 * K);
    hp_unreserve(g2, 64 * K);
    assert_int_equal(maps_host_prot(p), PROT_READ);
    assert_int_equal(munmap(p, 64 * K), 0);
}

static void test_wraps_once(void **state)
{
    const struct hpf_config *c = *state;
    const guest_addr limit = 1ull << 40;
    struct guest_space_config cfg = {
        .host_page_size = c->hps,
        .addr_limit = limit,
    };

    if (c->rva) {
        skip();
    }
    guest_space_reset();
    assert_int_equal(guest_space_init(&cfg), 0);
    hp_set_mmap_base(limit - M);
    int64_t g = hp_find_free(0, 2 * M, 0);
    assert_true(g > 0);
    assert_true((guest_addr)g >= mmap_min_addr);
    assert_true((guest_addr)g + 2 * M <= limit - M);
    assert_int_equal(maps_host_prot(g2h(g)), PROT_NONE);
    hp_unreserve(g, 2 * M);
    assert_int_equal(maps_host_prot(g2h(g)), -1);
}

static void test_top_down_under_reserved_va(void **state)
{
    (void)state;
    if (!reserved_va) {
        skip();
    }
    int64_t g = hp_find_free(0, 64 * K, 0);
    assert_int_equal(g, reserved_va - 64 * K);
    assert_int_equal(hp_map_fixed(g, 64 * K, PROT_READ, MAP_PRIVATE, -1, 0,
                                  0), 0);
    assert_int_equal(hp_find_free(0, 64 * K, 0), reserved_va - 128 * K);
    /* The table only: the host is not asked. */
    hpf_fail_at(1, EEXIST);
    assert_int_equal(hp_find_free(0, 64 * K, 0), reserved_va - 128 * K);
    assert_false(hpf_inject_off());
    assert_int_equal(hp_unmap(g, 64 * K), 0);
    assert_int_equal(maps_check(0, reserved_va, 0), 0);
}

static void test_exhausted(void **state)
{
    const struct hpf_config *c = *state;

    assert_int_equal(hp_find_free(0, guest_addr_max, 0), -ENOMEM);
    assert_int_equal(hp_find_free(0, UINT64_MAX - 100, 0), -ENOMEM);
    if (!c->rva) {
        /* The host refuses everything: a bounded number of tries. */
        hpf_fail_all(EEXIST);
        assert_int_equal(hp_find_free(0, 64 * K, 0), -ENOMEM);
        assert_true(hpf_inject_off());
        assert_true(hpf_calls() > 1 && hpf_calls() <= HP_FIND_FREE_TRIES);
        hpf_fail_all(EEXIST);
        assert_int_equal(hp_find_free(hpf_slot(2), 64 * K, 0), -ENOMEM);
        assert_true(hpf_inject_off());
        assert_true(hpf_calls() > 1 && hpf_calls() <= HP_FIND_FREE_TRIES);
        /* Any other refusal ends the search at once. */
        hpf_fail_all(EPERM);
        assert_int_equal(hp_find_free(0, 64 * K, 0), -ENOMEM);
        assert_true(hpf_inject_off());
        assert_int_equal(hpf_calls(), 1);
        HPF_CHECK();
        return;
    }
    struct guest_space_config cfg = {
        .host_page_size = c->hps,
        .reserved_va = 2 * M,
    };
    guest_space_reset();
    assert_int_equal(guest_space_init(&cfg), 0);
    assert_int_equal(hp_find_free(0, 4 * M, 0), -ENOMEM);
    int64_t g = hp_find_free(0, M, 0);
    assert_int_equal(g, M);
    assert_int_equal(hp_map_fixed(mmap_min_addr, 2 * M - mmap_min_addr,
                                  PROT_NONE, MAP_PRIVATE, -1, 0, 0), 0);
    assert_int_equal(hp_find_free(0, 4 * K, 0), -ENOMEM);
    assert_int_equal(hp_find_free(mmap_min_addr, 4 * K, 0), -ENOMEM);
    assert_int_equal(hp_unmap(M, host_page_size), 0);
    assert_int_equal(hp_find_free(0, 4 * K, 0), M);
    assert_int_equal(maps_check(0, reserved_va, 0), 0);
}

/*
 * Without reserved_va, a fixed mapping must never replace host memory the
 * guest was not given (uemu's heap, libraries): -ENOMEM, memory intact,
 * and a half-owned range leaves the guest's part as it was.
 */
static void test_fixed_never_replaces_host_memory(void **state)
{
    guest_addr h = hpf_slot(12);

    (void)state;
    if (reserved_va) {
        skip();
    }
    /* Host memory the guest does not own, in the middle of a free slot. */
    void *foreign = mmap(g2h(h + HPF_SLOT), HPF_SLOT, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_true(foreign == g2h(h + HPF_SLOT));
    memset(foreign, 0xab, HPF_SLOT);

    assert_int_equal(hp_map_fixed(h + HPF_SLOT, HPF_SLOT, PROT_READ, MAP_PRIVATE, -1, 0, 0),
                     -ENOMEM);
    /* Owned first slot, foreign second: nothing changes. */
    assert_int_equal(hp_map_fixed(h, HPF_SLOT, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1, 0, 0), 0);
    memset(g2h(h), 0x11, HPF_SLOT);
    assert_int_equal(hp_map_fixed(h, 2 * HPF_SLOT, PROT_READ, MAP_PRIVATE, -1, 0, 0), -ENOMEM);
    assert_int_equal(((uint8_t *)g2h(h))[0], 0x11);
    assert_int_equal(page_table_get(guest_pages, h) & PAGE_RWX, PAGE_READ | PAGE_WRITE);
    assert_true(page_table_is_free(guest_pages, h + HPF_SLOT, HPF_SLOT));
    for (guest_addr i = 0; i < HPF_SLOT; i += 4096)
        assert_int_equal(((uint8_t *)foreign)[i], 0xab);
    assert_int_equal(maps_host_prot(foreign), PROT_READ | PROT_WRITE);
    /* A free gap next to the owned slot is taken and then given back on failure. */
    assert_int_equal(hp_map_fixed(h + 2 * HPF_SLOT, 2 * HPF_SLOT, PROT_READ, MAP_PRIVATE, -1, 0, 0), 0);
    assert_int_equal(maps_check(h, HPF_SLOT, 0), 0);
    assert_int_equal(maps_check(h + 2 * HPF_SLOT, 2 * HPF_SLOT, 0), 0);
    assert_int_equal(hp_unmap(h, HPF_SLOT), 0);
    assert_int_equal(hp_unmap(h + 2 * HPF_SLOT, 2 * HPF_SLOT), 0);
    munmap(foreign, HPF_SLOT);
    HPF_CHECK();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hint_honoured),
        cmocka_unit_test(test_table_occupied_hint),
        cmocka_unit_test(test_host_occupied_skipped),
        cmocka_unit_test(test_wraps_once),
        cmocka_unit_test(test_top_down_under_reserved_va),
        cmocka_unit_test(test_exhausted),
        cmocka_unit_test(test_fixed_never_replaces_host_memory),
    };
    return hpf_run("host-page-find", tests, ARRAY_SIZE(tests));
}
