/*
 * Inline FP fast paths for helpers that name an IEEE operation
 * (enum tcg_fast in tcg.h): SSE, or FMA3 for fused multiply-adds,
 * replaces the helper call when the result is provably the helper's,
 * that is when only NX can arise, and NX is then decided without the
 * helper.  Emitted by gen_call (x86-gen.c) between loading the call's
 * arguments and the call, which the fast path jumps past.
 *
 * The constraints: round to nearest even known at translation (the
 * rounding-mode argument a pending constant 0), the host MXCSR at its
 * default, and results that exclude every flag but NX (finite, not
 * tiny; sums may be tiny, being exact then; zero products of a zero
 * operand are exact).  Once the guest's NX has accrued the bare
 * operation suffices; before, exactness is proven arithmetically where
 * possible, because reading MXCSR's flags is slow.  Tests:
 * tests/unit/test-tcg-fast.c.
 *
 *     if (x86_fast_usable(r, op, h)) ... n = x86_gen_fast(r, op, h, done);
 *     call; patch done[0..n) to here
 */
#include "tcg/x86_64/x86.h"

/* How each enum tcg_fast runs inline. */
enum { FK_ARITH = 1, FK_FMA, FK_CMP, FK_CVT };
/* an exact zero result: a zero result whose a (or b) operand is zero */
enum { ZERO_A = 1, ZERO_B = 2 };
static const struct fast_op {
    uint8_t kind;
    bool f64;
    bool tiny_ok;       /* arith: any finite result is exact or NX-only */
    uint8_t zero;       /* arith: ZERO_A/ZERO_B, when a zero result is exact */
    int op;             /* arith: SSE opcode; fma: VEX 0F38 opcode (213
                         * form); cmp: condition after ucomis; cvt: the
                         * integer's width in bits (-32: unsigned) */
} fast_ops[TCG_FAST_COUNT] = {
    [TCG_FAST_ADD_F64] = { FK_ARITH, true, true, 0, OP_SSE_ADD },
    [TCG_FAST_SUB_F64] = { FK_ARITH, true, true, 0, OP_SSE_SUB },
    [TCG_FAST_MUL_F64] = { FK_ARITH, true, false, ZERO_A | ZERO_B, OP_SSE_MUL },
    [TCG_FAST_DIV_F64] = { FK_ARITH, true, false, ZERO_A, OP_SSE_DIV },
    [TCG_FAST_SQRT_F64] = { FK_ARITH, true, false, ZERO_A, OP_SSE_SQRT },
    [TCG_FAST_EQ_F64] = { FK_CMP, true, false, 0, CC_E },
    [TCG_FAST_LT_F64] = { FK_CMP, true, false, 0, CC_B },
    [TCG_FAST_LE_F64] = { FK_CMP, true, false, 0, CC_BE },
    [TCG_FAST_ADD_F32] = { FK_ARITH, false, true, 0, OP_SSE_ADD },
    [TCG_FAST_SUB_F32] = { FK_ARITH, false, true, 0, OP_SSE_SUB },
    [TCG_FAST_MUL_F32] = { FK_ARITH, false, false, ZERO_A | ZERO_B, OP_SSE_MUL },
    [TCG_FAST_DIV_F32] = { FK_ARITH, false, false, ZERO_A, OP_SSE_DIV },
    [TCG_FAST_SQRT_F32] = { FK_ARITH, false, false, ZERO_A, OP_SSE_SQRT },
    [TCG_FAST_EQ_F32] = { FK_CMP, false, false, 0, CC_E },
    [TCG_FAST_LT_F32] = { FK_CMP, false, false, 0, CC_B },
    [TCG_FAST_LE_F32] = { FK_CMP, false, false, 0, CC_BE },
    /* vfmadd213 a*b+c, vfmsub213 a*b-c, vfnmadd213 -(a*b)+c, vfnmsub213 -(a*b)-c */
    [TCG_FAST_MADD_F64] = { FK_FMA, true, false, 0, 0xa9 },
    [TCG_FAST_MSUB_F64] = { FK_FMA, true, false, 0, 0xab },
    [TCG_FAST_NMSUB_F64] = { FK_FMA, true, false, 0, 0xad },
    [TCG_FAST_NMADD_F64] = { FK_FMA, true, false, 0, 0xaf },
    [TCG_FAST_MADD_F32] = { FK_FMA, false, false, 0, 0xa9 },
    [TCG_FAST_MSUB_F32] = { FK_FMA, false, false, 0, 0xab },
    [TCG_FAST_NMSUB_F32] = { FK_FMA, false, false, 0, 0xad },
    [TCG_FAST_NMADD_F32] = { FK_FMA, false, false, 0, 0xaf },
    [TCG_FAST_F64_I32] = { FK_CVT, true, false, 0, 32 },
    [TCG_FAST_F64_U32] = { FK_CVT, true, false, 0, -32 },
    [TCG_FAST_F64_I64] = { FK_CVT, true, false, 0, 64 },
    [TCG_FAST_F32_I32] = { FK_CVT, false, false, 0, 32 },
    [TCG_FAST_F32_U32] = { FK_CVT, false, false, 0, -32 },
    [TCG_FAST_F32_I64] = { FK_CVT, false, false, 0, 64 },
};

