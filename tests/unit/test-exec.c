/*
 * The execution engine through the riscv64 front end: the block cache
 * (reuse, staleness until invalidated, invalidation through the host-page
 * hook and fence.i), chaining and its undoing, the indirect-branch path,
 * the flush-and-retry when the JIT's code buffer is full, and the -d
 * logging items.  Every case runs on each built backend.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tests/unit/rv-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/log.h"
#include "uemu/options.h"
#include "uemu/personality.h"
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

static void put32(uint64_t addr, uint32_t w)
{
    memcpy(g2h(addr), &w, 4);
}

/*
 * A write the engine does not see: the host page's write protection for
 * translated code is lifted behind its back, so the old code stays.
 */
static void put32_unseen(uint64_t addr, uint32_t w)
{
    uintptr_t page = ALIGN_DOWN((uintptr_t)g2h(addr), (uintptr_t)host_page_size);
    assert_int_equal(mprotect((void *)page, host_page_size, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
    memcpy(g2h(addr), &w, 4);
}

static void test_reuse_and_chaining(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(10, 0, 0),
        RVT_ADDI(10, 10, 1),                    /* loop */
        RVT_J(8, 0),                            /* j over the next word */
        RVT_EBREAK,
        RVT_B(-12, 1, 10, 4),                   /* blt a0, x1, loop */
    };
    struct exec_stats s0, s1, s2;

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        rvt_env->x[1] = 5000;
        exec_get_stats(&s0);
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 5000);
        assert_int_equal(rvt_env->pc, RVT_CODE + 4 * N(code));
        exec_get_stats(&s1);
        /* entry, loop body, the blt block and the final ebreak */
        assert_true(s1.translated - s0.translated <= 4);
        assert_true(s1.chained - s0.chained >= 2);
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        exec_get_stats(&s2);
        assert_int_equal(s2.translated, s1.translated);
    }
}

static void test_stale_until_invalidated(void **state)
{
    const uint32_t code[] = { RVT_ADDI(10, 0, 1) };
    struct exec_stats s0, s1;

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 1);
        put32_unseen(RVT_CODE, RVT_ADDI(10, 0, 2));
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 1);
        exec_get_stats(&s0);
        exec_invalidate(RVT_CODE + 2, 1);
        exec_get_stats(&s1);
        assert_int_equal(s1.invalidated - s0.invalidated, 1);
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 2);
        /* A range missing every block drops nothing. */
        exec_invalidate(RVT_DATA, RVT_AREA);
        exec_get_stats(&s0);
        assert_int_equal(s0.invalidated, s1.invalidated);
    }
}

/* A chained successor that is invalidated must not be jumped to. */
static void test_unchain(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(11, 11, 1),
        RVT_J(0x100 - 4, 0),                    /* j CODE + 0x100 */
    };

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        put32(RVT_CODE + 0x100, RVT_ADDI(10, 0, 1));
        put32(RVT_CODE + 0x104, RVT_EBREAK);
        rvt_env->x[11] = 0;
        for (int i = 0; i < 3; i++) {
            assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
            assert_int_equal(rvt_env->x[10], 1);
        }
        put32(RVT_CODE + 0x100, RVT_ADDI(10, 0, 2));
        exec_invalidate(RVT_CODE + 0x100, 4);
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 2);
        assert_int_equal(rvt_env->x[11], 4);
    }
}

/*
 * Stores into translated code are seen after fence.i, and also without it:
 * code pages are write-protected, so the store itself drops the old code.
 */
static void run_store_then(uint32_t sync, uint64_t expect)
{
    const uint32_t code[] = {
        RVT_S(16, 1, 2, 2),                     /* sw x1, 16(x2) */
        sync,
        RVT_ADDI(0, 0, 0),
        RVT_ADDI(0, 0, 0),
        RVT_ADDI(10, 0, 1),                     /* CODE + 16: rewritten */
    };

    rvt_load(code, N(code));
    rvt_env->x[2] = RVT_CODE;
    rvt_env->x[1] = RVT_ADDI(10, 0, 1);
    assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
    assert_int_equal(rvt_env->x[10], 1);
    rvt_env->x[1] = RVT_ADDI(10, 0, 7);
    assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
    assert_int_equal(rvt_env->x[10], expect);
}

static void test_fence_i(void **state)
{
    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        run_store_then(RVT_FENCE_I, 7);
        run_store_then(RVT_ADDI(0, 0, 0), 7);
    }
}

/* Unmapping code through the personality drops its blocks. */
static void test_unmap_hook(void **state)
{
    const struct personality_mmap_ops *ops = linux_user_personality.mmap;
    const uint32_t code[] = { RVT_ADDI(10, 0, 3) };
    uint32_t brk = RVT_EBREAK;

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 3);
        assert_int_equal(ops->unmap(RVT_CODE, RVT_AREA), 0);
        assert_int_equal(rvt_run(), EXEC_EXCP_FAULT);
        assert_true(exec_cpu_fault(rvt_cpu)->is_exec);
        assert_int_equal(ops->map_anon(RVT_CODE, RVT_AREA,
                                       PROT_READ | PROT_WRITE | PROT_EXEC, true),
                         (int64_t)RVT_CODE);
        put32(RVT_CODE, RVT_ADDI(10, 0, 4));
        memcpy(g2h(RVT_CODE + 4), &brk, 4);
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 4);
    }
}

