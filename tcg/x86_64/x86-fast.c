/*
 * Inline FP fast paths for helpers that name an IEEE operation
 * (enum tcg_fast in tcg.h): SSE, or FMA3 for fused multiply-adds,
 * replaces the helper call when the result is provably the helper's.
 * Emitted by gen_call (x86-gen.c) between loading the call's arguments
 * and the call, which the fast path jumps past.
 *
 * The constraints: round to nearest even known at translation (the
 * rounding-mode argument a pending constant 0), the host MXCSR at its
 * default, and a result that is no NaN (the guest wants the canonical
 * NaN, x86 gives another: such results go to the helper).  The flags
 * need no test: SSE raises the IEEE flags as RISC-V does for these
 * operations (tininess after rounding, underflow only when inexact),
 * and they stay accrued in MXCSR until x86_fpflags_take (the engine
 * when generated code returns, the fpflags_take op where the guest reads
 * its flags) moves them to the guest.  Reading MXCSR costs about 7 ns
 * here, so it is read only there, never per operation.  Tests:
 * tests/unit/test-tcg-fast.c.
 *
 *     if (x86_fast_usable(r, op, h)) ... n = x86_gen_fast(r, op, h, done);
 *     call; patch done[0..n) to here
 */
#include <ucontext.h>

#include "tcg/x86_64/x86.h"

/* How each enum tcg_fast runs inline. */
enum { FK_ARITH = 1, FK_FMA, FK_CMP, FK_CVT };
static const struct fast_op {
    uint8_t kind;
    bool f64;
    int op;             /* arith: SSE opcode; fma: VEX 0F38 opcode (213
                         * form); cmp: condition after ucomis; cvt: the
                         * integer's width in bits (-32: unsigned) */
} fast_ops[TCG_FAST_COUNT] = {
    [TCG_FAST_ADD_F64] = { FK_ARITH, true, OP_SSE_ADD },
    [TCG_FAST_SUB_F64] = { FK_ARITH, true, OP_SSE_SUB },
    [TCG_FAST_MUL_F64] = { FK_ARITH, true, OP_SSE_MUL },
    [TCG_FAST_DIV_F64] = { FK_ARITH, true, OP_SSE_DIV },
    [TCG_FAST_SQRT_F64] = { FK_ARITH, true, OP_SSE_SQRT },
    [TCG_FAST_EQ_F64] = { FK_CMP, true, CC_E },
    [TCG_FAST_LT_F64] = { FK_CMP, true, CC_B },
    [TCG_FAST_LE_F64] = { FK_CMP, true, CC_BE },
    [TCG_FAST_ADD_F32] = { FK_ARITH, false, OP_SSE_ADD },
    [TCG_FAST_SUB_F32] = { FK_ARITH, false, OP_SSE_SUB },
    [TCG_FAST_MUL_F32] = { FK_ARITH, false, OP_SSE_MUL },
    [TCG_FAST_DIV_F32] = { FK_ARITH, false, OP_SSE_DIV },
    [TCG_FAST_SQRT_F32] = { FK_ARITH, false, OP_SSE_SQRT },
    [TCG_FAST_EQ_F32] = { FK_CMP, false, CC_E },
    [TCG_FAST_LT_F32] = { FK_CMP, false, CC_B },
    [TCG_FAST_LE_F32] = { FK_CMP, false, CC_BE },
    /* vfmadd213 a*b+c, vfmsub213 a*b-c, vfnmadd213 -(a*b)+c, vfnmsub213 -(a*b)-c */
    [TCG_FAST_MADD_F64] = { FK_FMA, true, 0xa9 },
    [TCG_FAST_MSUB_F64] = { FK_FMA, true, 0xab },
    [TCG_FAST_NMSUB_F64] = { FK_FMA, true, 0xad },
    [TCG_FAST_NMADD_F64] = { FK_FMA, true, 0xaf },
    [TCG_FAST_MADD_F32] = { FK_FMA, false, 0xa9 },
    [TCG_FAST_MSUB_F32] = { FK_FMA, false, 0xab },
    [TCG_FAST_NMSUB_F32] = { FK_FMA, false, 0xad },
    [TCG_FAST_NMADD_F32] = { FK_FMA, false, 0xaf },
    [TCG_FAST_F64_I32] = { FK_CVT, true, 32 },
    [TCG_FAST_F64_U32] = { FK_CVT, true, -32 },
    [TCG_FAST_F64_I64] = { FK_CVT, true, 64 },
    [TCG_FAST_F32_I32] = { FK_CVT, false, 32 },
    [TCG_FAST_F32_U32] = { FK_CVT, false, -32 },
    [TCG_FAST_F32_I64] = { FK_CVT, false, 64 },
};

