/*
 * Linux madvise and mincore for the guest, kept consistent with the page
 * table (docs MMAP.md).
 *
 * madvise: one table row per advice value says what uemu does with it.
 * Discarding advice goes to hp_discard, so private anonymous memory reads
 * back zeros afterwards, also in host pages shared with other guest
 * mappings.  MADV_DONTDUMP / MADV_DODUMP set and clear PAGE_NOCORE.
 * MADV_POPULATE_READ / _WRITE check the access Linux checks (pages then
 * come on first use); MADV_COLLAPSE fails, as on a kernel without huge
 * pages.  Hints the host cannot be given per guest page (and which never
 * change what the guest reads) are accepted and dropped.
 *
 * mincore: a guest page is resident when the host page holding it is.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "linux-user/mmap-int.h"
#include "linux-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

enum lu_advice_action {
    LU_ADV_HINT,            /* accepted, nothing to do */
    LU_ADV_DISCARD,         /* contents dropped: hp_discard */
    LU_ADV_FREE,            /* hp_discard; private anonymous memory only */
    LU_ADV_PRIVATE_ANON,    /* fork-time advice; private anonymous only */
    LU_ADV_REMOVE,          /* punch out shared memory */
    LU_ADV_NOCORE,          /* set PAGE_NOCORE */
    LU_ADV_CORE,            /* clear PAGE_NOCORE */
    LU_ADV_PRIVILEGED,      /* error injection: needs CAP_SYS_ADMIN */
    LU_ADV_POPULATE_READ,   /* needs read access; pages come on first use */
    LU_ADV_POPULATE_WRITE,  /* needs write access */
    LU_ADV_UNSUPPORTED,     /* huge-page collapse: uemu has no huge pages */
};

static const struct {
    int advice;
    enum lu_advice_action action;
} lu_advice_table[] = {
    { LU_MADV_NORMAL, LU_ADV_HINT },
    { LU_MADV_RANDOM, LU_ADV_HINT },
    { LU_MADV_SEQUENTIAL, LU_ADV_HINT },
    { LU_MADV_WILLNEED, LU_ADV_HINT },
    { LU_MADV_DONTNEED, LU_ADV_DISCARD },
    { LU_MADV_FREE, LU_ADV_FREE },
    { LU_MADV_REMOVE, LU_ADV_REMOVE },
    { LU_MADV_DONTFORK, LU_ADV_HINT },
    { LU_MADV_DOFORK, LU_ADV_HINT },
    { LU_MADV_MERGEABLE, LU_ADV_HINT },
    { LU_MADV_UNMERGEABLE, LU_ADV_HINT },
    { LU_MADV_HUGEPAGE, LU_ADV_HINT },
    { LU_MADV_NOHUGEPAGE, LU_ADV_HINT },
    { LU_MADV_DONTDUMP, LU_ADV_NOCORE },
    { LU_MADV_DODUMP, LU_ADV_CORE },
    { LU_MADV_WIPEONFORK, LU_ADV_PRIVATE_ANON },
    { LU_MADV_KEEPONFORK, LU_ADV_HINT },
    { LU_MADV_COLD, LU_ADV_HINT },
    { LU_MADV_PAGEOUT, LU_ADV_HINT },
    { LU_MADV_POPULATE_READ, LU_ADV_POPULATE_READ },
    { LU_MADV_POPULATE_WRITE, LU_ADV_POPULATE_WRITE },
    { LU_MADV_DONTNEED_LOCKED, LU_ADV_DISCARD },
    { LU_MADV_COLLAPSE, LU_ADV_UNSUPPORTED },
    { LU_MADV_HWPOISON, LU_ADV_PRIVILEGED },
    { LU_MADV_SOFT_OFFLINE, LU_ADV_PRIVILEGED },
};

static bool lu_private_anon(unsigned f)
{
    return (f & (PAGE_ANON | PAGE_SHARED)) == PAGE_ANON;
}

/* Check one mapped range against the advice; 0 when it may be applied. */
static int lu_advice_allowed(enum lu_advice_action a, unsigned f)
{
    switch (a) {
    case LU_ADV_FREE:
    case LU_ADV_PRIVATE_ANON:
        return lu_private_anon(f) ? 0 : -EINVAL;
    case LU_ADV_UNSUPPORTED:
        return -EINVAL;
    case LU_ADV_POPULATE_READ:
        return f & PAGE_READ ? 0 : -EINVAL;
    case LU_ADV_POPULATE_WRITE:
        return f & (PAGE_WRITE | PAGE_WRITE_ORG) ? 0 : -EINVAL;
    case LU_ADV_REMOVE:
        if (f & PAGE_ANON && !(f & PAGE_SHARED))
            return -EINVAL;
        return (f & (PAGE_SHARED | PAGE_WRITE)) == (PAGE_SHARED | PAGE_WRITE)
                   ? 0 : -EACCES;
    default:
        return 0;
    }
}

