/* exit() from a second thread ends the whole process with its status
 * while the main thread is blocked in pthread_join and a third spins;
 * atexit handlers run once. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void bye(void)
{
    printf("atexit handler\n");
}

static void *spin(void *arg)
{
    volatile long n = 0;

    (void)arg;
    for (;;)
        n++;
    return NULL;
}

static void *leave(void *arg)
{
    (void)arg;
    usleep(20000);
    printf("second thread calls exit(3)\n");
    exit(3);
}

int main(void)
{
    pthread_t a, b;

    atexit(bye);
    pthread_create(&a, NULL, spin, NULL);
    pthread_create(&b, NULL, leave, NULL);
    pthread_join(a, NULL);
    printf("not reached\n");
    return 0;
}
