/*
 * Every AMO in both widths: amoswap, amoadd, amoand, amoor, amoxor,
 * amomin, amomax, amominu and amomaxu, .w and .d, with the aq, rl and
 * aqrl orderings.  Each returns the old memory value (a .w result sign
 * extended from bit 31) and leaves the operation's result in memory; a
 * .w AMO leaves the neighbouring word alone, and rd = zero discards the
 * old value but still writes memory.  On riscv64 each is the instruction;
 * elsewhere a C model of the specification prints the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

enum { SWAP, ADD, AND, OR, XOR, MIN, MAX, MINU, MAXU, NOPS };
static const char *const names[NOPS] = {
    "swap", "add", "and", "or", "xor", "min", "max", "minu", "maxu",
};

#if defined(__riscv)
#define AMO(insn)                                                            \
    __asm__ volatile(insn " %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory")
static uint64_t amo_w(int op, uint32_t *p, uint64_t v)
{
    uint64_t old = 0;

    switch (op) {
    case SWAP: AMO("amoswap.w"); break;
    case ADD: AMO("amoadd.w.aq"); break;
    case AND: AMO("amoand.w.rl"); break;
    case OR: AMO("amoor.w.aqrl"); break;
    case XOR: AMO("amoxor.w"); break;
    case MIN: AMO("amomin.w"); break;
    case MAX: AMO("amomax.w.aq"); break;
    case MINU: AMO("amominu.w.rl"); break;
    default: AMO("amomaxu.w.aqrl"); break;
    }
    return old;
}
static uint64_t amo_d(int op, uint64_t *p, uint64_t v)
{
    uint64_t old = 0;

    switch (op) {
    case SWAP: AMO("amoswap.d.aqrl"); break;
    case ADD: AMO("amoadd.d"); break;
    case AND: AMO("amoand.d.aq"); break;
    case OR: AMO("amoor.d.rl"); break;
    case XOR: AMO("amoxor.d.aqrl"); break;
    case MIN: AMO("amomin.d.rl"); break;
    case MAX: AMO("amomax.d"); break;
    case MINU: AMO("amominu.d.aq"); break;
    default: AMO("amomaxu.d"); break;
    }
    return old;
}
static void amo_discard(uint64_t *p, uint64_t v)
{
    __asm__ volatile("amoadd.d zero, %1, (%0)" : : "r"(p), "r"(v) : "memory");
}
#else
static uint64_t apply(int op, uint64_t m, uint64_t v, int w)
{
    int64_t sm = w ? (int32_t)(uint32_t)m : (int64_t)m;
    int64_t sv = w ? (int32_t)(uint32_t)v : (int64_t)v;
    uint64_t um = w ? (uint32_t)m : m, uv = w ? (uint32_t)v : v;

    switch (op) {
    case SWAP: return v;
    case ADD: return m + v;
    case AND: return m & v;
    case OR: return m | v;
    case XOR: return m ^ v;
    case MIN: return sv < sm ? v : m;
    case MAX: return sv > sm ? v : m;
    case MINU: return uv < um ? v : m;
    default: return uv > um ? v : m;
    }
}
static uint64_t amo_w(int op, uint32_t *p, uint64_t v)
{
    uint32_t old = *p;

    *p = (uint32_t)apply(op, old, v, 1);
    return (uint64_t)(int64_t)(int32_t)old;
}
static uint64_t amo_d(int op, uint64_t *p, uint64_t v)
{
    uint64_t old = *p;

    *p = apply(op, old, v, 0);
    return old;
}
static void amo_discard(uint64_t *p, uint64_t v)
{
    *p += v;
}
#endif

static const uint64_t mems[] = { 0x0000000000000005ull, 0x80000000fffffff0ull,
                                 0x7fffffff80000000ull };
static const uint64_t vs[] = { 0x00000000fffffffbull, 0xffffffff00000007ull,
                               0x8000000000000000ull };

int main(void)
{
    for (int op = 0; op < NOPS; op++) {
        for (unsigned i = 0; i < 3; i++) {
            for (unsigned j = 0; j < 3; j++) {
                uint32_t w[2] = { (uint32_t)mems[i], 0x5a5a5a5a };
                uint64_t d = mems[i];
                uint64_t ow = amo_w(op, &w[0], vs[j]);
                uint64_t od = amo_d(op, &d, vs[j]);

                printf("%-4s m%u v%u: .w old %016" PRIx64 " mem %08" PRIx32 " next %08" PRIx32
                       " | .d old %016" PRIx64 " mem %016" PRIx64 "\n",
                       names[op], i, j, ow, w[0], w[1], od, d);
            }
        }
    }
    {
        uint64_t d = 40;

        amo_discard(&d, 2);
        printf("rd=zero: mem %" PRIu64 "\n", d);
    }
    return 0;
}
