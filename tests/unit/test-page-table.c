/*
 * Tests of the guest page table (accel/user/page-table.c).
 *
 * Edge cases with exact expected results; a randomized comparison with a
 * reference model (one flags word per page over a small window, at the
 * bottom, middle and top of the 64-bit space); and readers running
 * against a writer in other threads.  PT_SEED overrides the random
 * test's seed, which is printed with any failure.
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "uemu/page-table.h"

#define P 4096ull
#define TOP UINT64_MAX
#define R (PAGE_VALID | PAGE_READ)
#define RW (PAGE_VALID | PAGE_READ | PAGE_WRITE)
#define RX (PAGE_VALID | PAGE_READ | PAGE_EXEC)

static int setup(void **state)
{
    struct page_table *pt = page_table_new();

    assert_non_null(pt);
    *state = pt;
    return 0;
}

static int teardown(void **state)
{
    page_table_free(*state);
    return 0;
}

static void assert_lookup(struct page_table *pt, guest_addr addr,
                          guest_addr start, guest_addr last, unsigned flags)
{
    guest_addr s, l;
    unsigned f;

    page_table_lookup(pt, addr, &s, &l, &f);
    assert_int_equal(s, start);
    assert_int_equal(l, last);
    assert_int_equal(f, flags);
}

/* page_table_walk collects into this. */
struct walk_log {
    int n;
    int stop_after;             /* return 7 on this call (1-based); 0: never */
    guest_addr start[64], last[64];
    unsigned flags[64];
};

static int log_range(void *opaque, guest_addr start, guest_addr last,
                     unsigned flags)
{
    struct walk_log *w = opaque;

    assert_true(w->n < 64);
    w->start[w->n] = start;
    w->last[w->n] = last;
    w->flags[w->n] = flags;
    w->n++;
    return w->n == w->stop_after ? 7 : 0;
}

static void test_empty(void **state)
{
    struct page_table *pt = *state;
    struct walk_log w = { 0 };
    guest_addr a;

    assert_int_equal(page_table_count(pt), 0);
    assert_int_equal(page_table_get(pt, 0), 0);
    assert_int_equal(page_table_get(pt, TOP), 0);
    assert_lookup(pt, 12345, 0, TOP, 0);
    assert_false(page_table_check(pt, 0, P, 0));
    assert_true(page_table_check(pt, 0, 0, PAGE_RWX));
    assert_true(page_table_is_free(pt, 0, TOP));
    assert_true(page_table_is_free(pt, 1, TOP));
    assert_false(page_table_is_free(pt, 2, TOP));
    assert_int_equal(page_table_walk(pt, 0, TOP, log_range, &w), 0);
    assert_int_equal(w.n, 0);
    assert_true(page_table_find_free(pt, 0, TOP, P, P, &a));
    assert_int_equal(a, 0);
    assert_true(page_table_find_free_top(pt, 0, TOP, P, P, &a));
    assert_int_equal(a, TOP - P + 1);
}

static void test_single_page(void **state)
{
    struct page_table *pt = *state;

    page_table_set(pt, 0x10000, 0x10fff, RW);
    assert_int_equal(page_table_count(pt), 1);
    assert_int_equal(page_table_get(pt, 0xffff), 0);
    assert_int_equal(page_table_get(pt, 0x10000), RW);
    assert_int_equal(page_table_get(pt, 0x10fff), RW);
    assert_int_equal(page_table_get(pt, 0x11000), 0);
    assert_lookup(pt, 0x10800, 0x10000, 0x10fff, RW);
    assert_lookup(pt, 0, 0, 0xffff, 0);
    assert_lookup(pt, 0x11000, 0x11000, TOP, 0);
    assert_true(page_table_check(pt, 0x10000, P, PAGE_READ | PAGE_WRITE));
    assert_false(page_table_check(pt, 0x10000, P, PAGE_EXEC));
    assert_false(page_table_check(pt, 0x10000, P + 1, 0));
    assert_false(page_table_check(pt, 0xffff, 2, 0));
    assert_false(page_table_is_free(pt, 0x10fff, 1));
    assert_true(page_table_is_free(pt, 0x11000, TOP - 0x11000 + 1));
    assert_true(page_table_is_free(pt, 0, 0x10000));
    assert_false(page_table_is_free(pt, 0, 0x10001));
}

