/*
 * Integer arithmetic whose results the C standard fixes, so the native
 * host build and the guests must print the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static volatile uint64_t seed = 0x9e3779b97f4a7c15ull;

int main(void)
{
    uint64_t x = seed, acc = 0;
    for (int i = 0; i < 1000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        acc += x * (uint64_t)i + (x >> (i & 63));
        acc ^= (uint64_t)((int64_t)x / (int64_t)(i + 1));
        acc += (uint32_t)x % (uint32_t)(i + 3);
    }
    printf("xorshift %016" PRIx64 "\n", x);
    printf("acc      %016" PRIx64 "\n", acc);
    printf("neg div  %" PRId64 "\n", (int64_t)-7 / 2);
    printf("neg mod  %" PRId64 "\n", (int64_t)-7 % 2);
    return 0;
}
