/*
 * Which optional x86_64 instructions the host has (cpuid), so the backend
 * can use BMI1 (andn, tzcnt), BMI2 (shlx/shrx/sarx), LZCNT, POPCNT,
 * MOVBE and FMA3 (the fused multiply-add fast paths) and fall back to
 * base instructions or helper calls otherwise.  FMA3 is VEX-encoded, so
 * it also needs the OS to save the AVX state (OSXSAVE, XCR0 bits 1-2).  Tests narrow the
 * set with tcg_host_features_mask() to exercise the fallbacks.
 *
 * glibc has run cpuid at start-up already and says what is usable
 * (<sys/platform/x86.h>, glibc 2.33 on); asking it again costs a trap
 * to the hypervisor per cpuid in a VM (about 4 us each here, where a
 * whole start-up takes about 1 ms).
 */
#include <cpuid.h>
#include <pthread.h>
#if __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>
#endif

#include "tcg/x86_64/x86.h"

static unsigned detected;
static pthread_once_t once = PTHREAD_ONCE_INIT;

#ifdef CPU_FEATURE_ACTIVE
static void detect(void)
{
    /* active: present and usable (FMA: with the AVX state saved) */
    detected = (CPU_FEATURE_ACTIVE(POPCNT) ? TCG_FEAT_POPCNT : 0) |
               (CPU_FEATURE_ACTIVE(MOVBE) ? TCG_FEAT_MOVBE : 0) |
               (CPU_FEATURE_ACTIVE(FMA) ? TCG_FEAT_FMA : 0) |
               (CPU_FEATURE_ACTIVE(BMI1) ? TCG_FEAT_BMI1 : 0) |
               (CPU_FEATURE_ACTIVE(BMI2) ? TCG_FEAT_BMI2 : 0) |
               (CPU_FEATURE_ACTIVE(LZCNT) ? TCG_FEAT_LZCNT : 0);
}
#else
/* XCR0: which register states the OS saves (xgetbv, valid with OSXSAVE) */
static uint64_t xcr0(void)
{
    uint32_t lo, hi;

    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}


static void detect(void)
{
    unsigned a, b, c, d, f = 0;

    if (__get_cpuid(1, &a, &b, &c, &d)) {
        if (c & (1u << 23))
            f |= TCG_FEAT_POPCNT;
        if (c & (1u << 22))
            f |= TCG_FEAT_MOVBE;
        /* FMA, OSXSAVE and AVX, with SSE and AVX state enabled */
        if ((c & (1u << 12 | 1u << 27 | 1u << 28)) == (1u << 12 | 1u << 27 | 1u << 28) &&
            (xcr0() & 6) == 6)
            f |= TCG_FEAT_FMA;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        if (b & (1u << 3))
            f |= TCG_FEAT_BMI1;
        if (b & (1u << 8))
            f |= TCG_FEAT_BMI2;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d) && (c & (1u << 5)))
        f |= TCG_FEAT_LZCNT;
    detected = f;
}
#endif

unsigned x86_features(void)
{
    pthread_once(&once, detect);
    return detected & tcg_host_features_allowed();
}
