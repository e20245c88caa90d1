/*
 * The host-page layer shared by both mmap backends (MMAP.md, "The shared
 * layer").  It turns guest-page operations into host mappings in HPS
 * units, keeps the guest page table equal to what the host has, and owns
 * the fragment logic for host pages that hold more than one guest
 * mapping.
 *
 * The backends (linux-user/mmap.c, bsd-user/mmap.c) validate arguments by
 * their OS's rules and then call these.  Every function here must be
 * called with the mmap lock held; addresses and lengths are TPS aligned
 * and already checked to lie inside the guest space; prot is PROT_READ /
 * PROT_WRITE / PROT_EXEC (== PAGE_READ / PAGE_WRITE / PAGE_EXEC).
 * Return values are 0 (or a guest address) on success, -errno with host
 * errno values on failure.  A failure leaves the page table equal to the
 * host's mappings.
 */
#ifndef UEMU_HOST_PAGE_H
#define UEMU_HOST_PAGE_H

#include "uemu/types.h"

/*
 * Find a free guest range of len bytes aligned to align (a power of two,
 * at least TPS), at hint when that is free, else searching upwards from
 * the next-start cursor (TASK_UNMAPPED_BASE), wrapping once to low memory
 * but never below mmap_min_addr; under reserved_va top-down inside the
 * reservation.  The range is reserved on the host (inaccessible,
 * MAP_NORESERVE) before returning so no other thread can take it; the
 * page table is not changed (the caller maps over the reservation, or
 * calls hp_unreserve).  Returns the guest address or -ENOMEM.
 * The result is aligned to max(align, HPS) and its host pages hold no
 * guest page, so a mapping there never needs a fragment.
 */
int64_t hp_find_free(guest_addr hint, guest_addr len, guest_addr align);
/*
 * For loaders: find len bytes aligned to align (both rounded up to TPS)
 * and map them inaccessible, recorded in the page table, so segments can
 * then be mapped over them with MAP_FIXED.  Takes the mmap lock itself.
 * Returns the guest address, or -EINVAL (len 0) / -ENOMEM / -errno.
 */
int64_t hp_reserve_mapping(guest_addr hint, guest_addr len, guest_addr align);

/* Give back a reservation from hp_find_free that was not used. */
void hp_unreserve(guest_addr start, guest_addr len);

/*
 * Map [start, start + len) replacing whatever was there.  fd < 0:
 * anonymous (zero-filled).  host_flags: MAP_SHARED or MAP_PRIVATE, plus
 * host MAP_NORESERVE, MAP_POPULATE, MAP_LOCKED, MAP_STACK, MAP_GROWSDOWN
 * where wanted (never MAP_FIXED or MAP_ANONYMOUS: this layer decides).
 * page_flags: extra PAGE_* bookkeeping bits to record (PAGE_SHARED,
 * PAGE_GUARD, PAGE_NOCORE, PAGE_STACK); PAGE_VALID and PAGE_ANON are set
 * here.  A shared writable file mapping that would need a fragment fails
 * with -EINVAL (the backend maps that to its own error).
 * Also set here: PAGE_SHARED when host_flags is MAP_SHARED(_VALIDATE).
 * Also -EINVAL: a fragment in a host page that holds PAGE_SHARED guest
 * pages (writing it would reach the shared object).  A file offset past
 * INT64_MAX - len: -EOVERFLOW.  On failure the part of the range already
 * replaced is left mapped or unmapped as the host has it, and the page
 * table says so.  When HPS > TPS, file pages past EOF read as zeros (not
 * SIGBUS): fragments may be written there later.
 */
int hp_map_fixed(guest_addr start, guest_addr len, int prot, int host_flags,
                 int fd, uint64_t offset, unsigned page_flags);

/*
 * Change the guest protection of [start, start + len), which must be
 * wholly mapped (the caller checks).  Partial host pages get the union of
 * their guest pages' protections.
 */
int hp_protect(guest_addr start, guest_addr len, int prot);

/*
 * Unmap [start, start + len).  Host pages still holding other guest pages
 * stay; the rest is unmapped, or re-reserved under reserved_va.  Unmapping
 * nothing is success.  Translated code in the range is invalidated
 * through hp_set_invalidate_hook.
 */
int hp_unmap(guest_addr start, guest_addr len);

/*
 * Discard the contents of [start, start + len) (MADV_DONTNEED): private
 * anonymous memory reads back zeros afterwards, also in fragments.
 */
int hp_discard(guest_addr start, guest_addr len);

/*
 * Called on unmap/protect changes so the engine can drop translated code;
 * also after hp_map_fixed replaced mapped pages and after hp_discard.
 */
typedef void (*hp_invalidate_fn)(guest_addr start, guest_addr len);
void hp_set_invalidate_hook(hp_invalidate_fn fn);

/* Next-start cursor for hint-less searches (TASK_UNMAPPED_BASE by default). */
void hp_set_mmap_base(guest_addr base);

/* Where hint-less searches start after guest_space_init (64-bit guests). */
#define HP_TASK_UNMAPPED_BASE ((guest_addr)1 << 38)
/* Host reservations hp_find_free attempts before giving up with ENOMEM. */
#define HP_FIND_FREE_TRIES 64

#endif
