/*
 * Random IR programs: straight-line code with forward branches, counted
 * loops, early exits, helper calls and guest loads/stores/atomics into a
 * test buffer (some misaligned with an alignment check, so faults are
 * compared too).  Each program runs through the reference interpreter and
 * every backend variant (x86_64 and TCI, optimized and not; odd-numbered
 * programs without the optional host instructions): all agree.
 *
 * UEMU_TCG_SEED=n picks the run's seed (printed at start); each program's
 * own seed derives from it and its number, and UEMU_TCG_PROG=k runs only
 * program k, dumping its IR and each variant's code, to reproduce a
 * failure.
 * UEMU_TCG_PROGRAMS=n changes how many programs run (default 10000).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "uemu/tcg-op.h"
#include "tests/unit/tcg-check.h"

#define NR 8
#define NW 4
#define NL64 6
#define NL32 4
#define GUEST_ADDR 0x40000u

struct env {
    uint64_t r[NR];
    uint32_t w[NW];
    uint64_t scratch[4];   /* reached by ld/st of env, not a global */
};

static unsigned char gmem[512] __attribute__((aligned(64)));
static struct tcg_ctx *ctx;
static tcg_i64 R[NR];
static tcg_i32 W[NW];
static uint64_t rng;

static uint64_t next(void)
{
    /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dull;
}

static unsigned pick(unsigned n)
{
    return (unsigned)(next() % n);
}

static uint64_t rand_const(void)
{
    static const uint64_t edge[] = {
        0, 1, 2, 3, 7, 8, 31, 32, 63, 64, 65, ~0ull, 1ull << 63,
        ~0ull >> 1, 0x80000000, 0x7fffffff, 0xffffffff, 0xff, 0x100,
    };

    return pick(3) ? edge[pick(sizeof(edge) / sizeof(edge[0]))] : next();
}

static uint64_t h_mix(uint64_t a, uint64_t b)
{
    return (a ^ (b >> 3)) * 0x9e3779b97f4a7c15ull + b;
}

/* Trash the caller-saved registers, as any bigger helper may. */
static void clobber(void)
{
#ifdef __x86_64__
    __asm__ volatile("mov $0xbad1, %%r8\n\tmov $0xbad2, %%r9\n\t"
                     "mov $0xbad3, %%r10\n\tmov $0xbad4, %%r11\n\t"
                     "mov $0xbad5, %%rcx\n\tmov $0xbad6, %%rdx"
                     ::: "r8", "r9", "r10", "r11", "rcx", "rdx");
#endif
}

static void h_acc(void *env, uint64_t v)
{
    struct env *e = env;

    clobber();
    e->r[7] += v ^ e->r[6];
}

static uint32_t h_rd(void *env, uint32_t v)
{
    clobber();
    return (uint32_t)((struct env *)env)->r[5] * 3 + v;
}

static const struct tcg_helper help_mix = {
    .name = "mix",
    .func = (void *)h_mix,
    .flags = TCG_CALL_NO_SIDE_EFFECTS | TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_I64,
    .nargs = 2,
    .args = { TCG_TYPE_I64, TCG_TYPE_I64 },
};
static const struct tcg_helper help_acc = {
    .name = "acc",
    .func = (void *)h_acc,
    .flags = 0,
    .ret = TCG_TYPE_VOID,
    .nargs = 2,
    .args = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};
