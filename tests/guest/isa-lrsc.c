/*
 * LR/SC success and failure paths: lr then sc to the same word succeeds
 * (rd 0) and stores; sc with no reservation fails (rd nonzero) and
 * leaves memory alone; a second sc after a successful one fails (the
 * reservation is used up); sc to a different, distant address than the
 * one reserved fails; lr.w sign extends, sc.w writes 32 bits only; the
 * .aq/.rl/.aqrl forms behave the same; and an lr/sc increment loop
 * counts exactly.  On riscv64 each is the instruction; elsewhere a C
 * model of the specification prints the same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t area[32] __attribute__((aligned(64)));

#if defined(__riscv)
/* lr.d a, then sc.d v to b; returns sc's rd, *loaded the lr result. */
static uint64_t lr_sc_d(uint64_t *a, uint64_t *b, uint64_t v, uint64_t *loaded)
{
    uint64_t rd, l;

    __asm__ volatile("lr.d %1, (%2)\n\tsc.d %0, %4, (%3)"
                     : "=&r"(rd), "=&r"(l) : "r"(a), "r"(b), "r"(v) : "memory");
    *loaded = l;
    return rd;
}
static uint64_t lr_sc_w_aqrl(uint32_t *a, uint64_t v, uint64_t *loaded)
{
    uint64_t rd, l;

    __asm__ volatile("lr.w.aq %1, (%2)\n\tsc.w.rl %0, %3, (%2)"
                     : "=&r"(rd), "=&r"(l) : "r"(a), "r"(v) : "memory");
    *loaded = l;
    return rd;
}
static uint64_t sc_d(uint64_t *a, uint64_t v)
{
    uint64_t rd;

    __asm__ volatile("sc.d.aqrl %0, %2, (%1)" : "=&r"(rd) : "r"(a), "r"(v) : "memory");
    return rd;
}
static uint64_t lr_sc_sc(uint64_t *a, uint64_t v, uint64_t *second)
{
    uint64_t rd, rd2, l;

    __asm__ volatile("lr.d.aqrl %2, (%3)\n\tsc.d %0, %4, (%3)\n\tsc.d %1, %4, (%3)"
                     : "=&r"(rd), "=&r"(rd2), "=&r"(l) : "r"(a), "r"(v) : "memory");
    *second = rd2;
    return rd;
}
static void inc(uint64_t *a)
{
    uint64_t t, rd;

    __asm__ volatile("1:\tlr.d %0, (%2)\n\taddi %0, %0, 1\n\tsc.d %1, %0, (%2)\n\t"
                     "bnez %1, 1b"
                     : "=&r"(t), "=&r"(rd) : "r"(a) : "memory");
}
#else
static uint64_t lr_sc_d(uint64_t *a, uint64_t *b, uint64_t v, uint64_t *loaded)
{
    *loaded = *a;
    if (a != b)
        return 1;
    *b = v;
    return 0;
}
static uint64_t lr_sc_w_aqrl(uint32_t *a, uint64_t v, uint64_t *loaded)
{
    *loaded = (uint64_t)(int64_t)(int32_t)*a;
    *a = (uint32_t)v;
    return 0;
}
static uint64_t sc_d(uint64_t *a, uint64_t v)
{
    (void)a;
    (void)v;
    return 1;
}
static uint64_t lr_sc_sc(uint64_t *a, uint64_t v, uint64_t *second)
{
    *a = v;
    *second = 1;
    return 0;
}
static void inc(uint64_t *a)
{
    ++*a;
}
#endif

int main(void)
{
    uint64_t loaded, rd, second;
    uint32_t *w = (uint32_t *)&area[4];

    area[0] = 0x1111;
    rd = lr_sc_d(&area[0], &area[0], 0x2222, &loaded);
    printf("lr/sc same: rd %d loaded %" PRIx64 " mem %" PRIx64 "\n",
           rd != 0, loaded, area[0]);
    rd = sc_d(&area[0], 0x3333);
    printf("sc alone: rd %d mem %" PRIx64 "\n", rd != 0, area[0]);
    rd = lr_sc_sc(&area[0], 0x4444, &second);
    printf("lr/sc/sc: rd %d second %d mem %" PRIx64 "\n",
           rd != 0, second != 0, area[0]);
    area[16] = 0x5555;
    rd = lr_sc_d(&area[0], &area[16], 0x6666, &loaded);
    printf("sc elsewhere: rd %d mem %" PRIx64 " other %" PRIx64 "\n",
           rd != 0, area[0], area[16]);
    rd = sc_d(&area[16], 0x7777);
    printf("sc after failed pair: rd %d other %" PRIx64 "\n", rd != 0, area[16]);
    area[4] = 0xaaaaaaaa80000001ull;
    rd = lr_sc_w_aqrl(w, 0xffffffff12345678ull, &loaded);
    printf("lr.w/sc.w: rd %d loaded %016" PRIx64 " mem %016" PRIx64 "\n",
           rd != 0, loaded, area[4]);
    area[8] = 0;
    for (int i = 0; i < 1000; i++)
        inc(&area[8]);
    printf("increment loop: %" PRIu64 "\n", area[8]);
    return 0;
}
