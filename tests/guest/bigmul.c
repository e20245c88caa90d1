/* Multi-precision arithmetic on 64-bit limbs: factorial of 300 and
 * 3^1000 via 128-bit products (mulhu), printed in hex. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#define LIMBS 64

static void mul_small(uint64_t *n, uint64_t m)
{
    unsigned __int128 carry = 0;

    for (int i = 0; i < LIMBS; i++) {
        unsigned __int128 p = (unsigned __int128)n[i] * m + carry;
        n[i] = (uint64_t)p;
        carry = p >> 64;
    }
}

static void print(const char *name, const uint64_t *n)
{
    int i = LIMBS - 1;

    while (i > 0 && !n[i])
        i--;
    printf("%s %" PRIx64, name, n[i]);
    while (i-- > 0)
        printf("%016" PRIx64, n[i]);
    printf("\n");
}

int main(void)
{
    uint64_t f[LIMBS] = { 1 }, p[LIMBS] = { 1 };

    for (uint64_t k = 2; k <= 300; k++)
        mul_small(f, k);
    for (int k = 0; k < 1000; k++)
        mul_small(p, 3);
    print("300!", f);
    print("3^1000", p);
    return 0;
}