static int lu_advice_apply(enum lu_advice_action a, guest_addr s, guest_addr l,
                           unsigned f)
{
    guest_addr hs, he;

    switch (a) {
    case LU_ADV_DISCARD:
    case LU_ADV_FREE:
        return hp_discard(s, l - s + 1);
    case LU_ADV_REMOVE:
        /* Only whole host pages can be punched out of shared memory. */
        hs = ALIGN_UP(s, host_page_size);
        he = ALIGN_DOWN(l + 1, host_page_size);
        if (hs < he && madvise(g2h(hs), he - hs, MADV_REMOVE) < 0)
            return -errno;
        return 0;
    case LU_ADV_NOCORE:
        page_table_set(guest_pages, s, l, f | PAGE_NOCORE);
        return 0;
    case LU_ADV_CORE:
        page_table_set(guest_pages, s, l, f & ~PAGE_NOCORE);
        return 0;
    default:
        return 0;
    }
}

int lu_madvise(guest_addr addr, guest_addr len, int advice)
{
    enum lu_advice_action action = LU_ADV_HINT;
    bool known = false, hole = false;
    guest_addr glen, last, pos;
    int r = 0;

    for (size_t i = 0; i < ARRAY_SIZE(lu_advice_table); i++) {
        if (lu_advice_table[i].advice == advice) {
            action = lu_advice_table[i].action;
            known = true;
        }
    }
    if (!known)
        return -EINVAL;
    if (!IS_ALIGNED(addr, target_page_size))
        return -EINVAL;
    if (action == LU_ADV_PRIVILEGED)
        return -EPERM;
    glen = ALIGN_UP(len, target_page_size);
    if (len && !glen)
        return -EINVAL;
    if (addr + glen < addr)
        return -EINVAL;
    if (glen == 0)
        return 0;
    if (!guest_range_valid(addr, glen))
        return -ENOMEM;

    last = addr + glen - 1;
    pos = addr;
    mmap_lock();
    /* Linux applies the advice range by range and reports a hole last. */
    for (;;) {
        guest_addr s, l;
        unsigned f;
        page_table_lookup(guest_pages, pos, &s, &l, &f);
        if (l > last)
            l = last;
        if (!(f & PAGE_VALID)) {
            hole = true;
            /* Populating stops at the first hole. */
            if (action == LU_ADV_POPULATE_READ || action == LU_ADV_POPULATE_WRITE)
                break;
        } else {
            r = lu_advice_allowed(action, f);
            if (r == 0)
                r = lu_advice_apply(action, pos, l, f);
            if (r < 0)
                break;
        }
        if (l == last)
            break;
        pos = l + 1;
    }
    mmap_unlock();
    return r < 0 ? r : hole ? -ENOMEM : 0;
}

/* Host pages asked of the host at a time by mincore. */
#define LU_MINCORE_CHUNK 4096u

int lu_mincore(guest_addr addr, guest_addr len, unsigned char *vec)
{
    guest_addr glen, hs, he, pos;
    unsigned char *hvec;
    int r = 0;

    if (!IS_ALIGNED(addr, target_page_size))
        return -EINVAL;
    if (!guest_range_valid(addr, len))
        return -ENOMEM;
    glen = ALIGN_UP(len, target_page_size);
    if (glen == 0)
        return 0;
    if (!guest_range_valid(addr, glen))
        return -ENOMEM;

    hvec = malloc(LU_MINCORE_CHUNK);
    if (!hvec)
        return -ENOMEM;
    mmap_lock();
    if (!page_table_check(guest_pages, addr, glen, 0)) {
        r = -ENOMEM;
        goto out;
    }
    /* Residency is asked in real host pages; guest pages take theirs. */
    hs = ALIGN_DOWN(addr, real_host_page_size);
    he = ALIGN_UP(addr + glen, real_host_page_size);
    pos = addr;
    while (hs < he) {
        guest_addr n = (he - hs) / real_host_page_size;
        if (n > LU_MINCORE_CHUNK)
            n = LU_MINCORE_CHUNK;
        if (mincore(g2h(hs), n * real_host_page_size, hvec) < 0) {
            r = -errno;
            goto out;
        }
        guest_addr chunk_end = hs + n * real_host_page_size;
        for (; pos < addr + glen && pos < chunk_end; pos += target_page_size)
            vec[(pos - addr) / target_page_size] =
                hvec[(pos - hs) / real_host_page_size] & 1;
        hs = chunk_end;
    }
out:
    mmap_unlock();
    free(hvec);
    return r;
}