/* The host's MXCSR is the default (round to nearest, all exceptions
 * masked, no FTZ/DAZ), which the SSE fast paths assume. */
static bool mxcsr_default(void)
{
    return (__builtin_ia32_stmxcsr() & ~0x3fu) == 0x1f80;
}

/*
 * The result in rax: finite, and for all but sums at least 2^(emin + 1)
 * (exponent field 2 or more; a result at the smallest normal might be
 * tiny before rounding, so such results go to the helper)?  Returns the
 * jump taken when not.  Sums (tiny_ok) need only be finite: their tiny
 * results are exact (both operands are multiples of the smallest
 * subnormal, so a sum below the smallest normal is one too) and raise
 * no flag.  A product must be at least 2^(emin + p + 1) (exponent field
 * p + 2: 55, 26), so that its rounding error, a multiple of the
 * operands' ulps multiplied, is a multiple of the smallest subnormal,
 * which the exactness test of gen_fast_exact needs (fma then computes it
 * exactly).  Clobbers r9.
 */
static uint8_t *gen_fast_range(struct x86_regs *r, bool f64, bool tiny_ok, bool product)
{
    int emax = f64 ? 0x7ff : 0xff;
    int lo = tiny_ok ? 0 : product ? (f64 ? 55 : 26) : 2;

    /* r9 = the exponent field: the sign shifted out (lea r9, [rax + rax]) */
    x_rm(r->b, (f64 ? X_W : 0) | OP_LEA, R9, RAX, RAX, 0);
    x_shifti(r->b, f64, EXT_SHR, R9, f64 ? 53 : 24);
    if (lo)
        x_alui(r->b, 0, EXT_SUB, R9, lo);
    x_alui(r->b, 0, EXT_CMP, R9, emax - lo);
    return x_jcc32(r->b, CC_AE);
}

/* The operation itself: xmm0 = the result, from xmm0 = a (the integer
 * in rsi for conversions), xmm1 = b, xmm2 = c. */
static void gen_fast_op(struct x86_regs *r, const struct fast_op *f)
{
    switch (f->kind) {
    case FK_ARITH:
        x_rr(r->b, (f->f64 ? X_F2 : X_F3) | f->op, 0, f->op == OP_SSE_SQRT ? 0 : 1);
        break;
    case FK_FMA:
        x_vex(r->b, f->op, 1, f->f64, 0, 1, 2);
        break;
    case FK_CVT:
        /* cvtsi2sd/ss; unsigned 32 bits zero-extended in rax to 64 */
        if (f->op == -32)
            x_rr(r->b, OP_MOV_LD, RAX, RSI);
        x_rr(r->b, (f->f64 ? X_F2 : X_F3) | (f->op == 32 ? 0 : X_W) | X_0F | 0x2a, 0,
             f->op == -32 ? RAX : RSI);
        break;
    }
}

/*
 * Exactness without MXCSR (an stmxcsr costs about 7 ns, an ldmxcsr 5 ns
 * more on an AMD EPYC, against well under 1 ns for the checks): the
 * result in xmm0 and rax, the operands still in xmm1 (b), rsi (a) and
 * rdx.  Returns false when the operation has no such test; else the
 * code jumps, when exact, to a done[] entry, and otherwise sets the env
 * flag and falls through, or, when it cannot tell, jumps to a to_call[]
 * entry (the helper then raises what it must).  So these inexact tests
 * never depend on the host's MXCSR flags (which valgrind, for one, does
 * not model, and which the helper's host path reads).
 *  - add, sub: TwoSum (Knuth): bb = s - a, err = (a - (s - bb)) +
 *    (b - bb) is the exact rounding error of s = a + b in round to
 *    nearest when nothing overflows, and an overflow anywhere makes err
 *    infinite or NaN (to the helper); sub runs it on a + (-b).
 *  - mul with FMA3: fma(a, b, -p) is the exact error of p = a * b once p
 *    is at least 2^(emin + p + 1) (gen_fast_range).
 *  - conversions: converting the result back (truncating; out of range
 *    gives INT_MIN, never an input that converted there) gives the
 *    integer exactly when the conversion was exact.
 */
