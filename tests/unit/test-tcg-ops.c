/*
 * Every IR op, for both types, on a table of edge-case inputs (0, 1, -1,
 * MIN, MAX, shift counts 0, width-1, width, larger, ...), run through the
 * reference interpreter and every backend (tcg-check.h): all must agree.
 * The reference itself is pinned by hand-computed results for the cases
 * the IR defines specially (division by zero, MIN / -1, counts >= width,
 * clz/ctz of zero, ...).  Also covers CPU-state and guest memory access,
 * alignment faults, atomics, helper calls and block exits/chaining.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "uemu/tcg-op.h"
#include "tests/unit/tcg-check.h"
#include "tests/unit/tcg-ref.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct env {
    uint64_t r[8];
    uint32_t w[8];
    uint64_t st[4];
};

#define GUEST_ADDR 0x10000u
static unsigned char gmem[4096] __attribute__((aligned(64)));
static struct tcg_ctx *ctx;
static tcg_i64 R[8];
static tcg_i32 W[8];

static const uint64_t edge64[] = {
    0, 1, ~0ull, 1ull << 63, ~0ull >> 1, 2, 31, 32, 33, 63, 64, 65, 1000,
    0xffffffffull, 0x80000000ull, 0x123456789abcdef0ull, 0xfedcba9876543210ull,
};
static const uint64_t edge32[] = {
    0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 2, 15, 16, 31, 32, 33, 64,
    1000, 0xffff, 0x8000, 0x12345678, 0xfedcba98,
};

static int setup(void **state)
{
    (void)state;
    ctx = tcg_ctx_new((uintptr_t)gmem - GUEST_ADDR);
    assert_non_null(ctx);
    tcg_ctx_set(ctx);
    for (int i = 0; i < 8; i++) {
        static const char *const rn[8] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
        static const char *const wn[8] = { "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7" };

        R[i] = tcg_global_i64(offsetof(struct env, r[i]), rn[i]);
        W[i] = tcg_global_i32(offsetof(struct env, w[i]), wn[i]);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tcg_ctx_free(ctx);
    return 0;
}

/* Run the current block on env and gmem through every backend. */
static uintptr_t check(struct tcg_check *c, struct env *e)
{
    uintptr_t ret;

    assert_true(tcg_check_run(c, e, sizeof(*e), gmem, sizeof(gmem), &ret));
    return ret;
}

static void set_in(struct env *e, int i32, int k, uint64_t v)
{
    if (i32)
        e->w[k] = (uint32_t)v;
    else
        e->r[k] = v;
}

static uint64_t get_out(const struct env *e, int i32, int k)
{
    return i32 ? e->w[k] : e->r[k];
}

typedef void bin_i32(tcg_i32, tcg_i32, tcg_i32);
typedef void bin_i64(tcg_i64, tcg_i64, tcg_i64);
typedef void un_i32(tcg_i32, tcg_i32);
typedef void un_i64(tcg_i64, tcg_i64);

#define BIN(name) { #name, tcg_gen_##name##_i32, tcg_gen_##name##_i64 }
static const struct { const char *name; bin_i32 *f32; bin_i64 *f64; } bins[] = {
    BIN(add), BIN(sub), BIN(mul), BIN(div), BIN(divu), BIN(rem), BIN(remu),
    BIN(and), BIN(or), BIN(xor), BIN(andc), BIN(orc), BIN(shl), BIN(shr),
    BIN(sar), BIN(rotl), BIN(rotr),
};
#define UN(name) { #name, tcg_gen_##name##_i32, tcg_gen_##name##_i64 }
static const struct { const char *name; un_i32 *f32; un_i64 *f64; } uns[] = {
    UN(mov), UN(neg), UN(not), UN(clz), UN(ctz), UN(ctpop), UN(bswap16),
    UN(bswap32), UN(ext8s), UN(ext8u), UN(ext16s), UN(ext16u),
    { "bswap64", NULL, tcg_gen_bswap64_i64 },
    { "ext32s", NULL, tcg_gen_ext32s_i64 },
    { "ext32u", NULL, tcg_gen_ext32u_i64 },
};

static const uint64_t *edges(int i32, size_t *n)
{
    *n = i32 ? ARRAY_LEN(edge32) : ARRAY_LEN(edge64);
    return i32 ? edge32 : edge64;
}

