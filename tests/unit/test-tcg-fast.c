/*
 * The JIT's inline fast paths for FP helpers (enum tcg_fast in tcg.h,
 * tcg/x86_64/x86-gen.c gen_fast): a block that calls each riscv64 F/D
 * helper that has one must give the same result bits and the same
 * fflags as calling the helper directly, for operands chosen to hit
 * every way out of the fast path (NaNs, infinities, zeros, subnormal
 * and tiny results, overflow, exact results) and for random ones; with
 * NX accrued beforehand (the fast path may run) and without (it must
 * not), in every rounding mode (only RNE may take it).  The block also
 * runs on TCI, which always calls the helper.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "target/riscv64/fpu-helper.h"
#include "target/riscv64/helper.h"
#include "uemu/tcg-op.h"
#include "uemu/tcg.h"

static const uint64_t d_special[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
    0x000fffffffffffffull, 0x0010000000000000ull, 0x0010000000000001ull,
    0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3ff0000000000001ull,
    0x4000000000000000ull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff0000000000001ull, 0x3ca0000000000000ull, 0x2000000000000000ull,
    0x1ff0000000000000ull, 0x5fe0000000000000ull, 0x3fd5555555555555ull,
};
static const uint32_t s_special[] = {
    0x00000000u, 0x80000000u, 0x00000001u, 0x007fffffu, 0x00800000u,
    0x00800001u, 0x3f800000u, 0xbf800000u, 0x3f800001u, 0x40000000u,
    0x7f7fffffu, 0xff7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u,
    0x7f800001u, 0x33800000u, 0x20000000u, 0x1f800000u, 0x5f000000u,
    0x3eaaaaabu,
};
#define N_SPECIAL (sizeof(d_special) / sizeof(d_special[0]))

static const enum rv_fph fast_helpers[] = {
    RV_FPH_FADD_D, RV_FPH_FSUB_D, RV_FPH_FMUL_D, RV_FPH_FDIV_D, RV_FPH_FSQRT_D,
    RV_FPH_FEQ_D, RV_FPH_FLT_D, RV_FPH_FLE_D, RV_FPH_FADD_S, RV_FPH_FSUB_S,
    RV_FPH_FMUL_S, RV_FPH_FDIV_S, RV_FPH_FSQRT_S, RV_FPH_FEQ_S, RV_FPH_FLT_S,
    RV_FPH_FLE_S,
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A random operand: mostly ordinary numbers near 1, sometimes extremes. */
static uint64_t operand(bool f64)
{
    uint64_t r = next();

    switch (r % 8) {
    case 0:
        return f64 ? d_special[next() % N_SPECIAL] : s_special[next() % N_SPECIAL];
    case 1:
        return f64 ? r : (uint32_t)r;
    default:
        /* exponent within a few binades of 1 */
        if (f64)
            return (r & 0x800fffffffffffffull) | (uint64_t)(0x3f0 + r % 32) << 52;
        return ((uint32_t)r & 0x807fffffu) | (uint32_t)(0x70 + r % 32) << 23;
    }
}

static bool is_arith(const struct tcg_helper *h)
{
    return h->fast <= TCG_FAST_SQRT_F64 ||
           (h->fast >= TCG_FAST_ADD_F32 && h->fast <= TCG_FAST_SQRT_F32);
}

static bool is_unary(const struct tcg_helper *h)
{
    return h->fast == TCG_FAST_SQRT_F64 || h->fast == TCG_FAST_SQRT_F32;
}

/*
 * One block: f[3] = helper(env, f[1][, f[2]][, rm]), the single
 * operands and result in the low 32 bits (the helpers' view).
 */
static tcg_i64 f[4];

static void build(enum rv_fph id, uint32_t rm, struct tcg_tb *tb)
{
    const struct tcg_helper *h = &rv_fp_helpers[id];
    bool f64 = h->args[1] == TCG_TYPE_I64;
    int args[4], n = 0;

    tcg_func_start();
    args[n++] = tcg_env().n;
    for (int i = 1; i <= (is_unary(h) ? 1 : 2); i++) {
        if (f64) {
            args[n++] = f[i].n;
        } else {
            tcg_i32 v = tcg_temp_new_i32();

            tcg_gen_extrl_i64_i32(v, f[i]);
            args[n++] = v.n;
        }
    }
    if (is_arith(h)) {
        tcg_i32 rmt = tcg_temp_new_i32();

        tcg_gen_movi_i32(rmt, rm);
        args[n++] = rmt.n;
    }
    assert_int_equal(n, h->nargs);
    if (h->ret == TCG_TYPE_I64) {
        tcg_i64 r = tcg_temp_new_i64();

        tcg_gen_call(h, r.n, args);
        tcg_gen_mov_i64(f[3], r);
    } else {
        tcg_i32 r = tcg_temp_new_i32();

        tcg_gen_call(h, r.n, args);
        tcg_gen_extu_i32_i64(f[3], r);
    }
    tcg_gen_exit_tb(0);
    assert_int_equal(tcg_gen_code(tb), 0);
}