static bool gen_fast_exact(struct x86_regs *r, const struct tcg_helper *h,
                           const struct fast_op *f, uint8_t **done, int *n,
                           uint8_t **to_call, int *nc, int flag_off, uint8_t mask)
{
    int sd = f->f64 ? X_F2 : X_F3, wq = f->f64 ? X_W : 0;

    if (f->kind == FK_ARITH && f->tiny_ok) {
        bool sub = f->op == OP_SSE_SUB;

        x_rr(r->b, wq | OP_MOVD_X, 2, RSI);                  /* xmm2 = a */
        x_rr(r->b, X_0F | 0x28, 3, 0);                       /* movaps xmm3, s */
        x_rr(r->b, sd | OP_SSE_SUB, 3, 2);                   /* bb = s - a */
        x_rr(r->b, X_0F | 0x28, 4, 0);
        x_rr(r->b, sd | OP_SSE_SUB, 4, 3);                   /* aa = s - bb */
        /* db = b - bb; for sub, -db = b + bb */
        x_rr(r->b, sd | (sub ? OP_SSE_ADD : OP_SSE_SUB), 1, 3);
        x_rr(r->b, sd | OP_SSE_SUB, 2, 4);                   /* da = a - aa */
        x_rr(r->b, sd | (sub ? OP_SSE_SUB : OP_SSE_ADD), 2, 1); /* err */
    } else if (h->fast == TCG_FAST_MUL_F64 || h->fast == TCG_FAST_MUL_F32) {
        if (!(x86_features() & TCG_FEAT_FMA))
            return false;
        x_rr(r->b, wq | OP_MOVD_X, 2, RSI);
        x_vex(r->b, 0xab, 1, f->f64, 2, 1, 0);               /* a * b - p */
    } else if (f->kind == FK_CVT) {
        /* cvttsd2si/cvttss2si r9, xmm0; compare with the integer */
        x_rr(r->b, sd | (f->op == 32 ? 0 : X_W) | X_0F | 0x2c, R9, 0);
        if (f->op == -32) {
            x_rr(r->b, OP_MOV_LD, R8, RSI);
            x_rr(r->b, X_W | OP_CMP, R8, R9);
        } else {
            x_rr(r->b, (f->op == 32 ? 0 : X_W) | OP_CMP, RSI, R9);
        }
        done[(*n)++] = x_jcc32(r->b, CC_E);
        x_rm(r->b, 0x80, 1, X86_ENV, X_NOREG, flag_off);     /* or byte */
        x_b(r->b, mask);
        return true;
    } else {
        return false;
    }
    /* the error in xmm2: exact when it is ±0, inexact when finite */
    x_rr(r->b, wq | OP_MOVD_R, 2, R9);
    x_rr(r->b, wq | OP_ADD, R9, R9);
    done[(*n)++] = x_jcc32(r->b, CC_E);
    x_shifti(r->b, f->f64, EXT_SHR, R9, f->f64 ? 53 : 24);
    x_alui(r->b, 0, EXT_CMP, R9, f->f64 ? 0x7ff : 0xff);
    to_call[(*nc)++] = x_jcc32(r->b, CC_E);
    x_rm(r->b, 0x80, 1, X86_ENV, X_NOREG, flag_off);         /* or byte */
    x_b(r->b, mask);
    return true;
}

/* A zero result in rax is exact when an operand named by zero is zero
 * too (0 * finite, 0 / nonzero, sqrt(±0): nothing raised, the sign
 * the host gives); jumps taken when so go into done[] (*n of them). */
static void gen_fast_zero(struct x86_regs *r, const struct fast_op *f, uint8_t **done, int *n)
{
    int wq = f->f64 ? X_W : 0;
    uint8_t *not_zero;

    x_rr(r->b, wq | OP_MOV_LD, R9, RAX);
    x_rr(r->b, wq | OP_ADD, R9, R9);
    not_zero = x_jcc8(r->b, CC_NE);
    x_rr(r->b, wq | OP_MOV_LD, R9, RSI);
    x_rr(r->b, wq | OP_ADD, R9, R9);
    done[(*n)++] = x_jcc32(r->b, CC_E);
    if (f->zero & ZERO_B) {
        x_rr(r->b, wq | OP_MOV_LD, R9, RDX);
        x_rr(r->b, wq | OP_ADD, R9, R9);
        done[(*n)++] = x_jcc32(r->b, CC_E);
    }
    x_patch8(not_zero, r->b->p);
}

