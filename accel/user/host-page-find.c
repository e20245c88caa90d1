/*
 * Free-range search for mappings without MAP_FIXED (MMAP.md, "The shared
 * layer", point 2).
 *
 * A candidate must be free in the page table AND obtainable from the
 * host, where other things (uemu itself, libraries, sanitizer shadow)
 * live in the same address space when guest_base is 0.  The candidate is
 * taken with an inaccessible, non-committed MAP_FIXED_NOREPLACE mapping,
 * so no other thread can take it between the search and the caller's
 * mapping.  Candidates are whole host pages.  The search starts at the
 * next-start cursor, skips ranges the host refuses with a doubling step
 * (one try per refusal, so a large occupied area costs a few tries),
 * wraps once to mmap_min_addr, and gives up after HP_FIND_FREE_TRIES
 * host reservations.  Under reserved_va the host space is already ours:
 * the search is the page table's, top-down inside the reservation.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "accel/user/host-calls.h"
#include "accel/user/host-page-internal.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"

static guest_addr mmap_next_start = HP_TASK_UNMAPPED_BASE;
/*
 * The host pages the last hp_find_free reserved: the guest's to map
 * over, until they are given back to the host (hp_release).
 */
static guest_addr pending_start, pending_end;

void hp_set_mmap_base(guest_addr base)
{
    mmap_next_start = hp_up(base);
}

/* Take [g, g + len) on the host: 0, -EEXIST when taken, or -errno. */
static int host_reserve(guest_addr g, guest_addr len)
{
    void *want = g2h(g);
    void *p = hp_host.mmap(want, len, PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                           MAP_FIXED_NOREPLACE, -1, 0);

    if (p == MAP_FAILED) {
        return -errno;
    }
    if (p != want) {
        /* A kernel without MAP_FIXED_NOREPLACE treats it as a hint. */
        hp_host.munmap(p, len);
        return -EEXIST;
    }
    return 0;
}

/* [g, g + len) lies in [lo, guest_addr_max] and is free in the table. */
static bool table_fits(guest_addr g, guest_addr len, guest_addr lo)
{
    return g >= lo && g <= guest_addr_max && len - 1 <= guest_addr_max - g &&
           page_table_is_free(guest_pages, g, len);
}

static int64_t find_reserved_va(guest_addr hint, guest_addr len,
                                guest_addr align, guest_addr lo)
{
    guest_addr g;

    if (hint && ALIGN_UP(hint, align) >= hint &&
        table_fits(ALIGN_UP(hint, align), len, lo)) {
        return (int64_t)ALIGN_UP(hint, align);
    }
    if (page_table_find_free_top(guest_pages, lo, guest_addr_max, len, align,
                                 &g)) {
        return (int64_t)g;
    }
    return -ENOMEM;
}

int64_t hp_find_free(guest_addr hint, guest_addr len, guest_addr align)
{
    guest_addr a = align > host_page_size ? align : host_page_size;
    guest_addr hlen = hp_up(len);
    guest_addr lo = ALIGN_UP(mmap_min_addr, a);
    guest_addr g;
    int tries = 0, ret;

    if (len == 0 || hlen < len || lo < mmap_min_addr ||
        hlen - 1 > guest_addr_max) {
        return -ENOMEM;
    }
    if (reserved_va) {
        return find_reserved_va(hint, hlen, a, lo);
    }

    guest_addr h = ALIGN_UP(hint, a);
    if (hint && h >= hint && table_fits(h, hlen, lo)) {
        ret = host_reserve(h, hlen);
        tries++;
        if (ret == 0) {
            pending_start = h;
            pending_end = h + hlen;
            return (int64_t)h;
        }
        if (ret != -EEXIST) {
            return -ENOMEM;
        }
    }

    guest_addr from = mmap_next_start > lo ? mmap_next_start : lo;
    guest_addr step = a;
    bool wrapped = false;
    while (tries < HP_FIND_FREE_TRIES) {
        if (!page_table_find_free(guest_pages, from, guest_addr_max, hlen, a,
                                  &g)) {
            if (wrapped) {
                break;
            }
            wrapped = true;
            from = lo;
            step = a;
            continue;
        }
        tries++;
        ret = host_reserve(g, hlen);
        if (ret == 0) {
            mmap_next_start = g + hlen <= guest_addr_max ? g + hlen : lo;
            pending_start = g;
            pending_end = g + hlen;
            return (int64_t)g;
        }
        if (ret != -EEXIST) {
            return -ENOMEM;
        }
        /* The host has something in [g, g + hlen): skip ahead, faster each time. */
        if (step > guest_addr_max - g) {
            from = guest_addr_max;
        } else {
            from = g + step;
            step <<= 1;
        }
    }
    return -ENOMEM;
}

