/*
 * Tests of accel/user/host-page.c: fragments (a mapping that starts
 * inside, ends inside or lies wholly inside a host page next to mappings
 * of other protections, anonymous and file), protection unions, unmapping
 * that keeps shared host pages, re-reservation under reserved_va,
 * misaligned file offsets, discard, files past EOF when TPS > RHPS, and
 * fragments written into host pages past EOF.
 * Every test runs at HPS 4, 16 and 64 KiB, with and without reserved_va
 * (host-page-fixture.h); contents and the page table against
 * /proc/self/maps are checked after every step.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/unit/host-page-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

#define K 1024ull
#define RW (PROT_READ | PROT_WRITE)
#define RX (PROT_READ | PROT_EXEC)
#define RWX (PROT_READ | PROT_WRITE | PROT_EXEC)

static int map_anon(guest_addr g, guest_addr len, int prot)
{
    return hp_map_fixed(g, len, prot, MAP_PRIVATE, -1, 0, 0);
}

static int map_file(guest_addr g, guest_addr len, int prot, int type,
                    uint64_t off)
{
    return hp_map_fixed(g, len, prot, type, hpf_file(), off, 0);
}

/* Host protection expected at guest g: prot when g's host page is its own. */
static int host_prot(guest_addr g)
{
    return maps_host_prot(g2h(g));
}

static bool frag(void)
{
    return host_page_size > 4 * K;
}

static void test_anon_fragments(void **state)
{
    guest_addr s0 = hpf_slot(0), s2 = hpf_slot(2), s3 = hpf_slot(3);
    guest_addr s4 = hpf_slot(4);

    (void)state;
    /* Starts inside: next to a read-exec page, crossing into slot 1. */
    assert_int_equal(map_anon(s0, 4 * K, RX), 0);
    HPF_CHECK();
    assert_true(hpf_all(s0, 4 * K, 0));
    assert_int_equal(map_anon(s0 + 4 * K, 64 * K + 4 * K, RW), 0);
    HPF_CHECK();
    assert_true(hpf_all(s0 + 4 * K, 68 * K, 0));
    assert_int_equal(host_prot(s0), frag() ? RWX : RX);
    assert_int_equal(page_table_get(guest_pages, s0 + 4 * K),
                     PAGE_VALID | PAGE_ANON | RW);
    memset(g2h(s0 + 4 * K), 0x11, 68 * K);

    /* Ends inside: up to a read-only page at the end of slot 2. */
    assert_int_equal(map_anon(s2 + 60 * K, 4 * K, PROT_READ), 0);
    assert_int_equal(map_anon(s2 + 8 * K, 52 * K, RW), 0);
    HPF_CHECK();
    assert_true(hpf_all(s2 + 8 * K, 52 * K, 0));
    assert_int_equal(host_prot(s2 + 60 * K), frag() ? RW : PROT_READ);
    memset(g2h(s2 + 8 * K), 0x22, 52 * K);

    /* Wholly inside one host page, between two other pages. */
    assert_int_equal(map_anon(s3, 4 * K, PROT_READ), 0);
    assert_int_equal(map_anon(s3 + 12 * K, 4 * K, RX), 0);
    HPF_CHECK();
    assert_int_equal(map_anon(s3 + 4 * K, 4 * K, RW), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s3), frag() ? RWX : PROT_READ);
    memset(g2h(s3 + 4 * K), 0x33, 4 * K);

    /* Remapping over old data gives zeros, also when read-only. */
    assert_int_equal(hp_unmap(s3 + 4 * K, 4 * K), 0);
    HPF_CHECK();
    assert_int_equal(map_anon(s3 + 4 * K, 4 * K, PROT_READ), 0);
    HPF_CHECK();
    assert_true(hpf_all(s3 + 4 * K, 4 * K, 0));
    assert_int_equal(host_prot(s3), frag() ? RX : PROT_READ);
    assert_int_equal(map_anon(s0 + 8 * K, 4 * K, PROT_READ), 0);
    HPF_CHECK();
    assert_true(hpf_all(s0 + 8 * K, 4 * K, 0));
    assert_true(hpf_all(s0 + 4 * K, 4 * K, 0x11));
    assert_true(hpf_all(s0 + 12 * K, 56 * K, 0x11));

    /* A read-only union: the fragment is cleared and made read-only again. */
    assert_int_equal(map_anon(s4, 4 * K, PROT_READ), 0);
    assert_int_equal(map_anon(s4 + 4 * K, 4 * K, RW), 0);
    memset(g2h(s4 + 4 * K), 0xaa, 4 * K);
    assert_int_equal(map_anon(s4 + 4 * K, 4 * K, PROT_READ), 0);
    HPF_CHECK();
    assert_true(hpf_all(s4 + 4 * K, 4 * K, 0));
    assert_int_equal(host_prot(s4), PROT_READ);
    assert_int_equal(map_anon(s4 + 8 * K, 4 * K, PROT_NONE), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s4), PROT_READ);
    assert_int_equal(page_table_get(guest_pages, s4 + 8 * K),
                     PAGE_VALID | PAGE_ANON);
}