/* Run the compiled block for every pair of edge values in inputs 0, 1. */
static void all_pairs(struct tcg_check *c, int i32)
{
    size_t n;
    const uint64_t *v = edges(i32, &n);

    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            struct env e = { 0 };

            set_in(&e, i32, 0, v[i]);
            set_in(&e, i32, 1, v[j]);
            check(c, &e);
        }
    }
}

static void test_binops(void **state)
{
    (void)state;
    for (size_t k = 0; k < ARRAY_LEN(bins); k++) {
        for (int i32 = 0; i32 < 2; i32++) {
            struct tcg_check c;

            tcg_func_start();
            if (i32)
                bins[k].f32(W[4], W[0], W[1]);
            else
                bins[k].f64(R[4], R[0], R[1]);
            tcg_gen_exit_tb(0);
            tcg_check_compile(&c);
            all_pairs(&c, i32);
            tcg_check_free(&c);
        }
    }
}

/* Binary ops with an operand that is also the output, and on locals. */
static void test_binops_aliased(void **state)
{
    (void)state;
    for (size_t k = 0; k < ARRAY_LEN(bins); k++) {
        struct tcg_check c;
        tcg_i64 t;

        tcg_func_start();
        t = tcg_temp_new_i64();
        tcg_gen_mov_i64(t, R[0]);
        bins[k].f64(t, t, R[1]);
        bins[k].f64(R[5], R[1], t);
        tcg_gen_mov_i64(R[4], t);
        tcg_gen_exit_tb(0);
        tcg_check_compile(&c);
        all_pairs(&c, 0);
        tcg_check_free(&c);
    }
}

static void test_unops(void **state)
{
    (void)state;
    for (size_t k = 0; k < ARRAY_LEN(uns); k++) {
        for (int i32 = 0; i32 < 2; i32++) {
            struct tcg_check c;
            size_t n;
            const uint64_t *v = edges(i32, &n);

            if (i32 && !uns[k].f32)
                continue;
            tcg_func_start();
            if (i32)
                uns[k].f32(W[4], W[0]);
            else
                uns[k].f64(R[4], R[0]);
            tcg_gen_exit_tb(0);
            tcg_check_compile(&c);
            for (size_t i = 0; i < n; i++) {
                struct env e = { 0 };

                set_in(&e, i32, 0, v[i]);
                check(&c, &e);
            }
            tcg_check_free(&c);
        }
    }
}

static void test_mul2(void **state)
{
    (void)state;
    for (int sign = 0; sign < 2; sign++) {
        for (int i32 = 0; i32 < 2; i32++) {
            struct tcg_check c;

            tcg_func_start();
            if (i32 && sign)
                tcg_gen_muls2_i32(W[4], W[5], W[0], W[1]);
            else if (i32)
                tcg_gen_mulu2_i32(W[4], W[5], W[0], W[1]);
            else if (sign)
                tcg_gen_muls2_i64(R[4], R[5], R[0], R[1]);
            else
                tcg_gen_mulu2_i64(R[4], R[5], R[0], R[1]);
            tcg_gen_exit_tb(0);
            tcg_check_compile(&c);
            all_pairs(&c, i32);
            tcg_check_free(&c);
        }
    }
}

static void test_fields(void **state)
{
    static const unsigned f[][2] = {
        { 0, 1 }, { 0, 8 }, { 3, 5 }, { 8, 16 }, { 0, 31 }, { 1, 31 },
        { 31, 1 }, { 0, 32 }, { 16, 16 }, { 32, 32 }, { 0, 64 }, { 63, 1 },
        { 1, 63 }, { 20, 40 },
    };

    (void)state;
    for (int i32 = 0; i32 < 2; i32++) {
        for (size_t k = 0; k < ARRAY_LEN(f); k++) {
            struct tcg_check c;
            unsigned pos = f[k][0], len = f[k][1];

            if (i32 && pos + len > 32)
                continue;
            tcg_func_start();
            if (i32) {
                tcg_gen_deposit_i32(W[4], W[0], W[1], pos, len);
                tcg_gen_extract_i32(W[5], W[0], pos, len);
                tcg_gen_sextract_i32(W[6], W[1], pos, len);
            } else {
                tcg_gen_deposit_i64(R[4], R[0], R[1], pos, len);
                tcg_gen_extract_i64(R[5], R[0], pos, len);
                tcg_gen_sextract_i64(R[6], R[1], pos, len);
            }
            tcg_gen_exit_tb(0);
            tcg_check_compile(&c);
            all_pairs(&c, i32);
            tcg_check_free(&c);
        }
    }
}

