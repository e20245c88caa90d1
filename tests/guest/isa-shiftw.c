/*
 * Register shifts by amounts at and beyond the operand width: sll, srl
 * and sra use only the low 6 bits of the amount, sllw, srlw and sraw only
 * the low 5 bits and sign extend their 32-bit result from bit 31 (srlw by
 * 0 of a value with bit 31 set gives a negative number), and the upper
 * 32 bits of a W-form input never matter.  On riscv64 each is the
 * instruction; elsewhere a C model of the specification prints the same
 * lines.
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
OP(op_sll, "sll") OP(op_srl, "srl") OP(op_sra, "sra")
OP(op_sllw, "sllw") OP(op_srlw, "srlw") OP(op_sraw, "sraw")
#else
static uint64_t sx32(uint32_t v) { return (uint64_t)(int64_t)(int32_t)v; }
static uint64_t op_sll(uint64_t a, uint64_t b) { return a << (b & 63); }
static uint64_t op_srl(uint64_t a, uint64_t b) { return a >> (b & 63); }
static uint64_t op_sra(uint64_t a, uint64_t b) { return (uint64_t)((int64_t)a >> (b & 63)); }
static uint64_t op_sllw(uint64_t a, uint64_t b) { return sx32((uint32_t)a << (b & 31)); }
static uint64_t op_srlw(uint64_t a, uint64_t b) { return sx32((uint32_t)a >> (b & 31)); }
static uint64_t op_sraw(uint64_t a, uint64_t b)
{
    return sx32((uint32_t)((int32_t)(uint32_t)a >> (b & 31)));
}
#endif

static const uint64_t vals[] = {
    0x8000000000000001ull, 0x00000000ffffffffull, 0xffffffff80000000ull,
    0x123456789abcdef0ull, 0xdeadbeef7fffffffull,
};
static const uint64_t amounts[] = {
    0, 1, 31, 32, 33, 63, 64, 65, 127, 0xffffffffffffffe1ull, 0x100000020ull,
};

int main(void)
{
    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        for (unsigned j = 0; j < sizeof(amounts) / sizeof(amounts[0]); j++) {
            uint64_t a = vals[i], b = amounts[j];

            printf("%016" PRIx64 " by %-3" PRIu64 " sll %016" PRIx64 " srl %016" PRIx64
                   " sra %016" PRIx64 "\n    sllw %016" PRIx64 " srlw %016" PRIx64
                   " sraw %016" PRIx64 "\n", a, b & 255, op_sll(a, b), op_srl(a, b),
                   op_sra(a, b), op_sllw(a, b), op_srlw(a, b), op_sraw(a, b));
        }
    }
    return 0;
}