/* MXCSR's flag bits: IE, DE (the guest has no such flag), ZE, OE, UE, PE */
enum { MXCSR_FLAGS = 0x3f, MXCSR_GUEST_FLAGS = 0x3d };
#define FPF(m) (((m) & 1 ? TCG_FPF_NV : 0) | ((m) & 4 ? TCG_FPF_DZ : 0) |       \
                ((m) & 8 ? TCG_FPF_OF : 0) | ((m) & 16 ? TCG_FPF_UF : 0) |     \
                ((m) & 32 ? TCG_FPF_NX : 0))
#define FPF4(m) FPF(m), FPF((m) + 1), FPF((m) + 2), FPF((m) + 3)
#define FPF16(m) FPF4(m), FPF4((m) + 4), FPF4((m) + 8), FPF4((m) + 12)
/* TCG_FPF_* of MXCSR's low six bits (generated code indexes it too) */
static const uint8_t fpf_of_mxcsr[64] = {
    FPF16(0), FPF16(16), FPF16(32), FPF16(48),
};

unsigned x86_fpflags_take(void *ucv)
{
    unsigned m;

    if (ucv) {
#ifdef __linux__
        ucontext_t *uc = ucv;

        if (!uc->uc_mcontext.fpregs)
            return 0;
        m = uc->uc_mcontext.fpregs->mxcsr;
        uc->uc_mcontext.fpregs->mxcsr = m & ~(unsigned)MXCSR_FLAGS;
        return fpf_of_mxcsr[m & MXCSR_FLAGS];
#else
        return 0;
#endif
    }
    m = __builtin_ia32_stmxcsr();
    if (!(m & MXCSR_GUEST_FLAGS))
        return 0;
    __builtin_ia32_ldmxcsr(m & ~(unsigned)MXCSR_FLAGS);
    return fpf_of_mxcsr[m & MXCSR_FLAGS];
}

/*
 * fpflags_take into rax, or fpflags_clear (take false), through the red
 * zone below rsp, which host signal delivery leaves alone.  Clearing
 * loads the control bits seen now: nothing changes them for long
 * (fpu-host.c puts back what it changed).  Uses rax and r9.
 */
void x86_gen_fpflags(struct xbuf *b, bool take)
{
    uint8_t *none;

    if (!take) {
        x_rm(b, 0xc7, 0, RSP, X_NOREG, -8);                         /* mov dword */
        x_d32(b, __builtin_ia32_stmxcsr() & ~(unsigned)MXCSR_FLAGS);
        x_rm(b, X_0F | 0xae, 2, RSP, X_NOREG, -8);                  /* ldmxcsr */
        return;
    }
    x_rm(b, X_0F | 0xae, 3, RSP, X_NOREG, -8);                      /* stmxcsr */
    x_rm(b, OP_MOV_LD, RAX, RSP, X_NOREG, -8);
    x_alui(b, 0, EXT_AND, RAX, MXCSR_GUEST_FLAGS);
    none = x_jcc8(b, CC_E);
    x_rm(b, 0x83, EXT_AND, RSP, X_NOREG, -8);                       /* and dword */
    x_b(b, (uint8_t)~MXCSR_FLAGS);
    x_rm(b, X_0F | 0xae, 2, RSP, X_NOREG, -8);                      /* ldmxcsr */
    x_movi(b, R9, (uintptr_t)fpf_of_mxcsr);
    x_rm(b, OP_MOVZB, RAX, R9, RAX, 0);
    x_patch8(none, b->p);
}

/* The host's MXCSR is the default (round to nearest, all exceptions
 * masked, no FTZ/DAZ), which the SSE fast paths assume. */
static bool mxcsr_default(void)
{
    return (__builtin_ia32_stmxcsr() & ~0x3fu) == 0x1f80;
}

/* The operation itself: xmm0 = the result, from xmm0 = a (the integer
 * in rsi for conversions), xmm xb = b, xmm xc = c. */
