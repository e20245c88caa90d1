/* A bounded queue between 4 producers and 4 consumers with a mutex and
 * two condition variables; every item is consumed exactly once. */
#include <pthread.h>
#include <stdio.h>

#define PRODUCERS 4
#define CONSUMERS 4
#define ITEMS 5000          /* per producer */
#define SLOTS 16

static int queue[SLOTS];
static int head, count, done_producers;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static long consumed_sum[CONSUMERS], consumed_n[CONSUMERS];

static void *produce(void *arg)
{
    int base = (int)(long)arg * ITEMS;

    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&lock);
        while (count == SLOTS)
            pthread_cond_wait(&not_full, &lock);
        queue[(head + count++) % SLOTS] = base + i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    done_producers++;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consume(void *arg)
{
    long id = (long)arg;

    for (;;) {
        int v;

        pthread_mutex_lock(&lock);
        while (count == 0 && done_producers < PRODUCERS)
            pthread_cond_wait(&not_empty, &lock);
        if (count == 0) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        v = queue[head];
        head = (head + 1) % SLOTS;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
        consumed_sum[id] += v;
        consumed_n[id]++;
    }
}

int main(void)
{
    pthread_t p[PRODUCERS], c[CONSUMERS];
    long sum = 0, n = 0, total = PRODUCERS * ITEMS;

    for (long i = 0; i < CONSUMERS; i++)
        pthread_create(&c[i], NULL, consume, (void *)i);
    for (long i = 0; i < PRODUCERS; i++)
        pthread_create(&p[i], NULL, produce, (void *)i);
    for (int i = 0; i < PRODUCERS; i++)
        pthread_join(p[i], NULL);
    for (int i = 0; i < CONSUMERS; i++) {
        pthread_join(c[i], NULL);
        sum += consumed_sum[i];
        n += consumed_n[i];
    }
    printf("items %ld of %ld\n", n, total);
    printf("sum %ld (expected %ld)\n", sum, total * (total + 1) / 2);
    return 0;
}
