/*
 * Linux mremap for the guest (docs MMAP.md, "mremap" row).
 *
 * The old range must lie inside one page-table range (Linux: one vma);
 * the table merges equal neighbours, so this is the closest model.
 * (Linux 6.17 and later also move a fixed range spanning several vmas;
 * uemu keeps the older EFAULT of MMAP.md.)
 *
 * - Shrinking unmaps exactly the tail through hp_unmap.
 * - Growing in place maps zero pages after a private anonymous mapping;
 *   other mappings grow in place through host mremap when they are made
 *   of whole host pages and no reservation holds the space.
 * - Moving uses host mremap(MREMAP_FIXED) when the old and new ranges
 *   are whole host pages, so file and shared mappings keep their backing.
 *   Otherwise (fragments, HPS > TPS) a private mapping is copied into new
 *   anonymous memory; growing a private file mapping or moving a shared
 *   one that way cannot keep its backing and fails with ENOMEM.
 * - MREMAP_DONTUNMAP leaves the old range mapped: the host keeps it
 *   mapped and empty, or, after a copy, hp_discard empties it.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "linux-user/mmap-int.h"
#include "linux-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

/* Bookkeeping bits a moved or grown mapping carries along. */
#define LU_MOVED_FLAGS (PAGE_RWX | PAGE_ANON | PAGE_SHARED | PAGE_STACK | \
                        PAGE_NOCORE)

/*
 * Host protection for the guest protection in flags f: a range
 * write-protected for translated code (PAGE_WRITE_ORG) is writable for
 * the guest.
 */
static int lu_guest_prot(unsigned f)
{
    return lu_prot_to_host((f & PAGE_RWX) | (f & PAGE_WRITE_ORG ? PAGE_WRITE : 0));
}

/*
 * A range write-protected on the host because it holds translated code
 * (PAGE_WRITE_ORG) gets its guest protection back before the host moves
 * or grows it: afterwards only the table is written, which cannot fail.
 */
static int lu_unprotect_code(guest_addr a, guest_addr len, unsigned *f)
{
    int r;

    if (!(*f & PAGE_WRITE_ORG))
        return 0;
    r = hp_protect(a, len, lu_guest_prot(*f));
    if (r < 0)
        return r;
    *f = (*f & ~PAGE_WRITE_ORG) | PAGE_WRITE;
    return 0;
}

static bool lu_host_aligned(guest_addr x)
{
    return IS_ALIGNED(x, host_page_size);
}

/* Page flags the host-page layer takes (it sets VALID and ANON itself). */
static unsigned lu_extra_page_flags(unsigned f)
{
    return f & (PAGE_SHARED | PAGE_STACK | PAGE_NOCORE);
}

static int lu_grow_in_place(guest_addr old, guest_addr old_len,
                            guest_addr new_len, unsigned f)
{
    guest_addr tail = old + old_len, delta = new_len - old_len;

    if (!guest_range_valid(tail, delta) ||
        !page_table_is_free(guest_pages, tail, delta))
        return -ENOMEM;
    if ((f & (PAGE_ANON | PAGE_SHARED)) == PAGE_ANON)
        return lu_map_anon_exact(tail, delta, lu_guest_prot(f),
                                 lu_extra_page_flags(f));
    if (reserved_va || !lu_host_aligned(old) || !lu_host_aligned(old_len) ||
        !lu_host_aligned(new_len))
        return -ENOMEM;
    int r = lu_unprotect_code(old, old_len, &f);
    if (r < 0)
        return r;
    /* Without MREMAP_MAYMOVE the host grows in place or fails. */
    if (mremap(g2h(old), old_len, new_len, 0) == MAP_FAILED)
        return -ENOMEM;
    page_table_set(guest_pages, tail, tail + delta - 1,
                   PAGE_VALID | (f & LU_MOVED_FLAGS));
    return 0;
}

/* Move by host mremap; -EAGAIN when the host cannot move it as a whole. */
static int lu_move_host(guest_addr old, guest_addr old_len, guest_addr new_len,
                        guest_addr dst, bool dontunmap, unsigned f)
{
    int hflags = MREMAP_MAYMOVE | MREMAP_FIXED | (dontunmap ? MREMAP_DONTUNMAP : 0);
    int r;

    if (!lu_host_aligned(old) || !lu_host_aligned(old_len) ||
        !lu_host_aligned(new_len) || !lu_host_aligned(dst))
        return -EAGAIN;
    r = lu_unprotect_code(old, old_len, &f);
    if (r < 0)
        return r;
    if (mremap(g2h(old), old_len, new_len, hflags, g2h(dst)) == MAP_FAILED)
        return errno == EFAULT || errno == EINVAL ? -EAGAIN : -errno;
    page_table_set(guest_pages, dst, dst + new_len - 1,
                   PAGE_VALID | (f & LU_MOVED_FLAGS));
    if (dontunmap)
        return 0;
    /*
     * The host range is gone: hp_unmap clears the table and re-reserves.
     * The move has happened whatever it says; if it fails, the table
     * must still say what the host has there, which is nothing.
     */
    if (hp_unmap(old, old_len) < 0)
        page_table_clear(guest_pages, old, old + old_len - 1);
    return 0;
}

