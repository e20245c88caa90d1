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

#endif