static void test_file_fragments(void **state)
{
    guest_addr s0 = hpf_slot(0), s1 = hpf_slot(1), s2 = hpf_slot(2);
    guest_addr s3 = hpf_slot(3);

    (void)state;
    assert_true(hpf_file() >= 0);
    /* Starts inside, next to anonymous read-write data. */
    assert_int_equal(map_anon(s0, 4 * K, RW), 0);
    memset(g2h(s0), 0x5a, 4 * K);
    assert_int_equal(map_file(s0 + 4 * K, 8 * K, PROT_READ, MAP_PRIVATE,
                              68 * K), 0);
    HPF_CHECK();
    assert_true(hpf_is_file(s0 + 4 * K, 8 * K, 68 * K));
    assert_true(hpf_all(s0, 4 * K, 0x5a));
    assert_int_equal(page_table_get(guest_pages, s0 + 4 * K),
                     PAGE_VALID | PROT_READ);

    /* Ends inside, next to read-exec anonymous memory. */
    assert_int_equal(map_anon(s1 + 60 * K, 4 * K, RX), 0);
    assert_int_equal(map_file(s1 + 8 * K, 52 * K, RW, MAP_PRIVATE, 8 * K), 0);
    HPF_CHECK();
    assert_true(hpf_is_file(s1 + 8 * K, 52 * K, 8 * K));
    assert_int_equal(host_prot(s1 + 60 * K), frag() ? RWX : RX);
    /* Private: writing does not reach the file. */
    memset(g2h(s1 + 8 * K), 0, 52 * K);
    uint8_t b;
    assert_int_equal(pread(hpf_file(), &b, 1, 8 * K), 1);
    assert_int_equal(b, hpf_file_byte(8 * K));

    /* Wholly inside, between anonymous pages. */
    assert_int_equal(map_anon(s2, 4 * K, PROT_READ), 0);
    assert_int_equal(map_anon(s2 + 8 * K, 4 * K, RW), 0);
    assert_int_equal(map_file(s2 + 4 * K, 4 * K, PROT_READ, MAP_PRIVATE,
                              12 * K), 0);
    HPF_CHECK();
    assert_true(hpf_is_file(s2 + 4 * K, 4 * K, 12 * K));

    /* Shared writable file data cannot be a fragment. */
    assert_int_equal(map_file(s2 + 12 * K, 4 * K, RW, MAP_SHARED, 0),
                     frag() ? -EINVAL : 0);
    HPF_CHECK();
    assert_int_equal(page_table_get(guest_pages, s2 + 12 * K),
                     frag() ? 0 : PAGE_VALID | PAGE_SHARED | RW);
    /* Shared read-only file data can (a copy). */
    assert_int_equal(hp_unmap(s2 + 12 * K, 4 * K), 0);
    assert_int_equal(map_file(s2 + 12 * K, 4 * K, PROT_READ, MAP_SHARED,
                              4 * K), 0);
    HPF_CHECK();
    assert_true(hpf_is_file(s2 + 12 * K, 4 * K, 4 * K));

    /* Whole host pages are mapped from the file directly. */
    hpf_count_reset();
    assert_int_equal(map_file(s3, 128 * K, PROT_READ, MAP_PRIVATE, 64 * K), 0);
    assert_int_equal(hpf_preads(), 0);
    HPF_CHECK();
    assert_true(hpf_is_file(s3, 128 * K, 64 * K));
    /* An anonymous fragment over file data reads zeros. */
    assert_int_equal(map_anon(s3 + 4 * K, 4 * K, PROT_READ), 0);
    HPF_CHECK();
    assert_true(hpf_all(s3 + 4 * K, 4 * K, 0));
    assert_true(hpf_is_file(s3, 4 * K, 64 * K));
    assert_true(hpf_is_file(s3 + 8 * K, 120 * K, 72 * K));
}