static void test_set_clear(void **state)
{
    struct page_table *pt = *state;

    page_table_set(pt, 0x10000, 0x1ffff, R);
    page_table_clear(pt, 0x10000, 0x1ffff);
    assert_int_equal(page_table_count(pt), 0);
    assert_int_equal(page_table_get(pt, 0x10000), 0);
    assert_lookup(pt, 0x10000, 0, TOP, 0);
    /* Clearing nothing, and setting what is already there, change nothing. */
    page_table_clear(pt, 0, TOP);
    page_table_set(pt, 0x10000, 0x1ffff, R);
    page_table_set(pt, 0x11000, 0x11fff, R);
    assert_int_equal(page_table_count(pt), 1);
    assert_lookup(pt, 0x11000, 0x10000, 0x1ffff, R);
    /* Clear across the ends of a range. */
    page_table_clear(pt, 0xf000, 0x10fff);
    page_table_clear(pt, 0x1f000, 0x20fff);
    assert_lookup(pt, 0x11000, 0x11000, 0x1efff, R);
    assert_lookup(pt, 0x10000, 0, 0x10fff, 0);
    assert_lookup(pt, 0x1f000, 0x1f000, TOP, 0);
    page_table_clear(pt, 0, TOP);
    assert_int_equal(page_table_count(pt), 0);
}

static void test_split_three(void **state)
{
    struct page_table *pt = *state;

    page_table_set(pt, 0x100000, 0x102fff, RW);
    page_table_set(pt, 0x101000, 0x101fff, R);
    assert_int_equal(page_table_count(pt), 3);
    assert_lookup(pt, 0x100000, 0x100000, 0x100fff, RW);
    assert_lookup(pt, 0x101fff, 0x101000, 0x101fff, R);
    assert_lookup(pt, 0x102000, 0x102000, 0x102fff, RW);
    /* Punch a hole instead. */
    page_table_clear(pt, 0x101000, 0x101fff);
    assert_int_equal(page_table_count(pt), 2);
    assert_lookup(pt, 0x101000, 0x101000, 0x101fff, 0);
    /* Filling it with the neighbours' flags makes one range again. */
    page_table_set(pt, 0x101000, 0x101fff, RW);
    assert_int_equal(page_table_count(pt), 1);
    assert_lookup(pt, 0x101000, 0x100000, 0x102fff, RW);
}

static void test_merge(void **state)
{
    struct page_table *pt = *state;

    page_table_set(pt, 0 * P, 1 * P - 1, R);
    page_table_set(pt, 2 * P, 3 * P - 1, R);
    assert_int_equal(page_table_count(pt), 2);
    page_table_set(pt, 1 * P, 2 * P - 1, R);
    assert_int_equal(page_table_count(pt), 1);
    assert_lookup(pt, P, 0, 3 * P - 1, R);
    /* Different flags: no merge, on either side. */
    page_table_set(pt, 3 * P, 4 * P - 1, RW);
    assert_int_equal(page_table_count(pt), 2);
    assert_lookup(pt, 3 * P, 3 * P, 4 * P - 1, RW);
    page_table_set(pt, 5 * P, 6 * P - 1, R);
    page_table_set(pt, 4 * P, 5 * P - 1, RX);
    assert_int_equal(page_table_count(pt), 4);
    /* Merge with the left one only, then with the right one only. */
    page_table_set(pt, 3 * P, 4 * P - 1, R);
    assert_lookup(pt, 3 * P, 0, 4 * P - 1, R);
    page_table_set(pt, 4 * P, 5 * P - 1, R);
    assert_lookup(pt, 4 * P, 0, 6 * P - 1, R);
    assert_int_equal(page_table_count(pt), 1);
    /* A set over several ranges of other flags absorbs them. */
    page_table_set(pt, 1 * P, 2 * P - 1, RW);
    page_table_set(pt, 3 * P, 4 * P - 1, RX);
    assert_int_equal(page_table_count(pt), 5);
    page_table_set(pt, 1 * P, 4 * P - 1, R);
    assert_int_equal(page_table_count(pt), 1);
    assert_lookup(pt, 0, 0, 6 * P - 1, R);
}

static void test_extremes(void **state)
{
    struct page_table *pt = *state;
    struct walk_log w = { 0 };

    page_table_set(pt, 0, P - 1, RX);
    page_table_set(pt, TOP - P + 1, TOP, RW);
    assert_int_equal(page_table_count(pt), 2);
    assert_int_equal(page_table_get(pt, 0), RX);
    assert_int_equal(page_table_get(pt, TOP), RW);
    assert_lookup(pt, TOP, TOP - P + 1, TOP, RW);
    assert_lookup(pt, P, P, TOP - P, 0);
    assert_true(page_table_check(pt, TOP - P + 1, P, PAGE_WRITE));
    assert_false(page_table_check(pt, TOP - P + 1, P + 1, 0));
    assert_false(page_table_is_free(pt, TOP, 1));
    assert_true(page_table_is_free(pt, P, TOP - 2 * P + 1));
    assert_int_equal(page_table_walk(pt, 0, TOP, log_range, &w), 0);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.last[1], TOP);
    /* The whole space in one range, then holes at both ends. */
    page_table_set(pt, 0, TOP, R);
    assert_int_equal(page_table_count(pt), 1);
    assert_lookup(pt, 1ull << 63, 0, TOP, R);
    assert_true(page_table_check(pt, 0, TOP, PAGE_READ));
    page_table_clear(pt, TOP, TOP);
    page_table_clear(pt, 0, 0);
    assert_lookup(pt, 5, 1, TOP - 1, R);
    assert_lookup(pt, TOP, TOP, TOP, 0);
    assert_lookup(pt, 0, 0, 0, 0);
    page_table_set(pt, TOP, TOP, R);
    page_table_set(pt, 0, 0, R);
    assert_int_equal(page_table_count(pt), 1);
    page_table_clear(pt, 0, TOP);
    assert_int_equal(page_table_count(pt), 0);
}

