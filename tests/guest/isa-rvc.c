/*
 * The compressed (RVC) instructions, written with their c. mnemonics so
 * the assembler cannot choose the 32-bit forms: c.li, c.lui (sign
 * extended from bit 17), c.addi, c.addiw (result sign extended from bit
 * 31), c.addi16sp and c.addi4spn, c.slli/c.srli/c.srai with 6-bit
 * amounts, c.andi with a negative immediate, c.sub/c.xor/c.or/c.and,
 * c.addw/c.subw, c.mv and c.add, loads and stores (c.lw sign extends,
 * c.ld, c.sw, c.sd, and the stack-pointer forms), c.beqz/c.bnez taken and
 * not taken, c.j and c.jalr.  On riscv64 each is the instruction;
 * elsewhere a C model of the specification prints the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__riscv)
/* a0 = x, a1 = y; then the compressed instruction(s); the result is a0. */
#define RVC(name, body)                                                      \
    static uint64_t name(uint64_t x, uint64_t y)                             \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile(".option push\n\t.option rvc\n\t"                  \
                         "mv a0, %1\n\tmv a1, %2\n\t" body "\n\tmv %0, a0\n\t" \
                         ".option pop"                                       \
                         : "=r"(r) : "r"(x), "r"(y) : "a0", "a1", "memory"); \
        return r;                                                            \
    }
RVC(c_li, "c.li a0, -32")
RVC(c_lui, "c.lui a0, 0xfffe0")
RVC(c_lui_pos, "c.lui a0, 0x1f")
RVC(c_addi, "c.addi a0, -1")
RVC(c_addiw, "c.addiw a0, 1")
RVC(c_slli, "c.slli a0, 63")
RVC(c_srli, "c.srli a0, 33")
RVC(c_srai, "c.srai a0, 63")
RVC(c_andi, "c.andi a0, -16")
RVC(c_sub, "c.sub a0, a1")
RVC(c_xor, "c.xor a0, a1")
RVC(c_or, "c.or a0, a1")
RVC(c_and, "c.and a0, a1")
RVC(c_addw, "c.addw a0, a1")
RVC(c_subw, "c.subw a0, a1")
RVC(c_mv, "c.mv a0, a1")
RVC(c_add, "c.add a0, a1")
/* a1 points at a 16-byte buffer: store x, load back different widths. */
RVC(c_sw_lw, "c.sw a0, 4(a1)\n\tc.lw a0, 4(a1)")
RVC(c_sd_ld, "c.sd a0, 8(a1)\n\tc.ld a0, 8(a1)")
RVC(c_sp, "addi sp, sp, -16\n\tc.sdsp a0, 8(sp)\n\tc.swsp a0, 0(sp)\n\t"
          "c.ldsp a1, 8(sp)\n\tc.lwsp a0, 0(sp)\n\tc.add a0, a1\n\taddi sp, sp, 16")
RVC(c_addi16sp, "mv a1, sp\n\tc.addi16sp sp, -64\n\tsub a0, a1, sp\n\tc.addi16sp sp, 64")
RVC(c_addi4spn, "c.addi4spn a0, sp, 1020\n\tsub a0, a0, sp")
RVC(c_beqz, "c.beqz a0, 1f\n\tc.li a0, 1\n\tc.j 2f\n1:\tc.li a0, 2\n2:")
RVC(c_bnez, "c.bnez a0, 1f\n\tc.li a0, 1\n\tc.j 2f\n1:\tc.li a0, 2\n2:")
RVC(c_jalr, "mv t0, ra\n\tlla a1, 1f\n\tc.jalr a1\n\tc.addi a0, 3\n\tc.j 2f\n"
            "1:\tc.addi a0, 5\n\tc.jr ra\n2:\tmv ra, t0")
