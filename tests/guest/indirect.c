/*
 * Control flow the engine handles without leaving generated code on a
 * hit: returns from deep recursion, calls through function-pointer
 * tables, and a dense switch compiled to a jump table.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static volatile int depth = 25;

static uint64_t fib(int n)
{
    return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2);
}

static uint64_t f_add(uint64_t a, uint64_t b) { return a + b; }
static uint64_t f_xor(uint64_t a, uint64_t b) { return a ^ (b << 7); }
static uint64_t f_mul(uint64_t a, uint64_t b) { return a * (b | 1); }
static uint64_t f_rot(uint64_t a, uint64_t b) { return a << (b & 31) | a >> (64 - (b & 31) - 1) >> 1; }

static uint64_t (*const table[4])(uint64_t, uint64_t) = { f_add, f_xor, f_mul, f_rot };

static uint64_t step(uint64_t x, unsigned op)
{
    switch (op % 12) {
    case 0: return x + 1;
    case 1: return x * 3;
    case 2: return x ^ 0x5555;
    case 3: return x - 7;
    case 4: return x >> 1;
    case 5: return x << 2;
    case 6: return ~x;
    case 7: return x + (x >> 13);
    case 8: return x * 0x9e3779b97f4a7c15ull;
    case 9: return x | 0x100;
    case 10: return x & 0xffffffffffull;
    default: return x ^ (x >> 31);
    }
}

int main(void)
{
    uint64_t acc = 1;

    printf("fib(%d) = %" PRIu64 "\n", depth, fib(depth));
    for (unsigned i = 0; i < 200000; i++)
        acc = table[(acc ^ i) & 3](acc, i);
    printf("table %016" PRIx64 "\n", acc);
    for (unsigned i = 0; i < 300000; i++)
        acc = step(acc, (unsigned)(acc >> 7) + i);
    printf("switch %016" PRIx64 "\n", acc);
    return 0;
}
