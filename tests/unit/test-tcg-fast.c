/*
 * The JIT's inline fast paths for FP helpers (enum tcg_fast in tcg.h,
 * tcg/x86_64/x86-fast.c): a block that calls each riscv64 F/D
 * helper that has one must give the same result bits and the same
 * fflags as calling the helper directly, for operands chosen to hit
 * every way out of the fast path (NaNs, infinities, zeros, subnormal
 * and tiny results, overflow, exact results, cancelling fused
 * multiply-adds, integers that convert exactly or not) and for random
 * ones, with NX accrued beforehand and without, in every rounding mode
 * (only RNE may take it, but for exact conversions); the fast paths'
 * flags are taken from the host as the engine does (tcg_fpflags_take).  The block also
 * runs on TCI, which always calls the helper, and on the JIT without
 * FMA3 (the fallbacks).  Values live across each call must survive it
 * (the fast path keeps r10/r11; the way to the helper saves them), and
 * random chains of operations check the JIT's xmm shadows of FP values.
 */
#include <setjmp.h>
#include <ucontext.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <capstone.h>

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
    RV_FPH_FLE_S, RV_FPH_FMADD_D, RV_FPH_FMSUB_D, RV_FPH_FNMSUB_D, RV_FPH_FNMADD_D,
    RV_FPH_FMADD_S, RV_FPH_FMSUB_S, RV_FPH_FNMSUB_S, RV_FPH_FNMADD_S,
    RV_FPH_FCVT_D_W, RV_FPH_FCVT_D_WU, RV_FPH_FCVT_D_L, RV_FPH_FCVT_S_W,
    RV_FPH_FCVT_S_WU, RV_FPH_FCVT_S_L,
};

/* integers for the conversions: exact, inexact and the edges */
static const uint64_t i_special[] = {
    0, 1, (uint64_t)-1, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0xffffff, 0x1000001, 0x1ffffff, 0x20000000000001ull, 0x1fffffffffffffull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffc00ull,
    0x7ffffffffffffc00ull, 0x7ffffe00ull, 0xffffff80u, 0x12345678u,
    (uint64_t)-0x12345678, 0xffffffff80000000ull,
};
#define N_SPECIAL (sizeof(d_special) / sizeof(d_special[0]))

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/*
 * A random operand: mostly ordinary numbers near 1, sometimes extremes,
 * and numbers of few significant bits (whose sums and products are
 * often exact, for the exactness tests of the inexact flag).
 */
static uint64_t operand(bool f64)
{
    uint64_t r = next();

    switch (r % 11) {
    case 0:
        return f64 ? d_special[next() % N_SPECIAL] : s_special[next() % N_SPECIAL];
    case 1:
        return f64 ? r : (uint32_t)r;
    case 2:
        /* products near the smallest normal: subnormal, or normal with
         * a rounding error below the smallest subnormal */
        if (f64)
            return (r & 0x800fffffffffffffull) | (uint64_t)(0x1f0 + r % 32) << 52;
        return ((uint32_t)r & 0x807fffffu) | (uint32_t)(0x38 + r % 16) << 23;
    case 3:
        if (f64)
            return (r & 0x800f000000000000ull) | (uint64_t)(0x3f0 + r % 32) << 52;
        return ((uint32_t)r & 0x807c0000u) | (uint32_t)(0x70 + r % 32) << 23;
    default:
        /* exponent within a few binades of 1 */
        if (f64)
            return (r & 0x800fffffffffffffull) | (uint64_t)(0x3f0 + r % 32) << 52;
        return ((uint32_t)r & 0x807fffffu) | (uint32_t)(0x70 + r % 32) << 23;
    }
}

/* A random integer for the conversions: small (exact) or any. */
static uint64_t integer(void)
{
    uint64_t r = next();

    switch (r % 4) {
    case 0:
        return i_special[next() % (sizeof(i_special) / sizeof(i_special[0]))];
    case 1:
        return (uint64_t)(int64_t)(int32_t)(r >> 40);
    default:
        return next() >> (r % 64);
    }
}

/* The shapes of the helpers' arguments (after env). */
enum shape { BIN, UN, FMA, CMP, FROMINT };