static void test_conds(void **state)
{
    (void)state;
    for (int i32 = 0; i32 < 2; i32++) {
        for (int cond = 0; cond < TCG_COND_COUNT; cond++) {
            struct tcg_check c;
            tcg_label *l;

            tcg_func_start();
            l = tcg_gen_new_label();
            if (i32) {
                tcg_gen_setcond_i32(cond, W[4], W[0], W[1]);
                tcg_gen_movcond_i32(cond, W[5], W[0], W[1], W[2], W[3]);
                tcg_gen_movi_i32(W[6], 1);
                tcg_gen_brcond_i32(cond, W[0], W[1], l);
                tcg_gen_movi_i32(W[6], 2);
            } else {
                tcg_gen_setcond_i64(cond, R[4], R[0], R[1]);
                tcg_gen_movcond_i64(cond, R[5], R[0], R[1], R[2], R[3]);
                tcg_gen_movi_i64(R[6], 1);
                tcg_gen_brcond_i64(cond, R[0], R[1], l);
                tcg_gen_movi_i64(R[6], 2);
            }
            tcg_gen_set_label(l);
            tcg_gen_exit_tb(0);
            tcg_check_compile(&c);
            {
                size_t n;
                const uint64_t *v = edges(i32, &n);

                for (size_t i = 0; i < n; i++) {
                    for (size_t j = 0; j < n; j++) {
                        struct env e = { 0 };

                        set_in(&e, i32, 0, v[i]);
                        set_in(&e, i32, 1, v[j]);
                        set_in(&e, i32, 2, 0x1111);
                        set_in(&e, i32, 3, 0x2222);
                        check(&c, &e);
                    }
                }
            }
            tcg_check_free(&c);
        }
    }
}

static void test_conversions(void **state)
{
    struct tcg_check c;

    (void)state;
    tcg_func_start();
    tcg_gen_ext_i32_i64(R[4], W[0]);
    tcg_gen_extu_i32_i64(R[5], W[0]);
    tcg_gen_extrl_i64_i32(W[4], R[0]);
    tcg_gen_extrh_i64_i32(W[5], R[0]);
    tcg_gen_exit_tb(0);
    tcg_check_compile(&c);
    for (size_t i = 0; i < ARRAY_LEN(edge64); i++) {
        struct env e = { .r = { edge64[i] }, .w = { (uint32_t)edge64[i] } };

        check(&c, &e);
        assert_int_equal(e.r[4], (uint64_t)(int64_t)(int32_t)edge64[i]);
        assert_int_equal(e.r[5], (uint32_t)edge64[i]);
        assert_int_equal(e.w[5], (uint32_t)(edge64[i] >> 32));
    }
    tcg_check_free(&c);
}

/* Run ops on one or two inputs through the reference only. */
static uint64_t ref2(int i32, size_t k, uint64_t a, uint64_t b)
{
    struct env e = { 0 };

    tcg_func_start();
    if (i32)
        bins[k].f32(W[4], W[0], W[1]);
    else
        bins[k].f64(R[4], R[0], R[1]);
    set_in(&e, i32, 0, a);
    set_in(&e, i32, 1, b);
    tcg_ref_run(&e);
    return get_out(&e, i32, 4);
}

static uint64_t ref1(int i32, size_t k, uint64_t a)
{
    struct env e = { 0 };

    tcg_func_start();
    if (i32)
        uns[k].f32(W[4], W[0]);
    else
        uns[k].f64(R[4], R[0]);
    set_in(&e, i32, 0, a);
    tcg_ref_run(&e);
    return get_out(&e, i32, 4);
}

static size_t bin_index(const char *name)
{
    for (size_t k = 0; k < ARRAY_LEN(bins); k++) {
        if (!strcmp(bins[k].name, name))
            return k;
    }
    fail();
    return 0;
}

static size_t un_index(const char *name)
{
    for (size_t k = 0; k < ARRAY_LEN(uns); k++) {
        if (!strcmp(uns[k].name, name))
            return k;
    }
    fail();
    return 0;
}

