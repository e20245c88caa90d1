/*
 * The optimizer's effect, measured: a fixed corpus of blocks, each with
 * the op count it must shrink to (constant folding, identities, copy
 * propagation, branch folding, dead code), checked exactly, and each run
 * optimized and not through every backend against the reference
 * (tcg-check.h) so shrinking never changes a result.  One block's
 * optimized IR is compared as text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "uemu/tcg-op.h"
#include "tests/unit/tcg-check.h"

struct env {
    uint64_t r[8];
    uint32_t w[2];
};

static struct tcg_ctx *ctx;
static tcg_i64 R[8];
static tcg_i32 W[2];
static unsigned char gmem[64];

static void fold_chain(void)
{
    tcg_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();

    tcg_gen_movi_i64(a, 5);
    tcg_gen_addi_i64(b, a, 3);
    tcg_gen_muli_i64(b, b, 7);
    tcg_gen_shli_i64(b, b, 2);
    tcg_gen_not_i64(b, b);
    tcg_gen_clz_i64(R[1], b);
    tcg_gen_mov_i64(R[0], b);
}

/* Constants the optimizer sees, not the builders: the *i builders
 * already drop identity immediates (tcg-op.c). */
static tcg_i64 k64(uint64_t v)
{
    tcg_i64 t = tcg_temp_new_i64();

    tcg_gen_movi_i64(t, v);
    return t;
}

static void identities(void)
{
    tcg_i32 zero = tcg_temp_new_i32();

    tcg_gen_add_i64(R[0], R[1], k64(0));
    tcg_gen_mul_i64(R[2], R[3], k64(1));
    tcg_gen_and_i64(R[4], R[5], k64(~0ull));
    tcg_gen_xor_i64(R[6], R[7], R[7]);
    tcg_gen_shli_i64(R[1], R[1], 64);
    tcg_gen_movi_i32(zero, 0);
    tcg_gen_or_i32(W[0], W[1], zero);
}

static void copies(void)
{
    tcg_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    tcg_gen_mov_i64(t, R[1]);
    tcg_gen_mov_i64(u, t);
    tcg_gen_add_i64(R[0], u, R[2]);
    tcg_gen_sub_i64(R[3], t, u);
}

static void branch_fold(void)
{
    tcg_i64 t = tcg_temp_new_i64();
    tcg_label *l = tcg_gen_new_label(), *l2 = tcg_gen_new_label();

    tcg_gen_movi_i64(t, 1);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 1, l);
    tcg_gen_movi_i64(R[0], 5);
    tcg_gen_movi_i64(R[1], 6);
    tcg_gen_set_label(l);
    tcg_gen_brcondi_i64(TCG_COND_GTU, t, 1, l2);
    tcg_gen_addi_i64(R[2], R[2], 1);
    tcg_gen_set_label(l2);
}

static void dead_stores(void)
{
    tcg_i64 t = tcg_temp_new_i64();

    tcg_gen_add_i64(R[0], R[1], R[2]);
    tcg_gen_mul_i64(t, R[1], R[2]);
    tcg_gen_mov_i64(R[0], R[3]);
    tcg_gen_ctpop_i64(t, R[4]);
}

static void div_by_zero(void)
{
    tcg_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32();

    tcg_gen_movi_i32(a, 7);
    tcg_gen_movi_i32(b, 0);
    tcg_gen_div_i32(W[0], a, b);
    tcg_gen_rem_i32(W[1], a, b);
}

static uint64_t h_pure(uint64_t a)
{
    return a * 3;
}

static void h_effect(void *env)
{
    ((struct env *)env)->r[7]++;
}

static const struct tcg_helper help_pure = {
    .name = "pure",
    .func = (void *)h_pure,
    .flags = TCG_CALL_NO_SIDE_EFFECTS | TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_I64,
    .nargs = 1,
    .args = { TCG_TYPE_I64 },
};
static const struct tcg_helper help_effect = {
    .name = "effect",
    .func = (void *)h_effect,
    .flags = 0,
    .ret = TCG_TYPE_VOID,
    .nargs = 1,
    .args = { TCG_TYPE_PTR },
};

/* A pure helper whose result is unused goes; one with effects stays. */
static void dead_call(void)
{
    tcg_i64 t = tcg_temp_new_i64();

    tcg_gen_call(&help_pure, t.n, (const int[]){ R[1].n });
    tcg_gen_call(&help_effect, -1, (const int[]){ tcg_env().n });
}

