/*
 * Linux mmap, munmap, mprotect and msync for the guest (docs MMAP.md,
 * "linux-user/mmap.c").
 *
 * Each call checks its arguments in the order the Linux kernel does
 * (arch sys_mmap, ksys_mmap_pgoff, do_mmap, __get_unmapped_area;
 * do_mprotect_pkey; __vm_munmap; msync), so that a call with several
 * faults gets the error Linux gives, then hands TPS-aligned work to the
 * shared host-page layer (include/uemu/host-page.h) under the mmap lock.
 * Guest flag values are asm-generic (linux-user/mmap.h) and are turned
 * into host values through tables even where the numbers agree.
 *
 * Where Linux changes part of a range and then fails (mprotect over a
 * hole), uemu checks first and changes nothing: the guest sees the same
 * error, and the page table never holds a half-applied request.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "linux-user/mmap-int.h"
#include "linux-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

struct lu_flag_map {
    int guest;
    int host;
};

static const struct lu_flag_map lu_prot_map[] = {
    { LU_PROT_READ, PROT_READ },
    { LU_PROT_WRITE, PROT_WRITE },
    { LU_PROT_EXEC, PROT_EXEC },
};

/*
 * Guest mmap flags passed on to the host mapping.  MAP_HUGETLB is only a
 * hint (huge pages may not exist on the host, and a huge host page could
 * not hold guest fragments), so it is not passed on.
 */
static const struct lu_flag_map lu_map_flag_map[] = {
    { LU_MAP_NORESERVE, MAP_NORESERVE },
    { LU_MAP_POPULATE, MAP_POPULATE },
    { LU_MAP_LOCKED, MAP_LOCKED },
    { LU_MAP_STACK, MAP_STACK },
    { LU_MAP_GROWSDOWN, MAP_GROWSDOWN },
};

static const struct lu_flag_map lu_msync_map[] = {
    { LU_MS_ASYNC, MS_ASYNC },
    { LU_MS_INVALIDATE, MS_INVALIDATE },
    { LU_MS_SYNC, MS_SYNC },
};

/*
 * The flags a MAP_SHARED_VALIDATE mapping may carry (the kernel's
 * LEGACY_MAP_MASK for asm-generic; MAP_SYNC only on DAX files, which a
 * guest never sees through uemu).
 */
#define LU_MAP_HUGE_2MB (21 << LU_MAP_HUGE_SHIFT)
#define LU_MAP_HUGE_1GB (30 << LU_MAP_HUGE_SHIFT)
#define LU_LEGACY_MAP_MASK                                                    \
    (LU_MAP_SHARED | LU_MAP_PRIVATE | LU_MAP_FIXED | LU_MAP_ANONYMOUS |       \
     LU_MAP_DENYWRITE | LU_MAP_EXECUTABLE | LU_MAP_UNINITIALIZED |            \
     LU_MAP_GROWSDOWN | LU_MAP_LOCKED | LU_MAP_NORESERVE | LU_MAP_POPULATE |  \
     LU_MAP_NONBLOCK | LU_MAP_STACK | LU_MAP_HUGETLB | LU_MAP_HUGE_2MB |      \
     LU_MAP_HUGE_1GB)

static int lu_extra_prot;

static int lu_map_bits(const struct lu_flag_map *map, size_t n, int guest)
{
    int host = 0;

    for (size_t i = 0; i < n; i++)
        if (guest & map[i].guest)
            host |= map[i].host;
    return host;
}

int lu_prot_to_host(int prot)
{
    return lu_map_bits(lu_prot_map, ARRAY_SIZE(lu_prot_map), prot);
}

void lu_mmap_set_extra_prot(int mask)
{
    lu_extra_prot = mask;
}

