/*
 * Linux brk for the guest.
 *
 * The loader sets the initial break (the end of the data segment) with
 * lu_brk_init().  Growing maps private anonymous read-write pages after
 * the page holding the current break, only where the page table and the
 * host both have free space; shrinking unmaps whole pages above the new
 * break.  Like the Linux syscall, lu_brk() returns the new break on
 * success and the unchanged one on failure, never an error.
 */
#include <sys/mman.h>

#include "linux-user/mmap-int.h"
#include "linux-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

static guest_addr lu_brk_start, lu_brk_cur;

void lu_brk_init(guest_addr start)
{
    mmap_lock();
    lu_brk_start = lu_brk_cur = start;
    mmap_unlock();
}

static bool lu_brk_set(guest_addr new_brk)
{
    guest_addr old_top = ALIGN_UP(lu_brk_cur, target_page_size);
    guest_addr new_top = ALIGN_UP(new_brk, target_page_size);

    if (new_top < new_brk)
        return false;
    if (new_top > old_top) {
        guest_addr n = new_top - old_top;
        if (!guest_range_valid(old_top, n) ||
            !page_table_is_free(guest_pages, old_top, n))
            return false;
        return lu_map_anon_exact(old_top, n, PROT_READ | PROT_WRITE, 0) == 0;
    }
    if (new_top < old_top)
        return hp_unmap(new_top, old_top - new_top) == 0;
    return true;
}

guest_addr lu_brk(guest_addr new_brk)
{
    guest_addr r;

    mmap_lock();
    if (new_brk >= lu_brk_start && lu_brk_set(new_brk))
        lu_brk_cur = new_brk;
    r = lu_brk_cur;
    mmap_unlock();
    return r;
}
