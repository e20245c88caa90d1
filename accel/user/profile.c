/*
 * -d profile: at exit (when the log closes), what translation and
 * execution cost, from the JIT's counters (tcg_prof) and the engine's
 * (exec_get_stats), so the next optimisation is chosen from numbers:
 *
 *   profile: translation: 685 blocks, 3612 guest insns, 24018 host insns
 *            (6.65 per guest insn), 118 KiB of code, 3.20 ms
 *   profile: execution: 98231 blocks run, 1204 entered from the cpu
 *            loop: 98.8% reached by chaining or goto_ptr
 *   profile: indirect jumps: 5120 through goto_ptr, 37 missed the
 *            inline jump cache (hit rate at least 99.3%)
 *   profile: helpers: 212 calls, 0.41 ms (2.1% of 19.6 ms run time)
 *   profile: engine: 1230 chains patched, 0 code-buffer flushes, ...
 *
 * Counters start when the log opens with the item; a forked child
 * reports the parent's counts up to the fork plus its own.  TCI has no
 * host instructions to count.
 */
#include <inttypes.h>

#include "uemu/exec.h"
#include "uemu/log.h"
#include "uemu/profile.h"
#include "uemu/tcg.h"

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void profile_start(void)
{
    tcg_profile_enable();
}

void profile_report(void)
{
    struct tcg_profile p = tcg_prof;
    struct exec_stats st;
    uint64_t run_ns = tcg_profile_now_ns() - p.start_ns;
    uint64_t run_cycles = tcg_profile_cycles() - p.start_cycles;
    /* cycles to time through the run's own ratio: no TSC frequency needed */
    double helper_ms = run_cycles ? (double)p.helper_cycles * (double)run_ns /
                                        (double)run_cycles / 1e6 : 0.0;

    if (!tcg_profiling)
        return;
    exec_get_stats(&st);
    log_printf("profile: translation: %" PRIu64 " blocks, %" PRIu64 " guest insns, %" PRIu64
               " host insns (%.2f per guest insn), %" PRIu64 " KiB of code, %.2f ms\n",
               p.blocks, p.guest_insns, p.host_insns,
               p.guest_insns ? (double)p.host_insns / (double)p.guest_insns : 0.0,
               p.host_bytes / 1024, (double)p.gen_ns / 1e6);
    log_printf("profile: execution: %" PRIu64 " blocks run, %" PRIu64
               " entered from the cpu loop: %.1f%% reached by chaining or goto_ptr\n",
               p.tb_execs, p.entries,
               p.tb_execs > p.entries ? pct(p.tb_execs - p.entries, p.tb_execs) : 0.0);
    /* a jump after a slow lookup that found its block counts in both */
    log_printf("profile: indirect jumps: %" PRIu64 " through goto_ptr, %lu missed the inline"
               " jump cache (hit rate at least %.1f%%)\n",
               p.ptr_jumps, st.slow_lookups,
               p.ptr_jumps > st.slow_lookups ? pct(p.ptr_jumps - st.slow_lookups, p.ptr_jumps)
                                             : 0.0);
    log_printf("profile: helpers: %" PRIu64 " calls, %.2f ms (%.1f%% of %.1f ms run time)\n",
               p.helper_calls, helper_ms, pct(p.helper_cycles, run_cycles),
               (double)run_ns / 1e6);
    log_printf("profile: engine: %lu blocks translated, %lu taken from the cache, %lu chains"
               " patched, %lu code-buffer flushes, %lu blocks invalidated, %lu writes to code"
               " pages\n",
               st.translated, st.from_cache, st.chained, st.flushes, st.invalidated,
               st.smc_faults);
}
