/*
 * Start-up spends much of its time in page faults: on virtual machines
 * like the CI runners one costs about 10 us, while MADV_POPULATE_WRITE
 * maps pages at about 0.7 us each.  Translating a small program fills a
 * few hundred KiB of heap (blocks, their tables, the CPU state), so that
 * much is faulted in with one call before anything is allocated.
 *
 * Later, heap_warm_follow() populates what glibc adds to the brk heap
 * (its top pad, 128 KiB or more) as soon as the break moves.
 *
 * glibc hands the memory out again: chunks below the mmap threshold come
 * from the brk heap, freed next to the top they merge back into it, and
 * an explicit trim threshold keeps free() from giving the top back.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "uemu/heap-warm.h"

/* Below glibc's smallest mmap threshold (128 KiB). */
#define WARM_CHUNK (96u << 10)
#define WARM_MAX_CHUNKS 16

static uintptr_t warm_end;     /* populated up to here (page aligned) */
static uintptr_t page_mask;    /* set with warm_end (sysconf per block cost 1.5% of a cached start) */

void heap_warm(size_t bytes)
{
    void *chunk[WARM_MAX_CHUNKS];
    size_t n = 0, page = (size_t)sysconf(_SC_PAGESIZE);
    uintptr_t lo, hi;

    mallopt(M_TRIM_THRESHOLD, 8 << 20);
    while (n < WARM_MAX_CHUNKS && n * WARM_CHUNK < bytes) {
        chunk[n] = malloc(WARM_CHUNK);
        if (!chunk[n])
            break;
        n++;
    }
    if (n) {
        lo = ((uintptr_t)chunk[0] + page - 1) & ~(uintptr_t)(page - 1);
        hi = ((uintptr_t)chunk[n - 1] + WARM_CHUNK) & ~(uintptr_t)(page - 1);
        /* Chunks from one brk heap are contiguous and ascending; another
         * allocator (the sanitizers') may spread them apart: then none.
         * Best effort: before Linux 5.14 madvise fails with EINVAL. */
        if (hi > lo && hi - lo <= n * WARM_CHUNK + page &&
            madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE) == 0) {
            page_mask = ~(uintptr_t)(page - 1);
            warm_end = hi;
        }
    }
    while (n--)
        free(chunk[n]);
}

void heap_warm_follow(void)
{
    uintptr_t lo = __atomic_load_n(&warm_end, __ATOMIC_RELAXED), end;

    /* Not warmed (or populating is not supported): nothing to follow. */
    if (!lo)
        return;
    end = (uintptr_t)sbrk(0) & page_mask;
    if (end == lo)
        return;
    /* Lower after a trim; a racing caller populates the same pages again,
     * which is harmless. */
    if (end > lo)
        madvise((void *)lo, end - lo, MADV_POPULATE_WRITE);
    __atomic_store_n(&warm_end, end, __ATOMIC_RELAXED);
}
