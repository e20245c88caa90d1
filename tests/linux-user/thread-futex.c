/* Raw futex(2): WAIT on a changed value (EAGAIN), WAIT with a relative
 * timeout (ETIMEDOUT), WAIT_BITSET with an absolute one, WAKE counts,
 * WAKE_BITSET selecting waiters, REQUEUE and CMP_REQUEUE (EAGAIN on a
 * mismatch), with and without FUTEX_PRIVATE_FLAG. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static _Atomic uint32_t word, word2;
static atomic_int woken;

static long futex(_Atomic uint32_t *w, int op, uint32_t val, const struct timespec *ts,
                  _Atomic uint32_t *w2, uint32_t val3)
{
    return syscall(SYS_futex, w, op, val, ts, w2, val3);
}

struct waiter {
    int op;
    uint32_t bits;
};

static void *wait_thread(void *arg)
{
    struct waiter *wt = arg;

    while (atomic_load(&word) == 0) {
        long r = futex(&word, wt->op, 0, NULL, NULL, wt->bits);

        if (r < 0 && errno != EAGAIN && errno != EINTR)
            return (void *)1;
    }
    atomic_fetch_add(&woken, 1);
    return NULL;
}

/*
 * Return once n threads sleep in the kernel on word, all at the same
 * time: every sleeper is moved to word2 and straight back, and the count
 * moved back is how many slept at once (a waiter that wakes spuriously
 * goes back to word by itself and is simply counted on a later round).
 */
static void settle(int n, int flag)
{
    for (;;) {
        long back;

        futex(&word, FUTEX_CMP_REQUEUE | flag, 0, (const struct timespec *)(uintptr_t)n,
              &word2, 0);
        back = futex(&word2, FUTEX_REQUEUE | flag, 0, (const struct timespec *)(uintptr_t)n,
                     &word, 0);
        if (back >= n)
            return;
        sched_yield();
    }
}

static void run(int priv)
{
    int flag = priv ? FUTEX_PRIVATE_FLAG : 0;
    struct timespec rel = { 0, 30 * 1000 * 1000 }, abs;
    pthread_t t[4];
    struct waiter w[4];
    long r;
    int woke;

    printf("-- %s\n", priv ? "private" : "shared");
    atomic_store(&word, 1);
    r = futex(&word, FUTEX_WAIT | flag, 0, NULL, NULL, 0);
    printf("wait on a changed value: %ld %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    atomic_store(&word, 0);
    r = futex(&word, FUTEX_WAIT | flag, 0, &rel, NULL, 0);
    printf("wait with a relative timeout: %ld %s\n", r, r < 0 && errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 30 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    r = futex(&word, FUTEX_WAIT_BITSET | flag, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
    printf("wait_bitset with an absolute timeout: %ld %s\n", r,
           r < 0 && errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
    r = futex(&word, FUTEX_WAKE | flag, 5, NULL, NULL, 0);
    printf("wake with no waiter: %ld\n", r);

    /* Four waiters; wake two, then the rest. */
    atomic_store(&woken, 0);
    for (int i = 0; i < 4; i++) {
        w[i] = (struct waiter){ FUTEX_WAIT | flag, 0 };
        pthread_create(&t[i], NULL, wait_thread, &w[i]);
    }
    settle(4, flag);
    atomic_store(&word, 1);
    woke = (int)futex(&word, FUTEX_WAKE | flag, 2, NULL, NULL, 0);
    woke += (int)futex(&word, FUTEX_WAKE | flag, 10, NULL, NULL, 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("wake 2 then 10: %d woken in all, %d threads done\n", woke, atomic_load(&woken));

    /* Bitsets: waiters on bit 1 and bit 2; wake bit 2 only. */
    atomic_store(&word, 0);
    atomic_store(&woken, 0);
    for (int i = 0; i < 4; i++) {
        w[i] = (struct waiter){ FUTEX_WAIT_BITSET | flag, i < 2 ? 1u : 2u };
        pthread_create(&t[i], NULL, wait_thread, &w[i]);
    }
    settle(4, flag);
    atomic_store(&word, 1);
    r = futex(&word, FUTEX_WAKE_BITSET | flag, 10, NULL, NULL, 2);
    printf("wake_bitset bit 2: %ld woken\n", r);
    r = futex(&word, FUTEX_WAKE_BITSET | flag, 10, NULL, NULL, 1);
    printf("wake_bitset bit 1: %ld woken\n", r);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);

    /* Requeue: four waiters on word; wake one, move the rest to word2. */
    atomic_store(&word, 0);
    for (int i = 0; i < 4; i++) {
        w[i] = (struct waiter){ FUTEX_WAIT | flag, 0 };
        pthread_create(&t[i], NULL, wait_thread, &w[i]);
    }
    settle(4, flag);
    r = futex(&word, FUTEX_CMP_REQUEUE | flag, 0, (const struct timespec *)(uintptr_t)10, &word2, 7);
    printf("cmp_requeue with a wrong value: %ld %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    r = futex(&word, FUTEX_CMP_REQUEUE | flag, 0, (const struct timespec *)(uintptr_t)10, &word2, 0);
    printf("cmp_requeue all to word2: %ld\n", r);
    r = futex(&word, FUTEX_WAKE | flag, 10, NULL, NULL, 0);
    printf("wake on the old word: %ld\n", r);
    atomic_store(&word, 1);
    r = futex(&word2, FUTEX_REQUEUE | flag, 1, (const struct timespec *)(uintptr_t)10, &word, 0);
    printf("requeue from word2, waking 1: %ld\n", r);
    r = futex(&word, FUTEX_WAKE | flag, 10, NULL, NULL, 0);
    printf("wake the requeued: %ld\n", r);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
}

int main(void)
{
    run(1);
    run(0);
    return 0;
}
