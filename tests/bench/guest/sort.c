/* Integer benchmark: quicksort, merge sort and libc qsort (an indirect
 * call per comparison) of pseudo-random 64-bit keys.  Unpredictable
 * branches and recursion.  Prints whether each result is sorted and a
 * position-weighted checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 600000

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void quicksort(int64_t *a, long lo, long hi)
{
    while (hi - lo > 16) {
        int64_t p = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p)
                i++;
            while (a[j] > p)
                j--;
            if (i <= j) {
                int64_t t = a[i];
                a[i++] = a[j];
                a[j--] = t;
            }
        }
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    for (long i = lo + 1; i <= hi; i++) {
        int64_t v = a[i];
        long k = i - 1;
        while (k >= lo && a[k] > v) {
            a[k + 1] = a[k];
            k--;
        }
        a[k + 1] = v;
    }
}

static void merge_sort(int64_t *a, int64_t *tmp, long n)
{
    if (n < 2)
        return;
    long h = n / 2;
    merge_sort(a, tmp, h);
    merge_sort(a + h, tmp, n - h);
    long i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof(*a));
}

static int cmp(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static uint64_t check(const int64_t *a, long n, int *sorted)
{
    uint64_t h = 0;
    *sorted = 1;
    for (long i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i])
            *sorted = 0;
        h = h * 31 + (uint64_t)a[i];
    }
    return h;
}

int main(void)
{
    int64_t *a = malloc(N * sizeof(*a)), *tmp = malloc(N * sizeof(*a));
    if (!a || !tmp)
        return 1;
    for (int pass = 0; pass < 3; pass++) {
        for (long i = 0; i < N; i++)
            a[i] = (int64_t)(next() >> (pass * 20));
        if (pass == 0)
            quicksort(a, 0, N - 1);
        else if (pass == 1)
            merge_sort(a, tmp, N);
        else
            qsort(a, N, sizeof(*a), cmp);
        int sorted;
        uint64_t h = check(a, N, &sorted);
        printf("pass %d sorted %d sum %016llx\n", pass, sorted,
               (unsigned long long)h);
    }
    free(a);
    free(tmp);
    return 0;
}
