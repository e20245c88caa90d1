/*
 * Self-modifying code through write-protected code pages.
 *
 * When a block is translated from guest pages the guest may write, the
 * host pages holding them lose PROT_WRITE; in the page table those guest
 * pages trade PAGE_WRITE for PAGE_WRITE_ORG (the guest still may
 * write).  A guest store to such a page faults on the host; the fault
 * handler (cpu-exec.c) calls exec_unprotect_page(), which gives the
 * host pages back their write access, restores PAGE_WRITE and drops
 * the translated code of those host pages, and the store then runs
 * again.  So code patched without fence.i (or a JIT running on the
 * guest) is never run stale.  Protection is per host page: with host
 * pages larger than guest pages, every guest page sharing the host page
 * is handled together.
 *
 * Locking: the page table changes under the mmap lock, taken after the
 * block cache lock is released (munmap takes the mmap lock first, then
 * the cache lock through the invalidation hook).
 */
#include <sys/mman.h>

#include "accel/tcg/exec-internal.h"
#include "uemu/guest-space.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

static guest_addr hps(void)
{
    return host_page_size ? host_page_size : EXEC_PAGE_SIZE;
}

static guest_addr tps(void)
{
    return target_page_size ? target_page_size : EXEC_PAGE_SIZE;
}

/* The host protection the guest pages of host page hs need, with or
 * without write access. */
static int host_prot(guest_addr hs, bool write)
{
    int prot = 0;

    for (guest_addr p = hs; p < hs + hps(); p += tps()) {
        unsigned f = page_table_get(guest_pages, p);

        if (f & PAGE_READ)
            prot |= PROT_READ;
        if (f & PAGE_EXEC)
            prot |= PROT_READ;
        if (write && (f & (PAGE_WRITE | PAGE_WRITE_ORG)))
            prot |= PROT_READ | PROT_WRITE;
    }
    return prot;
}

/* Swap flag from with to on the guest pages of host page hs that have
 * it; true when one had. */
static bool swap_flag(guest_addr hs, unsigned from, unsigned to)
{
    bool any = false;

    for (guest_addr p = hs; p < hs + hps(); p += tps()) {
        unsigned f = page_table_get(guest_pages, p);

        if ((f & PAGE_VALID) && (f & from)) {
            page_table_set(guest_pages, p, p + tps() - 1, (f & ~from) | to);
            any = true;
        }
    }
    return any;
}

void exec_protect_code(uint64_t start, uint64_t end)
{
    guest_addr hs = start & ~(hps() - 1);

    if (!guest_pages || end <= start)
        return;
    mmap_lock();
    for (; hs < end; hs += hps()) {
        if (swap_flag(hs, PAGE_WRITE, PAGE_WRITE_ORG))
            mprotect(g2h(hs), hps(), host_prot(hs, false));
    }
    mmap_unlock();
}

bool exec_unprotect_page(uint64_t addr)
{
    guest_addr hs = addr & ~(hps() - 1);
    bool any;

    if (!guest_pages || !(page_table_get(guest_pages, addr) & PAGE_WRITE_ORG))
        return false;
    mmap_lock();
    any = swap_flag(hs, PAGE_WRITE_ORG, PAGE_WRITE);
    if (any)
        mprotect(g2h(hs), hps(), host_prot(hs, true));
    mmap_unlock();
    if (any) {
        exec_invalidate(hs, hps());
        __atomic_fetch_add(&exec_stats.smc_faults, 1, __ATOMIC_RELAXED);
    }
    return any;
}

void exec_unprotect_for_write(uint64_t addr, uint64_t len)
{
    uint64_t end = addr + len;

    if (!len || end < addr)
        return;
    for (uint64_t p = addr & ~(uint64_t)(hps() - 1); p < end; p += hps())
        exec_unprotect_page(p);
}

/* page_table_walk callback: the first range with PAGE_WRITE_ORG. */
static int find_protected(void *opaque, guest_addr start, guest_addr last, unsigned flags)
{
    guest_addr *r = opaque;

    if (!(flags & PAGE_WRITE_ORG))
        return 0;
    r[0] = start;
    r[1] = last;
    return 1;
}

bool exec_unprotect_all(void)
{
    guest_addr r[2], from = 0;
    bool any = false;

    if (!guest_pages)
        return false;
    mmap_lock();
    while (page_table_walk(guest_pages, from, ~(guest_addr)0, find_protected, r)) {
        for (guest_addr p = r[0] & ~(hps() - 1); p <= r[1]; p += hps())
            any |= exec_unprotect_page(p);
        if (r[1] == ~(guest_addr)0)
            break;
        from = r[1] + 1;
    }
    mmap_unlock();
    return any;
}
