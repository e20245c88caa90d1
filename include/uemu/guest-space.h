/*
 * The guest address space: where guest memory lives on the host and the
 * page sizes uemu works in.
 *
 * Guest address g lives at host address g + guest_base.  For 64-bit
 * guests guest_base is 0 unless -B forces one or -R reserves the whole
 * guest space up front (reserved_va), after which the host never places
 * anything else inside the reservation.
 *
 * Page sizes (MMAP.md): TPS, the guest page size; RHPS, the real host
 * page size; HPS = max(RHPS, TPS), raised by -p / UEMU_PAGESIZE so a
 * 4 KiB host can behave like a 16 or 64 KiB one.  Host mappings are made
 * in HPS units.
 */
#ifndef UEMU_GUEST_SPACE_H
#define UEMU_GUEST_SPACE_H

#include "uemu/types.h"

struct guest_space_config {
    guest_addr target_page_size;   /* TPS; 0: 4096 */
    guest_addr host_page_size;     /* requested HPS (-p); 0: max(RHPS, TPS) */
    guest_addr reserved_va;        /* -R: size reserved from guest 0; 0: none */
    bool have_guest_base;          /* -B given */
    uintptr_t guest_base;          /* -B value */
    guest_addr addr_limit;         /* highest guest address + 1; 0: 1 << 47 */
};

extern uintptr_t guest_base;
extern guest_addr reserved_va;
extern guest_addr guest_addr_max;     /* last valid guest address */
extern guest_addr target_page_size;   /* TPS */
extern guest_addr real_host_page_size; /* RHPS */
extern guest_addr host_page_size;     /* HPS */
extern guest_addr mmap_min_addr;      /* lowest address mmap may hand out */

/*
 * Set page sizes and the guest base, reserve the guest space when asked,
 * create the guest page table.  Returns 0 or -errno (EINVAL for a bad
 * page size, ENOMEM when the reservation cannot be had).  May be called
 * again after guest_space_reset() (tests do, at several HPS).
 */
int guest_space_init(const struct guest_space_config *cfg);
/* Unmap everything the guest owns and drop the page table. */
void guest_space_reset(void);

static inline void *g2h(guest_addr g)
{
    return (void *)(uintptr_t)(g + guest_base);
}

static inline guest_addr h2g(const void *p)
{
    return (guest_addr)((uintptr_t)p - guest_base);
}

/* True when [start, start + len) lies inside the guest space (no wrap). */
static inline bool guest_range_valid(guest_addr start, guest_addr len)
{
    return len == 0 ? start <= guest_addr_max + 1
                    : start <= guest_addr_max && len - 1 <= guest_addr_max - start;
}

#endif
