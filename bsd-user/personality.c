/*
 * The FreeBSD personality as the loader and the engine see it
 * (include/uemu/personality.h): its mmap operations are FreeBSD mmap
 * calls with the flags the loader means.  Errors are -errno with host
 * values, as personality.h requires; only bu_sys_* translate.
 */
#include <errno.h>
#include <sys/mman.h>

#include "bsd-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
#include "uemu/personality.h"

static int64_t bu_pers_map_anon(guest_addr addr, guest_addr len, int prot,
                                bool fixed)
{
    return bu_mmap(addr, len, prot,
                   BU_MAP_PRIVATE | BU_MAP_ANON | (fixed ? BU_MAP_FIXED : 0),
                   -1, 0);
}

static int64_t bu_pers_map_file(guest_addr addr, guest_addr len, int prot,
                                int fd, uint64_t offset)
{
    return bu_mmap(addr, len, prot, BU_MAP_PRIVATE | BU_MAP_FIXED, fd, offset);
}

/*
 * An inaccessible mapping recorded in the page table (not a MAP_GUARD:
 * the loader maps segments over it with MAP_FIXED).
 */
static int64_t bu_pers_reserve(guest_addr hint, guest_addr len,
                               guest_addr align)
{
    int64_t start;
    int r;

    if (len == 0)
        return -EINVAL;
    len = ALIGN_UP(len, target_page_size);
    if (len == 0)
        return -ENOMEM;
    if (align < target_page_size)
        align = target_page_size;
    mmap_lock();
    start = hp_find_free(hint, len, align);
    if (start >= 0) {
        r = hp_map_fixed((guest_addr)start, len, PROT_NONE,
                         MAP_PRIVATE | MAP_NORESERVE, -1, 0, 0);
        if (r < 0) {
            hp_unreserve((guest_addr)start, len);
            start = r;
        }
    }
    mmap_unlock();
    return start;
}

static const struct personality_mmap_ops bu_mmap_ops = {
    .map_anon = bu_pers_map_anon,
    .map_file = bu_pers_map_file,
    .reserve = bu_pers_reserve,
    .protect = bu_mprotect,
    .unmap = bu_munmap,
};

const struct personality bsd_user_personality = {
    .name = "bsd-user",
    .os = GUEST_OS_FREEBSD,
    .mmap = &bu_mmap_ops,
};
