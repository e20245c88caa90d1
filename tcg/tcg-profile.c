/*
 * -d profile's counters in the JIT: what translation costs (blocks, guest
 * and host instructions, bytes, time from tcg_func_start to the end of
 * tcg_gen_code) and what running costs (blocks executed, entries from C,
 * goto_ptr jumps, helper calls and the TSC cycles spent in them).
 *
 * Off by default and then free: code is generated without counting.
 * Once enabled (before the first block), C code adds atomically; the
 * generated code adds without a lock, so counts from concurrent guest
 * threads may lose a few increments: a profile, not an account.
 */
#include <time.h>

#include "tcg/tcg-internal.h"

bool tcg_profiling;
struct tcg_profile tcg_prof;
static __thread uint64_t gen_start_ns;

uint64_t tcg_profile_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t tcg_profile_cycles(void)
{
#if defined(__x86_64__)
    return __builtin_ia32_rdtsc();
#else
    return tcg_profile_now_ns();
#endif
}

void tcg_profile_enable(void)
{
    tcg_prof.start_ns = tcg_profile_now_ns();
    tcg_prof.start_cycles = tcg_profile_cycles();
    tcg_profiling = true;
}

void tcg_profile_block_start(void)
{
    if (tcg_profiling)
        gen_start_ns = tcg_profile_now_ns();
}

void tcg_profile_block_done(const struct tcg_tb *tb)
{
    if (!tcg_profiling)
        return;
    /* the time first: counting host instructions disassembles the block */
    __atomic_add_fetch(&tcg_prof.gen_ns, tcg_profile_now_ns() - gen_start_ns,
                       __ATOMIC_RELAXED);
    __atomic_add_fetch(&tcg_prof.blocks, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&tcg_prof.guest_insns, tb->nb_insns, __ATOMIC_RELAXED);
    __atomic_add_fetch(&tcg_prof.host_bytes, tb->size, __ATOMIC_RELAXED);
    if (tb->be->count_insns)
        __atomic_add_fetch(&tcg_prof.host_insns, tb->be->count_insns(tb), __ATOMIC_RELAXED);
}