/* The oracle against hand-computed values. */
static void test_reference_golden(void **state)
{
    static const struct { const char *op; int i32; uint64_t a, b, r; } g2[] = {
        { "div", 0, 7, 0, ~0ull }, { "divu", 0, 7, 0, ~0ull },
        { "rem", 0, 7, 0, 7 }, { "remu", 0, 7, 0, 7 },
        { "div", 0, 1ull << 63, ~0ull, 1ull << 63 },
        { "rem", 0, 1ull << 63, ~0ull, 0 },
        { "div", 1, 0x80000000, 0xffffffff, 0x80000000 },
        { "rem", 1, 0x80000000, 0xffffffff, 0 },
        { "div", 1, 5, 0, 0xffffffff }, { "rem", 1, 5, 0, 5 },
        { "div", 0, (uint64_t)-7, 2, (uint64_t)-3 },
        { "rem", 0, (uint64_t)-7, 2, (uint64_t)-1 },
        { "shl", 0, 1, 64, 1 }, { "shl", 0, 1, 65, 2 }, { "shl", 0, 1, 63, 1ull << 63 },
        { "shl", 1, 1, 32, 1 }, { "shl", 1, 1, 33, 2 },
        { "shr", 0, 1ull << 63, 63, 1 }, { "sar", 0, 1ull << 63, 63, ~0ull },
        { "sar", 1, 0x80000000, 31, 0xffffffff }, { "sar", 1, 0x80000000, 32, 0x80000000 },
        { "rotl", 0, 1ull << 63, 1, 1 }, { "rotr", 0, 1, 1, 1ull << 63 },
        { "rotl", 1, 0x80000001, 4, 0x18 }, { "rotr", 1, 1, 64, 1 },
        { "andc", 0, 0xff, 0x0f, 0xf0 }, { "orc", 1, 0, 0xffff, 0xffff0000 },
        { "mul", 1, 0x10000, 0x10000, 0 },
    };
    static const struct { const char *op; int i32; uint64_t a, r; } g1[] = {
        { "clz", 0, 0, 64 }, { "clz", 1, 0, 32 }, { "ctz", 0, 0, 64 },
        { "ctz", 1, 0, 32 }, { "clz", 0, 1, 63 }, { "clz", 1, 1, 31 },
        { "ctz", 0, 1ull << 63, 63 }, { "ctpop", 0, ~0ull, 64 },
        { "ctpop", 1, ~0ull, 32 }, { "bswap16", 0, 0x1122334455667788ull, 0x8877 },
        { "bswap32", 0, 0x1122334455667788ull, 0x88776655 },
        { "bswap64", 0, 0x1122334455667788ull, 0x8877665544332211ull },
        { "bswap32", 1, 0x11223344, 0x44332211 },
        { "ext8s", 1, 0x80, 0xffffff80 }, { "ext16s", 0, 0x8000, 0xffffffffffff8000ull },
        { "ext32u", 0, ~0ull, 0xffffffff }, { "neg", 1, 1, 0xffffffff },
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(g2); i++)
        assert_int_equal(ref2(g2[i].i32, bin_index(g2[i].op), g2[i].a, g2[i].b), g2[i].r);
    for (size_t i = 0; i < ARRAY_LEN(g1); i++)
        assert_int_equal(ref1(g1[i].i32, un_index(g1[i].op), g1[i].a), g1[i].r);
}

static void test_env_ldst(void **state)
{
    (void)state;
    for (unsigned mo = 0; mo < 8; mo++) {
        for (int i32 = 0; i32 < 2; i32++) {
            struct tcg_check c;

            if (i32 && (mo & TCG_MO_SIZE) == TCG_MO_64)
                continue;
            tcg_func_start();
            if (i32) {
                tcg_i32 t = tcg_temp_new_i32();

                tcg_gen_ld_i32(t, tcg_env(), offsetof(struct env, st[1]) + 1, mo);
                tcg_gen_mov_i32(W[4], t);
                tcg_gen_st_i32(W[0], tcg_env(), offsetof(struct env, st[2]) + 3, mo);
            } else {
                tcg_gen_ld_i64(R[4], tcg_env(), offsetof(struct env, st[1]) + 1, mo);
                tcg_gen_st_i64(R[0], tcg_env(), offsetof(struct env, st[2]) + 3, mo);
            }
            tcg_gen_exit_tb(0);
            tcg_check_compile(&c);
            for (size_t i = 0; i < ARRAY_LEN(edge64); i++) {
                struct env e = { .r = { edge64[i] }, .w = { (uint32_t)edge64[i] },
                                 .st = { 0, 0x8182838485868788ull, 0x5555555555555555ull,
                                         0x1234 } };

                check(&c, &e);
            }
            tcg_check_free(&c);
        }
    }
}

static void fill_gmem(void)
{
    for (size_t i = 0; i < sizeof(gmem); i++)
        gmem[i] = (unsigned char)(i * 37 + 0x80);
}

