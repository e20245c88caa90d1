/*
 * Self-modifying code through write-protected code pages
 * (accel/tcg/tb-protect.c) and interrupts at block entry, on both
 * backends: a store rewriting an instruction later in its own block, a
 * store into code of another block, the page-table bits around it,
 * exec_unprotect_for_write, and exec_cpu_interrupt stopping a loop of
 * chained blocks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "tests/unit/rv-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"
#include "uemu/riscv64.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const backends[] = { "tci", "jit" };

static int setup(void **state)
{
    (void)state;
    rvt_setup();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rvt_teardown();
    return 0;
}

/* The word for "addi a2, zero, v" built in a1 with lui + addi. */
#define NEW_WORD RVT_ADDI(12, 0, 2)

static void test_patch_own_block(void **state)
{
    const uint32_t code[] = {
        RVT_U(0, 10, RVT_OP_AUIPC),                 /* auipc a0, 0 */
        RVT_U(NEW_WORD & 0xfffff000u, 11, RVT_OP_LUI),
        RVT_ADDI(11, 11, NEW_WORD & 0xfff),         /* a1 = new word */
        RVT_S(24, 11, 10, 2),                       /* sw a1, 24(a0) */
        RVT_ADDI(0, 0, 0),
        RVT_ADDI(0, 0, 0),
        RVT_ADDI(12, 0, 1),                         /* CODE + 24: rewritten */
    };
    struct exec_stats s0, s1;

    (void)state;
    _Static_assert((NEW_WORD & 0x800) == 0, "lui + addi without carry");
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        exec_get_stats(&s0);
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        exec_get_stats(&s1);
        assert_int_equal(rvt_env->x[12], 2);
        assert_true(s1.smc_faults > s0.smc_faults);
        /* The code page is protected again (its code was translated). */
        assert_true(page_table_get(guest_pages, RVT_CODE) & PAGE_WRITE_ORG);
        assert_false(page_table_get(guest_pages, RVT_CODE) & PAGE_WRITE);
        exec_unprotect_for_write(RVT_CODE + 8, 4);
        assert_false(page_table_get(guest_pages, RVT_CODE) & PAGE_WRITE_ORG);
        assert_true(page_table_get(guest_pages, RVT_CODE) & PAGE_WRITE);
        /* Data pages never get protected. */
        assert_true(page_table_get(guest_pages, RVT_DATA) & PAGE_WRITE);
    }
}

/* A store into a block that ran before: the next run sees the new code
 * without fence.i. */
static void test_patch_other_block(void **state)
{
    const uint32_t code[] = {
        RVT_S(0x100, 1, 2, 2),                      /* sw x1, 0x100(x2) */
        RVT_J(0x100 - 4, 0),                        /* j CODE + 0x100 */
    };
    uint32_t tail[2] = { RVT_ADDI(10, 0, 1), RVT_EBREAK };

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        memcpy(g2h(RVT_CODE + 0x100), tail, sizeof(tail));
        rvt_env->x[2] = RVT_CODE;
        for (int v = 1; v <= 5; v++) {
            rvt_env->x[1] = RVT_ADDI(10, 0, v);
            assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
            assert_int_equal(rvt_env->x[10], v);
        }
    }
}

static void on_alarm(int sig)
{
    (void)sig;
    exec_cpu_interrupt(rvt_cpu);
}

/* An interrupt requested before the run stops it at the first block
 * boundary; the pc stays on an instruction boundary. */
static void test_interrupt(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(11, 11, 1),
        RVT_J(-4, 0),                               /* endless loop */
    };
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };
    struct sigaction sa, old;

    (void)state;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        rvt_env->x[11] = 0;
        exec_cpu_interrupt(rvt_cpu);
        assert_int_equal(rvt_run(), EXEC_EXCP_INTERRUPT);
        assert_int_equal(rvt_env->pc, RVT_CODE);
        assert_int_equal(rvt_env->x[11], 0);
        /* The request was consumed; one from a host signal handler
         * stops the loop of chained blocks while it runs. */
        assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);
        assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
        rvt_env->pc = RVT_CODE;
        assert_int_equal(exec_cpu_exec(rvt_cpu), EXEC_EXCP_INTERRUPT);
        assert_int_equal(sigaction(SIGALRM, &old, NULL), 0);
        assert_true(rvt_env->x[11] > 0);
        assert_true(rvt_env->pc == RVT_CODE || rvt_env->pc == RVT_CODE + 4);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_patch_own_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_patch_other_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interrupt, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
