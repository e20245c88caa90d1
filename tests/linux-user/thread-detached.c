/* Detached threads report through a semaphore; the main thread exits
 * with pthread_exit while the last detached thread is still running,
 * and the process's exit status is 0 when that thread returns. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

#define THREADS 10

static sem_t done;
static sem_t last_go;
static int results[THREADS];

static void *work(void *arg)
{
    int id = (int)(long)arg;

    results[id] = id * id;
    sem_post(&done);
    return NULL;
}

static void *last(void *arg)
{
    (void)arg;
    sem_wait(&last_go);
    printf("last detached thread still runs after main's pthread_exit\n");
    fflush(stdout);
    return NULL;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_t t;
    int sum = 0;

    sem_init(&done, 0, 0);
    sem_init(&last_go, 0, 0);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t, &attr, work, (void *)i);
    for (int i = 0; i < THREADS; i++)
        sem_wait(&done);
    for (int i = 0; i < THREADS; i++)
        sum += results[i];
    printf("detached results sum %d\n", sum);
    pthread_create(&t, &attr, last, NULL);
    fflush(stdout);
    sem_post(&last_go);
    pthread_exit(NULL);
}
