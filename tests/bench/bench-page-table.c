/*
 * Benchmark of the guest page table (accel/user/page-table.c).
 *
 * Shows that cost follows the number of ranges, never their size:
 *  (a) set then clear one 1 TiB range, in an empty table and in one
 *      already holding 100,000 ranges (median of several runs);
 *  (b) N separate ranges for N = 1,000, 10,000 and 100,000, each one
 *      page or one GiB long: time per set, get and clear.
 * Times are printed, never checked: the machine is shared and noisy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "uemu/page-table.h"

#define RUNS 7
#define BASE 0x100000000ull
#define TIB (1ull << 40)
#define FLAGS (PAGE_VALID | PAGE_READ | PAGE_WRITE)

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

static struct page_table *new_table(void)
{
    struct page_table *pt = page_table_new();

    if (!pt) {
        fputs("bench-page-table: out of memory\n", stderr);
        exit(1);
    }
    return pt;
}

/* Ranges of size bytes every 2 * size from BASE, so none touch. */
static guest_addr range_start(size_t i, guest_addr size)
{
    return BASE + i * 2 * size;
}

/* A fixed shuffle of 0..n-1, so the tree sees inserts in no easy order. */
static size_t *shuffled(size_t n)
{
    size_t *order = malloc(n * sizeof(*order));
    uint64_t x = 0x9e3779b97f4a7c15ull;

    if (!order) {
        fputs("bench-page-table: out of memory\n", stderr);
        exit(1);
    }
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
    }
    for (size_t i = n - 1; i > 0; i--) {
        size_t j, t;

        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        j = x % (i + 1);
        t = order[i], order[i] = order[j], order[j] = t;
    }
    return order;
}

static void bench_huge(size_t others)
{
    struct page_table *pt = new_table();
    guest_addr at = 1ull << 56;
    double t[RUNS];

    for (size_t i = 0; i < others; i++) {
        page_table_set(pt, range_start(i, 4096), range_start(i, 4096) + 4095,
                       FLAGS);
    }
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_ns();

        page_table_set(pt, at, at + TIB - 1, PAGE_VALID);
        page_table_clear(pt, at, at + TIB - 1);
        t[r] = now_ns() - t0;
    }
    printf("  table holding %6zu ranges: %8.3f us\n", others,
           median(t, RUNS) / 1e3);
    page_table_free(pt);
}

static void bench_many(size_t n, guest_addr size, const char *size_name)
{
    size_t *order = shuffled(n);
    double set[RUNS], get[RUNS], clear[RUNS];

    for (int r = 0; r < RUNS; r++) {
        struct page_table *pt = new_table();
        double t0 = now_ns();
        size_t hits = 0;

        for (size_t i = 0; i < n; i++) {
            guest_addr s = range_start(order[i], size);

            page_table_set(pt, s, s + size - 1, FLAGS);
        }
        set[r] = (now_ns() - t0) / n;
        if (page_table_count(pt) != n) {
            fprintf(stderr, "bench-page-table: %zu ranges, expected %zu\n",
                    page_table_count(pt), n);
            exit(1);
        }
        t0 = now_ns();
        for (size_t i = 0; i < n; i++) {
            guest_addr s = range_start(order[n - 1 - i], size);

            hits += page_table_get(pt, s) == FLAGS;
        }
        get[r] = (now_ns() - t0) / n;
        if (hits != n) {
            fprintf(stderr, "bench-page-table: get found %zu of %zu\n",
                    hits, n);
            exit(1);
        }
        t0 = now_ns();
        for (size_t i = 0; i < n; i++) {
            guest_addr s = range_start(order[i], size);

            page_table_clear(pt, s, s + size - 1);
        }
        clear[r] = (now_ns() - t0) / n;
        page_table_free(pt);
    }
    printf("  %7zu  %-7s %8.1f %8.1f %8.1f\n", n, size_name,
           median(set, RUNS), median(get, RUNS), median(clear, RUNS));
    free(order);
}

int main(void)
{
    static const size_t counts[] = { 1000, 10000, 100000 };

    printf("page table: set + clear of one 1 TiB range (median of %d runs)\n",
           RUNS);
    bench_huge(0);
    bench_huge(100000);
    printf("\npage table: N separate ranges, ns per operation "
           "(median of %d runs)\n", RUNS);
    printf("  %7s  %-7s %8s %8s %8s\n", "N", "size", "set", "get", "clear");
    for (size_t i = 0; i < ARRAY_SIZE(counts); i++) {
        bench_many(counts[i], 4096, "4 KiB");
        bench_many(counts[i], 1ull << 30, "1 GiB");
    }
    return 0;
}