static void gen_fast_op(struct x86_regs *r, const struct fast_op *f, int xb, int xc)
{
    switch (f->kind) {
    case FK_ARITH:
        x_rr(r->b, (f->f64 ? X_F2 : X_F3) | f->op, 0, f->op == OP_SSE_SQRT ? 0 : xb);
        break;
    case FK_FMA:
        x_vex(r->b, f->op, 1, f->f64, 0, xb, xc);
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

bool x86_fast_read_later(const struct tcg_ctx *s, const struct tcg_op *op, uint64_t t)
{
    const struct tcg_op *end = s->ops + s->nb_ops;

    for (int n = 0; ++op < end && n < 64; n++) {
        if (op->opc == TCG_OP_set_label || (tcg_opdefs[op->opc].flags & TCG_OPF_BB_END))
            return false;
        for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
            if (op->args[k] == t && op->opc == TCG_OP_call && tcg_op_helper(op)->fast)
                return true;
        }
        for (int k = 0; k < op->nb_oargs; k++) {
            if (op->args[k] == t)
                return false;
        }
    }
    return true;
}

/* xmm i = the FP operand i (after env), from its xmm shadow when it has
 * one (no trip through a general register on the dependency chain),
 * else from where the allocator has it. */
static int operand(struct x86_regs *r, const struct tcg_op *op, int i, int wq)
{
    uint64_t t = op->args[op->nb_oargs + 1 + i];
    int k = x86_xmm_of(r, t);

    if (k >= 0) {
        if (i) {
            /* read in place (only xmm0 is overwritten), so the most
             * recent: a later operand's new shadow must not take it */
            r->xmm_last_use[k] = ++r->clock;
            return k;
        }
        x_rr(r->b, X_0F | 0x28, 0, k);                      /* movaps */
        return 0;
    }
    x86_reg_peek_xmm(r, i, t, wq);
    /* read again later by an FP operation (a loaded value used by
     * several): from a shadow then; not when the result replaces it */
    if (!(op->dead >> (op->nb_oargs + 1 + i) & 1) && !(op->nb_oargs && op->args[0] == t) &&
        x86_fast_read_later(r->s, op, t))
        x_rr(r->b, X_0F | 0x28, x86_xmm_assign(r, t), i);
    return i;
}

bool x86_fast_result_fp(const struct tcg_helper *h)
{
    return fast_ops[h->fast].kind != FK_CMP;
}

bool x86_fast_f64(const struct tcg_helper *h)
{
    return fast_ops[h->fast].f64;
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
 * a, rdx b or rm, rcx c or rm, r8 rm): it falls through with the result
 * in xmm0 (a compare's in rax), or, for a NaN, takes the jump *slow to
 * the call (returns 1; 0 when it has no such jump, -1 when there is no
 * usable fast path).  The operation's
 * flags stay in MXCSR (the helper raises a NaN's again, which is the
 * same).  Uses rax and xmm0-2, which the call clobbers anyway, and never
 * an allocatable register: the temps cached there stay valid on the
 * fast path (gen_call_fast in x86-gen.c).
 */
int x86_gen_fast(struct x86_regs *r, const struct tcg_op *op, const struct tcg_helper *h,
                 uint8_t **slow)
{
    const struct fast_op *f;
    int wq, xb = 1, xc = 2;

    if (!x86_fast_usable(r, op, h))
        return -1;
    f = &fast_ops[h->fast];
    wq = f->f64 ? X_W : 0;
    if (f->kind != FK_CVT)
        operand(r, op, 0, wq);
    if (f->kind != FK_CVT && h->fast != TCG_FAST_SQRT_F64 && h->fast != TCG_FAST_SQRT_F32)
        xb = operand(r, op, 1, wq);
    if (f->kind == FK_FMA)
        xc = operand(r, op, 2, wq);
    if (f->kind == FK_CMP) {
        x_rr(r->b, f->f64 ? OP_UCOMISD : OP_UCOMISS, 0, xb);
        *slow = x_jcc32(r->b, 0xa);         /* jp: unordered */
        x_rr(r->b, OP_SETCC + f->op, 0, RAX);
        x_rr(r->b, OP_MOVZB, RAX, RAX);
        return 1;
    }
    gen_fast_op(r, f, xb, xc);
    if (f->kind == FK_CVT)
        return 0;
    x_rr(r->b, f->f64 ? OP_UCOMISD : OP_UCOMISS, 0, 0);
    *slow = x_jcc32(r->b, 0xa);             /* jp: a NaN */
    return 1;
}
