/*
 * Failure half-way in the host-page layer (MMAP.md point 8): for each
 * operation, make its 1st, 2nd, 3rd ... host call fail in turn, and check
 * after each that the operation returned exactly the injected -errno (or
 * succeeded where the layer could recover) and that the page table still
 * equals the host's mappings (/proc/self/maps).  Runs under every
 * configuration of host-page-fixture.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "tests/unit/host-page-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/page-table.h"

#define K 1024ull
#define RW (PROT_READ | PROT_WRITE)
#define RX (PROT_READ | PROT_EXEC)

/* More host calls than any operation here makes. */
#define MAX_CALLS 32

static const int errs[] = { ENOMEM, EACCES, EIO };

struct scenario {
    void (*prepare)(void);
    int (*op)(void);
};

static void map_anon(guest_addr g, guest_addr len, int prot)
{
    assert_int_equal(hp_map_fixed(g, len, prot, MAP_PRIVATE, -1, 0, 0), 0);
}

/* Neighbours at both ends of slot 0-1: partial host pages with others. */
static void prep_neighbours(void)
{
    map_anon(hpf_slot(0), 4 * K, PROT_READ);
    map_anon(hpf_slot(1) + 60 * K, 4 * K, RX);
}

/* One mapping over slots 0-1 with a read-only first page. */
static void prep_full(void)
{
    map_anon(hpf_slot(0), 128 * K, RW);
    memset(g2h(hpf_slot(0)), 0x5c, 128 * K);
    assert_int_equal(hp_protect(hpf_slot(0), 4 * K, PROT_READ), 0);
}

static int op_map_anon(void)
{
    return hp_map_fixed(hpf_slot(0) + 4 * K, 120 * K, RW, MAP_PRIVATE, -1, 0,
                        0);
}

static int op_map_anon_ro(void)
{
    return hp_map_fixed(hpf_slot(0) + 4 * K, 120 * K, PROT_READ, MAP_PRIVATE,
                        -1, 0, 0);
}

static int op_map_file(void)
{
    return hp_map_fixed(hpf_slot(0) + 4 * K, 120 * K, RW, MAP_PRIVATE,
                        hpf_file(), 4 * K, 0);
}

static int op_map_file_misaligned(void)
{
    return hp_map_fixed(hpf_slot(0) + 4 * K, 120 * K, PROT_READ, MAP_PRIVATE,
                        hpf_file(), 8 * K, 0);
}

/* Half of it past the end of the file: anonymous pages back that part. */
static int op_map_file_past_eof(void)
{
    return hp_map_fixed(hpf_slot(0) + 4 * K, 120 * K, PROT_READ, MAP_PRIVATE,
                        hpf_file(), HPF_FILE_SIZE - 60 * K, 0);
}

static int op_protect(void)
{
    return hp_protect(hpf_slot(0) + 4 * K, 120 * K, RX);
}

static int op_unmap(void)
{
    return hp_unmap(hpf_slot(0) + 4 * K, 120 * K);
}

static int op_unmap_all(void)
{
    return hp_unmap(hpf_slot(0), 128 * K);
}

static int op_discard(void)
{
    return hp_discard(hpf_slot(0) + 4 * K, 120 * K);
}

static int op_discard_ro(void)
{
    /* The first page is read-only: its fragment needs write access. */
    return hp_discard(hpf_slot(0), 64 * K + 4 * K);
}

static void prep_none(void)
{
}

/* Run sc with its nth host call failing, for every n until it succeeds. */
static void run_failures(const struct scenario *sc)
{
    for (size_t e = 0; e < ARRAY_SIZE(errs); e++) {
        int n;
        for (n = 1; n <= MAX_CALLS; n++) {
            assert_int_equal(hp_unmap(hpf_win, HPF_WIN_SIZE), 0);
            HPF_CHECK();
            sc->prepare();
            HPF_CHECK();
            hpf_fail_at(n, errs[e]);
            int ret = sc->op();
            bool hit = hpf_inject_off();
            if (maps_check(hpf_win, HPF_WIN_SIZE, 0) != 0) {
                fail_msg("tables differ after call %d failed with %d", n,
                         errs[e]);
            }
            if (!hit) {
                assert_int_equal(ret, 0);
                break;
            }
            if (ret != 0 && ret != -errs[e]) {
                fail_msg("call %d failed with %d: returned %d", n, errs[e],
                         ret);
            }
        }
        /* The operation succeeds once no call fails. */
        assert_true(n <= MAX_CALLS);
    }
    assert_int_equal(hp_unmap(hpf_win, HPF_WIN_SIZE), 0);
    HPF_CHECK();
}

#define SCENARIO(name, prep, opfn)                                          \
    static void name(void **state)                                          \
    {                                                                       \
        static const struct scenario sc = { prep, opfn };                   \
        (void)state;                                                        \
        assert_true(hpf_file() >= 0);                                       \
        run_failures(&sc);                                                  \
    }

SCENARIO(test_fail_map_anon_fresh, prep_none, op_map_anon)
SCENARIO(test_fail_map_anon_fragments, prep_neighbours, op_map_anon)
SCENARIO(test_fail_map_anon_ro_over_data, prep_full, op_map_anon_ro)
SCENARIO(test_fail_map_file_fragments, prep_neighbours, op_map_file)
SCENARIO(test_fail_map_file_over_data, prep_full, op_map_file)
SCENARIO(test_fail_map_file_misaligned, prep_neighbours,
         op_map_file_misaligned)
SCENARIO(test_fail_map_file_past_eof, prep_neighbours, op_map_file_past_eof)
SCENARIO(test_fail_protect, prep_full, op_protect)
SCENARIO(test_fail_unmap_keeping_ends, prep_full, op_unmap)
SCENARIO(test_fail_unmap_all, prep_full, op_unmap_all)
SCENARIO(test_fail_discard, prep_full, op_discard)
SCENARIO(test_fail_discard_read_only_fragment, prep_full, op_discard_ro)

/* The operation failing on its first call changes nothing at all. */
static void test_first_call_failure_changes_nothing(void **state)
{
    (void)state;
    prep_full();
    hpf_fail_at(1, EACCES);
    assert_int_equal(op_map_file(), -EACCES);
    assert_true(hpf_inject_off());
    HPF_CHECK();
    assert_int_equal(page_table_get(guest_pages, hpf_slot(0) + 64 * K),
                     PAGE_VALID | PAGE_ANON | RW);
    uint8_t *p = g2h(hpf_slot(0));
    for (size_t i = 0; i < 128 * K; i++) {
        assert_int_equal(p[i], 0x5c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fail_map_anon_fresh),
        cmocka_unit_test(test_fail_map_anon_fragments),
        cmocka_unit_test(test_fail_map_anon_ro_over_data),
        cmocka_unit_test(test_fail_map_file_fragments),
        cmocka_unit_test(test_fail_map_file_over_data),
        cmocka_unit_test(test_fail_map_file_misaligned),
        cmocka_unit_test(test_fail_map_file_past_eof),
        cmocka_unit_test(test_fail_protect),
        cmocka_unit_test(test_fail_unmap_keeping_ends),
        cmocka_unit_test(test_fail_unmap_all),
        cmocka_unit_test(test_fail_discard),
        cmocka_unit_test(test_fail_discard_read_only_fragment),
        cmocka_unit_test(test_first_call_failure_changes_nothing),
    };
    return hpf_run("host-page-fail", tests, ARRAY_SIZE(tests));
}
