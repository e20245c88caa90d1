/* pthread_barrier: 6 threads, 200 rounds; in each round every thread
 * writes its slot, waits, then checks all slots of the round. */
#include <pthread.h>
#include <stdio.h>

#define THREADS 6
#define ROUNDS 200

static pthread_barrier_t bar;
static int slot[THREADS];
static int errors[THREADS], serial[THREADS];

static void *work(void *arg)
{
    int id = (int)(long)arg;

    for (int r = 1; r <= ROUNDS; r++) {
        slot[id] = r;
        if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
            serial[id]++;
        for (int i = 0; i < THREADS; i++)
            if (slot[i] != r)
                errors[id]++;
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    int err = 0, ser = 0;

    pthread_barrier_init(&bar, NULL, THREADS);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        err += errors[i];
        ser += serial[i];
    }
    pthread_barrier_destroy(&bar);
    printf("rounds %d, mismatches %d, serial threads %d\n", ROUNDS, err, ser);
    return 0;
}
