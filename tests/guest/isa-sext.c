/*
 * Sign and zero extension on riscv64: lb/lh/lw against lbu/lhu/lwu on
 * values with the top bit of the loaded width set or clear, addiw and
 * addw wrapping at 32 bits and ignoring the upper input bits, sext.w
 * (addiw 0), lui and auipc-free constants whose bit 31 is set, and
 * slliw/srliw/sraiw results widened from bit 31.  On riscv64 each is the
 * instruction (inline asm); elsewhere a C model of the specification
 * prints the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static const uint64_t mem[] = {
    0x8000000080008080ull, 0x7fffffff7fff7f7full, 0xfedcba9876543210ull,
};

#if defined(__riscv)
#define LOAD(name, insn)                                                     \
    static uint64_t name(const void *p)                                      \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile(insn " %0, 0(%1)" : "=r"(r) : "r"(p) : "memory");   \
        return r;                                                            \
    }
LOAD(ld_b, "lb") LOAD(ld_bu, "lbu") LOAD(ld_h, "lh") LOAD(ld_hu, "lhu")
LOAD(ld_w, "lw") LOAD(ld_wu, "lwu")
#define IMM(name, insn, imm)                                                 \
    static uint64_t name(uint64_t a)                                         \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile(insn " %0, %1, " #imm : "=r"(r) : "r"(a));          \
        return r;                                                            \
    }
IMM(addiw_1, "addiw", 1) IMM(addiw_m1, "addiw", -1) IMM(sextw, "addiw", 0)
IMM(addiw_max, "addiw", 2047) IMM(slliw_1, "slliw", 1) IMM(slliw_31, "slliw", 31)
IMM(srliw_0, "srliw", 0) IMM(srliw_4, "srliw", 4) IMM(sraiw_4, "sraiw", 4)
IMM(sraiw_31, "sraiw", 31)
static uint64_t op_addw(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__ volatile("addw %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t op_subw(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__ volatile("subw %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t lui_80000(void)
{
    uint64_t r;
    __asm__ volatile("lui %0, 0x80000" : "=r"(r));
    return r;
}
static uint64_t lui_fffff(void)
{
    uint64_t r;
    __asm__ volatile("lui %0, 0xfffff" : "=r"(r));
    return r;
}
static uint64_t lui_7ffff_addiw(void)
{
    uint64_t r;
    __asm__ volatile("lui %0, 0x7ffff\n\taddiw %0, %0, 2047\n\taddiw %0, %0, 2047"
                     : "=r"(r));
    return r;
}
#else
static uint64_t sx32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)(uint32_t)v; }
static uint64_t ld_b(const void *p) { return (uint64_t)(int64_t)*(const int8_t *)p; }
static uint64_t ld_bu(const void *p) { return *(const uint8_t *)p; }
static uint64_t ld_h(const void *p) { return (uint64_t)(int64_t)*(const int16_t *)p; }
static uint64_t ld_hu(const void *p) { return *(const uint16_t *)p; }
static uint64_t ld_w(const void *p) { return (uint64_t)(int64_t)*(const int32_t *)p; }
static uint64_t ld_wu(const void *p) { return *(const uint32_t *)p; }
static uint64_t addiw_1(uint64_t a) { return sx32(a + 1); }
static uint64_t addiw_m1(uint64_t a) { return sx32(a - 1); }
static uint64_t sextw(uint64_t a) { return sx32(a); }
static uint64_t addiw_max(uint64_t a) { return sx32(a + 2047); }
static uint64_t slliw_1(uint64_t a) { return sx32((uint32_t)a << 1); }
static uint64_t slliw_31(uint64_t a) { return sx32((uint32_t)a << 31); }
static uint64_t srliw_0(uint64_t a) { return sx32((uint32_t)a); }
static uint64_t srliw_4(uint64_t a) { return sx32((uint32_t)a >> 4); }
static uint64_t sraiw_4(uint64_t a) { return sx32((uint64_t)((int32_t)(uint32_t)a >> 4)); }
static uint64_t sraiw_31(uint64_t a) { return sx32((uint64_t)((int32_t)(uint32_t)a >> 31)); }
static uint64_t op_addw(uint64_t a, uint64_t b) { return sx32(a + b); }
static uint64_t op_subw(uint64_t a, uint64_t b) { return sx32(a - b); }
static uint64_t lui_80000(void) { return sx32(0x80000000u); }
static uint64_t lui_fffff(void) { return sx32(0xfffff000u); }
static uint64_t lui_7ffff_addiw(void) { return sx32(sx32(0x7ffff000u + 2047) + 2047); }
#endif

static const uint64_t vals[] = {
    0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x17fffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0x123456789abcdef0ull,
};

int main(void)
{
    const unsigned char *m = (const unsigned char *)mem;

    /* The layout of mem is little-endian on every ISA built here. */
    for (int off = 0; off < 24; off += 4) {
        printf("off %2d: lb %016" PRIx64 " lbu %016" PRIx64 " lh %016" PRIx64
               " lhu %016" PRIx64 " lw %016" PRIx64 " lwu %016" PRIx64 "\n",
               off, ld_b(m + off + (off & 4 ? 3 : 0)), ld_bu(m + off + (off & 4 ? 3 : 0)),
               ld_h(m + off + (off & 4 ? 2 : 0)), ld_hu(m + off + (off & 4 ? 2 : 0)),
               ld_w(m + off), ld_wu(m + off));
    }
    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        uint64_t v = vals[i];

        printf("%016" PRIx64 ": addiw+1 %016" PRIx64 " -1 %016" PRIx64
               " sext %016" PRIx64 " +2047 %016" PRIx64 "\n",
               v, addiw_1(v), addiw_m1(v), sextw(v), addiw_max(v));
        printf("  slliw1 %016" PRIx64 " slliw31 %016" PRIx64 " srliw0 %016" PRIx64
               " srliw4 %016" PRIx64 " sraiw4 %016" PRIx64 " sraiw31 %016" PRIx64 "\n",
               slliw_1(v), slliw_31(v), srliw_0(v), srliw_4(v), sraiw_4(v), sraiw_31(v));
        printf("  addw self %016" PRIx64 " subw from 0 %016" PRIx64 "\n",
               op_addw(v, v), op_subw(0, v));
    }
    printf("lui 0x80000 %016" PRIx64 " lui 0xfffff %016" PRIx64 " lui+addiw %016" PRIx64 "\n",
           lui_80000(), lui_fffff(), lui_7ffff_addiw());
    return 0;
}