/* The value arguments in rsi, rdx, rcx (the call's registers), for the
 * code that reads them there: the exactness and zero tests, and the
 * way to the call (x86_fast_deferred).  Changes no allocator state. */
static void load_args(struct x86_regs *r, const struct tcg_op *op, const struct tcg_helper *h)
{
    static const int regs[] = { RSI, RDX, RCX };
    /* after env: the operands, then the rounding mode but for compares */
    int nvals = h->nargs - 1 - (fast_ops[h->fast].kind != FK_CMP);

    for (int i = 0; i < nvals; i++)
        x86_reg_peek(r, regs[i], op->args[op->nb_oargs + 1 + i]);
}

/* xmm i = the FP operand i (after env), from its xmm shadow when it has
 * one (no trip through a general register on the dependency chain),
 * else from where the allocator has it. */
static void operand(struct x86_regs *r, const struct tcg_op *op, int i, int wq)
{
    int k = x86_xmm_of(r, op->args[op->nb_oargs + 1 + i]);

    if (k >= 0) {
        x_rr(r->b, X_0F | 0x28, i, k);                      /* movaps */
        return;
    }
    x86_reg_peek_xmm(r, i, op->args[op->nb_oargs + 1 + i], wq);
    /* read again later (a loaded value used by several operations):
     * from a shadow then */
    if (!(op->dead >> (op->nb_oargs + 1 + i) & 1))
        x_rr(r->b, X_0F | 0x28, x86_xmm_assign(r, op->args[op->nb_oargs + 1 + i]), i);
}

bool x86_fast_result_fp(const struct tcg_helper *h)
{
    return fast_ops[h->fast].kind != FK_CMP;
}

/* Whether the helper's fast path can be emitted for this call. */
bool x86_fast_usable(struct x86_regs *r, const struct tcg_op *op, const struct tcg_helper *h)
{
    const struct fast_op *f;
    uint64_t rm;

    if (h->fast == TCG_FAST_NONE || h->fast >= TCG_FAST_COUNT || !r->enabled ||
        !mxcsr_default())
        return false;
    f = &fast_ops[h->fast];
    if (f->kind == FK_FMA && !(x86_features() & TCG_FEAT_FMA))
        return false;
    /* I32 and U32 to F64 are exact in every rounding mode */
    if (f->kind == FK_CMP || (f->kind == FK_CVT && f->f64 && f->op != 64))
        return true;
    /* otherwise the rounding mode must be a known round-to-nearest-even */
    return x86_reg_const(r, op->args[op->nb_oargs + h->nargs - 1], &rm) && !rm;
}

/* With a fast path, the call's env and rounding-mode arguments, which
 * the fast path does not read, are loaded only on the way to the call
 * (their loads change no register state: env is r14, rm a constant). */
bool x86_fast_deferred(const struct x86_regs *r, const struct tcg_op *op,
                          const struct tcg_helper *h, int i)
{
    uint64_t t = op->args[op->nb_oargs + i], v;

    if (i == 0)
        return r->s->temps[t].kind == TCG_TEMP_ENV;
    if (i == h->nargs - 1 && fast_ops[h->fast].kind != FK_CMP)
        return x86_reg_const(r, t, &v);
    /* the FP operands: the fast path reads them itself */
    return fast_ops[h->fast].kind != FK_CVT;
}

/*
 * The inline fast path of a helper that has one (enum tcg_fast in
 * tcg.h), emitted with the arguments in their registers (rdi env, rsi
 * a, rdx b or rm, rcx c or rm, r8 rm): the result in rax and jumps past
 * the call that follows, or a fall into that call when the fast path
 * does not apply at run time (the jumps past the call go into done[],
 * their number is returned, at most X86_FAST_MAX_DONE; 0: no usable fast
 * path).
 *
 * Inexact: once the guest's NX (the env flag) has accrued, the bare
 * operation suffices.  Before, gen_fast_exact proves exactness when it
 * can (division, sqrt and fused multiply-add have no such test, nor
 * products without FMA3); otherwise the host's PE flag tells: MXCSR is read after the
 * operation, and a clear PE proves it exact; a set PE may be older than
 * the operation, which is then done again with MXCSR's flags cleared
 * (ldmxcsr, only then) and NX set when PE is set again.  The MXCSR word
 * goes through the red zone below rsp, which host signal delivery
 * leaves alone.  Uses rax, r9, r8 (conversions only: no argument
 * there) and xmm0-4, which the call clobbers anyway, and never an
 * allocatable register: the temps cached there stay valid on the fast
 * path (gen_call_fast in x86-gen.c).
 */
