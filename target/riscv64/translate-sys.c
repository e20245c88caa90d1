/*
 * IR for fences, environment calls, Zicsr and Zifencei, and the F/D
 * instructions that only move bits (loads, stores, fmv, fsgnj).
 *
 * CSRs: fflags is read and written inline through env; frm and fcsr
 * go through rv_helper_csr; the counters cycle, time and instret are read-only
 * (any write is illegal) and read through rv_helper_counter.  Every
 * other CSR is illegal in user mode.  csrrs/csrrc with rs1 = x0 (or a
 * zero immediate) do not write.  A write to frm or fcsr ends the block:
 * frm is part of the block flags (translate-fp.c resolves the dynamic
 * rounding mode at translation time).
 *
 * fence.i ends the block and asks the engine to drop translated code
 * before the next instruction runs.
 *
 * Singles are NaN-boxed in the 64-bit registers: flw and fmv.w.x box, an
 * fsgnj.s operand whose box is broken reads as the canonical NaN.
 */
#include "target/riscv64/translate.h"
#include "uemu/riscv64.h"

#define NANBOX_S 0xffffffff00000000ull
#define CANONICAL_NAN_S 0x7fc00000ull

static bool trans_fence(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    (void)d;
    tcg_gen_mb(TCG_MB_ALL);
    return true;
}

static bool trans_fence_i(struct rv_tr *t, const rv_insn *d)
{
    (void)d;
    tcg_gen_movi_i64(rv_pc, t->pc_next);
    exec_gen_exception(t->dc, EXEC_EXCP_SYNC_ICACHE);
    t->dc->state = EXEC_DC_NORETURN;
    return true;
}

static bool trans_ecall(struct rv_tr *t, const rv_insn *d)
{
    (void)d;
    rv_gen_exception(t, RV_EXCP_ECALL);
    return true;
}

static bool trans_ebreak(struct rv_tr *t, const rv_insn *d)
{
    (void)d;
    rv_gen_exception(t, RV_EXCP_EBREAK);
    return true;
}

static const struct tcg_helper helper_csr = {
    .name = "csr",
    .func = (void *)rv_helper_csr,
    .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_I64,
    .nargs = 4,
    .args = { TCG_TYPE_PTR, TCG_TYPE_I32, TCG_TYPE_I32, TCG_TYPE_I64 },
};

static const struct tcg_helper helper_counter = {
    .name = "counter",
    .func = (void *)rv_helper_counter,
    .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_I64,
    .nargs = 1,
    .args = { TCG_TYPE_I32 },
};

/*
 * fflags inline (frflags/fsflags pairs guard libm's quiet compares in hot
 * loops): fflags is no IR global, so it is reached through env, where the
 * FP helpers keep it; the JIT's inline FP operations leave their flags in
 * the host until fpflags_take (TCG_FPF_* are fflags' bits).  A bare write
 * (fsflags with rd x0) only drops those.
 */
static void gen_fflags(const rv_insn *d, unsigned op, tcg_i64 src, bool writes)
{
    tcg_i64 old = tcg_temp_new_i64(), v = tcg_temp_new_i64(), host;

    if (writes && op == RV_CSR_RW && d->rd == 0) {
        tcg_gen_fpflags_clear();
        tcg_gen_andi_i64(v, src, 0x1f);
        tcg_gen_st_i64(v, tcg_env(), rv_env_layout.fflags, TCG_MO_32);
        return;
    }
    host = tcg_temp_new_i64();
    tcg_gen_ld_i64(old, tcg_env(), rv_env_layout.fflags, TCG_MO_32);
    tcg_gen_fpflags_take(host);
    tcg_gen_or_i64(old, old, host);
    if (writes) {
        tcg_gen_andi_i64(v, src, 0x1f);
        if (op == RV_CSR_RS) {
            tcg_gen_or_i64(v, old, v);
        } else if (op == RV_CSR_RC) {
            tcg_gen_not_i64(v, v);
            tcg_gen_and_i64(v, old, v);
        }
        tcg_gen_st_i64(v, tcg_env(), rv_env_layout.fflags, TCG_MO_32);
    } else {
        tcg_gen_st_i64(old, tcg_env(), rv_env_layout.fflags, TCG_MO_32);
    }
    rv_set_gpr(d->rd, old);
}

