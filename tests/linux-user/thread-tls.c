/* Thread-local storage: __thread variables (initialised and zeroed,
 * in the executable and through pthread keys) are per thread, and key
 * destructors run at thread exit with the thread's value. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 5

static __thread int tls_init = 42;
static __thread long tls_zero;
static __thread char tls_buf[64];
static pthread_key_t key;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int destructed[THREADS];

static void destroy(void *v)
{
    int id = *(int *)v;

    pthread_mutex_lock(&lock);
    destructed[id]++;
    pthread_mutex_unlock(&lock);
    free(v);
}

static void *work(void *arg)
{
    int id = (int)(long)arg;
    int *mine = malloc(sizeof(*mine));
    long ok = 1;

    ok &= tls_init == 42 && tls_zero == 0 && tls_buf[0] == 0;
    tls_init = id * 100;
    tls_zero = id;
    snprintf(tls_buf, sizeof(tls_buf), "thread %d", id);
    *mine = id;
    pthread_setspecific(key, mine);
    for (int i = 0; i < 1000; i++)
        ok &= tls_init == id * 100 && tls_zero == id;
    ok &= *(int *)pthread_getspecific(key) == id;
    return (void *)ok;
}

int main(void)
{
    pthread_t t[THREADS];

    pthread_key_create(&key, destroy);
    tls_init = -1;
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < THREADS; i++) {
        void *ok;

        pthread_join(t[i], &ok);
        printf("thread %d: tls ok %ld, destructor ran %d\n", i, (long)ok, destructed[i]);
    }
    printf("main's own copy: %d, buf '%s'\n", tls_init, tls_buf);
    return 0;
}
