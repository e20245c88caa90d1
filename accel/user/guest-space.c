/*
 * The guest address space: page sizes, guest_base, the reserved_va
 * reservation, mmap_min_addr and the guest page table.
 *
 * Constraints: HPS is a power of two, at least RHPS and TPS, and every
 * host mapping of the guest is made in HPS units (MMAP.md).  With
 * reserved_va the whole guest space [0, reserved_va) is reserved on the
 * host up front, inaccessible and not committed, at a guest_base aligned
 * to HPS; everything the guest maps later replaces part of it and goes
 * back to the reservation when unmapped (host-page.c).
 *
 * Usage:
 *     struct guest_space_config cfg = { .host_page_size = 65536 };
 *     if (guest_space_init(&cfg) < 0) ...
 *     ... map through the backends ...
 *     guest_space_reset();     (tests only: unmaps everything)
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/user/host-calls.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/page-table.h"

#define GS_DEFAULT_TPS 4096
#define GS_DEFAULT_ADDR_LIMIT ((guest_addr)1 << 47)
#define GS_MMAP_MIN_ADDR_FILE "/proc/sys/vm/mmap_min_addr"

uintptr_t guest_base;
guest_addr reserved_va;
guest_addr guest_addr_max;
guest_addr target_page_size;
guest_addr real_host_page_size;
guest_addr host_page_size;
guest_addr mmap_min_addr;

static bool is_pow2(guest_addr x)
{
    return x != 0 && (x & (x - 1)) == 0;
}

/* The kernel's lowest mmap address; 64 KiB (Linux's default) if unknown. */
static guest_addr read_mmap_min_addr(void)
{
    unsigned long long v = 65536;
    FILE *f = fopen(GS_MMAP_MIN_ADDR_FILE, "r");

    if (f) {
        if (fscanf(f, "%llu", &v) != 1) {
            v = 65536;
        }
        fclose(f);
    }
    return v;
}

/*
 * Reserve [0, size) of the guest space on the host, inaccessible and not
 * committed.  At the -B base when one is given, else wherever the kernel
 * finds room, over-allocated by HPS so the base can be aligned to HPS.
 */
static int reserve_guest_space(guest_addr size, bool fixed, uintptr_t base)
{
    const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

    if (fixed) {
        void *p = hp_host.mmap((void *)base, size, PROT_NONE,
                               flags | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == MAP_FAILED) {
            return -ENOMEM;
        }
        if (p != (void *)base) {
            hp_host.munmap(p, size);
            return -ENOMEM;
        }
        guest_base = base;
        return 0;
    }

    guest_addr extra = host_page_size - real_host_page_size;
    if (size + extra < size) {
        return -ENOMEM;
    }
    void *p = hp_host.mmap(NULL, size + extra, PROT_NONE, flags, -1, 0);
    if (p == MAP_FAILED) {
        return -ENOMEM;
    }
    uintptr_t lo = (uintptr_t)p;
    uintptr_t aligned = ALIGN_UP(lo, (uintptr_t)host_page_size);
    uintptr_t hi = lo + size + extra;
    if ((aligned > lo && hp_host.munmap(p, aligned - lo) != 0) ||
        (hi > aligned + size &&
         hp_host.munmap((void *)(aligned + size), hi - aligned - size) != 0)) {
        hp_host.munmap(p, size + extra);
        return -ENOMEM;
    }
    guest_base = aligned;
    return 0;
}

static int set_page_sizes(const struct guest_space_config *cfg)
{
    long rhps = sysconf(_SC_PAGESIZE);
    guest_addr tps = cfg->target_page_size ? cfg->target_page_size
                                           : GS_DEFAULT_TPS;

    if (rhps <= 0 || !is_pow2(tps)) {
        return -EINVAL;
    }
    guest_addr hps = (guest_addr)rhps > tps ? (guest_addr)rhps : tps;
    if (cfg->host_page_size) {
        if (!is_pow2(cfg->host_page_size) || cfg->host_page_size < hps) {
            return -EINVAL;
        }
        hps = cfg->host_page_size;
    }
    target_page_size = tps;
    real_host_page_size = rhps;
    host_page_size = hps;
    return 0;
}

int guest_space_init(const struct guest_space_config *cfg)
{
    if (guest_pages) {
        return -EBUSY;
    }
    int ret = set_page_sizes(cfg);
    if (ret < 0) {
        return ret;
    }

    guest_addr limit = cfg->addr_limit ? cfg->addr_limit
                                       : GS_DEFAULT_ADDR_LIMIT;
    limit = ALIGN_DOWN(limit, host_page_size);
    guest_addr rva = ALIGN_UP(cfg->reserved_va, host_page_size);
    if (limit == 0 || rva < cfg->reserved_va || rva > limit ||
        (cfg->have_guest_base &&
         !IS_ALIGNED(cfg->guest_base, (uintptr_t)host_page_size))) {
        return -EINVAL;
    }

    guest_base = cfg->have_guest_base ? cfg->guest_base : 0;
    if (rva) {
        ret = reserve_guest_space(rva, cfg->have_guest_base, guest_base);
        if (ret < 0) {
            guest_base = 0;
            return ret;
        }
    }
    reserved_va = rva;
    guest_addr_max = (rva ? rva : limit) - 1;

    guest_addr min = ALIGN_UP(read_mmap_min_addr(), host_page_size);
    mmap_min_addr = min < host_page_size ? host_page_size : min;

    guest_pages = page_table_new();
    if (!guest_pages) {
        if (rva) {
            hp_host.munmap((void *)guest_base, rva);
        }
        reserved_va = 0;
        guest_base = 0;
        return -ENOMEM;
    }
    hp_set_mmap_base(HP_TASK_UNMAPPED_BASE);
    return 0;
}

/* Unmap the host pages under one recorded guest range. */
static int unmap_recorded(void *opaque, guest_addr start, guest_addr last,
                          unsigned flags)
{
    (void)opaque;
    (void)flags;
    guest_addr hs = ALIGN_DOWN(start, host_page_size);
    guest_addr he = ALIGN_UP(last + 1, host_page_size);
    hp_host.munmap(g2h(hs), he - hs);
    return 0;
}

/*
 * Best effort: a failing munmap here has no one to report to, and the
 * caller (a test) checks the host's mappings itself.  Reservations from
 * hp_find_free that were never used or given back are the caller's.
 */
void guest_space_reset(void)
{
    if (!guest_pages) {
        return;
    }
    if (reserved_va) {
        hp_host.munmap(g2h(0), reserved_va);
    } else {
        page_table_walk(guest_pages, 0, guest_addr_max, unmap_recorded, NULL);
    }
    page_table_free(guest_pages);
    guest_pages = NULL;
    guest_base = 0;
    reserved_va = 0;
    guest_addr_max = 0;
    mmap_min_addr = 0;
}
