/* 8 threads x 100,000 increments of one counter under a mutex: the
 * total is exact. */
#include <pthread.h>
#include <stdio.h>

#define THREADS 8
#define ROUNDS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];

    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, work, NULL) != 0)
            return 1;
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    printf("mutex counter %ld (expected %d)\n", counter, THREADS * ROUNDS);
    return counter == THREADS * ROUNDS ? 0 : 1;
}
