/*
 * FreeBSD mmap, munmap, mprotect and msync for the guest (docs MMAP.md,
 * "bsd-user/mmap.c").
 *
 * Arguments are checked in the order of FreeBSD's kern_mmap,
 * kern_munmap, kern_mprotect and kern_msync, with the rows of MMAP.md's
 * table where it is stricter (an offset that is not page aligned is
 * refused even without MAP_FIXED).  Results carry host errno values; the
 * bu_sys_* wrappers at the bottom are the syscall boundary, where errno
 * becomes FreeBSD's through bsd-user/errno.c.
 *
 * FreeBSD semantics on top of the shared host-page layer:
 * - MAP_GUARD: an inaccessible reservation recorded with PAGE_GUARD;
 *   every access faults, mprotect leaves it alone, munmap removes it.
 * - MAP_ALIGNED(n): the address is a multiple of 2^n.  MAP_ALIGNED_SUPER:
 *   a multiple of the superpage size (2 MiB) when the length is at least
 *   that, else no extra alignment.
 * - MAP_NOCORE: PAGE_NOCORE.  MAP_STACK: PAGE_STACK.
 * - MAP_32BIT: the mapping ends at or below 2 GiB.
 * - mprotect skips holes and guards (FreeBSD's vm_map_protect does);
 *   PROT_MAX is checked but not kept: the page table has no bit for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "bsd-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

#define BU_PROT_ALL (BU_PROT_READ | BU_PROT_WRITE | BU_PROT_EXEC)

#define BU_MAP_KNOWN                                                          \
    (BU_MAP_SHARED | BU_MAP_PRIVATE | BU_MAP_FIXED | BU_MAP_HASSEMAPHORE |    \
     BU_MAP_STACK | BU_MAP_NOSYNC | BU_MAP_ANON | BU_MAP_EXCL | BU_MAP_NOCORE | \
     BU_MAP_PREFAULT_READ | BU_MAP_GUARD | BU_MAP_32BIT | BU_MAP_ALIGNMENT_MASK)

/* What MAP_GUARD may be combined with. */
#define BU_MAP_GUARD_OK                                                       \
    (BU_MAP_FIXED | BU_MAP_GUARD | BU_MAP_EXCL | BU_MAP_32BIT |               \
     BU_MAP_ALIGNMENT_MASK)

struct bu_flag_map {
    int guest;
    int host;
};

static const struct bu_flag_map bu_prot_map[] = {
    { BU_PROT_READ, PROT_READ },
    { BU_PROT_WRITE, PROT_WRITE },
    { BU_PROT_EXEC, PROT_EXEC },
};

/* FreeBSD mapping flags with a host counterpart. */
static const struct bu_flag_map bu_map_flag_map[] = {
    { BU_MAP_STACK, MAP_STACK },
    { BU_MAP_PREFAULT_READ, MAP_POPULATE },
};

/* FreeBSD mapping flags recorded in the page table. */
static const struct bu_flag_map bu_page_flag_map[] = {
    { BU_MAP_SHARED, PAGE_SHARED },
    { BU_MAP_STACK, PAGE_STACK },
    { BU_MAP_NOCORE, PAGE_NOCORE },
    { BU_MAP_GUARD, PAGE_GUARD },
};

static int bu_map_bits(const struct bu_flag_map *map, size_t n, int guest)
{
    int host = 0;

    for (size_t i = 0; i < n; i++)
        if (guest & map[i].guest)
            host |= map[i].host;
    return host;
}

static int bu_prot_to_host(int prot)
{
    return bu_map_bits(bu_prot_map, ARRAY_SIZE(bu_prot_map), prot);
}

static unsigned bu_page_shift(void)
{
    return (unsigned)__builtin_ctzll(target_page_size);
}

/* The prot argument rules shared by mmap and mprotect. */
static int bu_check_prot(int *prot)
{
    int max;

    if (*prot & ~(BU_PROT_ALL | BU_PROT_MAX(BU_PROT_ALL)))
        return -EINVAL;
    max = (*prot >> BU_PROT_MAX_SHIFT) & BU_PROT_ALL;
    *prot &= BU_PROT_ALL;
    if (max && (max & *prot) != *prot)
        return -EINVAL;
    return 0;
}

/* The alignment a non-fixed mapping of size bytes asks for. */
static guest_addr bu_alignment(int flags, guest_addr size)
{
    int align = flags & BU_MAP_ALIGNMENT_MASK;
    guest_addr a = host_page_size;

    if (align == BU_MAP_ALIGNED_SUPER) {
        if (size >= BU_SUPERPAGE_SIZE)
            a = BU_SUPERPAGE_SIZE;
    } else if (align) {
        guest_addr want = 1ull << ((unsigned)align >> BU_MAP_ALIGNMENT_SHIFT);
        if (want > a)
            a = want;
    }
    return a;
}