/* Move a private mapping by copying it into fresh anonymous memory. */
static int lu_move_copy(guest_addr old, guest_addr old_len, guest_addr new_len,
                        guest_addr dst, bool dontunmap, unsigned f)
{
    int prot = lu_guest_prot(f);
    int r;

    if (f & PAGE_SHARED)
        return -ENOMEM;
    if (!(f & PAGE_ANON) && new_len > old_len)
        return -ENOMEM;
    r = hp_map_fixed(dst, new_len, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1, 0,
                     lu_extra_page_flags(f));
    if (r < 0)
        return r;
    if (!(f & PAGE_READ)) {
        r = hp_protect(old, old_len, prot | PROT_READ);
        if (r < 0)
            goto fail;
    }
    memcpy(g2h(dst), g2h(old), old_len);
    if (!(f & PAGE_READ)) {
        r = hp_protect(old, old_len, prot);
        if (r < 0)
            goto fail;
    }
    r = hp_protect(dst, new_len, prot);
    if (r < 0)
        goto fail;
    r = dontunmap ? hp_discard(old, old_len) : hp_unmap(old, old_len);
    if (r < 0)
        goto fail;
    return 0;
fail:
    hp_unmap(dst, new_len);
    return r;
}

static int64_t lu_move(guest_addr old, guest_addr old_len, guest_addr new_len,
                       guest_addr new_addr, bool fixed, bool dontunmap,
                       unsigned f)
{
    guest_addr dst = new_addr;
    int r;

    if (!fixed) {
        guest_addr hint = new_addr;
        if (!IS_ALIGNED(hint, host_page_size) || !guest_range_valid(hint, new_len))
            hint = 0;
        int64_t got = hp_find_free(hint, new_len, host_page_size);
        if (got < 0)
            return got;
        dst = (guest_addr)got;
    }
    r = lu_move_host(old, old_len, new_len, dst, dontunmap, f);
    if (r == -EAGAIN)
        r = lu_move_copy(old, old_len, new_len, dst, dontunmap, f);
    if (r < 0) {
        if (!fixed)
            hp_unreserve(dst, new_len);
        return r;
    }
    return (int64_t)dst;
}

/* The old range as one page-table range: its flags, or -EFAULT. */
static int64_t lu_old_range(guest_addr old, guest_addr old_len)
{
    guest_addr s, l;
    unsigned f;

    page_table_lookup(guest_pages, old, &s, &l, &f);
    if (!(f & PAGE_VALID) || old_len - 1 > l - old)
        return -EFAULT;
    return f;
}

static int64_t lu_mremap_to(guest_addr old, guest_addr old_len,
                            guest_addr new_len, int flags, guest_addr new_addr)
{
    bool fixed = flags & LU_MREMAP_FIXED;
    int64_t f;
    int r;

    if (fixed) {
        if (!IS_ALIGNED(new_addr, target_page_size))
            return -EINVAL;
        if (!guest_range_valid(new_addr, new_len))
            return -EINVAL;
        if (old + old_len > new_addr && new_addr + new_len > old)
            return -EINVAL;
        r = hp_unmap(new_addr, new_len);
        if (r < 0)
            return r;
    }
    if (old_len > new_len) {
        r = hp_unmap(old + new_len, old_len - new_len);
        if (r < 0)
            return r;
        old_len = new_len;
    }
    f = lu_old_range(old, old_len);
    if (f < 0)
        return f;
    return lu_move(old, old_len, new_len, new_addr, fixed,
                   flags & LU_MREMAP_DONTUNMAP, (unsigned)f);
}

static int64_t lu_do_mremap(guest_addr old, guest_addr old_len,
                            guest_addr new_len, int flags, guest_addr new_addr)
{
    int64_t f;
    int r;

    if (!(page_table_get(guest_pages, old) & PAGE_VALID))
        return -EFAULT;
    /* old_len 0 duplicates a shared mapping; uemu cannot (private: EINVAL). */
    if (old_len == 0)
        return -EINVAL;
    if (flags & (LU_MREMAP_FIXED | LU_MREMAP_DONTUNMAP))
        return lu_mremap_to(old, old_len, new_len, flags, new_addr);
    if (old_len >= new_len) {
        if (old_len > new_len) {
            r = hp_unmap(old + new_len, old_len - new_len);
            if (r < 0)
                return r;
        }
        return (int64_t)old;
    }
    f = lu_old_range(old, old_len);
    if (f < 0)
        return f;
    r = lu_grow_in_place(old, old_len, new_len, (unsigned)f);
    if (r == 0)
        return (int64_t)old;
    if (r != -ENOMEM || !(flags & LU_MREMAP_MAYMOVE))
        return r;
    return lu_move(old, old_len, new_len, 0, false, false, (unsigned)f);
}

int64_t lu_mremap(guest_addr old, guest_addr old_len, guest_addr new_len,
                  int flags, guest_addr new_addr)
{
    int64_t r;

    if (flags & ~(LU_MREMAP_MAYMOVE | LU_MREMAP_FIXED | LU_MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & (LU_MREMAP_FIXED | LU_MREMAP_DONTUNMAP)) &&
        !(flags & LU_MREMAP_MAYMOVE))
        return -EINVAL;
    if (!IS_ALIGNED(old, target_page_size))
        return -EINVAL;
    old_len = ALIGN_UP(old_len, target_page_size);
    new_len = ALIGN_UP(new_len, target_page_size);
    /* DONTUNMAP never resizes (compared in pages, as Linux 6.x does). */
    if ((flags & LU_MREMAP_DONTUNMAP) && old_len != new_len)
        return -EINVAL;
    if (new_len == 0)
        return -EINVAL;
    if (!guest_range_valid(old, old_len ? old_len : 1))
        return -EFAULT;

    mmap_lock();
    r = lu_do_mremap(old, old_len, new_len, flags, new_addr);
    mmap_unlock();
    return r;
}
