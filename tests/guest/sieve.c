/* The sieve of Eratosthenes over 2 million numbers: byte stores and
 * tight loops with many taken branches. */
#include <stdio.h>
#include <string.h>

static unsigned char composite[2000001];

int main(void)
{
    unsigned count = 0, last = 0;
    unsigned long long sum = 0;

    memset(composite, 0, sizeof(composite));
    for (unsigned i = 2; i * i <= 2000000; i++)
        if (!composite[i])
            for (unsigned j = i * i; j <= 2000000; j += i)
                composite[j] = 1;
    for (unsigned i = 2; i <= 2000000; i++)
        if (!composite[i]) {
            count++;
            sum += i;
            last = i;
        }
    printf("primes %u sum %llu last %u\n", count, sum, last);
    return 0;
}