static void test_check(void **state)
{
    struct page_table *pt = *state;

    page_table_set(pt, 0x1000, 0x2fff, RW);
    page_table_set(pt, 0x3000, 0x3fff, RX);
    page_table_set(pt, 0x5000, 0x5fff, RW);
    /* Across two ranges with different flags. */
    assert_true(page_table_check(pt, 0x1000, 0x3000, PAGE_READ));
    assert_true(page_table_check(pt, 0x1000, 0x3000, 0));
    assert_false(page_table_check(pt, 0x1000, 0x3000, PAGE_WRITE));
    /* Over the gap at 0x4000. */
    assert_false(page_table_check(pt, 0x3000, 0x3000, 0));
    assert_false(page_table_check(pt, 0x4000, 1, 0));
    assert_true(page_table_check(pt, 0x5fff, 1, PAGE_WRITE));
    /* len 0 is true anywhere, even unmapped; a wrapping len is false. */
    assert_true(page_table_check(pt, 0x4000, 0, PAGE_RWX));
    assert_false(page_table_check(pt, 0x1000, TOP, 0));
    assert_false(page_table_check(pt, 0x1000, 0 - 0x1000ull + 1, 0));
    assert_false(page_table_is_free(pt, 0x4000, TOP));
    /* PAGE_VALID is implied: a range stored without it does not pass. */
    page_table_set(pt, 0x8000, 0x8fff, PAGE_READ);
    assert_false(page_table_check(pt, 0x8000, P, 0));
    assert_false(page_table_check(pt, 0x8000, P, PAGE_READ));
    assert_false(page_table_is_free(pt, 0x8000, P));
    assert_int_equal(page_table_get(pt, 0x8000), PAGE_READ);
}

static void test_lookup_gap(void **state)
{
    struct page_table *pt = *state;

    page_table_set(pt, 0x10000, 0x10fff, R);
    page_table_set(pt, 0x20000, 0x20fff, RW);
    page_table_set(pt, 0x30000, 0x30fff, R);
    assert_lookup(pt, 0x5000, 0, 0xffff, 0);
    assert_lookup(pt, 0x11000, 0x11000, 0x1ffff, 0);
    assert_lookup(pt, 0x1ffff, 0x11000, 0x1ffff, 0);
    assert_lookup(pt, 0x25000, 0x21000, 0x2ffff, 0);
    assert_lookup(pt, 0x31000, 0x31000, TOP, 0);
    assert_lookup(pt, TOP, 0x31000, TOP, 0);
}

static void test_walk(void **state)
{
    struct page_table *pt = *state;
    struct walk_log w = { 0 };

    page_table_set(pt, 0x10000, 0x1ffff, R);
    page_table_set(pt, 0x20000, 0x2ffff, RW);
    page_table_set(pt, 0x40000, 0x4ffff, RX);
    /* Clipped to [0x18000, 0x40fff], in address order, gaps skipped. */
    assert_int_equal(page_table_walk(pt, 0x18000, 0x40fff, log_range, &w), 0);
    assert_int_equal(w.n, 3);
    assert_int_equal(w.start[0], 0x18000);
    assert_int_equal(w.last[0], 0x1ffff);
    assert_int_equal(w.flags[0], R);
    assert_int_equal(w.start[1], 0x20000);
    assert_int_equal(w.last[1], 0x2ffff);
    assert_int_equal(w.flags[1], RW);
    assert_int_equal(w.start[2], 0x40000);
    assert_int_equal(w.last[2], 0x40fff);
    assert_int_equal(w.flags[2], RX);
    /* Inside one range. */
    memset(&w, 0, sizeof(w));
    assert_int_equal(page_table_walk(pt, 0x21000, 0x21000, log_range, &w), 0);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.start[0], 0x21000);
    assert_int_equal(w.last[0], 0x21000);
    /* In a gap; and an empty interval. */
    memset(&w, 0, sizeof(w));
    assert_int_equal(page_table_walk(pt, 0x30000, 0x3ffff, log_range, &w), 0);
    assert_int_equal(page_table_walk(pt, 0x40000, 0x10000, log_range, &w), 0);
    assert_int_equal(w.n, 0);
    /* Early stop returns the callback's value. */
    w.stop_after = 2;
    assert_int_equal(page_table_walk(pt, 0, TOP, log_range, &w), 7);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.start[1], 0x20000);
}