static void test_shared_host_page_refused(void **state)
{
    guest_addr s0 = hpf_slot(0);

    (void)state;
    /* A shared mapping owns its host page: no private fragment in it. */
    assert_int_equal(hp_map_fixed(s0, 4 * K, RW, MAP_SHARED, -1, 0, 0), 0);
    HPF_CHECK();
    assert_int_equal(map_anon(s0 + 4 * K, 4 * K, RW), frag() ? -EINVAL : 0);
    HPF_CHECK();
}

static int inval_calls;
static guest_addr inval_start, inval_len;

static void record_invalidate(guest_addr start, guest_addr len)
{
    inval_calls++;
    inval_start = start;
    inval_len = len;
}

static void test_protect_unions(void **state)
{
    guest_addr s0 = hpf_slot(0), s1 = hpf_slot(1);

    (void)state;
    inval_calls = 0;
    hp_set_invalidate_hook(record_invalidate);
    assert_int_equal(map_anon(s0, 128 * K, RW), 0);
    memset(g2h(s0), 0x44, 128 * K);
    assert_int_equal(inval_calls, 0);

    assert_int_equal(hp_protect(s0 + 4 * K, 4 * K, PROT_READ), 0);
    HPF_CHECK();
    assert_int_equal(inval_calls, 1);
    assert_int_equal(inval_start, s0 + 4 * K);
    assert_int_equal(inval_len, 4 * K);
    assert_int_equal(host_prot(s0 + 4 * K), frag() ? RW : PROT_READ);
    assert_int_equal(page_table_get(guest_pages, s0 + 4 * K),
                     PAGE_VALID | PAGE_ANON | PROT_READ);

    /* Whole host pages inside get it directly, partial ones the union. */
    assert_int_equal(hp_protect(s0 + 8 * K, 112 * K, PROT_NONE), 0);
    HPF_CHECK();
    bool big = host_page_size == 64 * K;
    assert_int_equal(host_prot(s0 + 64 * K), big ? RW : PROT_NONE);
    assert_int_equal(host_prot(s0), RW);
    assert_int_equal(host_prot(s1 + 60 * K), RW);
    assert_int_equal(hp_protect(s0 + 8 * K, 112 * K, RX), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s0 + 64 * K), big ? RWX : RX);
    assert_int_equal(host_prot(s0), frag() ? RWX : RW);

    assert_int_equal(hp_protect(s0, 128 * K, PROT_READ), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s0), PROT_READ);
    assert_true(hpf_all(s0, 128 * K, 0x44));
    assert_int_equal(hp_protect(s0 + 124 * K, 4 * K, PROT_EXEC), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s0 + 120 * K), frag() ? RX : PROT_READ);
    assert_int_equal(hp_protect(s0, 0, RW), 0);
    HPF_CHECK();

    /* Replacing mapped pages invalidates them; mapping free ones not. */
    inval_calls = 0;
    assert_int_equal(map_anon(s0 + 8 * K, 8 * K, RW), 0);
    assert_int_equal(inval_calls, 1);
    assert_int_equal(inval_start, s0 + 8 * K);
    assert_int_equal(inval_len, 8 * K);
    assert_int_equal(map_anon(hpf_slot(3), 8 * K, RW), 0);
    assert_int_equal(inval_calls, 1);
    assert_int_equal(hp_unmap(hpf_slot(3), 8 * K), 0);
    assert_int_equal(inval_calls, 2);
    HPF_CHECK();
}

