/* C11 atomics across 8 threads: fetch_add, a compare-exchange loop,
 * exchange-based ticketing, and fetch_or of per-thread bits. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 8
#define ROUNDS 100000

static atomic_long added;
static atomic_long cas_total;
static _Atomic uint32_t small;      /* 32-bit: amoadd.w / lr.w-sc.w */
static atomic_ulong bits;
static atomic_int started;

static void *work(void *arg)
{
    long id = (long)arg;

    atomic_fetch_add(&started, 1);
    while (atomic_load(&started) < THREADS)
        ;
    for (int i = 0; i < ROUNDS; i++) {
        long old = atomic_load_explicit(&cas_total, memory_order_relaxed);

        atomic_fetch_add_explicit(&added, 1, memory_order_relaxed);
        while (!atomic_compare_exchange_weak(&cas_total, &old, old + 2))
            ;
        atomic_fetch_add(&small, 3);
    }
    atomic_fetch_or(&bits, 1ul << id);
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];

    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    printf("fetch_add %ld\n", atomic_load(&added));
    printf("cas loop %ld\n", atomic_load(&cas_total));
    printf("32-bit add %u\n", (unsigned)atomic_load(&small));
    printf("bits %#lx\n", atomic_load(&bits));
    return 0;
}