void hp_unreserve(guest_addr start, guest_addr len)
{
    guest_addr hs = hp_down(start), he = hp_up(start + len);
    guest_addr s, l, a = hs;
    unsigned f;

    /* Under reserved_va hp_find_free took nothing from the host. */
    if (reserved_va || len == 0) {
        return;
    }
    /*
     * Give back the host pages of the range that hold no guest page.  A
     * failing munmap leaves an inaccessible reservation, harmless, and
     * this void contract has no one to tell.
     */
    while (a < he && hp_next_mapped(a, he - 1, &s, &l, &f)) {
        if (hp_down(s) > hs) {
            hp_release(hs, hp_down(s));
        }
        hs = hp_up(l + 1);
        a = l + 1;
    }
    if (hs < he) {
        hp_release(hs, he);
    }
}

void hp_forget_reservation(guest_addr hs, guest_addr he)
{
    if (hs >= pending_end || he <= pending_start) {
        return;
    }
    /* Keep the larger piece left outside [hs, he); one range is tracked. */
    guest_addr below = hs > pending_start ? hs - pending_start : 0;
    guest_addr above = pending_end > he ? pending_end - he : 0;
    if (below == 0 && above == 0) {
        pending_start = pending_end = 0;
    } else if (below >= above) {
        pending_end = hs;
    } else {
        pending_start = he;
    }
}

static int claims_add(struct hp_claims *c, guest_addr s, guest_addr e)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 4;
        void *runs = realloc(c->runs, cap * sizeof(*c->runs));
        if (!runs) {
            return -ENOMEM;
        }
        c->runs = runs;
        c->cap = cap;
    }
    c->runs[c->n][0] = s;
    c->runs[c->n][1] = e;
    c->n++;
    return 0;
}

/* Take the host pages [s, e) that hold no guest page, minus the pending reservation. */
static int claim_gap(guest_addr s, guest_addr e, struct hp_claims *c)
{
    if (pending_start < pending_end && s < pending_end && pending_start < e) {
        int ret = s < pending_start ? claim_gap(s, pending_start, c) : 0;
        return ret == 0 && pending_end < e ? claim_gap(pending_end, e, c) : ret;
    }
    if (s >= e) {
        return 0;
    }
    int ret = host_reserve(s, e - s);
    if (ret == 0) {
        ret = claims_add(c, s, e);
        if (ret < 0) {
            hp_host.munmap(g2h(s), e - s);
        }
        return ret;
    }
    return ret == -EEXIST ? -ENOMEM : ret;
}

int hp_claim_unowned(guest_addr hs, guest_addr he, struct hp_claims *c)
{
    guest_addr s, l, a = hs;
    unsigned f;
    int ret = 0;

    c->n = 0;
    if (reserved_va) {
        return 0;
    }
    while (ret == 0 && a < he && hp_next_mapped(a, he - 1, &s, &l, &f)) {
        if (hp_down(s) > a) {
            ret = claim_gap(a, hp_down(s), c);
        }
        a = hp_up(l + 1);
    }
    if (ret == 0 && a < he) {
        ret = claim_gap(a, he, c);
    }
    if (ret < 0) {
        hp_claims_release(c);
    }
    return ret;
}

void hp_claims_release(struct hp_claims *c)
{
    for (size_t i = 0; i < c->n; i++) {
        hp_unreserve(c->runs[i][0], c->runs[i][1] - c->runs[i][0]);
    }
    c->n = 0;
}

void hp_claims_free(struct hp_claims *c)
{
    free(c->runs);
    c->runs = NULL;
    c->n = c->cap = 0;
}

int64_t hp_reserve_mapping(guest_addr hint, guest_addr len, guest_addr align)
{
    if (len == 0) {
        return -EINVAL;
    }
    len = ALIGN_UP(len, target_page_size);
    if (len == 0) {
        return -ENOMEM;
    }
    if (align < target_page_size) {
        align = target_page_size;
    }
    mmap_lock();
    int64_t start = hp_find_free(hint, len, align);
    if (start >= 0) {
        int r = hp_map_fixed((guest_addr)start, len, PROT_NONE,
                             MAP_PRIVATE | MAP_NORESERVE, -1, 0, 0);
        if (r < 0) {
            hp_unreserve((guest_addr)start, len);
            start = r;
        }
    }
    mmap_unlock();
    return start;
}