int lu_map_anon_exact(guest_addr start, guest_addr len, int host_prot,
                      unsigned page_flags)
{
    guest_addr hs = ALIGN_UP(start, host_page_size);
    guest_addr he = ALIGN_UP(start + len, host_page_size);
    int r;

    /*
     * The host page holding start, when start is not host aligned,
     * already holds guest pages of ours; the whole host pages after it
     * must be claimed so nothing foreign is replaced.
     */
    if (hs < he) {
        int64_t got = hp_find_free(hs, he - hs, host_page_size);
        if (got < 0)
            return -ENOMEM;
        if ((guest_addr)got != hs) {
            hp_unreserve((guest_addr)got, he - hs);
            return -ENOMEM;
        }
    }
    r = hp_map_fixed(start, len, host_prot,
                     MAP_PRIVATE | (lu_lock_future() ? MAP_LOCKED : 0), -1, 0,
                     page_flags);
    if (r < 0 && hs < he)
        hp_unreserve(hs, he - hs);
    return r;
}

/*
 * The file-mapping rules of do_mmap, in its order: the offset must fit
 * the file type, the mapping type must be known (MAP_SHARED_VALIDATE:
 * with known flags only), the open mode must allow the mapping, MAP_SYNC
 * needs a DAX file (which uemu never maps), and the file must be mappable.
 * Returns the flags left to honour or -errno.
 */
static int lu_check_file(int flags, int fd, int prot, uint64_t offset,
                         guest_addr len)
{
    int type = flags & LU_MAP_TYPE;
    struct stat st;
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fstat(fd, &st) < 0)
        return -EBADF;
    if ((S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) &&
        offset > (uint64_t)INT64_MAX - len)
        return -EOVERFLOW;
    switch (type) {
    case LU_MAP_SHARED:
        flags &= LU_LEGACY_MAP_MASK | LU_MAP_SYNC;
        break;
    case LU_MAP_SHARED_VALIDATE:
        /*
         * Regular files (ext4, xfs, tmpfs) admit MAP_SYNC here and refuse
         * it below when the file is not on DAX storage; others at once.
         */
        if (flags & ~(LU_LEGACY_MAP_MASK | (S_ISREG(st.st_mode) ? LU_MAP_SYNC : 0)))
            return -EOPNOTSUPP;
        break;
    case LU_MAP_PRIVATE:
        break;
    default:
        return -EINVAL;
    }
    if (type != LU_MAP_PRIVATE && (prot & LU_PROT_WRITE) &&
        ((fl & O_ACCMODE) == O_RDONLY || (fl & O_APPEND)))
        return -EACCES;
    if ((fl & O_ACCMODE) == O_WRONLY)
        return -EACCES;
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode) && !S_ISCHR(st.st_mode))
        return -ENODEV;
    if (flags & LU_MAP_GROWSDOWN)
        return -EINVAL;
    if (flags & LU_MAP_SYNC)
        return -EOPNOTSUPP;
    return flags;
}

/* The mapping-type rules of do_mmap for anonymous memory. */
static int lu_check_anon(int flags)
{
    switch (flags & LU_MAP_TYPE) {
    case LU_MAP_SHARED:
        if (flags & LU_MAP_GROWSDOWN)
            return -EINVAL;
        return flags;
    case LU_MAP_DROPPABLE:
        /* Memory the kernel may drop is neither locked nor a stack. */
        if (flags & (LU_MAP_LOCKED | LU_MAP_GROWSDOWN))
            return -EINVAL;
        return flags;
    case LU_MAP_PRIVATE:
        return flags;
    default:
        /* An anonymous MAP_SHARED_VALIDATE is refused too (Linux 6.18). */
        return -EINVAL;
    }
}