/* csr op src into rd; writes says whether the instruction writes. */
static bool gen_csr(struct rv_tr *t, const rv_insn *d, unsigned op, tcg_i64 src,
                    bool writes)
{
    tcg_i64 r = tcg_temp_new_i64();
    tcg_i32 csr = tcg_temp_new_i32(), kind = tcg_temp_new_i32();

    tcg_gen_movi_i32(csr, d->csr);
    switch (d->csr) {
    case RV_CSR_FFLAGS:
        gen_fflags(d, op, src, writes);
        return true;
    case RV_CSR_FRM:
    case RV_CSR_FCSR: {
        int args[4] = { tcg_env().n, csr.n, kind.n, src.n };

        if (!writes) {
            op = RV_CSR_RS;
            tcg_gen_movi_i64(src, 0);
        }
        tcg_gen_movi_i32(kind, op);
        tcg_gen_call(&helper_csr, r.n, args);
        if (writes && d->csr != RV_CSR_FFLAGS) {
            /* frm may have changed, and frm is in the block flags: the
             * next instruction is looked up anew, never chained */
            rv_set_gpr(d->rd, r);
            tcg_gen_movi_i64(rv_pc, t->pc_next);
            exec_gen_exception(t->dc, EXEC_EXCP_NONE);
            t->dc->state = EXEC_DC_NORETURN;
            return true;
        }
        break;
    }
    case RV_CSR_CYCLE:
    case RV_CSR_TIME:
    case RV_CSR_INSTRET: {
        int args[1] = { csr.n };

        if (writes)
            return false;
        tcg_gen_call(&helper_counter, r.n, args);
        break;
    }
    default:
        return false;
    }
    rv_set_gpr(d->rd, r);
    return true;
}

static tcg_i64 csr_src_reg(const rv_insn *d)
{
    tcg_i64 s = tcg_temp_new_i64();

    tcg_gen_mov_i64(s, rv_get_gpr(d->rs1));
    return s;
}

static tcg_i64 csr_src_imm(const rv_insn *d)
{
    tcg_i64 s = tcg_temp_new_i64();

    tcg_gen_movi_i64(s, (uint64_t)d->imm);
    return s;
}

static bool trans_csrrw(struct rv_tr *t, const rv_insn *d)
{
    return gen_csr(t, d, RV_CSR_RW, csr_src_reg(d), true);
}

static bool trans_csrrs(struct rv_tr *t, const rv_insn *d)
{
    return gen_csr(t, d, RV_CSR_RS, csr_src_reg(d), d->rs1 != 0);
}

static bool trans_csrrc(struct rv_tr *t, const rv_insn *d)
{
    return gen_csr(t, d, RV_CSR_RC, csr_src_reg(d), d->rs1 != 0);
}

static bool trans_csrrwi(struct rv_tr *t, const rv_insn *d)
{
    return gen_csr(t, d, RV_CSR_RW, csr_src_imm(d), true);
}

static bool trans_csrrsi(struct rv_tr *t, const rv_insn *d)
{
    return gen_csr(t, d, RV_CSR_RS, csr_src_imm(d), d->imm != 0);
}

static bool trans_csrrci(struct rv_tr *t, const rv_insn *d)
{
    return gen_csr(t, d, RV_CSR_RC, csr_src_imm(d), d->imm != 0);
}

static tcg_i64 fp_address(const rv_insn *d)
{
    tcg_i64 a = tcg_temp_new_i64();

    tcg_gen_addi_i64(a, rv_get_gpr(d->rs1), (uint64_t)d->imm);
    return a;
}

static bool trans_flw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 v = tcg_temp_new_i64();

    (void)t;
    tcg_gen_qemu_ld_i64(v, fp_address(d), TCG_MO_32);
    tcg_gen_ori_i64(rv_fpr[d->rd], v, NANBOX_S);
    return true;
}

static bool trans_fld(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    tcg_gen_qemu_ld_i64(rv_fpr[d->rd], fp_address(d), TCG_MO_64);
    return true;
}

static bool trans_fsw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    tcg_gen_qemu_st_i64(rv_fpr[d->rs2], fp_address(d), TCG_MO_32);
    return true;
}

static bool trans_fsd(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    tcg_gen_qemu_st_i64(rv_fpr[d->rs2], fp_address(d), TCG_MO_64);
    return true;
}

static bool trans_fmv_x_w(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    tcg_gen_ext32s_i64(rv_dest_gpr(d->rd), rv_fpr[d->rs1]);
    return true;
}

static bool trans_fmv_w_x(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 v = tcg_temp_new_i64();

    (void)t;
    tcg_gen_ext32u_i64(v, rv_get_gpr(d->rs1));
    tcg_gen_ori_i64(rv_fpr[d->rd], v, NANBOX_S);
    return true;
}

static bool trans_fmv_x_d(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    rv_set_gpr(d->rd, rv_fpr[d->rs1]);
    return true;
}