int x86_gen_fast(struct x86_regs *r, const struct tcg_op *op, const struct tcg_helper *h,
                    uint8_t *done[X86_FAST_MAX_DONE])
{
    enum { MXCSR_PE = 0x20, MXCSR_FLAGS = 0x3f };
    const struct fast_op *f;
    int wq, n = 0, nc = 0;
    bool exact, product;
    uint8_t *slow = NULL, *no_pe, *to_call[1];

    if (!x86_fast_usable(r, op, h))
        return 0;
    f = &fast_ops[h->fast];
    wq = f->f64 ? X_W : 0;
    product = h->fast == TCG_FAST_MUL_F64 || h->fast == TCG_FAST_MUL_F32;
    exact = f->kind == FK_CVT && f->f64 && f->op != 64;
    if (f->kind != FK_CVT)
        operand(r, op, 0, wq);
    if (f->kind != FK_CVT && h->fast != TCG_FAST_SQRT_F64 && h->fast != TCG_FAST_SQRT_F32)
        operand(r, op, 1, wq);
    if (f->kind == FK_FMA)
        operand(r, op, 2, wq);
    if (f->kind == FK_CMP) {
        x_rr(r->b, f->f64 ? OP_UCOMISD : OP_UCOMISS, 0, 1);
        slow = x_jcc32(r->b, 0xa);          /* jp: unordered */
        x_rr(r->b, OP_SETCC + f->op, 0, RAX);
        x_rr(r->b, OP_MOVZB, RAX, RAX);
        done[n++] = x_jcc32(r->b, -1);
        x_patch32(slow, r->b->p);
        return n;
    }
    gen_fast_op(r, f);
    x_rr(r->b, wq | OP_MOVD_R, 0, RAX);
    if (f->kind != FK_CVT)
        slow = gen_fast_range(r, f->f64, f->tiny_ok, product);
    if (!exact) {
        x_rm(r->b, 0xf6, 0, X86_ENV, X_NOREG, h->fast_flag_off);    /* test byte */
        x_b(r->b, h->fast_flag_mask);
        done[n++] = x_jcc32(r->b, CC_NE);                           /* accrued */
        if (f->kind != FK_CVT)
            load_args(r, op, h);
        if (!gen_fast_exact(r, h, f, done, &n, to_call, &nc, h->fast_flag_off,
                            h->fast_flag_mask)) {
            x_rm(r->b, X_0F | 0xae, 3, RSP, X_NOREG, -8);             /* stmxcsr */
            x_rm(r->b, 0xf6, 0, RSP, X_NOREG, -8);
            x_b(r->b, MXCSR_PE);
            done[n++] = x_jcc32(r->b, CC_E);
            /* PE was set, maybe before: again with the flags cleared */
            x_rm(r->b, 0x83, 4, RSP, X_NOREG, -8);                    /* and dword */
            x_b(r->b, (uint8_t)~MXCSR_FLAGS);
            x_rm(r->b, X_0F | 0xae, 2, RSP, X_NOREG, -8);             /* ldmxcsr */
            x_rr(r->b, wq | OP_MOVD_X, 0, RSI);
            gen_fast_op(r, f);
            x_rm(r->b, X_0F | 0xae, 3, RSP, X_NOREG, -8);
            x_rm(r->b, 0xf6, 0, RSP, X_NOREG, -8);
            x_b(r->b, MXCSR_PE);
            no_pe = x_jcc8(r->b, CC_E);
            x_rm(r->b, 0x80, 1, X86_ENV, X_NOREG, h->fast_flag_off); /* or byte */
            x_b(r->b, h->fast_flag_mask);
            x_patch8(no_pe, r->b->p);
        }
    }
    done[n++] = x_jcc32(r->b, -1);
    if (f->zero) {
        x_patch32(slow, r->b->p);
        load_args(r, op, h);
        gen_fast_zero(r, f, done, &n);
    }
    else if (slow)
        x_patch32(slow, r->b->p);
    for (int i = 0; i < nc; i++)
        x_patch32(to_call[i], r->b->p);
    return n;
}
