/*
 * Atomics: GCC __atomic operations on 32- and 64-bit objects (AMOs on
 * riscv64; compare-exchange is an LR/SC loop there), a compare-exchange
 * loop doing arithmetic the ISA has no AMO for, success and failure of
 * compare-exchange, and on riscv64
 * the AMO min/max family and the LR/SC failure paths through inline asm
 * (a C model elsewhere prints the same lines).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint32_t w32 = 0xfffffff0u;
static uint64_t d64 = 0xfffffffffffffff0ull;
static int64_t s64 = -5;
static int32_t s32 = -5;

#if defined(__riscv)
#define AMO(name, insn, T)                                                   \
    static T name(T *p, T v)                                                 \
    {                                                                        \
        T old;                                                               \
        __asm__ volatile(insn " %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v)   \
                         : "memory");                                        \
        return old;                                                          \
    }
AMO(amomin_w, "amomin.w", int32_t) AMO(amomax_w, "amomax.w", int32_t)
AMO(amominu_w, "amominu.w", int32_t) AMO(amomaxu_w, "amomaxu.w", int32_t)
AMO(amomin_d, "amomin.d", int64_t) AMO(amomax_d, "amomax.d", int64_t)
AMO(amominu_d, "amominu.d", int64_t) AMO(amomaxu_d, "amomaxu.d", int64_t)

/* sc.d with no reservation: fails (1), memory unchanged. */
static uint64_t sc_alone(uint64_t *p, uint64_t v)
{
    uint64_t r;
    __asm__ volatile("sc.d %0, %2, (%1)" : "=r"(r) : "r"(p), "r"(v) : "memory");
    return r;
}

/* lr.d then sc.d to the same address: succeeds (0). */
static uint64_t lr_sc(uint64_t *p, uint64_t v, uint64_t *seen)
{
    uint64_t r, old;
    __asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %3, (%2)"
                     : "=&r"(old), "=&r"(r) : "r"(p), "r"(v) : "memory");
    *seen = old;
    return r;
}

/* lr.d of one address, sc.d to another: fails. */
static uint64_t lr_sc_other(uint64_t *p, uint64_t *q, uint64_t v)
{
    uint64_t r, old;
    __asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %4, (%3)"
                     : "=&r"(old), "=&r"(r) : "r"(p), "r"(q), "r"(v) : "memory");
    return r;
}

/* The reservation is gone after a successful sc: a second sc fails. */
static uint64_t sc_twice(uint64_t *p, uint64_t v)
{
    uint64_t r1, r2, old;
    __asm__ volatile("lr.d %0, (%3)\n\tsc.d %1, %4, (%3)\n\tsc.d %2, %4, (%3)"
                     : "=&r"(old), "=&r"(r1), "=&r"(r2) : "r"(p), "r"(v) : "memory");
    return r1 << 1 | r2;
}
#else
#define AMO(name, T, UT, pick)                                               \
    static T name(T *p, T v)                                                 \
    {                                                                        \
        T old = *p;                                                          \
        *p = pick;                                                           \
        return old;                                                          \
    }
AMO(amomin_w, int32_t, uint32_t, old < v ? old : v)
AMO(amomax_w, int32_t, uint32_t, old > v ? old : v)
AMO(amominu_w, int32_t, uint32_t, (uint32_t)old < (uint32_t)v ? old : v)
AMO(amomaxu_w, int32_t, uint32_t, (uint32_t)old > (uint32_t)v ? old : v)
AMO(amomin_d, int64_t, uint64_t, old < v ? old : v)
AMO(amomax_d, int64_t, uint64_t, old > v ? old : v)
AMO(amominu_d, int64_t, uint64_t, (uint64_t)old < (uint64_t)v ? old : v)
AMO(amomaxu_d, int64_t, uint64_t, (uint64_t)old > (uint64_t)v ? old : v)
static uint64_t sc_alone(uint64_t *p, uint64_t v) { (void)p; (void)v; return 1; }
static uint64_t lr_sc(uint64_t *p, uint64_t v, uint64_t *seen)
{
    *seen = *p;
    *p = v;
    return 0;
}
static uint64_t lr_sc_other(uint64_t *p, uint64_t *q, uint64_t v)
{
    (void)p; (void)q; (void)v;
    return 1;
}
static uint64_t sc_twice(uint64_t *p, uint64_t v)
{
    *p = v;
    return 1;
}
#endif