static bool trans_fmv_d_x(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    tcg_gen_mov_i64(rv_fpr[d->rd], rv_get_gpr(d->rs1));
    return true;
}

tcg_i64 rv_gen_unbox_s(tcg_i64 f)
{
    tcg_i64 hi = tcg_temp_new_i64(), box = tcg_temp_new_i64();
    tcg_i64 lo = tcg_temp_new_i64(), nan = tcg_temp_new_i64();

    tcg_gen_shri_i64(hi, f, 32);
    tcg_gen_movi_i64(box, 0xffffffffu);
    tcg_gen_ext32u_i64(lo, f);
    tcg_gen_movi_i64(nan, CANONICAL_NAN_S);
    tcg_gen_movcond_i64(TCG_COND_EQ, lo, hi, box, lo, nan);
    return lo;
}

enum { SGNJ, SGNJN, SGNJX };

/* Sign injection: a's magnitude with a sign from b (kind) at bit sb. */
static void gen_sgnj(tcg_i64 r, tcg_i64 a, tcg_i64 b, unsigned sb, int kind)
{
    tcg_i64 s = tcg_temp_new_i64(), m = tcg_temp_new_i64();
    uint64_t sign = 1ull << sb;

    switch (kind) {
    case SGNJ:
        tcg_gen_andi_i64(s, b, sign);
        break;
    case SGNJN:
        tcg_gen_not_i64(s, b);
        tcg_gen_andi_i64(s, s, sign);
        break;
    default:
        tcg_gen_xor_i64(s, a, b);
        tcg_gen_andi_i64(s, s, sign);
        break;
    }
    tcg_gen_andi_i64(m, a, ~sign);
    tcg_gen_or_i64(r, m, s);
}

static bool gen_fsgnj_s(const rv_insn *d, int kind)
{
    tcg_i64 r = tcg_temp_new_i64();

    gen_sgnj(r, rv_gen_unbox_s(rv_fpr[d->rs1]), rv_gen_unbox_s(rv_fpr[d->rs2]), 31, kind);
    tcg_gen_ori_i64(rv_fpr[d->rd], r, NANBOX_S);
    return true;
}

static bool gen_fsgnj_d(const rv_insn *d, int kind)
{
    tcg_i64 r = tcg_temp_new_i64();

    gen_sgnj(r, rv_fpr[d->rs1], rv_fpr[d->rs2], 63, kind);
    tcg_gen_mov_i64(rv_fpr[d->rd], r);
    return true;
}

#define FSGNJ(name, kind)                                                    \
    static bool trans_##name##_s(struct rv_tr *t, const rv_insn *d)          \
    {                                                                        \
        (void)t;                                                             \
        return gen_fsgnj_s(d, kind);                                         \
    }                                                                        \
    static bool trans_##name##_d(struct rv_tr *t, const rv_insn *d)          \
    {                                                                        \
        (void)t;                                                             \
        return gen_fsgnj_d(d, kind);                                         \
    }
FSGNJ(fsgnj, SGNJ)
FSGNJ(fsgnjn, SGNJN)
FSGNJ(fsgnjx, SGNJX)

const struct rv_trans_entry rv_trans_sys[] = {
    { RV_FENCE, trans_fence }, { RV_FENCE_TSO, trans_fence },
    { RV_FENCE_I, trans_fence_i },
    { RV_ECALL, trans_ecall }, { RV_EBREAK, trans_ebreak },
    { RV_CSRRW, trans_csrrw }, { RV_CSRRS, trans_csrrs }, { RV_CSRRC, trans_csrrc },
    { RV_CSRRWI, trans_csrrwi }, { RV_CSRRSI, trans_csrrsi },
    { RV_CSRRCI, trans_csrrci },
    { RV_FLW, trans_flw }, { RV_FLD, trans_fld }, { RV_FSW, trans_fsw },
    { RV_FSD, trans_fsd },
    { RV_FMV_X_W, trans_fmv_x_w }, { RV_FMV_W_X, trans_fmv_w_x },
    { RV_FMV_X_D, trans_fmv_x_d }, { RV_FMV_D_X, trans_fmv_d_x },
    { RV_FSGNJ_S, trans_fsgnj_s }, { RV_FSGNJN_S, trans_fsgnjn_s },
    { RV_FSGNJX_S, trans_fsgnjx_s },
    { RV_FSGNJ_D, trans_fsgnj_d }, { RV_FSGNJN_D, trans_fsgnjn_d },
    { RV_FSGNJX_D, trans_fsgnjx_d },
};
const size_t rv_trans_sys_len = sizeof(rv_trans_sys) / sizeof(rv_trans_sys[0]);