static int64_t lu_do_mmap(guest_addr addr, guest_addr len, int prot, int flags,
                          int fd, uint64_t offset, bool anon)
{
    bool fixed = flags & (LU_MAP_FIXED | LU_MAP_FIXED_NOREPLACE);
    int host_prot = lu_prot_to_host(prot);
    int host_flags;
    unsigned page_flags = 0;
    int64_t start;
    int r;

    if (len - 1 > guest_addr_max)
        return -ENOMEM;
    if (fixed) {
        if (!guest_range_valid(addr, len))
            return -ENOMEM;
        if (!IS_ALIGNED(addr, target_page_size))
            return -EINVAL;
        if ((flags & LU_MAP_FIXED_NOREPLACE) &&
            !page_table_is_free(guest_pages, addr, len))
            return -EEXIST;
    }
    flags = anon ? lu_check_anon(flags) : lu_check_file(flags, fd, prot, offset, len);
    if (flags < 0)
        return flags;

    host_flags = lu_map_bits(lu_map_flag_map, ARRAY_SIZE(lu_map_flag_map), flags);
    if (lu_lock_future())
        host_flags |= MAP_LOCKED;
    if ((flags & LU_MAP_TYPE) == LU_MAP_SHARED ||
        (flags & LU_MAP_TYPE) == LU_MAP_SHARED_VALIDATE) {
        host_flags |= MAP_SHARED;
        page_flags |= PAGE_SHARED;
    } else {
        host_flags |= MAP_PRIVATE;
    }
    if (flags & LU_MAP_GROWSDOWN)
        page_flags |= PAGE_STACK;
    /* Droppable memory is left out of core dumps, as in Linux. */
    if ((flags & LU_MAP_TYPE) == LU_MAP_DROPPABLE)
        page_flags |= PAGE_NOCORE;
    if (anon) {
        /* Linux ignores fd and offset of an anonymous mapping. */
        fd = -1;
        offset = 0;
    }

    if (fixed) {
        r = hp_map_fixed(addr, len, host_prot, host_flags, fd, offset, page_flags);
        return r < 0 ? r : (int64_t)addr;
    }

    /* A hint is rounded up to a page and dropped when it cannot be had. */
    guest_addr hint = ALIGN_UP(addr, target_page_size);
    if (hint < addr || !guest_range_valid(hint, len))
        hint = 0;
    /* Host-aligned placement keeps fresh mappings out of fragments. */
    start = hp_find_free(hint, len, host_page_size);
    if (start < 0)
        return start;
    r = hp_map_fixed((guest_addr)start, len, host_prot, host_flags, fd, offset,
                     page_flags);
    if (r < 0) {
        hp_unreserve((guest_addr)start, len);
        return r;
    }
    return start;
}

int64_t lu_mmap(guest_addr addr, guest_addr len, int prot, int flags, int fd,
                uint64_t offset)
{
    bool anon = flags & LU_MAP_ANONYMOUS;
    guest_addr glen;
    int64_t r;

    if (!IS_ALIGNED(offset, target_page_size))
        return -EINVAL;
    if (!anon) {
        if (fd < 0 || fcntl(fd, F_GETFD) < 0)
            return -EBADF;
        /* Only hugetlbfs files take MAP_HUGETLB; uemu maps none. */
        if (flags & LU_MAP_HUGETLB)
            return -EINVAL;
    }
    if (len == 0)
        return -EINVAL;
    glen = ALIGN_UP(len, target_page_size);
    if (glen == 0)
        return -ENOMEM;

    mmap_lock();
    r = lu_do_mmap(addr, glen, prot, flags, fd, offset, anon);
    mmap_unlock();
    return r;
}

int lu_munmap(guest_addr addr, guest_addr len)
{
    guest_addr glen;
    int r;

    if (!IS_ALIGNED(addr, target_page_size) || len == 0)
        return -EINVAL;
    if (!guest_range_valid(addr, len))
        return -EINVAL;
    glen = ALIGN_UP(len, target_page_size);
    if (glen == 0 || !guest_range_valid(addr, glen))
        return -EINVAL;
    mmap_lock();
    r = hp_unmap(addr, glen);
    mmap_unlock();
    return r;
}

/*
 * PROT_GROWSDOWN: the first mapping meeting [*start, end) must grow down,
 * and the change reaches down to where that mapping (a page-table range,
 * Linux's vma) begins.
 */
