/* 128-bit integer division, remainder and multiplication (libgcc's
 * routines on 64-bit limbs), signed and unsigned. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

typedef unsigned __int128 u128;
typedef __int128 s128;

static void p128(const char *name, u128 v)
{
    printf("%s %016" PRIx64 "%016" PRIx64 "\n", name, (uint64_t)(v >> 64), (uint64_t)v);
}

int main(void)
{
    static volatile uint64_t seed = 0x243f6a8885a308d3ull;
    u128 x = ((u128)seed << 64) | (seed * 3), acc = 0;
    s128 y = -(s128)x / 7;

    for (int i = 1; i < 200; i++) {
        u128 d = ((u128)(seed >> (i % 60)) << (i % 64)) + (u128)i;
        acc += x / d + x % d;
        acc ^= (u128)(y / (s128)(i * 13 - 1000)) + (u128)(y % (s128)(i + 3));
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
    p128("acc", acc);
    p128("x", x);
    p128("y", (u128)y);
    return 0;
}
