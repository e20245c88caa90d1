/*
 * The engine with several guest threads (accel/tcg/cpu-exec.c
 * exclusive sections), on both backends: four host threads, each with
 * its own cpu, run a counting loop of chained blocks while
 *  - the main thread flushes all translated code again and again
 *    (every flush waits until no thread is in generated code);
 *  - every thread runs fence.i in its loop (each one a full flush that
 *    the thread itself asks for from inside exec_cpu_exec);
 *  - one thread rewrites its own code (SMC invalidation while the
 *    others run the same page).
 * Every count must come out exact and nothing may hang.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <sched.h>
#include <string.h>

#include "tests/unit/rv-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/riscv64.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define THREADS 4

static const char *const backends[] = { "tci", "jit" };

struct runner {
    pthread_t t;
    uint64_t iterations;
    uint64_t a0;
    int excp;
};

static int running_threads;

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

/* Run the code at RVT_CODE on a cpu of the thread's own with a1 = the
 * iteration count, until ebreak. */
static void *run(void *arg)
{
    struct runner *r = arg;
    struct exec_cpu *cpu = exec_cpu_new(&rv_frontend);
    struct rv_cpu *env = exec_cpu_env(cpu);

    env->res_addr = ~0ull;
    env->pc = RVT_CODE;
    env->x[11] = r->iterations;
    do
        r->excp = exec_cpu_exec(cpu);
    while (r->excp == EXEC_EXCP_INTERRUPT);
    r->a0 = env->x[10];
    exec_cpu_free(cpu);
    __atomic_fetch_sub(&running_threads, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void start(struct runner *r, uint64_t iterations)
{
    running_threads = THREADS;
    for (int i = 0; i < THREADS; i++) {
        r[i] = (struct runner){ .iterations = iterations };
        assert_int_equal(pthread_create(&r[i].t, NULL, run, &r[i]), 0);
    }
}

static void join(struct runner *r, uint64_t expect)
{
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(r[i].t, NULL), 0);
        assert_int_equal(r[i].excp, RV_EXCP_EBREAK);
        assert_int_equal(r[i].a0, expect);
    }
}

/* a0 += 1 per iteration of a two-block loop (the branch back is a
 * chained goto_tb), a1 counts down. */
static const uint32_t count_loop[] = {
    RVT_ADDI(10, 10, 1),                        /* 0: addi a0, a0, 1 */
    RVT_J(8, 0),                                /* 4: j 12 (a second block) */
    RVT_ADDI(0, 0, 0),
    RVT_ADDI(11, 11, -1),                       /* 12: addi a1, a1, -1 */
    RVT_B((uint32_t)-16, 0, 11, 1),             /* 16: bnez a1, 0 */
};

static void test_flush_while_running(void **state)
{
    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        struct runner r[THREADS];
        struct exec_stats s0, s1;
        int flushes = 0;

        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(count_loop, N(count_loop));
        exec_get_stats(&s0);
        start(r, 300000);
        while (__atomic_load_n(&running_threads, __ATOMIC_SEQ_CST) > 0) {
            exec_flush_all();
            flushes++;
            sched_yield();
        }
        join(r, 300000);
        exec_get_stats(&s1);
        assert_true(s1.flushes - s0.flushes >= (unsigned long)flushes);
    }
}

static void test_fence_i_in_every_thread(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(10, 10, 1),                    /* addi a0, a0, 1 */
        RVT_FENCE_I,
        RVT_ADDI(11, 11, -1),                   /* addi a1, a1, -1 */
        RVT_B((uint32_t)-12, 0, 11, 1),         /* bnez a1, 0 */
    };

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        struct runner r[THREADS];
        struct exec_stats s0, s1;

        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        exec_get_stats(&s0);
        start(r, 2000);
        join(r, 2000);
        exec_get_stats(&s1);
        assert_true(s1.flushes - s0.flushes >= 2000);
    }
}

/* The main thread keeps storing the same instruction into the loop's
 * page: each store invalidates the page's blocks (SMC) while the
 * threads run them. */
static void test_invalidate_while_running(void **state)
{
    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        struct runner r[THREADS];
        struct exec_stats s0, s1;
        uint32_t nop = RVT_ADDI(0, 0, 0);
        int stores = 0;

        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(count_loop, N(count_loop));
        exec_get_stats(&s0);
        start(r, 300000);
        while (__atomic_load_n(&running_threads, __ATOMIC_SEQ_CST) > 0) {
            exec_invalidate(RVT_CODE, 4 * N(count_loop));
            memcpy(g2h(RVT_CODE + 8), &nop, 4);
            stores++;
            sched_yield();
        }
        join(r, 300000);
        exec_get_stats(&s1);
        assert_true(stores > 0);
        assert_true(s1.translated > s0.translated);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_flush_while_running, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fence_i_in_every_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalidate_while_running, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
