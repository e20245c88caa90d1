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
    guest_addr hs = start & ~(hps() - 1), p;

    if (!guest_pages || end <= start)
        return;
    /* Most blocks are on pages already read-only or protected (a start-up
     * takes hundreds from the cache): look without the lock first, as
     * exec_unprotect_page does. */
    for (p = start & ~(tps() - 1); p < end; p += tps()) {
        if (page_table_get(guest_pages, p) & PAGE_WRITE)
            break;
    }
    if (p >= end)
        return;
    mmap_lock();
    for (; hs < end; hs += hps()) {
        /* Without the host's protection a write would go unseen: keep the page writable. */
        if (swap_flag(hs, PAGE_WRITE, PAGE_WRITE_ORG) &&
            mprotect(g2h(hs), hps(), host_prot(hs, false)) < 0)
            swap_flag(hs, PAGE_WRITE_ORG, PAGE_WRITE);
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
    if (any && mprotect(g2h(hs), hps(), host_prot(hs, true)) < 0) {
        /* The page stays write-protected: the write will fault again, not corrupt. */
        swap_flag(hs, PAGE_WRITE, PAGE_WRITE_ORG);
        any = false;
    }
    mmap_unlock();
    if (any) {
        exec_invalidate(hs, hps());
        __atomic_fetch_add(&exec_stats.smc_faults, 1, __ATOMIC_RELAXED);
    }
    return any;
}

void exec_unprotect_for_write(uint64_t addr, uint64_t len)
{
    uint64_t last = addr + len - 1;
    guest_addr pos = addr;

    if (!len || last < addr || !guest_pages)
        return;
    /* Range by range: only pages holding translated code cost a call each. */
    for (;;) {
        guest_addr s, l;
        unsigned f;

        page_table_lookup(guest_pages, pos, &s, &l, &f);
        if (l > last)
            l = last;
        if (f & PAGE_WRITE_ORG) {
            for (guest_addr p = pos & ~(hps() - 1); p <= l; p += hps()) {
                exec_unprotect_page(p);
                if (p > UINT64_MAX - hps())
                    break;
            }
        }
        if (l == last)
            break;
        pos = l + 1;
    }
}