/* Checks of a file mapping (fget_mmap, vn_mmap); fd is known to be open. */
static int bu_check_file(int fd, int flags, int prot)
{
    struct stat st;
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fstat(fd, &st) < 0)
        return -EBADF;
    if (!(flags & (BU_MAP_SHARED | BU_MAP_PRIVATE)))
        return -EINVAL;
    if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode))
        return -EINVAL;
    if ((fl & O_ACCMODE) == O_WRONLY)
        return -EACCES;
    if ((flags & BU_MAP_SHARED) && (prot & BU_PROT_WRITE) &&
        (fl & O_ACCMODE) == O_RDONLY)
        return -EACCES;
    return 0;
}

/* A free range for a non-fixed mapping: -ENOMEM when there is none. */
static int64_t bu_find_free(guest_addr addr, guest_addr size, guest_addr align,
                            int flags)
{
    guest_addr hint = ALIGN_UP(addr, align);
    int64_t got;

    if (hint < addr || !guest_range_valid(hint, size))
        hint = 0;
    if (!(flags & BU_MAP_32BIT))
        return hp_find_free(hint, size, align);

    /*
     * MAP_32BIT: the table names the lowest free candidate below 2 GiB;
     * the host must give exactly that one.
     */
    guest_addr cand, min = mmap_min_addr > hint ? mmap_min_addr : hint;
    if (!page_table_find_free(guest_pages, min, BU_MAP_32BIT_MAX_ADDR - 1, size,
                              align, &cand))
        return -ENOMEM;
    got = hp_find_free(cand, size, align);
    if (got < 0)
        return got;
    if ((guest_addr)got + size > BU_MAP_32BIT_MAX_ADDR) {
        hp_unreserve((guest_addr)got, size);
        return -ENOMEM;
    }
    return got;
}

static int64_t bu_do_mmap(guest_addr addr, guest_addr size, int prot, int flags,
                          int fd, uint64_t offset)
{
    int host_prot = bu_prot_to_host(prot);
    int host_flags = bu_map_bits(bu_map_flag_map, ARRAY_SIZE(bu_map_flag_map), flags);
    unsigned page_flags = bu_map_bits(bu_page_flag_map, ARRAY_SIZE(bu_page_flag_map), flags);
    int64_t start;
    int r;

    if (flags & BU_MAP_FIXED) {
        if ((flags & BU_MAP_EXCL) && !page_table_is_free(guest_pages, addr, size))
            return -EINVAL;
    }
    if (!(flags & (BU_MAP_ANON | BU_MAP_GUARD))) {
        r = bu_check_file(fd, flags, prot);
        if (r < 0)
            return r;
    } else {
        fd = -1;
    }
    host_flags |= (flags & BU_MAP_SHARED) ? MAP_SHARED : MAP_PRIVATE;
    if (flags & BU_MAP_GUARD)
        host_flags |= MAP_NORESERVE;

    if (flags & BU_MAP_FIXED) {
        r = hp_map_fixed(addr, size, host_prot, host_flags, fd, offset, page_flags);
        return r < 0 ? r : (int64_t)addr;
    }
    start = bu_find_free(addr, size, bu_alignment(flags, size), flags);
    if (start < 0)
        return start;
    r = hp_map_fixed((guest_addr)start, size, host_prot, host_flags, fd, offset,
                     page_flags);
    if (r < 0) {
        hp_unreserve((guest_addr)start, size);
        return r;
    }
    return start;
}

int64_t bu_mmap(guest_addr addr, guest_addr len, int prot, int flags, int fd,
                uint64_t offset)
{
    guest_addr size;
    int align, r;
    int64_t ret;

    r = bu_check_prot(&prot);
    if (r < 0)
        return r;
    flags &= ~(BU_MAP_RESERVED0020 | BU_MAP_RESERVED0040);
    if (len == 0 || ((flags & BU_MAP_ANON) && (fd != -1 || offset != 0)))
        return -EINVAL;
    if (flags & BU_MAP_STACK) {
        if (fd != -1 || (prot & (BU_PROT_READ | BU_PROT_WRITE)) !=
                            (BU_PROT_READ | BU_PROT_WRITE))
            return -EINVAL;
        flags |= BU_MAP_ANON;
    }
    if (flags & ~BU_MAP_KNOWN)
        return -EINVAL;
    if ((flags & (BU_MAP_EXCL | BU_MAP_FIXED)) == BU_MAP_EXCL)
        return -EINVAL;
    if ((flags & (BU_MAP_SHARED | BU_MAP_PRIVATE)) == (BU_MAP_SHARED | BU_MAP_PRIVATE))
        return -EINVAL;
    if ((flags & BU_MAP_GUARD) &&
        (prot != BU_PROT_NONE || fd != -1 || offset != 0 ||
         (flags & ~BU_MAP_GUARD_OK)))
        return -EINVAL;
    if (!IS_ALIGNED(offset, target_page_size))
        return -EINVAL;
    size = ALIGN_UP(len, target_page_size);
    if (size < len)
        return -ENOMEM;
    align = flags & BU_MAP_ALIGNMENT_MASK;
    if (align && align != BU_MAP_ALIGNED_SUPER &&
        (((unsigned)align >> BU_MAP_ALIGNMENT_SHIFT) >= 64 ||
         ((unsigned)align >> BU_MAP_ALIGNMENT_SHIFT) < bu_page_shift()))
        return -EINVAL;
    if (flags & BU_MAP_FIXED) {
        if (!IS_ALIGNED(addr, target_page_size))
            return -EINVAL;
        if (!guest_range_valid(addr, size))
            return -EINVAL;
        if ((flags & BU_MAP_32BIT) && addr + size > BU_MAP_32BIT_MAX_ADDR)
            return -EINVAL;
    }
    if (!(flags & (BU_MAP_ANON | BU_MAP_GUARD)) &&
        (fd < 0 || fcntl(fd, F_GETFD) < 0))
        return -EBADF;

    mmap_lock();
    ret = bu_do_mmap(addr, size, prot, flags, fd, offset);
    mmap_unlock();
    return ret;
}

