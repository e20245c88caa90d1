/*
 * The FreeBSD personality as the loader and the engine see it
 * (include/uemu/personality.h): its mmap operations are FreeBSD mmap
 * calls with the flags the loader means.  Errors are -errno with host
 * values, as personality.h requires; only bu_sys_* translate.
 */
#include <sys/mman.h>

#include "bsd-user/mmap.h"
#include "uemu/host-page.h"
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

static const struct personality_mmap_ops bu_mmap_ops = {
    .map_anon = bu_pers_map_anon,
    .map_file = bu_pers_map_file,
    .reserve = hp_reserve_mapping,
    .protect = bu_mprotect,
    .unmap = bu_munmap,
};

const struct personality bsd_user_personality = {
    .name = "bsd-user",
    .os = GUEST_OS_FREEBSD,
    .mmap = &bu_mmap_ops,
};
