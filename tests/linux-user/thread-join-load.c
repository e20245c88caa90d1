/* Thread creation, exit and join under load: 20 waves of 16 threads,
 * each thread computing and returning a value (some through
 * pthread_exit), joined in reverse order while others still run. */
#include <pthread.h>
#include <stdio.h>

#define WAVES 20
#define WIDTH 16

static void *work(void *arg)
{
    long n = (long)arg, acc = 0;

    for (long i = 0; i < 2000 + n * 10; i++)
        acc += i ^ n;
    if (n & 1)
        pthread_exit((void *)acc);
    return (void *)acc;
}

int main(void)
{
    long total = 0, expect = 0;

    for (int w = 0; w < WAVES; w++) {
        pthread_t t[WIDTH];

        for (long i = 0; i < WIDTH; i++) {
            long n = w * WIDTH + i, acc = 0;

            for (long k = 0; k < 2000 + n * 10; k++)
                acc += k ^ n;
            expect += acc;
            if (pthread_create(&t[i], NULL, work, (void *)n) != 0)
                return 1;
        }
        for (int i = WIDTH - 1; i >= 0; i--) {
            void *r;

            pthread_join(t[i], &r);
            total += (long)r;
        }
    }
    printf("%d threads joined, results %s\n", WAVES * WIDTH, total == expect ? "match" : "differ");
    return 0;
}
