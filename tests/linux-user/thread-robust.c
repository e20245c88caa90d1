/* A robust mutex whose owner thread exits while holding it: the next
 * locker gets EOWNERDEAD (the kernel's robust-list walk at thread exit),
 * makes it consistent, and it works again. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m;

static void *die_holding(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t a;
    pthread_t t;
    int r;

    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&m, &a);
    pthread_create(&t, NULL, die_holding, NULL);
    pthread_join(t, NULL);
    r = pthread_mutex_lock(&m);
    printf("lock after the owner died: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : "other");
    printf("consistent: %d\n", pthread_mutex_consistent(&m));
    printf("unlock: %d\n", pthread_mutex_unlock(&m));
    printf("lock again: %d\n", pthread_mutex_lock(&m));
    printf("unlock: %d\n", pthread_mutex_unlock(&m));
    return 0;
}