/* The helper called directly on a copy of the state. */
static void reference(enum rv_fph id, uint32_t rm, struct rv_cpu *c)
{
    const struct tcg_helper *h = &rv_fp_helpers[id];
    bool f64 = h->args[1] == TCG_TYPE_I64;
    uint64_t a = f64 ? c->f[1] : (uint32_t)c->f[1];
    uint64_t b = f64 ? c->f[2] : (uint32_t)c->f[2];

    if (is_unary(h) && f64)
        c->f[3] = ((uint64_t (*)(struct rv_cpu *, uint64_t, uint32_t))h->func)(c, a, rm);
    else if (is_unary(h))
        c->f[3] = ((uint32_t (*)(struct rv_cpu *, uint32_t, uint32_t))h->func)(c, (uint32_t)a, rm);
    else if (is_arith(h) && f64)
        c->f[3] = ((uint64_t (*)(struct rv_cpu *, uint64_t, uint64_t, uint32_t))h->func)(c, a, b, rm);
    else if (is_arith(h))
        c->f[3] = ((uint32_t (*)(struct rv_cpu *, uint32_t, uint32_t, uint32_t))h->func)(
            c, (uint32_t)a, (uint32_t)b, rm);
    else if (f64)
        c->f[3] = ((uint64_t (*)(struct rv_cpu *, uint64_t, uint64_t))h->func)(c, a, b);
    else
        c->f[3] = ((uint64_t (*)(struct rv_cpu *, uint32_t, uint32_t))h->func)(
            c, (uint32_t)a, (uint32_t)b);
}

static void check_backend(const char *backend)
{
    struct tcg_ctx *ctx;

    assert_int_equal(tcg_backend_select(backend), 0);
    ctx = tcg_ctx_new(0);
    tcg_ctx_set(ctx);
    f[1] = tcg_global_i64(rv_env_layout.f + 8, "f1");
    f[2] = tcg_global_i64(rv_env_layout.f + 16, "f2");
    f[3] = tcg_global_i64(rv_env_layout.f + 24, "f3");
    for (size_t k = 0; k < sizeof(fast_helpers) / sizeof(fast_helpers[0]); k++) {
        enum rv_fph id = fast_helpers[k];
        bool f64 = rv_fp_helpers[id].args[1] == TCG_TYPE_I64;

        assert_int_not_equal(rv_fp_helpers[id].fast, TCG_FAST_NONE);
        for (uint32_t rm = 0; rm < 4; rm++) {
            struct tcg_tb tb;

            build(id, rm, &tb);
            for (int i = 0; i < 3000; i++) {
                struct rv_cpu got, want;
                uint32_t in_flags;

                memset(&got, 0, sizeof(got));
                got.f[1] = i < (int)(N_SPECIAL * N_SPECIAL)
                               ? (f64 ? d_special[i % N_SPECIAL] : s_special[i % N_SPECIAL])
                               : operand(f64);
                got.f[2] = i < (int)(N_SPECIAL * N_SPECIAL)
                               ? (f64 ? d_special[i / N_SPECIAL] : s_special[i / N_SPECIAL])
                               : operand(f64);
                got.fflags = next() % 3 ? RV_FFLAG_NX : (uint32_t)(next() & 0x1f);
                want = got;
                in_flags = got.fflags;
                reference(id, rm, &want);
                assert_int_equal(tcg_tb_exec(&tb, &got), 0);
                if (got.f[3] != want.f[3] || got.fflags != want.fflags) {
                    print_error("%s %s rm %u: a %llx b %llx fflags in %x: got %llx/%x want %llx/%x\n",
                                backend, rv_fp_helpers[id].name, rm,
                                (unsigned long long)got.f[1], (unsigned long long)got.f[2],
                                in_flags, (unsigned long long)got.f[3],
                                (unsigned)got.fflags, (unsigned long long)want.f[3],
                                (unsigned)want.fflags);
                    fail();
                }
            }
            tcg_tb_free(&tb);
        }
    }
    tcg_ctx_free(ctx);
}

static void test_fast_paths_jit(void **state)
{
    (void)state;
    if (tcg_backend_select("jit") != 0)
        skip();
    check_backend("jit");
}

static void test_fast_paths_tci(void **state)
{
    (void)state;
    check_backend("tci");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_paths_jit),
        cmocka_unit_test(test_fast_paths_tci),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