static void test_guest_ldst(void **state)
{
    (void)state;
    for (unsigned mo = 0; mo < 16; mo++) {
        for (int i32 = 0; i32 < 2; i32++) {
            struct tcg_check c;

            if (i32 && (mo & TCG_MO_SIZE) == TCG_MO_64)
                continue;
            tcg_func_start();
            tcg_gen_insn_start(0x100, 0);
            tcg_gen_movi_i64(R[6], 7);
            tcg_gen_insn_start(0x104, 1);
            if (i32) {
                tcg_gen_qemu_ld_i32(W[4], R[0], mo);
                tcg_gen_qemu_st_i32(W[1], R[2], mo);
            } else {
                tcg_gen_qemu_ld_i64(R[4], R[0], mo);
                tcg_gen_qemu_st_i64(R[1], R[2], mo);
            }
            tcg_gen_exit_tb(3);
            tcg_check_compile(&c);
            for (unsigned off = 0; off < 9; off++) {
                struct env e = { .r = { GUEST_ADDR + 64 + off, 0x0123456789abcdefull,
                                        GUEST_ADDR + 256 + off },
                                 .w = { 0, 0xdeadbeef } };
                uintptr_t ret;
                unsigned size = 1u << (mo & TCG_MO_SIZE);

                fill_gmem();
                ret = check(&c, &e);
                assert_int_equal(e.r[6], 7);
                if ((mo & TCG_MO_ALIGN) && (off & (size - 1))) {
                    assert_int_equal(ret, TCG_EXIT_FAULT);
                    assert_int_equal(tcg_fault.addr, GUEST_ADDR + 64 + off);
                    assert_int_equal(tcg_fault.insn, 1);
                    assert_false(tcg_fault.is_write);
                } else {
                    assert_int_equal(ret, 3);
                }
            }
            tcg_check_free(&c);
        }
    }
}

static void test_atomics(void **state)
{
    (void)state;
    for (unsigned size = 0; size < 4; size++) {
        for (int i32 = 0; i32 < 2; i32++) {
            for (int aop = -1; aop < TCG_AOP_COUNT; aop++) {
                struct tcg_check c;
                unsigned mo = size | (aop & 1 ? TCG_MO_SIGN : 0);

                if (i32 && size == 3)
                    continue;
                tcg_func_start();
                tcg_gen_insn_start(0x200, 0);
                if (aop < 0 && i32)
                    tcg_gen_atomic_cmpxchg_i32(W[4], R[0], W[1], W[2], mo);
                else if (aop < 0)
                    tcg_gen_atomic_cmpxchg_i64(R[4], R[0], R[1], R[2], mo);
                else if (i32)
                    tcg_gen_atomic_fetch_i32(aop, W[4], R[0], W[1], mo);
                else
                    tcg_gen_atomic_fetch_i64(aop, R[4], R[0], R[1], mo);
                tcg_gen_exit_tb(0);
                tcg_check_compile(&c);
                for (size_t i = 0; i < ARRAY_LEN(edge64); i++) {
                    for (unsigned off = 0; off < 2; off++) {
                        struct env e = {
                            .r = { GUEST_ADDR + 128 + off * (size ? 1 : 8),
                                   edge64[i], edge64[(i + 3) % ARRAY_LEN(edge64)] },
                            .w = { 0, (uint32_t)edge64[i], 0x5a5a5a5a },
                        };

                        fill_gmem();
                        memcpy(gmem + 128, &edge64[(i * 7) % ARRAY_LEN(edge64)], 8);
                        if (i % 3 == 0)  /* make cmpxchg succeed sometimes */
                            memcpy(gmem + 128, &edge64[i], 8);
                        check(&c, &e);
                    }
                }
                tcg_check_free(&c);
            }
        }
    }
}

static uint64_t h_sum6(uint64_t a, uint32_t b, uint64_t c, uint32_t d,
                       uint64_t e, uint64_t f)
{
    return a + b * 3ull + c * 5 + d * 7ull + e * 11 + f * 13;
}

static uint32_t h_mix(uint32_t a, uint32_t b)
{
    return a * 31 + (b ^ 0x55aa);
}

static void h_poke(void *env, uint64_t v)
{
    struct env *e = env;

    e->r[7] = v * 2;
    e->st[0] = v + 1;
}