static void test_find_free(void **state)
{
    struct page_table *pt = *state;
    guest_addr room = TOP - P - 0x30000 + 1;
    guest_addr a = 0;

    page_table_set(pt, 0x10000, 0x12fff, R);
    page_table_set(pt, 0x14000, 0x14fff, R);
    page_table_set(pt, 0x20000, 0x2ffff, R);
    /* The first fit above min, skipping a hole that is too small. */
    assert_true(page_table_find_free(pt, 0x10000, TOP, 2 * P, P, &a));
    assert_int_equal(a, 0x15000);
    assert_true(page_table_find_free(pt, 0x10000, TOP, P, P, &a));
    assert_int_equal(a, 0x13000);
    /* Alignment. */
    assert_true(page_table_find_free(pt, 0x10000, TOP, P, 0x10000, &a));
    assert_int_equal(a, 0x30000);
    assert_true(page_table_find_free(pt, 0x1001, TOP, P, P, &a));
    assert_int_equal(a, 0x2000);
    /* max bounds the last byte. */
    assert_true(page_table_find_free(pt, 0x15000, 0x1ffff, 0xb000, P, &a));
    assert_int_equal(a, 0x15000);
    assert_false(page_table_find_free(pt, 0x15000, 0x1ffff, 0xc000, P, &a));
    assert_false(page_table_find_free(pt, 0x16000, 0x1fffe, 0xa000, P, &a));
    /* len 0, min above max, no room at the top. */
    assert_false(page_table_find_free(pt, 0, TOP, 0, P, &a));
    assert_false(page_table_find_free(pt, 0x5000, 0x4fff, P, P, &a));
    assert_false(page_table_find_free(pt, TOP - P + 2, TOP, P, P, &a));
    assert_true(page_table_find_free(pt, TOP - P + 1, TOP, P, P, &a));
    assert_int_equal(a, TOP - P + 1);
    page_table_set(pt, TOP - P + 1, TOP, R);
    /* Free from 0x30000 to TOP - P: exactly that much fits, a byte more not. */
    assert_true(page_table_find_free(pt, 0x30000, TOP, room, P, &a));
    assert_int_equal(a, 0x30000);
    assert_false(page_table_find_free(pt, 0x30000, TOP, room + 1, P, &a));
    assert_false(page_table_find_free(pt, TOP - 3 * P + 1, TOP, P, 4 * P, &a));
    /* Top-down. */
    assert_true(page_table_find_free_top(pt, 0, 0x2ffff, P, P, &a));
    assert_int_equal(a, 0x1f000);
    assert_true(page_table_find_free_top(pt, 0, 0x1ffff, 0xc000, P, &a));
    assert_int_equal(a, 0x4000);
    assert_true(page_table_find_free_top(pt, 0, 0x1ffff, 0x10000, P, &a));
    assert_int_equal(a, 0);
    assert_true(page_table_find_free_top(pt, 0x1000, 0x1ffff, 0xb000, P, &a));
    assert_int_equal(a, 0x15000);
    assert_true(page_table_find_free_top(pt, 0, 0x14fff, P, P, &a));
    assert_int_equal(a, 0x13000);
    assert_true(page_table_find_free_top(pt, 0, 0x14fff, P, 0x8000, &a));
    assert_int_equal(a, 0x8000);
    assert_true(page_table_find_free_top(pt, 0, TOP, P, P, &a));
    assert_int_equal(a, TOP - 2 * P + 1);
    assert_false(page_table_find_free_top(pt, 0x13000, 0x14fff, 2 * P, P, &a));
    assert_false(page_table_find_free_top(pt, 0x1000, 0x1fff, 0, P, &a));
    assert_false(page_table_find_free_top(pt, 0, 0xfff, 2 * P, P, &a));
    page_table_set(pt, 0, 0xfff, R);
    assert_false(page_table_find_free_top(pt, 0, 0xfff, P, P, &a));
    assert_false(page_table_find_free_top(pt, 0, 0x10fff, 0x10000, P, &a));
}

static void test_huge(void **state)
{
    struct page_table *pt = *state;
    guest_addr tib = 1ull << 40;

    page_table_set(pt, tib, 2 * tib - 1, PAGE_VALID);
    assert_int_equal(page_table_count(pt), 1);
    assert_true(page_table_check(pt, tib, tib, 0));
    page_table_set(pt, tib + 5 * P, tib + 6 * P - 1, RW);
    assert_int_equal(page_table_count(pt), 3);
    page_table_clear(pt, tib, 2 * tib - 1);
    assert_int_equal(page_table_count(pt), 0);
    assert_true(page_table_is_free(pt, 0, TOP));
}