/* Each AMO: its old value, then the memory after it. */
#define AMO_LINE(name, call, var)                                            \
    do {                                                                     \
        int64_t o_ = (call);                                                 \
        printf("%s %" PRId64 " %" PRId64 "\n", name, o_, (int64_t)(var));   \
    } while (0)

int main(void)
{
    uint64_t cell = 11, other = 22, seen = 0, exp64, old;
    uint32_t exp32;
    int32_t m32;
    int64_t m64;
    int ok;

    exp64 = __atomic_load_n(&cell, __ATOMIC_RELAXED);
    for (int i = 0; i < 5; i++) {
        while (!__atomic_compare_exchange_n(&cell, &exp64, exp64 * 3 + 1, 1,
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            ;
        exp64 = exp64 * 3 + 1;
    }
    printf("casloop %" PRIu64 "\n", cell);
    cell = 11;
    old = __atomic_fetch_add(&w32, 0x20, __ATOMIC_SEQ_CST);
    printf("add32 %" PRIx64 " %" PRIx32 "\n", old, w32);
    old = __atomic_fetch_and(&w32, 0xf0f0f0f0u, __ATOMIC_SEQ_CST);
    printf("and32 %" PRIx64 " %" PRIx32 "\n", old, w32);
    old = __atomic_fetch_add(&d64, 0x20, __ATOMIC_SEQ_CST);
    printf("add64 %" PRIx64 " %" PRIx64 "\n", old, d64);
    old = __atomic_exchange_n(&d64, 0x8000000000000000ull, __ATOMIC_SEQ_CST);
    printf("xchg  %" PRIx64 " %" PRIx64 "\n", old, d64);
    old = (uint64_t)__atomic_fetch_sub(&s64, 10, __ATOMIC_SEQ_CST);
    printf("sub64 %" PRId64 " %" PRId64 "\n", (int64_t)old, s64);
    old = (uint64_t)(int64_t)__atomic_fetch_nand(&s32, 3, __ATOMIC_SEQ_CST);
    printf("nand32 %" PRId64 " %" PRId32 "\n", (int64_t)old, s32);
    exp64 = 0x8000000000000000ull;
    ok = __atomic_compare_exchange_n(&d64, &exp64, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas64 ok   %d %" PRIx64 "\n", ok, d64);
    exp64 = 8;
    ok = __atomic_compare_exchange_n(&d64, &exp64, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas64 fail %d %" PRIx64 " %" PRIx64 "\n", ok, d64, exp64);
    exp32 = 0x10;
    ok = __atomic_compare_exchange_n(&w32, &exp32, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas32 ok   %d %" PRIx32 " %" PRIx32 "\n", ok, w32, exp32);
    m32 = -3;
    AMO_LINE("amomin.w ", amomin_w(&m32, 4), m32);
    AMO_LINE("amomax.w ", amomax_w(&m32, 4), m32);
    AMO_LINE("amominu.w", amominu_w(&m32, -1), m32);
    AMO_LINE("amomaxu.w", amomaxu_w(&m32, -2), m32);
    m64 = -3;
    AMO_LINE("amomin.d ", amomin_d(&m64, 4), m64);
    AMO_LINE("amomax.d ", amomax_d(&m64, 4), m64);
    AMO_LINE("amominu.d", amominu_d(&m64, -1), m64);
    AMO_LINE("amomaxu.d", amomaxu_d(&m64, -2), m64);
    old = sc_alone(&cell, 99);
    printf("sc alone  %" PRIu64 " %" PRIu64 "\n", old, cell);
    old = lr_sc(&cell, 33, &seen);
    printf("lr/sc     %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", old, seen, cell);
    old = lr_sc_other(&cell, &other, 44);
    printf("sc other  %" PRIu64 " %" PRIu64 "\n", old, other);
    old = sc_twice(&cell, 55);
    printf("sc twice  %" PRIu64 " %" PRIu64 "\n", old, cell);
    return 0;
}