static const struct tcg_helper help_sum6 = {
    .name = "sum6",
    .func = (void *)h_sum6,
    .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_I64,
    .nargs = 6,
    .args = { TCG_TYPE_I64, TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_I64 },
};
static const struct tcg_helper help_mix = {
    .name = "mix",
    .func = (void *)h_mix,
    .flags = TCG_CALL_NO_SIDE_EFFECTS | TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_I32,
    .nargs = 2,
    .args = { TCG_TYPE_I32, TCG_TYPE_I32 },
};
static const struct tcg_helper help_poke = {
    .name = "poke",
    .func = (void *)h_poke,
    .flags = 0,
    .ret = TCG_TYPE_VOID,
    .nargs = 2,
    .args = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};

static void test_calls(void **state)
{
    struct tcg_check c;

    (void)state;
    tcg_func_start();
    tcg_gen_mov_i64(R[7], R[1]);
    tcg_gen_call(&help_sum6, R[4].n,
                 (const int[]){ R[0].n, W[0].n, R[1].n, W[1].n, R[2].n, R[3].n });
    tcg_gen_call(&help_mix, W[4].n, (const int[]){ W[0].n, W[1].n });
    tcg_gen_call(&help_poke, -1, (const int[]){ tcg_env().n, R[0].n });
    tcg_gen_addi_i64(R[5], R[7], 1);
    tcg_gen_exit_tb(0);
    tcg_check_compile(&c);
    for (size_t i = 0; i < ARRAY_LEN(edge64); i++) {
        struct env e = {
            .r = { edge64[i], edge64[(i + 1) % ARRAY_LEN(edge64)], 3, 4 },
            .w = { (uint32_t)edge64[i], 0xffffffff },
        };

        check(&c, &e);
        assert_int_equal(e.r[4], h_sum6(e.r[0], e.w[0], e.r[1], e.w[1], 3, 4));
        assert_int_equal(e.w[4], h_mix(e.w[0], e.w[1]));
        assert_int_equal(e.r[7], e.r[0] * 2);
        assert_int_equal(e.r[5], e.r[0] * 2 + 1);
        assert_int_equal(e.st[0], e.r[0] + 1);
    }
    tcg_check_free(&c);
}

static void test_barrier(void **state)
{
    struct tcg_check c;
    struct env e = { .r = { 5 } };

    (void)state;
    tcg_func_start();
    tcg_gen_mb(TCG_MB_ALL);
    tcg_gen_addi_i64(R[4], R[0], 1);
    tcg_gen_mb(TCG_MB_ST_ST);
    tcg_check_compile(&c);
    assert_int_equal(check(&c, &e), 0);   /* ran off the end */
    assert_int_equal(e.r[4], 6);
    tcg_check_free(&c);
}

/* goto_tb chaining, unchaining and goto_ptr, on each backend. */
static void test_exits(void **state)
{
    static const char *const be[] = { "jit", "tci" };

    (void)state;
    for (size_t b = 0; b < ARRAY_LEN(be); b++) {
        struct tcg_tb ta, tb, tc;
        struct env e = { 0 };
        tcg_ptr p;

        if (tcg_backend_select(be[b]) < 0)
            continue;
        tcg_func_start();
        tcg_gen_addi_i64(R[0], R[0], 1);
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb(0x11);
        tcg_gen_goto_tb(1);
        tcg_gen_exit_tb(0x12);
        assert_int_equal(tcg_gen_code(&ta), 0);

        tcg_func_start();
        tcg_gen_addi_i64(R[1], R[1], 10);
        tcg_gen_exit_tb(0x20);
        assert_int_equal(tcg_gen_code(&tb), 0);

        tcg_func_start();
        p = tcg_temp_new_ptr();
        tcg_gen_ld_i64(tcg_ptr_i64(p), tcg_env(), offsetof(struct env, st[3]), TCG_MO_64);
        tcg_gen_goto_ptr(p);
        assert_int_equal(tcg_gen_code(&tc), 0);

        assert_int_equal(tcg_tb_exec(&ta, &e), 0x11);
        assert_int_equal(e.r[0], 1);
        tcg_tb_set_jump(&ta, 0, &tb);
        assert_int_equal(tcg_tb_exec(&ta, &e), 0x20);
        assert_int_equal(e.r[0], 2);
        assert_int_equal(e.r[1], 10);
        tcg_tb_reset_jump(&ta, 0);
        assert_int_equal(tcg_tb_exec(&ta, &e), 0x11);
        assert_int_equal(e.r[1], 10);

        e.st[3] = tcg_tb_ptr(&tb);
        assert_int_equal(tcg_tb_exec(&tc, &e), 0x20);
        assert_int_equal(e.r[1], 20);
        e.st[3] = 0;
        assert_int_equal(tcg_tb_exec(&tc, &e), 0);
        tcg_tb_free(&ta);
        tcg_tb_free(&tb);
        tcg_tb_free(&tc);
        tcg_code_flush();
    }
    tcg_backend_select("tci");
}