#else
static uint64_t sx32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)(uint32_t)v; }
static uint64_t c_li(uint64_t x, uint64_t y) { (void)x; (void)y; return (uint64_t)-32; }
static uint64_t c_lui(uint64_t x, uint64_t y) { (void)x; (void)y; return (uint64_t)-(32 << 12); }
static uint64_t c_lui_pos(uint64_t x, uint64_t y) { (void)x; (void)y; return 0x1f000; }
static uint64_t c_addi(uint64_t x, uint64_t y) { (void)y; return x - 1; }
static uint64_t c_addiw(uint64_t x, uint64_t y) { (void)y; return sx32(x + 1); }
static uint64_t c_slli(uint64_t x, uint64_t y) { (void)y; return x << 63; }
static uint64_t c_srli(uint64_t x, uint64_t y) { (void)y; return x >> 33; }
static uint64_t c_srai(uint64_t x, uint64_t y) { (void)y; return (uint64_t)((int64_t)x >> 63); }
static uint64_t c_andi(uint64_t x, uint64_t y) { (void)y; return x & (uint64_t)-16; }
static uint64_t c_sub(uint64_t x, uint64_t y) { return x - y; }
static uint64_t c_xor(uint64_t x, uint64_t y) { return x ^ y; }
static uint64_t c_or(uint64_t x, uint64_t y) { return x | y; }
static uint64_t c_and(uint64_t x, uint64_t y) { return x & y; }
static uint64_t c_addw(uint64_t x, uint64_t y) { return sx32(x + y); }
static uint64_t c_subw(uint64_t x, uint64_t y) { return sx32(x - y); }
static uint64_t c_mv(uint64_t x, uint64_t y) { (void)x; return y; }
static uint64_t c_add(uint64_t x, uint64_t y) { return x + y; }
static uint64_t c_sw_lw(uint64_t x, uint64_t y) { (void)y; return sx32(x); }
static uint64_t c_sd_ld(uint64_t x, uint64_t y) { (void)y; return x; }
static uint64_t c_sp(uint64_t x, uint64_t y) { (void)y; return x + sx32(x); }
static uint64_t c_addi16sp(uint64_t x, uint64_t y) { (void)x; (void)y; return 64; }
static uint64_t c_addi4spn(uint64_t x, uint64_t y) { (void)x; (void)y; return 1020; }
static uint64_t c_beqz(uint64_t x, uint64_t y) { (void)y; return x == 0 ? 2 : 1; }
static uint64_t c_bnez(uint64_t x, uint64_t y) { (void)y; return x != 0 ? 2 : 1; }
static uint64_t c_jalr(uint64_t x, uint64_t y) { (void)y; return x + 8; }
#endif

struct op {
    const char *name;
    uint64_t (*fn)(uint64_t, uint64_t);
    int mem;    /* y is a buffer address */
};

static const struct op ops[] = {
    { "c.li", c_li, 0 }, { "c.lui", c_lui, 0 }, { "c.lui+", c_lui_pos, 0 },
    { "c.addi", c_addi, 0 }, { "c.addiw", c_addiw, 0 }, { "c.slli", c_slli, 0 },
    { "c.srli", c_srli, 0 }, { "c.srai", c_srai, 0 }, { "c.andi", c_andi, 0 },
    { "c.sub", c_sub, 0 }, { "c.xor", c_xor, 0 }, { "c.or", c_or, 0 },
    { "c.and", c_and, 0 }, { "c.addw", c_addw, 0 }, { "c.subw", c_subw, 0 },
    { "c.mv", c_mv, 0 }, { "c.add", c_add, 0 }, { "c.sw/c.lw", c_sw_lw, 1 },
    { "c.sd/c.ld", c_sd_ld, 1 }, { "c.*sp", c_sp, 0 }, { "c.addi16sp", c_addi16sp, 0 },
    { "c.addi4spn", c_addi4spn, 0 }, { "c.beqz", c_beqz, 0 }, { "c.bnez", c_bnez, 0 },
    { "c.jalr", c_jalr, 0 },
};

static const uint64_t xs[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffffffffffffull,
                               0x8000000000000001ull, 0x123456789abcdef0ull };

int main(void)
{
    uint64_t buf[2] = { 0, 0 };

    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        printf("%-11s", ops[i].name);
        for (unsigned j = 0; j < sizeof(xs) / sizeof(xs[0]); j++) {
            uint64_t y = ops[i].mem ? (uint64_t)(uintptr_t)buf : xs[(j + 3) % 7];

            printf(" %" PRIx64, ops[i].fn(xs[j], y));
        }
        printf("\n");
    }
    return 0;
}