/* Calls and returns through jalr stay correct across a flush. */
static void test_indirect(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(10, 0, 0),
        RVT_ADDI(12, 0, 0),
        RVT_U(RVT_CODE, 5, RVT_OP_LUI),         /* t0 = CODE */
        RVT_ADDI(5, 5, 0x40),                   /* t0 = function */
        RVT_I(0, 5, 0, 1, RVT_OP_JALR),         /* loop: jalr ra, t0 */
        RVT_ADDI(12, 12, 1),
        RVT_B(-8, 11, 12, 4),                   /* blt a2, a1, loop */
    };
    const uint32_t fn[] = {
        RVT_ADDI(10, 10, 3),
        RVT_I(0, 1, 0, 0, RVT_OP_JALR),         /* ret */
    };
    struct exec_stats s0, s1;

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        memcpy(g2h(RVT_CODE + 0x40), fn, sizeof(fn));
        rvt_env->x[11] = 3000;
        exec_get_stats(&s0);
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        exec_get_stats(&s1);
        assert_int_equal(rvt_env->x[10], 9000);
        assert_true(s1.translated - s0.translated <= 5);
        /* 6000 jalr: all but the first of each target hit inline */
        if (s1.slow_lookups - s0.slow_lookups > 4)
            fail_msg("%s: %lu lookups left generated code", backends[b],
                     s1.slow_lookups - s0.slow_lookups);
        exec_flush_all();
        rvt_env->x[11] = 10;
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 30);
    }
}

/* Enough distinct blocks to fill the JIT's code buffer: the engine
 * flushes and goes on translating. */
static void test_code_buffer_full(void **state)
{
    struct exec_stats s0, s1;
    uint32_t div = RVT_R(1, 12, 11, 4, 11, RVT_OP);    /* div a1, a1, a2 */
    unsigned words = RVT_AREA / 4;

    (void)state;
    if (!rvt_backend("jit"))
        skip();
    for (unsigned i = 0; i < words; i++)
        put32(RVT_CODE + 4 * i, i % 512 == 511 ? RVT_EBREAK : div);
    exec_flush_all();
    exec_get_stats(&s0);
    s1 = s0;
    for (unsigned k = 0; k < words && s1.flushes == s0.flushes; k++) {
        if (k % 512 == 511)
            continue;
        rvt_env->x[11] = 100 + k;
        rvt_env->x[12] = 0;
        rvt_env->pc = RVT_CODE + 4 * k;
        assert_int_equal(exec_cpu_exec(rvt_cpu), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[11], ~0ull);
        exec_get_stats(&s1);
    }
    assert_int_equal(s1.flushes, s0.flushes + 1);
    rvt_env->x[11] = ~0ull;
    rvt_env->x[12] = ~0ull;
    assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
    assert_int_equal(rvt_env->pc, RVT_CODE + 4 * 511);
    /* -1 / -1 = 1, 1 / -1 = -1: 511 divisions leave 1 */
    assert_int_equal(rvt_env->x[11], 1);
}

/* Long runs of the instructions that need the most IR temps and labels
 * end blocks early instead of exhausting the IR context. */
static void test_block_limits(void **state)
{
    static const uint32_t worst[] = {
        RVT_R(15 << 2, 4, 3, 7, 1, 0x4f),   /* fnmadd.s f1, f3, f4, f15, dyn */
        RVT_R(0x03 << 2, 2, 1, 3, 10, RVT_OP_AMO),          /* sc.d a0, x2, (x1) */
        RVT_R(0x10, 2, 1, 1, 3, 0x53),                      /* fsgnjn.s f3 */
        RVT_CSR(0x003, 5, 1, 11),                           /* csrrw a1, fcsr, t0 */
        RVT_R(0x01, 2, 1, 2, 12, RVT_OP),                   /* mulhsu */
    };
    unsigned words = 2000;

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        for (size_t k = 0; k < N(worst); k++) {
            for (unsigned i = 0; i < words; i++)
                put32(RVT_CODE + 4 * i, worst[k]);
            put32(RVT_CODE + 4 * words, RVT_EBREAK);
            exec_flush_all();
            rvt_env->x[1] = RVT_DATA;
            rvt_env->res_addr = ~0ull;
            rvt_env->frm = 0;
            assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
            assert_int_equal(rvt_env->pc, RVT_CODE + 4 * words);
        }
    }
}

static bool file_has(const char *path, const char *needle)
{
    static char buf[1 << 20];
    FILE *f = fopen(path, "r");
    size_t n;

    assert_non_null(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

/* -d in_asm,op,op_opt,out_asm,exec,cpu: each item logs, and exec/cpu
 * keep blocks from chaining so every block is logged. */
static void test_logging(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(10, 0, 0),
        RVT_ADDI(10, 10, 1),                    /* loop */
        RVT_B(-4, 1, 10, 4),                    /* blt a0, x1, loop */
    };
    char path[] = "/tmp/uemu-test-exec-log-XXXXXX";
    int fd = mkstemp(path);
    struct exec_stats s0, s1;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        assert_int_equal(log_open(path, LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM |
                                  LOG_EXEC | LOG_CPU), 0);
        rvt_load(code, N(code));
        rvt_env->x[1] = 50;
        exec_get_stats(&s0);
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        exec_get_stats(&s1);
        log_close();
        assert_int_equal(rvt_env->x[10], 50);
        assert_int_equal(s1.chained, s0.chained);
        assert_true(file_has(path, "IN: 0x100000\n"));
        assert_true(file_has(path, "addi\ta0,a0,1"));
        assert_true(file_has(path, "OP:\n"));
        assert_true(file_has(path, "OP after optimization:\n"));
        assert_true(file_has(path, "OUT:\n"));
        assert_true(file_has(path, "/0000000000100004]"));
        assert_true(file_has(path, " x10/a0   0000000000000031"));
    }
    unlink(path);
    log_open(NULL, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reuse_and_chaining, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_until_invalidated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unchain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fence_i, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unmap_hook, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indirect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_code_buffer_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_block_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_logging, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
