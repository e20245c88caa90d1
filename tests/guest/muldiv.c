/*
 * Multiply and divide edge cases: division by zero, MIN / -1, the high
 * halves of 128-bit products and the 32-bit (W) forms.  On riscv64 each
 * operation is the instruction itself (inline asm); elsewhere it is a C
 * model of the RISC-V rules, so every build prints the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__riscv)
#define OP(name, insn)                                                       \
    static uint64_t name(uint64_t a, uint64_t b)                             \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));     \
        return r;                                                            \
    }
OP(op_mul, "mul") OP(op_mulh, "mulh") OP(op_mulhu, "mulhu")
OP(op_mulhsu, "mulhsu") OP(op_div, "div") OP(op_divu, "divu")
OP(op_rem, "rem") OP(op_remu, "remu") OP(op_mulw, "mulw")
OP(op_divw, "divw") OP(op_divuw, "divuw") OP(op_remw, "remw")
OP(op_remuw, "remuw")
#else
typedef __int128 i128;
typedef unsigned __int128 u128;
static uint64_t op_mul(uint64_t a, uint64_t b) { return a * b; }
static uint64_t op_mulh(uint64_t a, uint64_t b)
{
    return (uint64_t)((u128)((i128)(int64_t)a * (int64_t)b) >> 64);
}
static uint64_t op_mulhu(uint64_t a, uint64_t b)
{
    return (uint64_t)(((u128)a * b) >> 64);
}
static uint64_t op_mulhsu(uint64_t a, uint64_t b)
{
    return (uint64_t)((u128)((i128)(int64_t)a * (i128)b) >> 64);
}
static uint64_t op_div(uint64_t a, uint64_t b)
{
    int64_t x = (int64_t)a, y = (int64_t)b;
    if (!y)
        return UINT64_MAX;
    if (x == INT64_MIN && y == -1)
        return a;
    return (uint64_t)(x / y);
}
static uint64_t op_divu(uint64_t a, uint64_t b) { return b ? a / b : UINT64_MAX; }
static uint64_t op_rem(uint64_t a, uint64_t b)
{
    int64_t x = (int64_t)a, y = (int64_t)b;
    if (!y)
        return a;
    if (x == INT64_MIN && y == -1)
        return 0;
    return (uint64_t)(x % y);
}
static uint64_t op_remu(uint64_t a, uint64_t b) { return b ? a % b : a; }
static uint64_t sext32(uint32_t v) { return (uint64_t)(int64_t)(int32_t)v; }
static uint64_t op_mulw(uint64_t a, uint64_t b) { return sext32((uint32_t)(a * b)); }
static uint64_t op_divw(uint64_t a, uint64_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (!y)
        return UINT64_MAX;
    if (x == INT32_MIN && y == -1)
        return sext32((uint32_t)x);
    return sext32((uint32_t)(x / y));
}
static uint64_t op_divuw(uint64_t a, uint64_t b)
{
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    return y ? sext32(x / y) : UINT64_MAX;
}
static uint64_t op_remw(uint64_t a, uint64_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (!y)
        return sext32((uint32_t)x);
    if (x == INT32_MIN && y == -1)
        return 0;
    return sext32((uint32_t)(x % y));
}
static uint64_t op_remuw(uint64_t a, uint64_t b)
{
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    return sext32(y ? x % y : x);
}
#endif

static const uint64_t vals[] = {
    0, 1, UINT64_MAX, 2, (uint64_t)-2, 7, (uint64_t)-7, 3,
    0x8000000000000000ull, 0x7fffffffffffffffull, 0x80000000ull,
    0x7fffffffull, 0xffffffffull, 0xffffffff80000000ull,
    0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x100000000ull,
};

static const struct {
    const char *name;
    uint64_t (*fn)(uint64_t, uint64_t);
} ops[] = {
    { "mul", op_mul }, { "mulh", op_mulh }, { "mulhu", op_mulhu },
    { "mulhsu", op_mulhsu }, { "div", op_div }, { "divu", op_divu },
    { "rem", op_rem }, { "remu", op_remu }, { "mulw", op_mulw },
    { "divw", op_divw }, { "divuw", op_divuw }, { "remw", op_remw },
    { "remuw", op_remuw },
};

int main(void)
{
    size_t n = sizeof(vals) / sizeof(vals[0]);

    for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
        uint64_t h = 0xcbf29ce484222325ull;
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < n; j++) {
                h ^= ops[k].fn(vals[i], vals[j]);
                h *= 0x100000001b3ull;
            }
        }
        printf("%-7s %016" PRIx64 "\n", ops[k].name, h);
    }
    printf("7/0     %016" PRIx64 "\n", op_div(7, 0));
    printf("7%%0     %016" PRIx64 "\n", op_rem(7, 0));
    printf("MIN/-1  %016" PRIx64 "\n", op_div(vals[8], UINT64_MAX));
    printf("MIN%%-1  %016" PRIx64 "\n", op_rem(vals[8], UINT64_MAX));
    printf("divuw/0 %016" PRIx64 "\n", op_divuw(5, 0x100000000ull));
    printf("remw/0  %016" PRIx64 "\n", op_remw(0x80000000ull, 0));
    printf("divw    %016" PRIx64 "\n", op_divw(0x80000000ull, UINT64_MAX));
    printf("mulhsu  %016" PRIx64 "\n", op_mulhsu(UINT64_MAX, UINT64_MAX));
    return 0;
}
