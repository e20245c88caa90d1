/*
 * The Linux personality as the loader and the engine see it
 * (include/uemu/personality.h): its mmap operations are Linux mmap calls
 * with the flags the loader means.  Errors are -errno (host values).
 */
#include <sys/mman.h>

#include "linux-user/mmap.h"
#include "uemu/host-page.h"
#include "uemu/personality.h"

static int64_t lu_pers_map_anon(guest_addr addr, guest_addr len, int prot,
                                bool fixed)
{
    return lu_mmap(addr, len, prot,
                   LU_MAP_PRIVATE | LU_MAP_ANONYMOUS | (fixed ? LU_MAP_FIXED : 0),
                   -1, 0);
}

static int64_t lu_pers_map_file(guest_addr addr, guest_addr len, int prot,
                                int fd, uint64_t offset)
{
    return lu_mmap(addr, len, prot, LU_MAP_PRIVATE | LU_MAP_FIXED, fd, offset);
}

static const struct personality_mmap_ops lu_mmap_ops = {
    .map_anon = lu_pers_map_anon,
    .map_file = lu_pers_map_file,
    .reserve = hp_reserve_mapping,
    .protect = lu_mprotect,
    .unmap = lu_munmap,
};

const struct personality linux_user_personality = {
    .name = "linux-user",
    .os = GUEST_OS_LINUX,
    .mmap = &lu_mmap_ops,
};
