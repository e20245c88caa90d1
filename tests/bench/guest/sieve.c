/* Integer benchmark: sieve of Eratosthenes over a byte array, repeated,
 * then a bit-array sieve.  Dense stores, tight compare-and-branch loops.
 * Prints the prime counts and a sum of the primes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT 8000000
#define ROUNDS 3

static unsigned count_bytes(uint8_t *composite, unsigned n, uint64_t *sum)
{
    memset(composite, 0, n + 1);
    for (unsigned i = 2; (uint64_t)i * i <= n; i++)
        if (!composite[i])
            for (unsigned j = i * i; j <= n; j += i)
                composite[j] = 1;
    unsigned count = 0;
    *sum = 0;
    for (unsigned i = 2; i <= n; i++)
        if (!composite[i]) {
            count++;
            *sum += i;
        }
    return count;
}

/* Odd numbers only, one bit each. */
static unsigned count_bits(uint64_t *bits, unsigned n)
{
    unsigned words = (n / 2) / 64 + 1;
    memset(bits, 0, words * sizeof(*bits));
    for (unsigned i = 3; (uint64_t)i * i <= n; i += 2)
        if (!(bits[i / 2 / 64] >> (i / 2 % 64) & 1))
            for (unsigned j = i * i; j <= n; j += 2 * i)
                bits[j / 2 / 64] |= 1ull << (j / 2 % 64);
    unsigned count = n >= 2;
    for (unsigned i = 3; i <= n; i += 2)
        count += !(bits[i / 2 / 64] >> (i / 2 % 64) & 1);
    return count;
}

int main(void)
{
    uint8_t *composite = malloc(LIMIT + 1);
    uint64_t *bits = malloc((LIMIT / 2 / 64 + 1) * sizeof(uint64_t));
    if (!composite || !bits)
        return 1;
    unsigned c1 = 0, c2 = 0;
    uint64_t sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        c1 = count_bytes(composite, LIMIT - r, &sum);
        c2 = count_bits(bits, LIMIT - r);
    }
    printf("primes %u %u sum %llu\n", c1, c2, (unsigned long long)sum);
    free(composite);
    free(bits);
    return 0;
}
