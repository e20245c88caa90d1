/*
 * Block chaining under concurrency, for every backend: goto_tb's slot is
 * patched (to the block itself, forming a loop in generated code, to
 * another block, or back to nothing) tens of thousands of times while
 * another thread keeps running the block.  Every run must end in one of
 * the three legal ways; none may crash or see a torn jump.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <sched.h>
#include <cmocka.h>

#include "uemu/tcg-op.h"

struct env {
    uint64_t r[2];
};

static struct tcg_ctx *ctx;
static tcg_i64 R[1];

static int setup(void **state)
{
    (void)state;
    ctx = tcg_ctx_new(0);
    tcg_ctx_set(ctx);
    R[0] = tcg_global_i64(offsetof(struct env, r[0]), "r0");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tcg_ctx_free(ctx);
    return 0;
}

struct runner {
    struct tcg_tb *a;
    bool stop;
    unsigned long runs;
    unsigned long counts[3];
};

static void *run_loop(void *p)
{
    struct runner *r = p;

    while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
        struct env e = { { 0 } };
        uintptr_t v = tcg_tb_exec(r->a, &e);

        /* 1: not chained; 2: through B; 9: looped on itself to the limit */
        if (v == 1)
            __atomic_fetch_add(&r->counts[0], 1, __ATOMIC_RELAXED);
        else if (v == 2)
            __atomic_fetch_add(&r->counts[1], 1, __ATOMIC_RELAXED);
        else if (v == 9 && e.r[0] == 5000)
            __atomic_fetch_add(&r->counts[2], 1, __ATOMIC_RELEASE);
        else
            abort();
        __atomic_fetch_add(&r->runs, 1, __ATOMIC_RELEASE);
    }
    return NULL;
}

/*
 * Block A counts r0 up and goto_tb's slot 0, which the main thread points
 * at A itself (a loop in generated code), at B, or nowhere, many times
 * while another thread runs A.
 */
static void patch_while_running(const char *backend)
{
    struct tcg_tb a, b;
    struct runner r = { &a, false, 0, { 0 } };
    pthread_t th;
    tcg_label *done;

    assert_int_equal(tcg_backend_select(backend), 0);
    tcg_func_start();
    done = tcg_gen_new_label();
    tcg_gen_addi_i64(R[0], R[0], 1);
    tcg_gen_brcondi_i64(TCG_COND_GEU, R[0], 5000, done);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(1);
    tcg_gen_set_label(done);
    tcg_gen_exit_tb(9);
    assert_int_equal(tcg_gen_code(&a), 0);
    /* the patch site is aligned, so one store replaces it atomically */
    assert_int_equal(a.jmp_off[0] % 4, 0);
    tcg_func_start();
    tcg_gen_exit_tb(2);
    assert_int_equal(tcg_gen_code(&b), 0);

    assert_int_equal(pthread_create(&th, NULL, run_loop, &r), 0);
    /* patch while the other thread is surely running blocks */
    while (!__atomic_load_n(&r.runs, __ATOMIC_ACQUIRE))
        sched_yield();
    /* until the runner has seen every state, within a bound */
    for (long i = 0; i < 30000 || (i < 2000000 && !(
             __atomic_load_n(&r.counts[0], __ATOMIC_RELAXED) &&
             __atomic_load_n(&r.counts[1], __ATOMIC_RELAXED) &&
             __atomic_load_n(&r.counts[2], __ATOMIC_RELAXED))); i++) {
        switch (i % 3) {
        case 0: tcg_tb_set_jump(&a, 0, &a); break;
        case 1: tcg_tb_set_jump(&a, 0, &b); break;
        default: tcg_tb_reset_jump(&a, 0); break;
        }
    }
    tcg_tb_set_jump(&a, 0, &a);
    {
        unsigned long before = __atomic_load_n(&r.counts[2], __ATOMIC_ACQUIRE);

        while (__atomic_load_n(&r.counts[2], __ATOMIC_ACQUIRE) == before)
            sched_yield();
    }
    __atomic_store_n(&r.stop, true, __ATOMIC_RELEASE);
    pthread_join(th, NULL);
    assert_true(r.counts[2] > 0);
    printf("# %lu runs: %lu unchained, %lu through B, %lu looping\n", r.runs,
           r.counts[0], r.counts[1], r.counts[2]);
    tcg_tb_free(&a);
    tcg_tb_free(&b);
    tcg_code_flush();
}

static void test_patch_while_running_jit(void **state)
{
    (void)state;
    if (tcg_backend_select("jit") < 0)
        skip();
    patch_while_running("jit");
}

static void test_patch_while_running_tci(void **state)
{
    (void)state;
    patch_while_running("tci");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patch_while_running_jit),
        cmocka_unit_test(test_patch_while_running_tci),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
