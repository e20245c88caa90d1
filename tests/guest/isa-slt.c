/*
 * Comparisons and branches at the signed/unsigned boundary: slt, sltu,
 * slti and sltiu (whose immediate is sign extended before the unsigned
 * compare, so sltiu x, -1 is "x != all ones", and sltiu x, 1 is seqz),
 * and the six conditional branches, each on pairs around 0, -1, INT64_MIN
 * and INT64_MAX.  On riscv64 each is the instruction; elsewhere a C model
 * of the specification prints the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__riscv)
#define RR(name, insn)                                                       \
    static int name(uint64_t a, uint64_t b)                                  \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));     \
        return (int)r;                                                       \
    }
RR(op_slt, "slt") RR(op_sltu, "sltu")
#define RI(name, insn, imm)                                                  \
    static int name(uint64_t a)                                              \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile(insn " %0, %1, " #imm : "=r"(r) : "r"(a));          \
        return (int)r;                                                       \
    }
RI(slti_m1, "slti", -1) RI(slti_0, "slti", 0) RI(slti_max, "slti", 2047)
RI(sltiu_m1, "sltiu", -1) RI(sltiu_1, "sltiu", 1) RI(sltiu_min, "sltiu", -2048)
#define BR(name, insn)                                                       \
    static int name(uint64_t a, uint64_t b)                                  \
    {                                                                        \
        uint64_t r = 1;                                                      \
        __asm__ volatile(insn " %1, %2, 1f\n\tli %0, 0\n1:"                  \
                         : "+r"(r) : "r"(a), "r"(b));                        \
        return (int)r;                                                       \
    }
BR(br_eq, "beq") BR(br_ne, "bne") BR(br_lt, "blt") BR(br_ge, "bge")
BR(br_ltu, "bltu") BR(br_geu, "bgeu")
#else
static int op_slt(uint64_t a, uint64_t b) { return (int64_t)a < (int64_t)b; }
static int op_sltu(uint64_t a, uint64_t b) { return a < b; }
static int slti_m1(uint64_t a) { return (int64_t)a < -1; }
static int slti_0(uint64_t a) { return (int64_t)a < 0; }
static int slti_max(uint64_t a) { return (int64_t)a < 2047; }
static int sltiu_m1(uint64_t a) { return a < UINT64_MAX; }
static int sltiu_1(uint64_t a) { return a < 1; }
static int sltiu_min(uint64_t a) { return a < (uint64_t)-2048; }
static int br_eq(uint64_t a, uint64_t b) { return a == b; }
static int br_ne(uint64_t a, uint64_t b) { return a != b; }
static int br_lt(uint64_t a, uint64_t b) { return (int64_t)a < (int64_t)b; }
static int br_ge(uint64_t a, uint64_t b) { return (int64_t)a >= (int64_t)b; }
static int br_ltu(uint64_t a, uint64_t b) { return a < b; }
static int br_geu(uint64_t a, uint64_t b) { return a >= b; }
#endif

static const uint64_t vals[] = {
    0, 1, 2047, 2048, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xfffffffffffff800ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
};
#define NV (sizeof(vals) / sizeof(vals[0]))

int main(void)
{
    for (unsigned i = 0; i < NV; i++)
        printf("%016" PRIx64 ": slti -1 %d 0 %d 2047 %d; sltiu -1 %d 1 %d -2048 %d\n",
               vals[i], slti_m1(vals[i]), slti_0(vals[i]), slti_max(vals[i]),
               sltiu_m1(vals[i]), sltiu_1(vals[i]), sltiu_min(vals[i]));
    for (unsigned i = 0; i < NV; i++) {
        printf("%016" PRIx64 ":", vals[i]);
        for (unsigned j = 0; j < NV; j++)
            printf(" %d%d%d%d%d%d%d%d", op_slt(vals[i], vals[j]), op_sltu(vals[i], vals[j]),
                   br_eq(vals[i], vals[j]), br_ne(vals[i], vals[j]), br_lt(vals[i], vals[j]),
                   br_ge(vals[i], vals[j]), br_ltu(vals[i], vals[j]), br_geu(vals[i], vals[j]));
        printf("\n");
    }
    return 0;
}
