/*
 * Helpers shared by the host-page layer's files (host-page.c,
 * host-page-find.c).  Not part of any contract: nothing outside
 * accel/user/host-page*.c includes this.
 */
#ifndef UEMU_ACCEL_USER_HOST_PAGE_INTERNAL_H
#define UEMU_ACCEL_USER_HOST_PAGE_INTERNAL_H

#include "uemu/guest-space.h"
#include "uemu/page-table.h"

static inline guest_addr hp_down(guest_addr a)
{
    return ALIGN_DOWN(a, host_page_size);
}

static inline guest_addr hp_up(guest_addr a)
{
    return ALIGN_UP(a, host_page_size);
}

/* What the mapped guest pages of one host page, outside a range, hold. */
struct hp_others {
    unsigned prot;      /* union of their PAGE_RWX */
    bool any;           /* at least one is mapped */
    bool shared;        /* at least one is PAGE_SHARED */
};

/*
 * The mapped guest pages of host page hp outside [start, end).  With
 * start == end == hp: all of them, whose union is the host protection.
 */
void hp_others(guest_addr hp, guest_addr start, guest_addr end,
               struct hp_others *o);

/*
 * The first mapped range meeting [addr, last], clipped to it.  False when
 * none.  Uses look-ups, not a walk, so the caller may change the table
 * behind the position it has reached.
 */
bool hp_next_mapped(guest_addr addr, guest_addr last, guest_addr *s,
                    guest_addr *l, unsigned *flags);

/*
 * Give back whole host pages [hs, he): unmap them, or under reserved_va
 * re-reserve them inaccessible.  Returns 0 when they no longer hold guest
 * data (a re-reservation that fails falls back to unmapping), -errno when
 * they still stand as before.
 */
int hp_release(guest_addr hs, guest_addr he);

/*
 * Host pages a guest MAP_FIXED takes that the guest did not own before.
 * Without reserved_va, uemu's own memory (heap, libraries, sanitizer
 * shadow) shares the address space with the guest, and a guest MAP_FIXED
 * must never replace it: such pages are first taken with
 * MAP_FIXED_NOREPLACE, and given back if the mapping then fails.
 */
struct hp_claims {
    guest_addr (*runs)[2];      /* [start, end) of each taken run */
    size_t n, cap;
};

/*
 * Take the host pages of [hs, he) that hold no guest page and are not the
 * reservation hp_find_free just handed out.  0, or -ENOMEM when the host
 * has something there (nothing is left taken), or -errno.
 */
int hp_claim_unowned(guest_addr hs, guest_addr he, struct hp_claims *c);
/* Give back what hp_claim_unowned took, where no guest page was mapped since. */
void hp_claims_release(struct hp_claims *c);
void hp_claims_free(struct hp_claims *c);
/*
 * The reservation of the last hp_find_free stays the guest's until its
 * host pages are given back: forget the part of it within [hs, he).
 */
void hp_forget_reservation(guest_addr hs, guest_addr he);

#endif