/*
 * Many ranges, set and cleared in scrambled orders: the tree must stay
 * ordered through deep rebalancing.  Pages alternate R and RW, so
 * nothing merges until the gaps are filled.
 */
#define MANY 20000

static void test_many(void **state)
{
    struct page_table *pt = *state;
    guest_addr base = 0x40000000;

    /* k * 7919 mod MANY visits every i once: 7919 is a prime. */
    for (size_t k = 0; k < MANY; k++) {
        size_t i = k * 7919 % MANY;

        page_table_set(pt, base + 2 * i * P, base + (2 * i + 1) * P - 1,
                       i & 1 ? R : RW);
    }
    assert_int_equal(page_table_count(pt), MANY);
    for (size_t i = 0; i < MANY - 1; i++) {
        assert_lookup(pt, base + 2 * i * P + 5, base + 2 * i * P,
                      base + (2 * i + 1) * P - 1, i & 1 ? R : RW);
        assert_lookup(pt, base + (2 * i + 1) * P, base + (2 * i + 1) * P,
                      base + (2 * i + 2) * P - 1, 0);
    }
    assert_lookup(pt, base + 2 * MANY * P, base + (2 * MANY - 1) * P, TOP, 0);
    /* Fill every gap with R: each R range and the gaps either side merge. */
    for (size_t k = 0; k < MANY; k++) {
        size_t i = k * 104729 % MANY;

        page_table_set(pt, base + (2 * i + 1) * P, base + (2 * i + 2) * P - 1,
                       R);
    }
    assert_int_equal(page_table_count(pt), MANY);
    assert_lookup(pt, base, base, base + P - 1, RW);
    assert_lookup(pt, base + P, base + P, base + 4 * P - 1, R);
    /* Turn the RW ranges to R: everything becomes one range. */
    for (size_t k = 0; k < MANY / 2; k++) {
        size_t i = 2 * (k * 7919 % (MANY / 2));

        page_table_set(pt, base + 2 * i * P, base + (2 * i + 1) * P - 1, R);
    }
    assert_int_equal(page_table_count(pt), 1);
    assert_lookup(pt, base + MANY * P, base, base + 2 * MANY * P - 1, R);
    /* Punch the original ranges out again: the gap fills stay. */
    for (size_t k = 0; k < MANY; k++) {
        size_t i = k * 7919 % MANY;

        page_table_clear(pt, base + 2 * i * P, base + (2 * i + 1) * P - 1);
    }
    assert_int_equal(page_table_count(pt), MANY);
    page_table_clear(pt, base, base + 2 * MANY * P - 1);
    assert_int_equal(page_table_count(pt), 0);
    assert_lookup(pt, base, 0, TOP, 0);
}

/* ---- randomized comparison with a reference model ---- */

#define MPAGES 512
static const unsigned model_flags_set[] = { 0, R, RW, RX, PAGE_VALID };

struct model {
    struct page_table *pt;
    guest_addr base;            /* address of page 0 */
    guest_addr top;             /* last byte of page MPAGES - 1 */
    unsigned f[MPAGES];
    unsigned long long seed;
    unsigned long op;
    uint64_t rng;
};