static void test_backend_select(void **state)
{
    (void)state;
    assert_int_equal(tcg_backend_select("nonesuch"), -ENOENT);
    assert_int_equal(tcg_backend_select("tci"), 0);
    assert_string_equal(tcg_backend_name(), "tci");
}

static void test_insn_table(void **state)
{
    struct tcg_tb tb;
    static const char *const be[] = { "jit", "tci" };

    (void)state;
    for (size_t b = 0; b < ARRAY_LEN(be); b++) {
        if (tcg_backend_select(be[b]) < 0)
            continue;
        tcg_func_start();
        tcg_gen_insn_start(0x1000, 5);
        tcg_gen_addi_i64(R[0], R[0], 1);
        tcg_gen_insn_start(0x1004, 6);
        tcg_gen_addi_i64(R[1], R[1], 1);
        tcg_gen_exit_tb(0);
        assert_int_equal(tcg_gen_code(&tb), 0);
        assert_int_equal(tb.nb_insns, 2);
        uint64_t d0[TCG_INSN_DATA_WORDS], d1[TCG_INSN_DATA_WORDS];
        uint32_t end0, end1;

        assert_true(tcg_tb_insn(&tb, 0, d0, &end0));
        assert_true(tcg_tb_insn(&tb, 1, d1, &end1));
        assert_false(tcg_tb_insn(&tb, 2, d1, NULL));
        assert_int_equal(d0[0], 0x1000);
        assert_int_equal(d0[1], 5);
        assert_int_equal(d1[0], 0x1004);
        assert_int_equal(d1[1], 6);
        assert_true(end0 <= end1);
        assert_true(end1 <= tb.size);
        assert_int_equal(tcg_tb_find_insn(&tb, (uintptr_t)tb.code), 0);
        assert_int_equal(tcg_tb_find_insn(&tb, (uintptr_t)tb.code + end0), 1);
        assert_int_equal(tcg_tb_find_insn(&tb, (uintptr_t)tb.code + tb.size), -1);
        tcg_tb_free(&tb);

        /* the packed tables keep any 64-bit values, going down too */
        static const uint64_t vals[][2] = {
            { 0xfffffffffffff000ull, 0 }, { 0x10, ~0ull }, { 0x8000000000000000ull, 1 },
            { 0x7fffffffffffffffull, 0x123456789abcdefull }, { 0x10, 0x10 },
        };
        tcg_func_start();
        for (size_t i = 0; i < ARRAY_LEN(vals); i++) {
            tcg_gen_insn_start(vals[i][0], vals[i][1]);
            tcg_gen_addi_i64(R[0], R[0], i + 1);
        }
        tcg_gen_exit_tb(0);
        assert_int_equal(tcg_gen_code(&tb), 0);
        assert_int_equal(tb.nb_insns, ARRAY_LEN(vals));
        end0 = 0;
        for (unsigned i = 0; i < ARRAY_LEN(vals); i++) {
            assert_true(tcg_tb_insn(&tb, i, d0, &end1));
            assert_int_equal(d0[0], vals[i][0]);
            assert_int_equal(d0[1], vals[i][1]);
            assert_true(end1 >= end0 && end1 <= tb.size);
            if (end1 > end0)
                assert_int_equal(tcg_tb_find_insn(&tb, (uintptr_t)tb.code + end1 - 1), i);
            end0 = end1;
        }
        tcg_tb_free(&tb);
        tcg_code_flush();
    }
    tcg_backend_select("tci");
}

static void test_dump_ops(void **state)
{
    char buf[512] = { 0 };
    FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
    tcg_label *l;
    tcg_i64 t;

    (void)state;
    assert_non_null(f);
    tcg_func_start();
    t = tcg_temp_new_i64();
    l = tcg_gen_new_label();
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_addi_i64(t, R[1], 8);
    tcg_gen_brcond_i64(TCG_COND_LTU, t, R[2], l);
    tcg_gen_qemu_ld_i32(W[0], t, TCG_MO_16 | TCG_MO_SIGN);
    tcg_gen_set_label(l);
    tcg_gen_exit_tb(5);
    tcg_dump_ops(f);
    fclose(f);
    assert_string_equal(buf,
        "\n insn_start $0x1000,$0x0\n"
        " movi_i64 t1,$0x8\n"
        " add_i64 t0,r1,t1\n"
        " brcond_i64 t0,r2,ltu,$L0\n"
        " qemu_ld_i32 w0,t0,$0x5\n"
        " set_label $L0\n"
        " exit_tb $0x5\n");
}