/* A condition known at translation time picks a movcond's value. */
static void const_movcond(void)
{
    tcg_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();

    tcg_gen_movi_i64(a, 3);
    tcg_gen_movi_i64(b, 4);
    tcg_gen_movcond_i64(TCG_COND_LT, R[0], a, b, R[1], R[2]);
}

/* Nothing to gain: every op matters. */
static void needed(void)
{
    tcg_gen_qemu_ld_i64(R[0], R[1], TCG_MO_64);
    tcg_gen_add_i64(R[2], R[0], R[3]);
    tcg_gen_qemu_st_i64(R[2], R[1], TCG_MO_32);
}

/* riscv64's slli 32 + srli 32 (srai 32): one extension of the source. */
static void zext_pair(void)
{
    tcg_gen_shli_i64(R[2], R[1], 32);
    tcg_gen_shri_i64(R[2], R[2], 32);
    tcg_gen_shli_i64(R[3], R[4], 32);
    tcg_gen_sari_i64(R[3], R[3], 32);
}

/* The pair on one register overwrote its source: nothing to fuse. */
static void zext_pair_in_place(void)
{
    tcg_gen_shli_i64(R[1], R[1], 32);
    tcg_gen_shri_i64(R[1], R[1], 32);
}

static const struct {
    const char *name;
    void (*body)(void);
    int before, after;
} corpus[] = {
    /* ops counted with the final exit_tb */
    { "fold_chain", fold_chain, 11, 3 },
    { "identities", identities, 12, 6 },
    { "copies", copies, 5, 3 },
    { "branch_fold", branch_fold, 12, 3 },
    { "dead_stores", dead_stores, 5, 2 },
    { "div_by_zero", div_by_zero, 5, 3 },
    { "dead_call", dead_call, 3, 2 },
    { "const_movcond", const_movcond, 4, 2 },
    { "needed", needed, 4, 4 },
    { "zext_pair", zext_pair, 9, 3 },
    { "zext_in_place", zext_pair_in_place, 5, 5 },
};

static int setup(void **state)
{
    (void)state;
    ctx = tcg_ctx_new((uintptr_t)gmem);
    tcg_ctx_set(ctx);
    for (int i = 0; i < 8; i++) {
        static const char *const n[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };

        R[i] = tcg_global_i64(offsetof(struct env, r[i]), n[i]);
    }
    W[0] = tcg_global_i32(offsetof(struct env, w[0]), "w0");
    W[1] = tcg_global_i32(offsetof(struct env, w[1]), "w1");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tcg_ctx_free(ctx);
    return 0;
}

static void test_corpus_shrinks(void **state)
{
    int total_before = 0, total_after = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
        struct tcg_check c;
        struct env e = { .r = { 1, 8, 3, 4, 0xff, 6, 7, 8 }, .w = { 9, 10 } };
        int before, after;

        tcg_func_start();
        corpus[i].body();
        tcg_gen_exit_tb(1);
        before = tcg_op_count();
        tcg_check_compile(&c);
        assert_true(tcg_check_run(&c, &e, sizeof(e), gmem, sizeof(gmem), NULL));
        tcg_check_restore_ir(&c);
        tcg_optimize();
        after = tcg_op_count();
        printf("# %-13s %3d -> %3d ops\n", corpus[i].name, before, after);
        assert_int_equal(before, corpus[i].before);
        assert_int_equal(after, corpus[i].after);
        total_before += before;
        total_after += after;
        tcg_check_free(&c);
    }
    printf("# corpus        %3d -> %3d ops\n", total_before, total_after);
    assert_true(total_after * 2 < total_before);
}

static void test_optimized_text(void **state)
{
    char buf[1024] = { 0 };
    FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");

    (void)state;
    tcg_func_start();
    fold_chain();
    copies();
    tcg_gen_exit_tb(1);
    tcg_optimize();
    tcg_dump_ops(f);
    fclose(f);
    assert_string_equal(buf,
        " movi_i64 r1,$0x0\n"
        " mov_i64 r0,r2\n"
        " movi_i64 r3,$0x0\n"
        " exit_tb $0x1\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_shrinks),
        cmocka_unit_test(test_optimized_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