static void test_unmap_keeps_shared_host_pages(void **state)
{
    guest_addr s0 = hpf_slot(0), s2 = hpf_slot(2);
    int freed = reserved_va ? PROT_NONE : -1;

    (void)state;
    assert_int_equal(map_anon(s0, 128 * K, RW), 0);
    memset(g2h(s0), 0x77, 128 * K);
    assert_int_equal(hp_unmap(s0 + 4 * K, 4 * K), 0);
    HPF_CHECK();
    assert_true(page_table_is_free(guest_pages, s0 + 4 * K, 4 * K));
    assert_true(hpf_all(s0, 4 * K, 0x77));
    assert_int_equal(host_prot(s0 + 4 * K), frag() ? RW : freed);

    /* Across host pages: the middle goes, the ends keep their others. */
    assert_int_equal(hp_unmap(s0 + 12 * K, 104 * K), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s0 + 64 * K),
                     host_page_size == 64 * K ? RW : freed);
    assert_true(hpf_all(s0 + 8 * K, 4 * K, 0x77));
    assert_true(hpf_all(s0 + 116 * K, 12 * K, 0x77));
    /* Unmapping nothing succeeds. */
    assert_int_equal(hp_unmap(s0 + 64 * K, 16 * K), 0);
    HPF_CHECK();

    assert_int_equal(hp_unmap(s0, 128 * K), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s0), freed);
    assert_int_equal(host_prot(s0 + 124 * K), freed);
    assert_int_equal(page_table_count(guest_pages), 0);

    /* The union shrinks to what is left. */
    assert_int_equal(map_anon(s2, 4 * K, PROT_READ), 0);
    assert_int_equal(map_anon(s2 + 4 * K, 4 * K, RW), 0);
    assert_int_equal(map_anon(s2 + 8 * K, 4 * K, PROT_EXEC), 0);
    assert_int_equal(host_prot(s2), frag() ? RWX : PROT_READ);
    assert_int_equal(hp_unmap(s2 + 4 * K, 4 * K), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s2), frag() ? RX : PROT_READ);
    assert_int_equal(hp_unmap(s2, 4 * K), 0);
    assert_int_equal(host_prot(s2 + 8 * K), PROT_EXEC);
    HPF_CHECK();
}

static void test_misaligned_file_offset(void **state)
{
    guest_addr s0 = hpf_slot(0), s2 = hpf_slot(2);

    (void)state;
    hpf_count_reset();
    /* Offset 4 KiB at a 64 KiB aligned address: disagree modulo HPS. */
    assert_int_equal(map_file(s0, 72 * K, RW, MAP_PRIVATE, 4 * K), 0);
    HPF_CHECK();
    assert_true(hpf_is_file(s0, 72 * K, 4 * K));
    assert_true(frag() ? hpf_preads() > 0 : hpf_preads() == 0);
    memset(g2h(s0), 0, 4 * K);
    uint8_t b;
    assert_int_equal(pread(hpf_file(), &b, 1, 4 * K), 1);
    assert_int_equal(b, hpf_file_byte(4 * K));

    assert_int_equal(map_file(s2, 8 * K, PROT_READ, MAP_PRIVATE, 12 * K), 0);
    HPF_CHECK();
    assert_int_equal(host_prot(s2), PROT_READ);
    assert_true(hpf_is_file(s2, 8 * K, 12 * K));
    /* Past EOF reads zeros in the copied part. */
    assert_int_equal(map_file(s2 + 32 * K, 8 * K, PROT_READ, MAP_PRIVATE,
                              HPF_FILE_SIZE - 4 * K), 0);
    HPF_CHECK();
    assert_true(hpf_is_file(s2 + 32 * K, 4 * K, HPF_FILE_SIZE - 4 * K));
    if (frag()) {
        assert_true(hpf_all(s2 + 36 * K, 4 * K, 0));
    }
    /* A shared writable mapping cannot be emulated by a copy. */
    assert_int_equal(map_file(hpf_slot(4), 16 * K, RW, MAP_SHARED, 4 * K),
                     frag() ? -EINVAL : 0);
    HPF_CHECK();
}

