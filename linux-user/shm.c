/*
 * Linux shmat and shmdt for the guest (SysV shared memory).
 *
 * The segment is attached by the host at g2h() of a guest address, over
 * a reservation from hp_find_free or at the guest's own address
 * (SHM_RND rounds it down to SHMLBA, which is TPS for the asm-generic
 * ABI), and recorded in the page table as a shared mapping.  Attaching
 * at a guest-chosen range that does not start and end on host pages
 * (HPS > TPS) cannot be done and fails with EINVAL.  Attachments are remembered so shmdt knows the
 * size to clear from the table.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/shm.h>

#include "linux-user/mmap-int.h"
#include "linux-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"
#include "uemu/page-table.h"

struct lu_shm_attach {
    guest_addr start, len;
};

static struct lu_shm_attach *lu_shm;
static size_t lu_shm_count, lu_shm_cap;

static const struct {
    int guest;
    int host;
} lu_shmflg_map[] = {
    { LU_SHM_RDONLY, SHM_RDONLY },
    { LU_SHM_RND, SHM_RND },
    { LU_SHM_REMAP, SHM_REMAP },
    { LU_SHM_EXEC, SHM_EXEC },
};

static int lu_shm_host_flags(int shmflg)
{
    int host = 0;

    for (size_t i = 0; i < ARRAY_SIZE(lu_shmflg_map); i++)
        if (shmflg & lu_shmflg_map[i].guest)
            host |= lu_shmflg_map[i].host;
    return host;
}

static int lu_shm_remember(guest_addr start, guest_addr len)
{
    if (lu_shm_count == lu_shm_cap) {
        size_t cap = lu_shm_cap ? lu_shm_cap * 2 : 16;
        struct lu_shm_attach *n = realloc(lu_shm, cap * sizeof(*n));
        if (!n)
            return -ENOMEM;
        lu_shm = n;
        lu_shm_cap = cap;
    }
    lu_shm[lu_shm_count++] = (struct lu_shm_attach){ start, len };
    return 0;
}

static int64_t lu_do_shmat(int shmid, guest_addr addr, int shmflg, guest_addr len)
{
    bool placed = addr != 0;
    unsigned prot = PAGE_READ;
    guest_addr tail, tail_end;
    void *p;
    int r;

    if (!(shmflg & LU_SHM_RDONLY))
        prot |= PAGE_WRITE;
    if (shmflg & LU_SHM_EXEC)
        prot |= PAGE_EXEC;
    if (placed) {
        if (!guest_range_valid(addr, len))
            return -EINVAL;
        if (!(shmflg & LU_SHM_REMAP) && !page_table_is_free(guest_pages, addr, len))
            return -EINVAL;
        if (!IS_ALIGNED(addr, host_page_size) ||
            !IS_ALIGNED(addr + len, host_page_size))
            return -EINVAL;
        r = hp_unmap(addr, len);
        if (r < 0)
            return r;
    } else {
        int64_t got = hp_find_free(0, len, host_page_size);
        if (got < 0)
            return got;
        addr = (guest_addr)got;
    }
    /* SHM_REMAP: the host replaces our reservation (or nothing). */
    p = shmat(shmid, g2h(addr), lu_shm_host_flags(shmflg & ~LU_SHM_RND) | SHM_REMAP);
    if (p == (void *)-1) {
        r = -errno;
        if (!placed)
            hp_unreserve(addr, len);
        return r;
    }
    /*
     * The rest of the last host page is our reservation; it takes the
     * segment's protection, as every host page has the union of its
     * guest pages'.
     */
    tail = addr + len;
    tail_end = ALIGN_UP(tail, host_page_size);
    if (tail < tail_end && mprotect(g2h(tail), tail_end - tail,
                                    lu_prot_to_host((int)prot)) < 0) {
        r = -errno;
        shmdt(p);
        hp_unreserve(addr, len);
        return r;
    }
    r = lu_shm_remember(addr, len);
    if (r < 0) {
        shmdt(p);
        hp_unreserve(addr, len);
        return r;
    }
    page_table_set(guest_pages, addr, addr + len - 1, PAGE_VALID | PAGE_SHARED | prot);
    return (int64_t)addr;
}

int64_t lu_shmat(int shmid, guest_addr shmaddr, int shmflg)
{
    struct shmid_ds ds;
    guest_addr len;
    int64_t r;

    if (shmid < 0)
        return -EINVAL;
    if (shmaddr && !IS_ALIGNED(shmaddr, target_page_size)) {
        if (!(shmflg & LU_SHM_RND))
            return -EINVAL;
        shmaddr = ALIGN_DOWN(shmaddr, target_page_size);
        if (shmaddr == 0 && (shmflg & LU_SHM_REMAP))
            return -EINVAL;
    } else if (!shmaddr && (shmflg & LU_SHM_REMAP)) {
        return -EINVAL;
    }
    if (shmctl(shmid, IPC_STAT, &ds) < 0)
        return -errno;
    len = ALIGN_UP((guest_addr)ds.shm_segsz, target_page_size);
    if (len == 0)
        return -EINVAL;

    mmap_lock();
    r = lu_do_shmat(shmid, shmaddr, shmflg, len);
    mmap_unlock();
    return r;
}

int lu_shmdt(guest_addr shmaddr)
{
    int r = -EINVAL;

    if (!IS_ALIGNED(shmaddr, target_page_size))
        return -EINVAL;
    mmap_lock();
    for (size_t i = 0; i < lu_shm_count; i++) {
        if (lu_shm[i].start != shmaddr)
            continue;
        if (shmdt(g2h(shmaddr)) < 0) {
            r = -errno;
        } else {
            /* The host range is gone; clear the table and re-reserve. */
            r = hp_unmap(shmaddr, lu_shm[i].len);
        }
        lu_shm[i] = lu_shm[--lu_shm_count];
        break;
    }
    mmap_unlock();
    return r;
}