static int lu_growsdown_start(guest_addr *start, guest_addr end)
{
    guest_addr s, l;
    unsigned f;

    page_table_lookup(guest_pages, *start, &s, &l, &f);
    if (!(f & PAGE_VALID)) {
        if (l >= end - 1)
            return -ENOMEM;
        page_table_lookup(guest_pages, l + 1, &s, &l, &f);
    }
    if (!(f & PAGE_STACK))
        return -EINVAL;
    *start = s;
    return 0;
}

int lu_mprotect(guest_addr addr, guest_addr len, int prot)
{
    int grows = prot & (LU_PROT_GROWSDOWN | LU_PROT_GROWSUP);
    int known = LU_PROT_READ | LU_PROT_WRITE | LU_PROT_EXEC | LU_PROT_SEM |
                lu_extra_prot;
    guest_addr glen, end;
    bool beyond;
    int r;

    prot &= ~grows;
    if (grows == (LU_PROT_GROWSDOWN | LU_PROT_GROWSUP))
        return -EINVAL;
    if (!IS_ALIGNED(addr, target_page_size))
        return -EINVAL;
    if (len == 0)
        return 0;
    glen = ALIGN_UP(len, target_page_size);
    end = addr + glen;
    if (end <= addr)
        return -ENOMEM;
    if (prot & ~known)
        return -EINVAL;
    /* Nothing past the guest space is mapped. */
    if (addr > guest_addr_max)
        return -ENOMEM;
    beyond = end - 1 > guest_addr_max;
    if (beyond)
        end = guest_addr_max + 1;

    mmap_lock();
    if (grows & LU_PROT_GROWSUP) {
        /* No riscv64 or aarch64 mapping grows up. */
        r = page_table_get(guest_pages, addr) & PAGE_VALID ? -EINVAL : -ENOMEM;
    } else if (grows & LU_PROT_GROWSDOWN) {
        r = lu_growsdown_start(&addr, end);
    } else {
        r = 0;
    }
    if (r == 0 && (beyond || !page_table_check(guest_pages, addr, end - addr, 0)))
        r = -ENOMEM;
    if (r == 0)
        r = hp_protect(addr, end - addr, lu_prot_to_host(prot));
    mmap_unlock();
    return r;
}

/* Shared file mappings are the only ones msync has work for. */
static int lu_msync_range(guest_addr s, guest_addr l, unsigned f, int host_flags)
{
    guest_addr hs = ALIGN_DOWN(s, host_page_size);
    guest_addr he = ALIGN_UP(l + 1, host_page_size);

    if ((f & (PAGE_SHARED | PAGE_ANON)) != PAGE_SHARED)
        return 0;
    if (msync(g2h(hs), he - hs, host_flags) < 0)
        return -errno;
    return 0;
}

int lu_msync(guest_addr addr, guest_addr len, int flags)
{
    guest_addr glen, last, pos;
    int host_flags, r = 0;
    bool hole = false;

    if (flags & ~(LU_MS_ASYNC | LU_MS_INVALIDATE | LU_MS_SYNC))
        return -EINVAL;
    if (!IS_ALIGNED(addr, target_page_size))
        return -EINVAL;
    if ((flags & LU_MS_ASYNC) && (flags & LU_MS_SYNC))
        return -EINVAL;
    glen = ALIGN_UP(len, target_page_size);
    if (addr + glen < addr)
        return -ENOMEM;
    if (glen == 0)
        return 0;
    if (!guest_range_valid(addr, glen))
        return -ENOMEM;
    host_flags = lu_map_bits(lu_msync_map, ARRAY_SIZE(lu_msync_map), flags);

    last = addr + glen - 1;
    pos = addr;
    mmap_lock();
    for (;;) {
        guest_addr s, l;
        unsigned f;
        page_table_lookup(guest_pages, pos, &s, &l, &f);
        if (l > last)
            l = last;
        if (!(f & PAGE_VALID))
            hole = true;
        else if (r == 0)
            r = lu_msync_range(pos, l, f, host_flags);
        if (l == last)
            break;
        pos = l + 1;
    }
    mmap_unlock();
    /* Like Linux, the mapped parts are synced before a hole is reported. */
    return r < 0 ? r : hole ? -ENOMEM : 0;
}