static const struct tcg_helper help_rd = {
    .name = "rd",
    .func = (void *)h_rd,
    .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_I32,
    .nargs = 2,
    .args = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

struct prog {
    tcg_i64 v64[NR + NL64];
    tcg_i32 v32[NW + NL32];
    int insn;
};

static tcg_i64 r64(struct prog *p) { return p->v64[pick(NR + NL64)]; }
static tcg_i32 r32(struct prog *p) { return p->v32[pick(NW + NL32)]; }

typedef void bin64(tcg_i64, tcg_i64, tcg_i64);
typedef void bin32(tcg_i32, tcg_i32, tcg_i32);
typedef void un64(tcg_i64, tcg_i64);
typedef void un32(tcg_i32, tcg_i32);

#define B(n) { tcg_gen_##n##_i64, tcg_gen_##n##_i32 }
static const struct { bin64 *f64; bin32 *f32; } bins[] = {
    B(add), B(sub), B(mul), B(div), B(divu), B(rem), B(remu), B(and), B(or),
    B(xor), B(andc), B(orc), B(shl), B(shr), B(sar), B(rotl), B(rotr),
};
#define U(n) { tcg_gen_##n##_i64, tcg_gen_##n##_i32 }
static const struct { un64 *f64; un32 *f32; } uns[] = {
    U(mov), U(neg), U(not), U(clz), U(ctz), U(ctpop), U(bswap16), U(bswap32),
    U(ext8s), U(ext8u), U(ext16s), U(ext16u),
    { tcg_gen_bswap64_i64, NULL }, { tcg_gen_ext32s_i64, NULL },
    { tcg_gen_ext32u_i64, NULL },
};

/* A guest address inside gmem: GUEST_ADDR + (x & 0xf0) + off. */
static tcg_i64 gen_addr(struct prog *p, unsigned off)
{
    tcg_i64 a = tcg_temp_new_i64();

    tcg_gen_andi_i64(a, r64(p), 0xf0);
    tcg_gen_addi_i64(a, a, GUEST_ADDR + off);
    return a;
}

static void gen_memory(struct prog *p)
{
    unsigned size = pick(4), mo = size | (pick(2) ? TCG_MO_SIGN : 0);
    unsigned off = pick(4) ? (1u << size) * pick(2) : pick(8);
    bool i32 = size < 3 && pick(2);
    tcg_i64 a;

    if (pick(4) == 0)
        mo |= TCG_MO_ALIGN;
    a = gen_addr(p, off);
    switch (pick(5)) {
    case 0: case 1:
        if (i32)
            tcg_gen_qemu_ld_i32(r32(p), a, mo);
        else
            tcg_gen_qemu_ld_i64(r64(p), a, mo);
        break;
    case 2: case 3:
        if (i32)
            tcg_gen_qemu_st_i32(r32(p), a, mo);
        else
            tcg_gen_qemu_st_i64(r64(p), a, mo);
        break;
    default:
        if (pick(3) == 0 && i32)
            tcg_gen_atomic_cmpxchg_i32(r32(p), a, r32(p), r32(p), mo);
        else if (pick(3) == 0)
            tcg_gen_atomic_cmpxchg_i64(r64(p), a, r64(p), r64(p), mo);
        else if (i32)
            tcg_gen_atomic_fetch_i32(pick(TCG_AOP_COUNT), r32(p), a, r32(p), mo);
        else
            tcg_gen_atomic_fetch_i64(pick(TCG_AOP_COUNT), r64(p), a, r64(p), mo);
        break;
    }
}

static void gen_field(struct prog *p, bool i32)
{
    unsigned w = i32 ? 32 : 64, len = 1 + pick(w), pos = pick(w - len + 1);

    switch (pick(3)) {
    case 0:
        if (i32)
            tcg_gen_deposit_i32(r32(p), r32(p), r32(p), pos, len);
        else
            tcg_gen_deposit_i64(r64(p), r64(p), r64(p), pos, len);
        break;
    case 1:
        if (i32)
            tcg_gen_extract_i32(r32(p), r32(p), pos, len);
        else
            tcg_gen_extract_i64(r64(p), r64(p), pos, len);
        break;
    default:
        if (i32)
            tcg_gen_sextract_i32(r32(p), r32(p), pos, len);
        else
            tcg_gen_sextract_i64(r64(p), r64(p), pos, len);
        break;
    }
}

/* One random op that does not branch. */
static void gen_straight(struct prog *p)
{
    bool i32 = pick(3) == 0;
    unsigned k;

    switch (pick(17)) {
    case 0: case 1: case 2: case 3:
        k = pick(sizeof(bins) / sizeof(bins[0]));
        if (i32)
            bins[k].f32(r32(p), r32(p), r32(p));
        else
            bins[k].f64(r64(p), r64(p), r64(p));
        break;
    case 4: case 5:
        k = pick(sizeof(uns) / sizeof(uns[0]));
        if (i32 && uns[k].f32)
            uns[k].f32(r32(p), r32(p));
        else
            uns[k].f64(r64(p), r64(p));
        break;
    case 6:
        if (i32)
            tcg_gen_movi_i32(r32(p), rand_const());
        else
            tcg_gen_movi_i64(r64(p), rand_const());
        break;
    case 7:
        if (i32)
            tcg_gen_setcond_i32(pick(TCG_COND_COUNT), r32(p), r32(p), r32(p));
        else
            tcg_gen_movcond_i64(pick(TCG_COND_COUNT), r64(p), r64(p), r64(p),
                                r64(p), r64(p));
        break;
    case 8: {
        tcg_i64 lo = r64(p), hi = r64(p);

        if (lo.n == hi.n)
            hi = tcg_temp_new_i64();
        if (pick(2))
            tcg_gen_mulu2_i64(lo, hi, r64(p), r64(p));
        else
            tcg_gen_muls2_i64(lo, hi, r64(p), r64(p));
        break;
    }
    case 9:
        gen_field(p, i32);
        break;
    case 10:
        switch (pick(4)) {
        case 0: tcg_gen_ext_i32_i64(r64(p), r32(p)); break;
        case 1: tcg_gen_extu_i32_i64(r64(p), r32(p)); break;
        case 2: tcg_gen_extrl_i64_i32(r32(p), r64(p)); break;
        default: tcg_gen_extrh_i64_i32(r32(p), r64(p)); break;
        }
        break;
    case 11: case 12:
        gen_memory(p);
        break;
    case 13:
        switch (pick(3)) {
        case 0:
            tcg_gen_call(&help_mix, r64(p).n, (const int[]){ r64(p).n, r64(p).n });
            break;
        case 1:
            tcg_gen_call(&help_acc, -1, (const int[]){ tcg_env().n, r64(p).n });
            break;
        default:
            tcg_gen_call(&help_rd, r32(p).n, (const int[]){ tcg_env().n, r32(p).n });
            break;
        }
        break;
    case 14:
        tcg_gen_insn_start(0x1000 + 4 * (uint64_t)p->insn, (uint64_t)p->insn);
        p->insn++;
        break;
    case 15:
        k = (unsigned)offsetof(struct env, scratch) + pick(25);
        switch (pick(5)) {
        case 0: tcg_gen_st_i64(r64(p), tcg_env(), k, pick(4)); break;
        case 1: tcg_gen_st_i32(r32(p), tcg_env(), k, pick(3)); break;
        case 2: tcg_gen_ld_i64(r64(p), tcg_env(), k, pick(8)); break;
        case 3: tcg_gen_ld_i32(r32(p), tcg_env(), k, pick(3) | (pick(2) ? TCG_MO_SIGN : 0)); break;
        default: tcg_gen_mb(TCG_MB_ALL); break;
        }
        break;
    default:
        if (i32)
            tcg_gen_addi_i32(r32(p), r32(p), rand_const());
        else
            tcg_gen_xori_i64(r64(p), r64(p), rand_const());
        break;
    }
}

/* A counted loop around straight-line code: exercises backward branches. */
static void gen_loop(struct prog *p)
{
    tcg_i64 c = tcg_temp_new_i64();
    tcg_label *top = tcg_gen_new_label();
    unsigned n = 1 + pick(4);

    tcg_gen_movi_i64(c, 1 + pick(3));
    tcg_gen_set_label(top);
    for (unsigned i = 0; i < n; i++)
        gen_straight(p);
    tcg_gen_subi_i64(c, c, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, c, 0, top);
}

static void gen_program(void)
{
    struct prog p = { .insn = 0 };
    tcg_label *pending[8];
    int npend = 0;
    unsigned nops = 5 + pick(40);

    tcg_func_start();
    for (int i = 0; i < NR; i++)
        p.v64[i] = R[i];
    for (int i = 0; i < NW; i++)
        p.v32[i] = W[i];
    /* locals start defined: a read of an unset temp is undefined */
    for (int i = 0; i < NL64; i++) {
        p.v64[NR + i] = tcg_temp_new_i64();
        if (pick(2))
            tcg_gen_movi_i64(p.v64[NR + i], rand_const());
        else
            tcg_gen_mov_i64(p.v64[NR + i], R[pick(NR)]);
    }
    for (int i = 0; i < NL32; i++) {
        p.v32[NW + i] = tcg_temp_new_i32();
        tcg_gen_movi_i32(p.v32[NW + i], rand_const());
    }
    for (unsigned i = 0; i < nops; i++) {
        unsigned what = pick(20);

        if (what == 0 && npend < 8) {
            pending[npend] = tcg_gen_new_label();
            if (pick(2))
                tcg_gen_brcond_i64(pick(TCG_COND_COUNT), r64(&p), r64(&p), pending[npend]);
            else
                tcg_gen_brcond_i32(pick(TCG_COND_COUNT), r32(&p), r32(&p), pending[npend]);
            npend++;
        } else if (what == 1 && npend) {
            tcg_gen_set_label(pending[--npend]);
        } else if (what == 2 && !npend) {
            gen_loop(&p);
        } else if (what == 3) {
            tcg_label *skip = tcg_gen_new_label();

            tcg_gen_brcondi_i64(TCG_COND_NE, r64(&p), pick(2) ? 0 : rand_const(), skip);
            tcg_gen_exit_tb(0x100 + pick(16));
            tcg_gen_set_label(skip);
        } else {
            gen_straight(&p);
        }
    }
    while (npend)
        tcg_gen_set_label(pending[--npend]);
    if (pick(4))
        tcg_gen_exit_tb(pick(16));
}

static int setup(void **state)
{
    (void)state;
    ctx = tcg_ctx_new((uintptr_t)gmem - GUEST_ADDR);
    tcg_ctx_set(ctx);
    for (int i = 0; i < NR; i++) {
        static const char *const n[NR] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };

        R[i] = tcg_global_i64(offsetof(struct env, r[i]), n[i]);
    }
    for (int i = 0; i < NW; i++) {
        static const char *const n[NW] = { "w0", "w1", "w2", "w3" };

        W[i] = tcg_global_i32(offsetof(struct env, w[i]), n[i]);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tcg_ctx_free(ctx);
    return 0;
}

static unsigned long env_num(const char *name, unsigned long dflt)
{
    const char *v = getenv(name);

    return v && *v ? strtoul(v, NULL, 0) : dflt;
}

/* What the programs did, printed as a sanity check of the generator. */
static unsigned long nb_faults, nb_ops;

static bool run_one(unsigned long seed, unsigned long k, bool dump)
{
    struct tcg_check c;
    struct env e;
    uintptr_t ret;
    bool ok;

    rng = (seed ^ (k * 0x9e3779b97f4a7c15ull)) | 1;
    /* odd programs compile without the optional host instructions */
    tcg_host_features_mask(k & 1 ? 0 : TCG_FEAT_ALL);
    gen_program();
    for (int i = 0; i < NR; i++)
        e.r[i] = rand_const();
    for (int i = 0; i < NW; i++)
        e.w[i] = (uint32_t)rand_const();
    for (int i = 0; i < 4; i++)
        e.scratch[i] = next();
    for (size_t i = 0; i < sizeof(gmem); i++)
        gmem[i] = (unsigned char)next();
    if (dump) {
        tcg_dump_ops(stderr);
        tcg_ctx_set_dump(ctx, stderr, TCG_DUMP_OP_OPT | TCG_DUMP_OUT_ASM);
    }
    nb_ops += (unsigned long)tcg_op_count();
    tcg_check_compile(&c);
    tcg_ctx_set_dump(ctx, NULL, 0);
    ok = tcg_check_run(&c, &e, sizeof(e), gmem, sizeof(gmem), &ret);
    nb_faults += ret == TCG_EXIT_FAULT;
    if (!ok) {
        fprintf(stderr, "program %lu of seed %lu fails; UEMU_TCG_SEED=%lu "
                "UEMU_TCG_PROG=%lu reproduces it:\n", k, seed, seed, k);
        tcg_check_restore_ir(&c);
        tcg_dump_ops(stderr);
    }
    tcg_check_free(&c);
    return ok;
}

static void test_random_programs(void **state)
{
    unsigned long seed = env_num("UEMU_TCG_SEED", 0);
    unsigned long n = env_num("UEMU_TCG_PROGRAMS", 10000);
    const char *only = getenv("UEMU_TCG_PROG");
    unsigned long bad = 0;

    (void)state;
    /* a miscompiled loop counter would spin forever: fail instead */
    alarm(120);
    if (!seed)
        seed = 0x5eed0000ul + (unsigned long)time(NULL) % 100000;
    fprintf(stderr, "# UEMU_TCG_SEED=%lu\n", seed);
    if (only && *only) {
        assert_true(run_one(seed, strtoul(only, NULL, 0), true));
        return;
    }
    for (unsigned long k = 0; k < n && bad < 3; k++)
        bad += !run_one(seed, k, false);
    alarm(0);
    printf("# %lu programs, %lu ops, %lu ended in an alignment fault\n", n,
           nb_ops, nb_faults);
    assert_int_equal(bad, 0);
}

/* More simultaneously live values than any host has registers. */
static void test_register_pressure(void **state)
{
    enum { N = 48 };
    tcg_i64 t[N];
    struct tcg_check c;
    struct env e = { .r = { 3, 0x1234567, 0, 0, 0, 0, 0, 0 } };

    (void)state;
    tcg_func_start();
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(t[i], R[0], (uint64_t)i + 1);
        tcg_gen_add_i64(t[i], t[i], R[1]);
        tcg_gen_xori_i64(R[1], R[1], (uint64_t)i * 77);
    }
    tcg_gen_movi_i64(R[2], 0);
    for (int i = 0; i < N; i++) {
        tcg_gen_add_i64(R[2], R[2], t[(i * 7) % N]);
        tcg_gen_shli_i64(R[3], t[(i * 5) % N], (uint64_t)i % 64);
        tcg_gen_xor_i64(R[2], R[2], R[3]);
    }
    tcg_gen_exit_tb(0);
    tcg_check_compile(&c);
    assert_true(tcg_check_run(&c, &e, sizeof(e), gmem, sizeof(gmem), NULL));
    assert_int_not_equal(e.r[2], 0);
    tcg_check_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_pressure),
        cmocka_unit_test(test_random_programs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
