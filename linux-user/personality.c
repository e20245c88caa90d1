/*
 * The Linux personality as the loader and the engine see it
 * (include/uemu/personality.h): its mmap operations are Linux mmap calls
 * with the flags the loader means.  Errors are -errno (host values).
 */
#include <errno.h>
#include <sys/mman.h>

#include "linux-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
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

/*
 * An inaccessible mapping recorded in the page table, so the loader can
 * later map segments over it with MAP_FIXED.
 */
static int64_t lu_pers_reserve(guest_addr hint, guest_addr len,
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

static const struct personality_mmap_ops lu_mmap_ops = {
    .map_anon = lu_pers_map_anon,
    .map_file = lu_pers_map_file,
    .reserve = lu_pers_reserve,
    .protect = lu_mprotect,
    .unmap = lu_munmap,
};

const struct personality linux_user_personality = {
    .name = "linux-user",
    .os = GUEST_OS_LINUX,
    .mmap = &lu_mmap_ops,
};
