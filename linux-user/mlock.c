/*
 * Linux mlock, mlock2, munlock, mlockall and munlockall for the guest.
 *
 * The guest range must be mapped in the page table (Linux: ENOMEM for a
 * hole); the host is asked to lock the host pages holding it.  A host
 * page shared with a neighbouring guest mapping is locked or unlocked
 * whole: locking is not visible to the guest beyond residency.
 * mlockall walks the page table's mapped ranges, skipping inaccessible
 * ones (reservations would only use up RLIMIT_MEMLOCK); MCL_FUTURE makes
 * later mappings MAP_LOCKED.
 */
#include <errno.h>
#include <sys/mman.h>

#include "linux-user/mmap-int.h"
#include "linux-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

static bool lu_future_locked;

bool lu_lock_future(void)
{
    return lu_future_locked;
}

static int lu_host_lock(guest_addr start, guest_addr end, bool lock, bool onfault)
{
    void *p = g2h(ALIGN_DOWN(start, host_page_size));
    size_t n = ALIGN_UP(end, host_page_size) - ALIGN_DOWN(start, host_page_size);
    int r;

    if (!lock)
        r = munlock(p, n);
    else if (onfault)
        r = mlock2(p, n, MLOCK_ONFAULT);
    else
        r = mlock(p, n);
    return r < 0 ? -errno : 0;
}

/* The argument rules shared by mlock and munlock (apply_vma_lock_flags). */
static int lu_lock_range(guest_addr addr, guest_addr len, bool lock, bool onfault)
{
    guest_addr start = ALIGN_DOWN(addr, target_page_size);
    guest_addr glen = ALIGN_UP(len + (addr - start), target_page_size);
    int r;

    if (start + glen < start)
        return -EINVAL;
    if (glen == 0)
        return 0;
    if (!guest_range_valid(start, glen))
        return -ENOMEM;
    mmap_lock();
    if (!page_table_check(guest_pages, start, glen, 0))
        r = -ENOMEM;
    else
        r = lu_host_lock(start, start + glen, lock, onfault);
    mmap_unlock();
    return r;
}

int lu_mlock(guest_addr addr, guest_addr len, int flags)
{
    if (flags & ~LU_MLOCK_ONFAULT)
        return -EINVAL;
    return lu_lock_range(addr, len, true, flags & LU_MLOCK_ONFAULT);
}

int lu_munlock(guest_addr addr, guest_addr len)
{
    return lu_lock_range(addr, len, false, false);
}

struct lu_lock_all {
    bool lock;
    bool onfault;
};

static int lu_lock_all_fn(void *opaque, guest_addr start, guest_addr last,
                          unsigned flags)
{
    struct lu_lock_all *la = opaque;

    if (!(flags & PAGE_RWX) || (flags & PAGE_GUARD))
        return 0;
    return lu_host_lock(start, last + 1, la->lock, la->onfault);
}

int lu_mlockall(int flags)
{
    struct lu_lock_all la = { true, flags & LU_MCL_ONFAULT };
    int r = 0;

    if (!flags || (flags & ~(LU_MCL_CURRENT | LU_MCL_FUTURE | LU_MCL_ONFAULT)) ||
        flags == LU_MCL_ONFAULT)
        return -EINVAL;
    mmap_lock();
    lu_future_locked = flags & LU_MCL_FUTURE;
    if (flags & LU_MCL_CURRENT)
        r = page_table_walk(guest_pages, 0, guest_addr_max, lu_lock_all_fn, &la);
    mmap_unlock();
    return r;
}

int lu_munlockall(void)
{
    struct lu_lock_all la = { false, false };
    int r;

    mmap_lock();
    lu_future_locked = false;
    r = page_table_walk(guest_pages, 0, guest_addr_max, lu_lock_all_fn, &la);
    mmap_unlock();
    return r;
}