static enum shape shape_of(const struct tcg_helper *h)
{
    if (h->fast == TCG_FAST_SQRT_F64 || h->fast == TCG_FAST_SQRT_F32)
        return UN;
    if (h->fast >= TCG_FAST_MADD_F64 && h->fast <= TCG_FAST_NMADD_F32)
        return FMA;
    if (h->fast >= TCG_FAST_F64_I32)
        return FROMINT;
    if ((h->fast >= TCG_FAST_EQ_F64 && h->fast <= TCG_FAST_LE_F64) ||
        (h->fast >= TCG_FAST_EQ_F32 && h->fast <= TCG_FAST_LE_F32))
        return CMP;
    return BIN;
}

/* binary64 operands and result: the helper's argument 1 (the result
 * for conversions from an integer) is an I64 */
static bool is_f64(const struct tcg_helper *h)
{
    return shape_of(h) == FROMINT ? h->ret == TCG_TYPE_I64 : h->args[1] == TCG_TYPE_I64;
}

/*
 * One block: f[3] = helper(env, f[1][, f[2][, f[4]]][, rm]), the single
 * operands and result in the low 32 bits (the helpers' view).
 */
static tcg_i64 f[5];
/* Values computed before the helper call and used after it (into f0),
 * checking that the registers caching them survive both the fast path
 * and the call. */
#define NB_WITNESS 7
static tcg_i64 witness[NB_WITNESS];

static uint64_t witness_key(int k)
{
    return 0x0123456789abcdefull * (uint64_t)(k + 1);
}

static void build(enum rv_fph id, uint32_t rm, struct tcg_tb *tb)
{
    const struct tcg_helper *h = &rv_fp_helpers[id];
    static const int nops[] = { [BIN] = 2, [UN] = 1, [FMA] = 3, [CMP] = 2, [FROMINT] = 1 };
    static const int src[] = { 1, 2, 4 };
    enum shape sh = shape_of(h);
    int args[5], n = 0;

    tcg_func_start();
    args[n++] = tcg_env().n;
    for (int i = 0; i < nops[sh]; i++) {
        if (h->args[n] == TCG_TYPE_I64) {
            args[n++] = f[src[i]].n;
        } else {
            tcg_i32 v = tcg_temp_new_i32();

            tcg_gen_extrl_i64_i32(v, f[src[i]]);
            args[n++] = v.n;
        }
    }
    if (sh != CMP) {
        tcg_i32 rmt = tcg_temp_new_i32();

        tcg_gen_movi_i32(rmt, rm);
        args[n++] = rmt.n;
    }
    assert_int_equal(n, h->nargs);
    /* live across the call: enough to fill the call-clobbered registers */
    for (int k = 0; k < NB_WITNESS; k++) {
        witness[k] = tcg_temp_new_i64();
        tcg_gen_xori_i64(witness[k], f[1], witness_key(k));
    }
    if (h->ret == TCG_TYPE_I64) {
        tcg_i64 r = tcg_temp_new_i64();

        tcg_gen_call(h, r.n, args);
        tcg_gen_mov_i64(f[3], r);
    } else {
        tcg_i32 r = tcg_temp_new_i32();

        tcg_gen_call(h, r.n, args);
        tcg_gen_extu_i32_i64(f[3], r);
    }
    for (int k = 1; k < NB_WITNESS; k++) {
        tcg_gen_muli_i64(witness[0], witness[0], 3);
        tcg_gen_add_i64(witness[0], witness[0], witness[k]);
    }
    tcg_gen_mov_i64(f[0], witness[0]);
    tcg_gen_exit_tb(0);
    assert_int_equal(tcg_gen_code(tb), 0);
}

/* f0 as the block computes it from f1 around the call */
static uint64_t witness_value(uint64_t f1)
{
    uint64_t acc = f1 ^ witness_key(0);

    for (int k = 1; k < NB_WITNESS; k++)
        acc = acc * 3 + (f1 ^ witness_key(k));
    return acc;
}