static void test_discard(void **state)
{
    guest_addr s0 = hpf_slot(0), s2 = hpf_slot(2);

    (void)state;
    assert_int_equal(map_anon(s0, 128 * K, RW), 0);
    memset(g2h(s0), 0x33, 128 * K);
    inval_calls = 0;
    hp_set_invalidate_hook(record_invalidate);
    assert_int_equal(hp_discard(s0 + 4 * K, 120 * K), 0);
    assert_int_equal(inval_calls, 1);
    assert_int_equal(inval_start, s0 + 4 * K);
    assert_int_equal(inval_len, 120 * K);
    HPF_CHECK();
    assert_true(hpf_all(s0, 4 * K, 0x33));
    assert_true(hpf_all(s0 + 4 * K, 120 * K, 0));
    assert_true(hpf_all(s0 + 124 * K, 4 * K, 0x33));

    /* A read-only fragment is cleared and stays read-only. */
    assert_int_equal(map_anon(s2, 4 * K, PROT_READ), 0);
    assert_int_equal(map_anon(s2 + 4 * K, 4 * K, RW), 0);
    memset(g2h(s2 + 4 * K), 0x99, 4 * K);
    assert_int_equal(hp_protect(s2 + 4 * K, 4 * K, PROT_READ), 0);
    assert_int_equal(hp_discard(s2 + 4 * K, 4 * K), 0);
    HPF_CHECK();
    assert_true(hpf_all(s2 + 4 * K, 4 * K, 0));
    assert_int_equal(host_prot(s2), PROT_READ);
    assert_int_equal(hp_discard(s2, 0), 0);
}

/* A small file; bytes i == (i * 3 + 1). */
static int small_file(uint8_t *data, size_t len)
{
    char path[] = "/tmp/uemu-small-XXXXXX";
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    unlink(path);
    for (size_t j = 0; j < len; j++) {
        data[j] = (uint8_t)(j * 3 + 1);
    }
    assert_int_equal(write(fd, data, len), len);
    return fd;
}

/*
 * A loader's pattern: a file mapping longer than the file, then anonymous
 * memory mapped over its tail (bss).  With host pages larger than guest
 * pages the anonymous part is a fragment written into host pages past EOF;
 * that must not fault, and the guest reads zeros there.
 */
static void test_fragment_past_eof(void **state)
{
    guest_addr s0 = hpf_slot(0);
    uint8_t data[5000];
    int fd = small_file(data, sizeof(data));

    (void)state;
    assert_int_equal(hp_map_fixed(s0, 128 * K, PROT_READ, MAP_PRIVATE, fd, 0,
                                  0), 0);
    HPF_CHECK();
    assert_memory_equal(g2h(s0), data, sizeof(data));
    assert_true(hpf_all(s0 + sizeof(data), 8 * K - sizeof(data), 0));
    if (frag()) {
        assert_true(hpf_all(s0 + 8 * K, 120 * K, 0));
    }
    /* bss over the tail of the first host page and into the next. */
    assert_int_equal(map_anon(s0 + 8 * K, 64 * K, RW), 0);
    HPF_CHECK();
    assert_true(hpf_all(s0 + 8 * K, 64 * K, 0));
    memset(g2h(s0 + 8 * K), 0x42, 64 * K);
    assert_memory_equal(g2h(s0), data, sizeof(data));
    /* A page past EOF replaced inside a host page of the file mapping. */
    assert_int_equal(map_anon(s0 + 100 * K, 4 * K, RW), 0);
    HPF_CHECK();
    assert_true(hpf_all(s0 + 100 * K, 4 * K, 0));
    close(fd);
}

