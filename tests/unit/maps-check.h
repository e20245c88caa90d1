/*
 * Compare the guest page table with this process's /proc/self/maps.
 *
 * For unit tests of anything that maps guest memory.  Over a guest range
 * (widened to whole host pages) it checks MMAP.md's invariant:
 *   - a host page holding a mapped guest page is mapped on the host with
 *     exactly the union of the PROT_* of the mapped guest pages in it;
 *   - a host page holding no mapped guest page is not mapped, or, under
 *     reserved_va or with MAPS_CHECK_RESERVED_OK, mapped PROT_NONE.
 * Each difference is printed to stderr.
 *
 * Usage:
 *     assert_int_equal(maps_check(base, 1 << 20, 0), 0);
 */
#ifndef UEMU_TESTS_MAPS_CHECK_H
#define UEMU_TESTS_MAPS_CHECK_H

#include "uemu/types.h"

/* Free host pages may be PROT_NONE reservations (e.g. from hp_find_free). */
#define MAPS_CHECK_RESERVED_OK 0x1u

/* 0 when guest_pages and the host agree over [start, start + len), else -1. */
int maps_check(guest_addr start, guest_addr len, unsigned opts);

/* PROT_* of the host mapping holding host address addr, -1 if unmapped. */
int maps_host_prot(const void *addr);

#endif
