/*
 * Benchmark of the Linux mmap backend (linux-user/mmap.c) on the shared
 * host-page layer and page table.
 *
 *  (a) map then unmap one 1 TiB PROT_NONE range through lu_mmap and
 *      lu_munmap, with and without reserved_va: median of RUNS runs, in
 *      microseconds (MMAP.md: well under a millisecond);
 *  (b) N separate mappings, N = 1,000, 10,000 and 100,000, each one page
 *      or 16 MiB long, with a gap after each so the page table holds N
 *      ranges: time per lu_mmap(MAP_FIXED) and per lu_munmap.  Cost must
 *      follow N (logarithmically) and not the size.  PROT_NONE mappings
 *      under reserved_va, so the host merges them into few mappings and
 *      vm.max_map_count (65530) does not stop N = 100,000; accessible
 *      mappings without a reservation for N up to 10,000.
 * Times are printed, never checked: the machine is shared and noisy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "linux-user/mmap.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"

#define RUNS 7
#define KIB (1ull << 10)
#define MIB (1ull << 20)
#define TIB (1ull << 40)
#define ANON (LU_MAP_PRIVATE | LU_MAP_ANONYMOUS | LU_MAP_NORESERVE)

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return v[n / 2];
}

static void die(const char *what, long long r)
{
    fprintf(stderr, "bench-mmap: %s failed: %lld\n", what, r);
    exit(1);
}

static void space_init(guest_addr rva)
{
    struct guest_space_config gc = { .reserved_va = rva };
    int r = guest_space_init(&gc);

    if (r < 0)
        die("guest_space_init", r);
}

static void bench_tib(const char *name, guest_addr rva)
{
    double map[RUNS], unmap[RUNS];

    space_init(rva);
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ns();
        int64_t a = lu_mmap(0, TIB, LU_PROT_NONE, ANON, -1, 0);
        double t1 = now_ns();
        if (a < 0)
            die("lu_mmap 1 TiB", a);
        int r = lu_munmap((guest_addr)a, TIB);
        double t2 = now_ns();
        if (r < 0)
            die("lu_munmap 1 TiB", r);
        map[i] = (t1 - t0) / 1e3;
        unmap[i] = (t2 - t1) / 1e3;
    }
    guest_space_reset();
    printf("%-28s %12.1f %12.1f\n", name, median(map, RUNS), median(unmap, RUNS));
}

struct many_case {
    const char *name;
    guest_addr rva;
    int prot;
};

/*
 * A free guest range of len bytes: found by a mapping that is unmapped
 * again, so the host (and its sanitizer shadow, if any) is not in it.
 */
static guest_addr free_span(guest_addr len)
{
    int64_t a = lu_mmap(0, len, LU_PROT_NONE, ANON, -1, 0);

    if (a < 0)
        die("lu_mmap span", a);
    if (lu_munmap((guest_addr)a, len) < 0)
        die("lu_munmap span", -1);
    return (guest_addr)a;
}

static void bench_many(const struct many_case *c, size_t n, guest_addr size)
{
    double t0, t1, t2;
    guest_addr base;
    size_t ranges;

    space_init(c->rva);
    base = free_span(n * 2 * size);
    t0 = now_ns();
    for (size_t i = 0; i < n; i++) {
        guest_addr a = base + i * 2 * size;
        int64_t r = lu_mmap(a, size, c->prot, ANON | LU_MAP_FIXED, -1, 0);
        if (r != (int64_t)a)
            die("lu_mmap", r);
    }
    t1 = now_ns();
    ranges = page_table_count(guest_pages);
    for (size_t i = 0; i < n; i++) {
        int r = lu_munmap(base + i * 2 * size, size);
        if (r < 0)
            die("lu_munmap", r);
    }
    t2 = now_ns();
    guest_space_reset();
    printf("%-22s %8zu %9llu %8zu %12.0f %12.0f\n", c->name, n,
           (unsigned long long)(size / KIB), ranges, (t1 - t0) / (double)n,
           (t2 - t1) / (double)n);
}

int main(void)
{
    static const size_t counts[] = { 1000, 10000, 100000 };
    static const guest_addr sizes[] = { 4 * KIB, 16 * MIB };
    static const struct many_case none_rva = {
        "PROT_NONE, reserved_va", 4 * TIB, LU_PROT_NONE,
    };
    static const struct many_case rw = {
        "PROT_RW, no reservation", 0, LU_PROT_READ | LU_PROT_WRITE,
    };

    printf("(a) 1 TiB PROT_NONE, median of %d runs\n", RUNS);
    printf("%-28s %12s %12s\n", "configuration", "map us", "unmap us");
    bench_tib("no reservation", 0);
    bench_tib("reserved_va 4 TiB", 4 * TIB);

    printf("\n(b) N separate mappings: time per call\n");
    printf("%-22s %8s %9s %8s %12s %12s\n", "configuration", "N", "size KiB",
           "ranges", "mmap ns", "munmap ns");
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
        for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
            bench_many(&none_rva, counts[i], sizes[s]);
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
        for (size_t i = 0; i < 2; i++)
            bench_many(&rw, counts[i], sizes[s]);
    return 0;
}