/* The helper called directly on a copy of the state. */
static void reference(enum rv_fph id, uint32_t rm, struct rv_cpu *c)
{
    typedef uint64_t (*bin64)(struct rv_cpu *, uint64_t, uint64_t, uint32_t);
    typedef uint32_t (*bin32)(struct rv_cpu *, uint32_t, uint32_t, uint32_t);
    typedef uint64_t (*un64)(struct rv_cpu *, uint64_t, uint32_t);
    typedef uint32_t (*un32)(struct rv_cpu *, uint32_t, uint32_t);
    typedef uint64_t (*fma64)(struct rv_cpu *, uint64_t, uint64_t, uint64_t, uint32_t);
    typedef uint32_t (*fma32)(struct rv_cpu *, uint32_t, uint32_t, uint32_t, uint32_t);
    typedef uint64_t (*cmp64)(struct rv_cpu *, uint64_t, uint64_t);
    typedef uint64_t (*cmp32)(struct rv_cpu *, uint32_t, uint32_t);
    typedef uint32_t (*int32)(struct rv_cpu *, uint64_t, uint32_t);
    const struct tcg_helper *h = &rv_fp_helpers[id];
    bool d = is_f64(h);
    uint64_t a = c->f[1], b = c->f[2], e = c->f[4];

    switch (shape_of(h)) {
    case BIN:
        c->f[3] = d ? ((bin64)h->func)(c, a, b, rm)
                    : ((bin32)h->func)(c, (uint32_t)a, (uint32_t)b, rm);
        break;
    case UN:
        c->f[3] = d ? ((un64)h->func)(c, a, rm) : ((un32)h->func)(c, (uint32_t)a, rm);
        break;
    case FMA:
        c->f[3] = d ? ((fma64)h->func)(c, a, b, e, rm)
                    : ((fma32)h->func)(c, (uint32_t)a, (uint32_t)b, (uint32_t)e, rm);
        break;
    case CMP:
        c->f[3] = d ? ((cmp64)h->func)(c, a, b) : ((cmp32)h->func)(c, (uint32_t)a, (uint32_t)b);
        break;
    case FROMINT:
        c->f[3] = d ? ((un64)h->func)(c, a, rm) : ((int32)h->func)(c, a, rm);
        break;
    }
}

/* Run tb as the engine does: the host's accrued FP flags clear before
 * (the C reference may have left some), taken into fflags after. */
static void run(const struct tcg_tb *tb, struct rv_cpu *c)
{
    (void)tcg_fpflags_take();
    assert_int_equal(tcg_tb_exec(tb, c), 0);
    c->fflags |= tcg_fpflags_take();
}

/* Operands for test i: every pair of specials first, then random ones;
 * a third operand near -(a * b) now and then (cancellation). */
static void operands(const struct tcg_helper *h, int i, struct rv_cpu *c)
{
    bool d = is_f64(h);

    if (shape_of(h) == FROMINT) {
        c->f[1] = i < (int)(sizeof(i_special) / sizeof(i_special[0])) ? i_special[i] : integer();
        return;
    }
    if (i < (int)(N_SPECIAL * N_SPECIAL)) {
        c->f[1] = d ? d_special[i % N_SPECIAL] : s_special[i % N_SPECIAL];
        c->f[2] = d ? d_special[i / N_SPECIAL] : s_special[i / N_SPECIAL];
    } else {
        c->f[1] = operand(d);
        c->f[2] = operand(d);
    }
    c->f[4] = operand(d);
    if (next() % 4 == 0) {
        if (d) {
            double x, y, z;

            memcpy(&x, &c->f[1], 8);
            memcpy(&y, &c->f[2], 8);
            z = -(x * y);
            memcpy(&c->f[4], &z, 8);
        } else {
            float x, y, z;
            uint32_t u[2] = { (uint32_t)c->f[1], (uint32_t)c->f[2] }, r;

            memcpy(&x, &u[0], 4);
            memcpy(&y, &u[1], 4);
            z = -(x * y);
            memcpy(&r, &z, 4);
            c->f[4] = r;
        }
    }
}

/* The FMA3 instructions (vfmadd213sd and the like) in a JIT block. */
static int count_fma3(const struct tcg_tb *tb)
{
    csh h;
    cs_insn *insn;
    size_t n;
    int found = 0;

    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
    n = cs_disasm(h, tb->code, tb->size, 0, 0, &insn);
    for (size_t i = 0; i < n; i++)
        found += strncmp(insn[i].mnemonic, "vf", 2) == 0;
    cs_free(insn, n);
    cs_close(&h);
    return found;
}

/* Fused multiply-adds use FMA3 exactly when allowed and present (a
 * wrong mask would pass the value checks on an FMA3 host), nothing else
 * does. */