/* maps_check itself sees each kind of difference. */
static void test_maps_check_detects(void **state)
{
    guest_addr s0 = hpf_slot(0), s1 = hpf_slot(1);
    int freed = reserved_va ? PROT_NONE : -1;

    (void)state;
    assert_int_equal(map_anon(s0, 4 * K, RW), 0);
    HPF_CHECK();
    /* Wrong protection on the host. */
    assert_int_equal(mprotect(g2h(s0), host_page_size, PROT_READ), 0);
    assert_int_equal(maps_check(hpf_win, HPF_WIN_SIZE, 0), -1);
    assert_int_equal(mprotect(g2h(s0), host_page_size, RW), 0);
    HPF_CHECK();
    /* Recorded but not backed. */
    page_table_set(guest_pages, s1, s1 + 4 * K - 1, PAGE_VALID | PROT_READ);
    assert_int_equal(maps_check(hpf_win, HPF_WIN_SIZE, 0), -1);
    page_table_clear(guest_pages, s1, s1 + 4 * K - 1);
    HPF_CHECK();
    /* Backed but free in the table. */
    void *p = mmap(g2h(s1), host_page_size, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    assert_ptr_equal(p, g2h(s1));
    assert_int_equal(maps_check(hpf_win, HPF_WIN_SIZE, 0), -1);
    /* A reservation is accepted only where one may be. */
    assert_int_equal(mprotect(p, host_page_size, PROT_NONE), 0);
    assert_int_equal(maps_check(hpf_win, HPF_WIN_SIZE, 0), reserved_va ? 0 : -1);
    assert_int_equal(maps_check(hpf_win, HPF_WIN_SIZE, MAPS_CHECK_RESERVED_OK),
                     0);
    if (reserved_va) {
        assert_int_equal(maps_host_prot(p), PROT_NONE);
    } else {
        assert_int_equal(munmap(p, host_page_size), 0);
    }
    assert_int_equal(maps_host_prot(g2h(s1)), freed);
    HPF_CHECK();
}

/* TPS 16 KiB on a 4 KiB host: the guest page holding EOF reads zeros. */
static void test_file_past_eof(void **state)
{
    static const guest_addr hps[] = { 16 * K, 64 * K };
    const struct hpf_config *c = *state;

    /* The fixture's configuration only chooses reserved_va here. */
    for (size_t i = 0; i < ARRAY_SIZE(hps); i++) {
        struct guest_space_config cfg = {
            .target_page_size = 16 * K,
            .host_page_size = hps[i],
            .reserved_va = c->rva ? HPF_RVA_SIZE : 0,
        };
        char path[] = "/tmp/uemu-eof-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        unlink(path);
        uint8_t data[5000];
        for (size_t j = 0; j < sizeof(data); j++) {
            data[j] = (uint8_t)(j * 3 + 1);
        }
        assert_int_equal(write(fd, data, sizeof(data)), sizeof(data));

        guest_space_reset();
        assert_int_equal(guest_space_init(&cfg), 0);
        int64_t g = hp_find_free(0, 64 * K, 64 * K);
        assert_true(g > 0);
        hp_unreserve(g, 64 * K);
        assert_int_equal(hp_map_fixed(g, 16 * K, PROT_READ, MAP_PRIVATE, fd,
                                      0, 0), 0);
        assert_int_equal(maps_check(g, 64 * K, 0), 0);
        assert_memory_equal(g2h(g), data, sizeof(data));
        /* Host pages 2 and 3 of the guest page lie wholly past EOF. */
        const uint8_t *p = g2h(g);
        for (size_t j = sizeof(data); j < 16 * K; j++) {
            assert_int_equal(p[j], 0);
        }
        close(fd);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anon_fragments),
        cmocka_unit_test(test_file_fragments),
        cmocka_unit_test(test_shared_host_page_refused),
        cmocka_unit_test(test_protect_unions),
        cmocka_unit_test(test_unmap_keeps_shared_host_pages),
        cmocka_unit_test(test_misaligned_file_offset),
        cmocka_unit_test(test_discard),
        cmocka_unit_test(test_file_past_eof),
        cmocka_unit_test(test_maps_check_detects),
        cmocka_unit_test(test_fragment_past_eof),
    };
    return hpf_run("host-page", tests, ARRAY_SIZE(tests));
}