/* tcg_gen_code's dumps: IR, optimized IR and the code, in that order. */
static void test_gen_code_dumps(void **state)
{
    static const char *const be[] = { "jit", "tci" };
    char buf[8192];

    (void)state;
    for (size_t b = 0; b < ARRAY_LEN(be); b++) {
        FILE *f;
        struct tcg_tb tb;
        char *op, *opt, *out;
        tcg_i64 c0;

        if (tcg_backend_select(be[b]) < 0)
            continue;
        memset(buf, 0, sizeof(buf));
        f = fmemopen(buf, sizeof(buf) - 1, "w");
        assert_non_null(f);
        tcg_ctx_set_dump(ctx, f, TCG_DUMP_OP | TCG_DUMP_OP_OPT | TCG_DUMP_OUT_ASM);
        tcg_func_start();
        c0 = tcg_temp_new_i64();
        tcg_gen_movi_i64(c0, 0);
        tcg_gen_add_i64(R[0], R[1], c0);
        tcg_gen_exit_tb(7);
        assert_int_equal(tcg_gen_code(&tb), 0);
        tcg_ctx_set_dump(ctx, NULL, 0);
        fclose(f);
        op = strstr(buf, "OP:\n movi_i64 t0,$0x0\n add_i64 r0,r1,t0\n exit_tb $0x7\n");
        opt = strstr(buf, "OP after optimization:\n mov_i64 r0,r1\n exit_tb $0x7\n");
        out = strstr(buf, "OUT (");
        assert_non_null(op);
        assert_non_null(opt);
        assert_non_null(out);
        assert_true(op < opt && opt < out);
        assert_non_null(strstr(out, be[b][0] == 'j' ? "jmp" : "exit_tb"));
        tcg_tb_free(&tb);
        tcg_code_flush();
    }
    tcg_backend_select("tci");
}

/* The whole suite runs with the host's optional instructions and without. */
static int no_features(void **state)
{
    setup(state);
    tcg_host_features_mask(0);
    return 0;
}

/* The *i builders emit nothing for an identity immediate on the same
 * temp, a mov onto another, and the op itself otherwise. */
static void test_identity_immediates(void **state)
{
    static const struct {
        void (*f)(tcg_i64, tcg_i64, uint64_t);
        uint64_t identity, other;
    } cases[] = {
        { tcg_gen_addi_i64, 0, 1 }, { tcg_gen_subi_i64, 0, 1 },
        { tcg_gen_ori_i64, 0, 1 },  { tcg_gen_xori_i64, 0, 1 },
        { tcg_gen_shli_i64, 0, 1 }, { tcg_gen_shri_i64, 0, 1 },
        { tcg_gen_sari_i64, 0, 1 }, { tcg_gen_muli_i64, 1, 0 },
        { tcg_gen_andi_i64, ~0ull, 0xffffffffull },
    };

    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        tcg_func_start();
        cases[i].f(R[0], R[0], cases[i].identity);
        assert_int_equal(tcg_op_count(), 0);
        cases[i].f(R[0], R[1], cases[i].identity);
        assert_int_equal(tcg_op_count(), 1);
        cases[i].f(R[0], R[1], cases[i].other);
        assert_int_equal(tcg_op_count(), 3);
    }
    tcg_func_start();
    tcg_gen_andi_i32(W[0], W[0], 0xffffffffu);
    assert_int_equal(tcg_op_count(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backend_select),
        cmocka_unit_test(test_reference_golden),
        cmocka_unit_test(test_binops),
        cmocka_unit_test(test_binops_aliased),
        cmocka_unit_test(test_unops),
        cmocka_unit_test(test_mul2),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_conds),
        cmocka_unit_test(test_conversions),
        cmocka_unit_test(test_env_ldst),
        cmocka_unit_test(test_guest_ldst),
        cmocka_unit_test(test_atomics),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_barrier),
        cmocka_unit_test(test_exits),
        cmocka_unit_test(test_insn_table),
        cmocka_unit_test(test_dump_ops),
        cmocka_unit_test(test_gen_code_dumps),
        cmocka_unit_test(test_identity_immediates),
    };
    int fails = cmocka_run_group_tests_name("all host features", tests, setup, teardown);

    fails += cmocka_run_group_tests_name("no optional host features", tests,
                                         no_features, teardown);
    return fails;
}