static void check_fma3_use(const struct tcg_helper *h, const struct tcg_tb *tb,
                           unsigned features)
{
    int n;

    n = count_fma3(tb);
    if (shape_of(h) != FMA || !(features & TCG_FEAT_FMA))
        assert_int_equal(n, 0);
    else if (__builtin_cpu_supports("fma"))
        assert_true(n > 0);
}

static void check_backend(const char *backend, unsigned features)
{
    struct tcg_ctx *ctx;

    assert_int_equal(tcg_backend_select(backend), 0);
    tcg_host_features_mask(features);
    ctx = tcg_ctx_new(0);
    tcg_ctx_set(ctx);
    f[0] = tcg_global_i64(rv_env_layout.f, "f0");
    f[1] = tcg_global_i64(rv_env_layout.f + 8, "f1");
    f[2] = tcg_global_i64(rv_env_layout.f + 16, "f2");
    f[3] = tcg_global_i64(rv_env_layout.f + 24, "f3");
    f[4] = tcg_global_i64(rv_env_layout.f + 32, "f4");
    for (size_t k = 0; k < sizeof(fast_helpers) / sizeof(fast_helpers[0]); k++) {
        enum rv_fph id = fast_helpers[k];
        const struct tcg_helper *h = &rv_fp_helpers[id];

        assert_int_not_equal(h->fast, TCG_FAST_NONE);
        for (uint32_t rm = 0; rm <= RV_RM_RMM; rm++) {
            struct tcg_tb tb;

            build(id, rm, &tb);
            if (strcmp(backend, "jit") == 0 && rm == RV_RM_RNE)
                check_fma3_use(h, &tb, features);
            for (int i = 0; i < 4000; i++) {
                struct rv_cpu got, want;
                uint32_t in_flags;

                memset(&got, 0, sizeof(got));
                operands(h, i, &got);
                got.fflags = next() % 3 ? RV_FFLAG_NX : (uint32_t)(next() & 0x1f);
                want = got;
                in_flags = got.fflags;
                reference(id, rm, &want);
                want.f[0] = witness_value(got.f[1]);
                run(&tb, &got);
                assert_int_equal(got.f[0], want.f[0]);
                if (got.f[3] != want.f[3] || got.fflags != want.fflags) {
                    print_error("%s features %x %s rm %u: a %llx b %llx c %llx fflags in %x: "
                                "got %llx/%x want %llx/%x\n",
                                backend, features, h->name, rm, (unsigned long long)got.f[1],
                                (unsigned long long)got.f[2], (unsigned long long)got.f[4],
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
    tcg_host_features_mask(TCG_FEAT_ALL);
}

/*
 * Chains: random blocks of binary64 operations where results feed later
 * operations (read from the JIT's xmm shadows), interleaved with integer
 * writes to the same temps (which must drop the shadows), branches over
 * such writes (labels forget the shadows), pending constants, and a helper
 * without a fast path (a C call clobbering every xmm register); the final
 * temps and fflags against the helpers called in C.
 */
enum { CHAIN_SLOTS = 6, CHAIN_STEPS = 14 };
enum chain_kind { CH_FAST, CH_XOR, CH_SKIP, CH_MIN, CH_CLOBBER };
struct chain_step {
    enum chain_kind kind;
    enum rv_fph id;
    int dst, src[3];
    uint64_t imm;
};

static const enum rv_fph chain_helpers[] = {
    RV_FPH_FADD_D, RV_FPH_FSUB_D, RV_FPH_FMUL_D, RV_FPH_FDIV_D, RV_FPH_FSQRT_D,
    RV_FPH_FLT_D, RV_FPH_FMADD_D, RV_FPH_FNMSUB_D,
};

/* A helper without a fast path that, like any C code may, uses the
 * xmm registers the JIT keeps its shadows in. */
#define CLOBBER_RESULT 0x3ff0000000000123ull
static uint64_t clobber_xmm(void *env)
{
    (void)env;
    /* 1.5: an ordinary number, which a fast path would not reject */
    __asm__ volatile("movabsq $0x3ff8000000000000, %%rax\n\tmovq %%rax, %%xmm5\n\t"
                     "movaps %%xmm5, %%xmm6\n\t"
                     "movaps %%xmm5, %%xmm7\n\tmovaps %%xmm5, %%xmm8\n\t"
                     "movaps %%xmm5, %%xmm9\n\tmovaps %%xmm5, %%xmm10\n\t"
                     "movaps %%xmm5, %%xmm11\n\tmovaps %%xmm5, %%xmm12\n\t"
                     "movaps %%xmm5, %%xmm13\n\tmovaps %%xmm5, %%xmm14\n\t"
                     "movaps %%xmm5, %%xmm15"
                     ::: "rax", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
                         "xmm12", "xmm13", "xmm14", "xmm15");
    return CLOBBER_RESULT;
}

static const struct tcg_helper clobber_helper = {
    .name = "clobber_xmm", .func = (void *)clobber_xmm,
    .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_I64, .nargs = 1, .args = { TCG_TYPE_PTR },
};

static void chain_random(struct chain_step *p)
{
    for (int i = 0; i < CHAIN_STEPS; i++) {
        uint64_t r = next() % 20;

        p[i].kind = r < 13 ? CH_FAST : r < 15 ? CH_XOR : r < 17 ? CH_SKIP : r < 19 ? CH_MIN
                                                                              : CH_CLOBBER;
        p[i].id = chain_helpers[next() % (sizeof(chain_helpers) / sizeof(chain_helpers[0]))];
        p[i].dst = (int)(next() % CHAIN_SLOTS);
        for (int k = 0; k < 3; k++)
            p[i].src[k] = (int)(next() % CHAIN_SLOTS);
        /* flips of low bits mostly: the value stays an ordinary number */
        p[i].imm = next() % 3 ? next() & 0xff : next();
    }
}

static void chain_build(const struct chain_step *p, const tcg_i64 *g, uint64_t c4,
                        uint64_t c5, struct tcg_tb *tb)
{
    tcg_i64 v[CHAIN_SLOTS];
    tcg_i32 rm;

    tcg_func_start();
    for (int k = 0; k < CHAIN_SLOTS; k++) {
        v[k] = tcg_temp_new_i64();
        if (k < 4)
            tcg_gen_mov_i64(v[k], g[k]);
    }
    /* constants only noted (movi is lazy) until something reads them */
    tcg_gen_movi_i64(v[4], c4);
    tcg_gen_movi_i64(v[5], c5);
    rm = tcg_temp_new_i32();
    tcg_gen_movi_i32(rm, RV_RM_RNE);
    for (int i = 0; i < CHAIN_STEPS; i++) {
        const struct tcg_helper *h = &rv_fp_helpers[p[i].id];
        tcg_label *l;
        int args[5], n = 0;

        switch (p[i].kind) {
        case CH_FAST:
            args[n++] = tcg_env().n;
            for (int k = 0; k < (shape_of(h) == UN ? 1 : shape_of(h) == FMA ? 3 : 2); k++)
                args[n++] = v[p[i].src[k]].n;
            if (shape_of(h) != CMP)
                args[n++] = rm.n;
            tcg_gen_call(h, v[p[i].dst].n, args);
            break;
        case CH_XOR:
            tcg_gen_xori_i64(v[p[i].dst], v[p[i].dst], p[i].imm);
            break;
        case CH_SKIP:
            /* the skipped code gives dst a new shadow: not the taken path's */
            l = tcg_gen_new_label();
            tcg_gen_brcondi_i64(TCG_COND_LTU, v[p[i].src[0]], p[i].imm << 56, l);
            tcg_gen_xori_i64(v[p[i].dst], v[p[i].dst], 1);
            args[n++] = tcg_env().n;
            args[n++] = v[p[i].src[1]].n;
            args[n++] = v[p[i].src[2]].n;
            args[n++] = rm.n;
            tcg_gen_call(&rv_fp_helpers[RV_FPH_FADD_D], v[p[i].dst].n, args);
            tcg_gen_set_label(l);
            break;
        case CH_CLOBBER:
            args[n++] = tcg_env().n;
            tcg_gen_call(&clobber_helper, v[p[i].dst].n, args);
            break;
        case CH_MIN:
            h = &rv_fp_helpers[RV_FPH_FMIN_D];
            args[n++] = tcg_env().n;
            args[n++] = v[p[i].src[0]].n;
            args[n++] = v[p[i].src[1]].n;
            tcg_gen_call(h, v[p[i].dst].n, args);
            break;
        }
    }
    for (int k = 0; k < CHAIN_SLOTS; k++)
        tcg_gen_mov_i64(g[k], v[k]);
    tcg_gen_exit_tb(0);
    assert_int_equal(tcg_gen_code(tb), 0);
}

static void chain_reference(const struct chain_step *p, struct rv_cpu *c, uint64_t c4,
                            uint64_t c5)
{
    typedef uint64_t (*fn2)(struct rv_cpu *, uint64_t, uint64_t);
    typedef uint64_t (*fn3)(struct rv_cpu *, uint64_t, uint64_t, uint32_t);
    typedef uint64_t (*fn4)(struct rv_cpu *, uint64_t, uint64_t, uint64_t, uint32_t);
    uint64_t v[CHAIN_SLOTS];

    memcpy(v, &c->f[8], 4 * sizeof(v[0]));
    v[4] = c4;
    v[5] = c5;
    for (int i = 0; i < CHAIN_STEPS; i++) {
        const struct tcg_helper *h = &rv_fp_helpers[p[i].id];
        const int *s = p[i].src;

        switch (p[i].kind) {
        case CH_FAST:
            switch (shape_of(h)) {
            case UN:
                v[p[i].dst] = ((uint64_t (*)(struct rv_cpu *, uint64_t, uint32_t))h->func)(
                    c, v[s[0]], RV_RM_RNE);
                break;
            case FMA:
                v[p[i].dst] = ((fn4)h->func)(c, v[s[0]], v[s[1]], v[s[2]], RV_RM_RNE);
                break;
            case CMP:
                v[p[i].dst] = ((fn2)h->func)(c, v[s[0]], v[s[1]]);
                break;
            default:
                v[p[i].dst] = ((fn3)h->func)(c, v[s[0]], v[s[1]], RV_RM_RNE);
                break;
            }
            break;
        case CH_XOR:
            v[p[i].dst] ^= p[i].imm;
            break;
        case CH_SKIP:
            if (!(v[s[0]] < p[i].imm << 56)) {
                v[p[i].dst] ^= 1;
                v[p[i].dst] = ((fn3)rv_fp_helpers[RV_FPH_FADD_D].func)(c, v[s[1]], v[s[2]],
                                                                      RV_RM_RNE);
            }
            break;
        case CH_CLOBBER:
            v[p[i].dst] = CLOBBER_RESULT;
            break;
        case CH_MIN:
            v[p[i].dst] = ((fn2)rv_fp_helpers[RV_FPH_FMIN_D].func)(c, v[s[0]], v[s[1]]);
            break;
        }
    }
    memcpy(&c->f[8], v, sizeof(v));
}

static void test_fast_chains(void **state)
{
    struct tcg_ctx *ctx;
    tcg_i64 g[CHAIN_SLOTS];

    (void)state;
    if (tcg_backend_select("jit") != 0)
        skip();
    ctx = tcg_ctx_new(0);
    tcg_ctx_set(ctx);
    for (int k = 0; k < CHAIN_SLOTS; k++)
        g[k] = tcg_global_i64(rv_env_layout.f + 8 * (8 + k), "fs");
    for (int prog = 0; prog < 400; prog++) {
        struct chain_step p[CHAIN_STEPS];
        uint64_t c4 = operand(true), c5 = operand(true);
        struct tcg_tb tb;

        chain_random(p);
        chain_build(p, g, c4, c5, &tb);
        for (int i = 0; i < 50; i++) {
            struct rv_cpu got, want;

            memset(&got, 0, sizeof(got));
            for (int k = 0; k < 4; k++)
                got.f[8 + k] = operand(true);
            got.fflags = next() % 2 ? RV_FFLAG_NX : 0;
            want = got;
            chain_reference(p, &want, c4, c5);
            run(&tb, &got);
            for (int k = 0; k < CHAIN_SLOTS; k++) {
                if (got.f[8 + k] != want.f[8 + k]) {
                    print_error("program %d run %d: slot %d got %llx want %llx\n", prog, i,
                                k, (unsigned long long)got.f[8 + k],
                                (unsigned long long)want.f[8 + k]);
                    fail();
                }
            }
            assert_int_equal(got.fflags, want.fflags);
        }
        tcg_tb_free(&tb);
    }
    tcg_ctx_free(ctx);
}

static void test_fast_paths_jit(void **state)
{
    (void)state;
    if (tcg_backend_select("jit") != 0)
        skip();
    check_backend("jit", TCG_FEAT_ALL);
}

/* without FMA3: no inline fused multiply-add, and products take the
 * MXCSR test of inexact */
static void test_fast_paths_jit_no_fma(void **state)
{
    (void)state;
    if (tcg_backend_select("jit") != 0)
        skip();
    check_backend("jit", TCG_FEAT_ALL & ~TCG_FEAT_FMA);
}

static void test_fast_paths_tci(void **state)
{
    (void)state;
    check_backend("tci", TCG_FEAT_ALL);
}

/*
 * The host's accrued flags: MXCSR's IE, ZE, OE, UE, PE are NV, DZ, OF,
 * UF, NX (DE, a denormal operand, is no IEEE flag), for the fpflags_take
 * op (which clears them), fpflags_clear, tcg_fpflags_take and _context;
 * under TCI the ops see none and leave MXCSR alone.
 */
static unsigned fpf_of(unsigned m)
{
    return (m & 1 ? TCG_FPF_NV : 0) | (m & 4 ? TCG_FPF_DZ : 0) | (m & 8 ? TCG_FPF_OF : 0) |
           (m & 16 ? TCG_FPF_UF : 0) | (m & 32 ? TCG_FPF_NX : 0);
}

static void check_fpflags_ops(const char *backend)
{
    bool jit = strcmp(backend, "jit") == 0;
    unsigned ctl = __builtin_ia32_stmxcsr() & ~0x3fu;
    struct tcg_ctx *ctx;
    struct tcg_tb take, clear;
    tcg_i64 f0, t;

    assert_int_equal(tcg_backend_select(backend), 0);
    ctx = tcg_ctx_new(0);
    tcg_ctx_set(ctx);
    f0 = tcg_global_i64(rv_env_layout.f, "f0");
    tcg_func_start();
    t = tcg_temp_new_i64();
    tcg_gen_fpflags_take(t);
    tcg_gen_mov_i64(f0, t);
    tcg_gen_exit_tb(0);
    assert_int_equal(tcg_gen_code(&take), 0);
    tcg_func_start();
    tcg_gen_fpflags_clear();
    tcg_gen_exit_tb(0);
    assert_int_equal(tcg_gen_code(&clear), 0);
    for (unsigned m = 0; m < 64; m++) {
        struct rv_cpu c = { .f = { 0xdead } };
        unsigned left = jit && (m & 0x3d) ? 0 : m;

        __builtin_ia32_ldmxcsr(ctl | m);
        assert_int_equal(tcg_tb_exec(&take, &c), 0);
        assert_int_equal(__builtin_ia32_stmxcsr() & 0x3f, left);
        assert_int_equal(c.f[0], jit ? fpf_of(m) : 0);
        __builtin_ia32_ldmxcsr(ctl | m);
        assert_int_equal(tcg_tb_exec(&clear, &c), 0);
        assert_int_equal(__builtin_ia32_stmxcsr() & 0x3f, jit ? 0 : m);
        __builtin_ia32_ldmxcsr(ctl | m);
        assert_int_equal(tcg_fpflags_take(), jit ? fpf_of(m) : 0);
        assert_int_equal(__builtin_ia32_stmxcsr() & 0x3f, left);
    }
    __builtin_ia32_ldmxcsr(ctl);
    for (unsigned m = 0; m < 64; m++) {
        struct _libc_fpstate fp = { .mxcsr = ctl | m };
        ucontext_t uc = { .uc_mcontext.fpregs = &fp };

        assert_int_equal(tcg_fpflags_take_context(&uc), jit ? fpf_of(m) : 0);
        assert_int_equal(fp.mxcsr, jit ? ctl : ctl | m);
        assert_int_equal(tcg_fpflags_take_context(NULL), 0);
    }
    tcg_tb_free(&take);
    tcg_tb_free(&clear);
    tcg_ctx_free(ctx);
}

static void test_fpflags_ops(void **state)
{
    (void)state;
    check_fpflags_ops("jit");
    check_fpflags_ops("tci");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_paths_jit),
        cmocka_unit_test(test_fast_paths_jit_no_fma),
        cmocka_unit_test(test_fast_paths_tci),
        cmocka_unit_test(test_fast_chains),
        cmocka_unit_test(test_fpflags_ops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