static uint64_t rnd(struct model *m)
{
    /* splitmix64 */
    uint64_t z = (m->rng += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t below(struct model *m, uint64_t n)
{
    return rnd(m) % n;
}

#define MCHECK(cond, ...)                                                     \
    do {                                                                      \
        if (!(cond)) {                                                        \
            print_error("PT_SEED=%llu base %#llx op %lu: ", m->seed,          \
                        (unsigned long long)m->base, m->op);                  \
            print_error(__VA_ARGS__);                                         \
            print_error("\n");                                                \
            fail();                                                           \
        }                                                                     \
    } while (0)

/* Flags of the page holding addr; 0 outside the window. */
static unsigned mflags(const struct model *m, guest_addr addr)
{
    if (addr < m->base || addr > m->top) {
        return 0;
    }
    return m->f[(addr - m->base) / P];
}

/* An address in the window or a page either side (when there is one). */
static guest_addr maddr(struct model *m)
{
    int64_t page = (int64_t)below(m, MPAGES + 2) - 1;
    guest_addr off = below(m, 4) == 0 ? below(m, P) : (below(m, 2) ? 0 : P - 1);

    if (page < 0 && m->base == 0) {
        page = 0;
    }
    if (page == MPAGES && m->top == TOP) {
        page = MPAGES - 1;
    }
    return m->base + (guest_addr)page * P + off;
}

/* A length from [addr, ...), sometimes 0, sometimes wrapping or huge. */
static guest_addr mlen(struct model *m, guest_addr addr)
{
    switch (below(m, 16)) {
    case 0:
        return 0;
    case 1:
        return 0 - addr + below(m, 3);  /* ends at TOP, or wraps by 1 or 2 */
    case 2:
        return below(m, 3 * P) + 1;
    default:
        return (below(m, 64) + 1) * P - (below(m, 8) ? 0 : below(m, P));
    }
}

static void model_set(struct model *m)
{
    size_t first = below(m, MPAGES);
    size_t n = below(m, 4) ? below(m, 16) + 1 : below(m, MPAGES - first) + 1;
    unsigned flags = model_flags_set[below(m, ARRAY_SIZE(model_flags_set))];

    if (first + n > MPAGES) {
        n = MPAGES - first;
    }
    page_table_set(m->pt, m->base + first * P, m->base + (first + n) * P - 1,
                   flags);
    for (size_t i = first; i < first + n; i++) {
        m->f[i] = flags;
    }
}

static void model_get(struct model *m)
{
    guest_addr a = maddr(m);
    unsigned got = page_table_get(m->pt, a);

    MCHECK(got == mflags(m, a), "get(%#llx) = %#x, model %#x",
           (unsigned long long)a, got, mflags(m, a));
}

static void model_lookup(struct model *m)
{
    guest_addr a = maddr(m), s, l;
    guest_addr es = ALIGN_DOWN(a, P), el = es + P - 1;
    unsigned f, ef = mflags(m, a);

    /* Grow a's page while the model's flags stay equal; gaps reach past
     * the window to the ends of the space, where nothing is mapped. */
    while (es > m->base && es - 1 <= m->top && mflags(m, es - 1) == ef) {
        es -= P;
    }
    while (el < m->top && el + 1 >= m->base && mflags(m, el + 1) == ef) {
        el += P;
    }
    if (ef == 0 && es <= m->base) {
        es = 0;
    }
    if (ef == 0 && el >= m->top) {
        el = TOP;
    }
    page_table_lookup(m->pt, a, &s, &l, &f);
    MCHECK(s == es && l == el && f == ef,
           "lookup(%#llx) = [%#llx, %#llx] %#x, model [%#llx, %#llx] %#x",
           (unsigned long long)a, (unsigned long long)s, (unsigned long long)l,
           f, (unsigned long long)es, (unsigned long long)el, ef);
}

static bool model_wraps(guest_addr a, guest_addr len)
{
    return len != 0 && len - 1 > TOP - a;
}

static void model_check(struct model *m)
{
    guest_addr a = maddr(m), len = mlen(m, a), last = a + (len - 1);
    unsigned req = (unsigned)below(m, 8) & PAGE_RWX;
    unsigned need = req | PAGE_VALID;
    bool want, got;

    if (len == 0) {
        want = true;
    } else if (model_wraps(a, len) || a < m->base || last > m->top) {
        want = false;           /* wraps, or reaches unmapped space */
    } else {
        want = true;
        for (size_t i = (a - m->base) / P; i <= (last - m->base) / P; i++) {
            want = want && (m->f[i] & need) == need;
        }
    }
    got = page_table_check(m->pt, a, len, req);
    MCHECK(got == want, "check(%#llx, %#llx, %#x) = %d, model %d",
           (unsigned long long)a, (unsigned long long)len, req, got, want);
}

/* Number of mapped pages of the window in [a, a + len) (no wrap). */
static size_t model_mapped(const struct model *m, guest_addr a, guest_addr len)
{
    guest_addr last = a + (len - 1);
    size_t n = 0;

    for (size_t i = 0; i < MPAGES; i++) {
        guest_addr ps = m->base + i * P;

        if (m->f[i] && ps + (P - 1) >= a && ps <= last) {
            n++;
        }
    }
    return n;
}

static void model_is_free(struct model *m)
{
    guest_addr a = maddr(m), len = mlen(m, a);
    bool want, got;

    if (len == 0) {
        want = true;
    } else if (model_wraps(a, len)) {
        want = false;
    } else {
        want = model_mapped(m, a, len) == 0;
    }
    got = page_table_is_free(m->pt, a, len);
    MCHECK(got == want, "is_free(%#llx, %#llx) = %d, model %d",
           (unsigned long long)a, (unsigned long long)len, got, want);
}

static void model_find_free(struct model *m, bool top)
{
    guest_addr min = m->base + below(m, MPAGES) * P;
    guest_addr max = m->base + below(m, MPAGES) * P;
    guest_addr align = P << below(m, 4);
    guest_addr len = below(m, 8) ? below(m, 24) * P : below(m, 4 * P);
    guest_addr first, got = 0, want = 0;
    size_t mapped_below[MPAGES + 1] = { 0 };
    bool ok, want_ok = false;

    min += below(m, 4) ? 0 : below(m, P);
    max += below(m, 4) ? P - 1 : below(m, P);
    first = ALIGN_UP(min, align);
    if (below(m, 32) == 0) {
        len = TOP - below(m, 2);
    }
    for (size_t i = 0; i < MPAGES; i++) {
        mapped_below[i + 1] = mapped_below[i] + (m->f[i] != 0);
    }
    /* Try every aligned candidate; first < min when aligning wrapped. */
    if (min <= max && len != 0 && first >= min) {
        for (guest_addr c = first; c <= max && c >= first; c += align) {
            size_t p0 = (c - m->base) / P, p1;

            if (len - 1 > max - c) {
                break;
            }
            p1 = (c + (len - 1) - m->base) / P;
            if (mapped_below[p1 + 1] == mapped_below[p0]) {
                want = c;
                want_ok = true;
                if (!top) {
                    break;
                }
            }
        }
    }
    ok = top ? page_table_find_free_top(m->pt, min, max, len, align, &got)
             : page_table_find_free(m->pt, min, max, len, align, &got);
    MCHECK(ok == want_ok && (!ok || got == want),
           "find_free%s(%#llx, %#llx, %#llx, %#llx) = %d %#llx, model %d %#llx",
           top ? "_top" : "", (unsigned long long)min, (unsigned long long)max,
           (unsigned long long)len, (unsigned long long)align, ok,
           (unsigned long long)got, want_ok, (unsigned long long)want);
}

#define MAX_RUNS (MPAGES / 2 + 1)
struct run_list {
    int n, stop_after;          /* stop_after: return 5 on that call */
    guest_addr start[MAX_RUNS], last[MAX_RUNS];
    unsigned flags[MAX_RUNS];
};

static int collect_run(void *opaque, guest_addr start, guest_addr last,
                       unsigned flags)
{
    struct run_list *r = opaque;

    if (r->n == MAX_RUNS) {
        return -1;
    }
    r->start[r->n] = start;
    r->last[r->n] = last;
    r->flags[r->n] = flags;
    r->n++;
    return r->n == r->stop_after ? 5 : 0;
}

static void model_walk(struct model *m)
{
    guest_addr a = maddr(m), b = maddr(m);
    guest_addr lo = a < b ? a : b, hi = a < b ? b : a;
    struct run_list got = { 0 }, want = { 0 };
    int ret, want_ret = 0;

    got.stop_after = below(m, 4) ? 0 : (int)below(m, 4) + 1;
    /* The model's maximal runs, clipped to [lo, hi]. */
    for (size_t i = 0; i < MPAGES; i++) {
        guest_addr ps = m->base + i * P, pl = ps + P - 1;

        if (!m->f[i] || pl < lo || ps > hi) {
            continue;
        }
        if (want.n && m->f[i - 1] == m->f[i] &&
            want.last[want.n - 1] == ps - 1) {
            want.last[want.n - 1] = pl < hi ? pl : hi;
            continue;
        }
        if (want_ret) {
            break;
        }
        collect_run(&want, ps > lo ? ps : lo, pl < hi ? pl : hi, m->f[i]);
        want_ret = want.n == got.stop_after ? 5 : 0;
    }
    ret = page_table_walk(m->pt, lo, hi, collect_run, &got);
    MCHECK(ret == want_ret && got.n == want.n,
           "walk(%#llx, %#llx) = %d with %d ranges, model %d with %d",
           (unsigned long long)lo,
           (unsigned long long)hi, ret, got.n, want_ret, want.n);
    for (int i = 0; i < got.n; i++) {
        MCHECK(got.start[i] == want.start[i] && got.last[i] == want.last[i] &&
               got.flags[i] == want.flags[i],
               "walk(%#llx, %#llx) range %d: [%#llx, %#llx] %#x, model "
               "[%#llx, %#llx] %#x", (unsigned long long)lo,
               (unsigned long long)hi, i, (unsigned long long)got.start[i],
               (unsigned long long)got.last[i], got.flags[i],
               (unsigned long long)want.start[i],
               (unsigned long long)want.last[i], want.flags[i]);
    }
}

static void model_count(struct model *m)
{
    size_t runs = 0;

    for (size_t i = 0; i < MPAGES; i++) {
        if (m->f[i] && (i == 0 || m->f[i - 1] != m->f[i])) {
            runs++;
        }
    }
    MCHECK(page_table_count(m->pt) == runs, "count %zu, model %zu",
           page_table_count(m->pt), runs);
}

static unsigned long long test_seed(void)
{
    const char *s = getenv("PT_SEED");

    return s ? strtoull(s, NULL, 0) : 20261122;
}

static void run_model(struct page_table *pt, guest_addr base)
{
    struct model mm = { .pt = pt, .base = base, .top = base + MPAGES * P - 1 };
    struct model *m = &mm;

    m->seed = test_seed();
    m->rng = m->seed ^ base;
    for (m->op = 0; m->op < 40000; m->op++) {
        switch (below(m, 10)) {
        case 0:
        case 1:
            model_set(m);
            break;
        case 2: model_get(m); break;
        case 3: model_lookup(m); break;
        case 4: model_check(m); break;
        case 5: model_is_free(m); break;
        case 6: model_find_free(m, false); break;
        case 7: model_find_free(m, true); break;
        case 8: model_walk(m); break;
        default: model_count(m); break;
        }
    }
    model_count(m);
}

static void test_random_bottom(void **state)
{
    run_model(*state, 0);
}

static void test_random_middle(void **state)
{
    run_model(*state, 0x7fff00000000ull);
}

static void test_random_top(void **state)
{
    run_model(*state, 0 - MPAGES * P);
}

/* ---- readers against a writer ---- */

/*
 * The writer flips random sub-ranges of window A between R and RW (so
 * every byte of A always has one of the two), and maps and unmaps
 * random sub-ranges of window B with RX, leaving many ranges for the
 * tree to rebalance.  Readers check that they only ever see those.
 *
 * Bounded by counts, not time: the writer makes WRITER_OPS changes, and
 * more (up to WRITER_MAX_OPS) until the readers have overlapped it for
 * MIN_READS rounds, since a busy machine (or valgrind, which runs one
 * thread at a time) may not schedule them early.
 */
#define CPAGES 256
#define CA 0x100000000ull
#define CB 0x200000000ull
#define READERS 2
#define WRITER_OPS 200000
#define WRITER_MAX_OPS (20 * WRITER_OPS)
#define MIN_READS 1000

struct conc {
    struct page_table *pt;
    int started;
    int done;
    unsigned long bad;
    unsigned long reads;
};

static void *reader(void *opaque)
{
    struct conc *c = opaque;
    uint64_t x = 0x2545f4914f6cdd1dull ^ (uint64_t)pthread_self();
    unsigned long bad = 0;

    __atomic_fetch_add(&c->started, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
        guest_addr s, l;
        unsigned f;

        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        guest_addr a = CA + (x % (CPAGES * P));
        guest_addr b = CB + (x % (CPAGES * P));

        f = page_table_get(c->pt, a);
        bad += f != R && f != RW;
        f = page_table_get(c->pt, b);
        bad += f != 0 && f != RX;
        bad += page_table_get(c->pt, CA - 1) != 0;
        bad += !page_table_check(c->pt, CA, CPAGES * P, PAGE_READ);
        bad += page_table_is_free(c->pt, CA, CPAGES * P);
        page_table_lookup(c->pt, a, &s, &l, &f);
        bad += (f != R && f != RW) || s > a || l < a || s < CA ||
               l > CA + CPAGES * P - 1;
        page_table_lookup(c->pt, b, &s, &l, &f);
        bad += (f != 0 && f != RX) || s > b || l < b ||
               (f && (s < CB || l > CB + CPAGES * P - 1));
        __atomic_fetch_add(&c->reads, 1, __ATOMIC_RELAXED);
    }
    __atomic_fetch_add(&c->bad, bad, __ATOMIC_RELAXED);
    return NULL;
}

static void test_concurrent(void **state)
{
    struct conc c = { .pt = *state };
    pthread_t th[READERS];
    uint64_t x = 88172645463325252ull;
    unsigned long reads0;

    page_table_set(c.pt, CA, CA + CPAGES * P - 1, R);
    for (int i = 0; i < READERS; i++) {
        assert_int_equal(pthread_create(&th[i], NULL, reader, &c), 0);
    }
    while (__atomic_load_n(&c.started, __ATOMIC_ACQUIRE) < READERS) {
        sched_yield();
    }
    reads0 = __atomic_load_n(&c.reads, __ATOMIC_RELAXED);
    for (int i = 0; i < WRITER_MAX_OPS; i++) {
        unsigned long reads = __atomic_load_n(&c.reads, __ATOMIC_RELAXED);

        if (i >= WRITER_OPS && reads - reads0 >= MIN_READS) {
            break;
        }
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        guest_addr first = x % CPAGES, n = (x >> 20) % 8 + 1;

        if (first + n > CPAGES) {
            n = CPAGES - first;
        }
        if (x >> 63) {
            page_table_set(c.pt, CA + first * P, CA + (first + n) * P - 1,
                           (x >> 62) & 1 ? R : RW);
        } else {
            page_table_set(c.pt, CB + first * P, CB + (first + n) * P - 1,
                           (x >> 62) & 1 ? RX : 0);
        }
    }
    __atomic_store_n(&c.done, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < READERS; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
    }
    assert_int_equal(c.bad, 0);
    assert_true(c.reads > 0);
    assert_true(page_table_count(c.pt) > 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_three, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_extremes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup_gap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_free, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_bottom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_middle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_top, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent, setup, teardown),
    };

    return cmocka_run_group_tests_name("page-table", tests, NULL, NULL);
}