/* FreeBSD rounds an unaligned start down and the length up with it. */
static void bu_round(guest_addr *addr, guest_addr *len)
{
    guest_addr off = *addr & (target_page_size - 1);

    *addr -= off;
    *len = ALIGN_UP(*len + off, target_page_size);
}

int bu_munmap(guest_addr addr, guest_addr len)
{
    int r;

    if (len == 0)
        return -EINVAL;
    bu_round(&addr, &len);
    if (addr + len < addr)
        return -EINVAL;
    if (len == 0)
        return 0;
    if (!guest_range_valid(addr, len))
        return -EINVAL;
    mmap_lock();
    r = hp_unmap(addr, len);
    mmap_unlock();
    return r;
}

int bu_mprotect(guest_addr addr, guest_addr len, int prot)
{
    guest_addr last, pos;
    int r;

    if (prot & ~(BU_PROT_ALL | BU_PROT_MAX(BU_PROT_ALL)))
        return -EINVAL;
    bu_round(&addr, &len);
    if (addr + len < addr)
        return -EINVAL;
    r = bu_check_prot(&prot);
    if (r < 0)
        return r;
    if (len == 0)
        return 0;
    if (!guest_range_valid(addr, len))
        return -EINVAL;

    last = addr + len - 1;
    pos = addr;
    mmap_lock();
    for (;;) {
        guest_addr s, l;
        unsigned f;
        page_table_lookup(guest_pages, pos, &s, &l, &f);
        if (l > last)
            l = last;
        if ((f & PAGE_VALID) && !(f & PAGE_GUARD)) {
            r = hp_protect(pos, l - pos + 1, bu_prot_to_host(prot));
            if (r < 0)
                break;
        }
        if (l == last)
            break;
        pos = l + 1;
    }
    mmap_unlock();
    return r;
}

static int bu_msync_host_flags(int flags)
{
    return ((flags & BU_MS_ASYNC) ? MS_ASYNC : MS_SYNC) |
           ((flags & BU_MS_INVALIDATE) ? MS_INVALIDATE : 0);
}

int bu_msync(guest_addr addr, guest_addr len, int flags)
{
    guest_addr last, pos, s, l;
    unsigned f;
    int r = 0;

    bu_round(&addr, &len);
    if (addr + len < addr)
        return -EINVAL;
    if ((flags & (BU_MS_ASYNC | BU_MS_INVALIDATE)) == (BU_MS_ASYNC | BU_MS_INVALIDATE))
        return -EINVAL;
    if (!guest_range_valid(addr, len ? len : 1))
        return -ENOMEM;

    mmap_lock();
    page_table_lookup(guest_pages, addr, &s, &l, &f);
    if (!(f & PAGE_VALID)) {
        r = -ENOMEM;
        goto out;
    }
    /* Length 0 syncs the whole mapping holding addr. */
    if (len == 0) {
        addr = s;
        len = l - s + 1;
    }
    if (!page_table_check(guest_pages, addr, len, 0)) {
        r = -ENOMEM;
        goto out;
    }
    last = addr + len - 1;
    pos = addr;
    for (;;) {
        page_table_lookup(guest_pages, pos, &s, &l, &f);
        if (l > last)
            l = last;
        if ((f & (PAGE_SHARED | PAGE_ANON)) == PAGE_SHARED) {
            guest_addr hs = ALIGN_DOWN(pos, host_page_size);
            guest_addr he = ALIGN_UP(l + 1, host_page_size);
            if (msync(g2h(hs), he - hs, bu_msync_host_flags(flags)) < 0) {
                r = -errno;
                break;
            }
        }
        if (l == last)
            break;
        pos = l + 1;
    }
out:
    mmap_unlock();
    return r;
}

int64_t bu_sys_mmap(guest_addr addr, guest_addr len, int prot, int flags,
                    int fd, uint64_t offset)
{
    return bu_result_from_host(bu_mmap(addr, len, prot, flags, fd, offset));
}

int bu_sys_munmap(guest_addr addr, guest_addr len)
{
    return (int)bu_result_from_host(bu_munmap(addr, len));
}

int bu_sys_mprotect(guest_addr addr, guest_addr len, int prot)
{
    return (int)bu_result_from_host(bu_mprotect(addr, len, prot));
}

int bu_sys_msync(guest_addr addr, guest_addr len, int flags)
{
    return (int)bu_result_from_host(bu_msync(addr, len, flags));
}
