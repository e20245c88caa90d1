/*
 * The guest page table: the single truth about which guest pages are
 * mapped and with which permissions.
 *
 * It stores disjoint ranges of pages with identical flags, in a balanced
 * tree, so set/clear/get over a range cost O(log n) in the number of
 * distinct ranges, whatever their size.  Adjacent ranges with equal flags
 * are merged.
 *
 * Writers (page_table_set) must be serialised by the caller; for the
 * guest's table that is the mmap lock.  Readers (page_table_get,
 * page_table_check, page_table_lookup, page_table_is_free) take no lock:
 * they may run in any thread while a writer changes the table, and see
 * either the state before or after the change of a range.
 *
 * Addresses are byte addresses; ranges are inclusive [start, last] so a
 * range may reach the top of the 64-bit space.  Callers pass page-aligned
 * ranges (start aligned, last + 1 aligned), but the table itself works at
 * byte granularity.
 */
#ifndef UEMU_PAGE_TABLE_H
#define UEMU_PAGE_TABLE_H

#include "uemu/types.h"

/* Guest permissions; equal to PROT_READ/WRITE/EXEC on Linux and FreeBSD. */
#define PAGE_READ       0x0001u
#define PAGE_WRITE      0x0002u
#define PAGE_EXEC       0x0004u
#define PAGE_RWX        (PAGE_READ | PAGE_WRITE | PAGE_EXEC)
/* Bookkeeping. */
#define PAGE_VALID      0x0008u /* mapped (possibly PROT_NONE) */
#define PAGE_ANON       0x0010u /* anonymous memory, not file backed */
#define PAGE_GUARD      0x0020u /* FreeBSD MAP_GUARD: faults on any access */
#define PAGE_WRITE_ORG  0x0040u /* guest may write; host write-protected for translated code */
#define PAGE_NOCORE     0x0080u /* excluded from core dumps */
#define PAGE_SHARED     0x0100u /* MAP_SHARED */
#define PAGE_STACK      0x0200u /* stack / MAP_GROWSDOWN */

struct page_table;

/* NULL when out of memory. */
struct page_table *page_table_new(void);
void page_table_free(struct page_table *pt);

/* Give [start, last] the flags; flags 0 clears (unmapped). */
void page_table_set(struct page_table *pt, guest_addr start, guest_addr last,
                    unsigned flags);
static inline void page_table_clear(struct page_table *pt, guest_addr start,
                                    guest_addr last)
{
    page_table_set(pt, start, last, 0);
}

/* Flags of the byte at addr; 0 if unmapped.  Lock-free. */
unsigned page_table_get(const struct page_table *pt, guest_addr addr);

/*
 * The range holding addr: its bounds and flags.  For an unmapped addr it
 * returns the gap around it with flags 0.  Lock-free.
 */
void page_table_lookup(const struct page_table *pt, guest_addr addr,
                       guest_addr *start, guest_addr *last, unsigned *flags);

/*
 * True when every byte of [start, start + len) has all the flags in
 * required (required 0: every byte mapped, i.e. PAGE_VALID is implied).
 * len 0 is true; a range that wraps is false.  Lock-free.
 */
bool page_table_check(const struct page_table *pt, guest_addr start,
                      guest_addr len, unsigned required);

/*
 * True when no byte of [start, start + len) is mapped.  len 0 is true; a
 * range that wraps is false.  Lock-free.
 */
bool page_table_is_free(const struct page_table *pt, guest_addr start,
                        guest_addr len);

/*
 * Lowest start >= min, aligned to align (a power of two), such that
 * [start, start + len) is unmapped and start + len - 1 <= max.
 * Returns false when there is none.  Writers' lock must be held.
 */
bool page_table_find_free(const struct page_table *pt, guest_addr min,
                          guest_addr max, guest_addr len, guest_addr align,
                          guest_addr *out);
/* Highest such start (top-down search, used under reserved_va). */
bool page_table_find_free_top(const struct page_table *pt, guest_addr min,
                              guest_addr max, guest_addr len, guest_addr align,
                              guest_addr *out);

/*
 * Call fn for each mapped range intersecting [start, last], in address
 * order, clipped to [start, last].  Stops and returns fn's value when it
 * is non-zero.  Writers' lock must be held (or no concurrent writer);
 * fn must not change the table.
 */
typedef int (*page_walk_fn)(void *opaque, guest_addr start, guest_addr last,
                            unsigned flags);
int page_table_walk(const struct page_table *pt, guest_addr start,
                    guest_addr last, page_walk_fn fn, void *opaque);

/* Number of mapped ranges (for tests and benchmarks). */
size_t page_table_count(const struct page_table *pt);

/* The guest's table, created by guest_space_init(). */
extern struct page_table *guest_pages;

#endif
