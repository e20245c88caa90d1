/*
 * IR for the F and D instructions that compute (arithmetic, fused
 * multiply-add, min/max, compares, fclass, conversions): each is one
 * call of its helper from fpu-helper.h through rv_fp_helpers[], with
 * operands of the shape its table row names.  Loads, stores, fmv and
 * fsgnj only move bits and are inline in translate-sys.c.
 *
 * Single operands are unboxed inline (rv_gen_unbox_s) and single results
 * boxed.  The dynamic rounding mode is resolved at translation time
 * from the block's flags (static_rm), so helpers always get a static
 * mode.
 */
#include "target/riscv64/translate.h"
#include "uemu/riscv64.h"

#define NANBOX_S 0xffffffff00000000ull

/* Operand shapes: what the helper takes and where its result goes. */
enum {
    K_BIN,      /* env, fs1, fs2, rm -> fd */
    K_UN,       /* env, fs1, rm -> fd (fsqrt, fcvt between formats) */
    K_FMA,      /* env, fs1, fs2, fs3, rm -> fd */
    K_MINMAX,   /* env, fs1, fs2 -> fd */
    K_CMP,      /* env, fs1, fs2 -> rd */
    K_CLASS,    /* fs1 -> rd */
    K_TOINT,    /* env, fs1, rm -> rd */
    K_FROMINT,  /* env, rs1, rm -> fd */
};

struct fp_row {
    uint16_t id;        /* enum rv_id */
    uint8_t helper;     /* enum rv_fph */
    uint8_t kind;
    bool src_s, dst_s;  /* single-precision source / destination */
};

#define S true
#define D false
static const struct fp_row fp_rows[] = {
    { RV_FADD_S, RV_FPH_FADD_S, K_BIN, S, S }, { RV_FADD_D, RV_FPH_FADD_D, K_BIN, D, D },
    { RV_FSUB_S, RV_FPH_FSUB_S, K_BIN, S, S }, { RV_FSUB_D, RV_FPH_FSUB_D, K_BIN, D, D },
    { RV_FMUL_S, RV_FPH_FMUL_S, K_BIN, S, S }, { RV_FMUL_D, RV_FPH_FMUL_D, K_BIN, D, D },
    { RV_FDIV_S, RV_FPH_FDIV_S, K_BIN, S, S }, { RV_FDIV_D, RV_FPH_FDIV_D, K_BIN, D, D },
    { RV_FSQRT_S, RV_FPH_FSQRT_S, K_UN, S, S }, { RV_FSQRT_D, RV_FPH_FSQRT_D, K_UN, D, D },
    { RV_FMADD_S, RV_FPH_FMADD_S, K_FMA, S, S }, { RV_FMADD_D, RV_FPH_FMADD_D, K_FMA, D, D },
    { RV_FMSUB_S, RV_FPH_FMSUB_S, K_FMA, S, S }, { RV_FMSUB_D, RV_FPH_FMSUB_D, K_FMA, D, D },
    { RV_FNMSUB_S, RV_FPH_FNMSUB_S, K_FMA, S, S },
    { RV_FNMSUB_D, RV_FPH_FNMSUB_D, K_FMA, D, D },
    { RV_FNMADD_S, RV_FPH_FNMADD_S, K_FMA, S, S },
    { RV_FNMADD_D, RV_FPH_FNMADD_D, K_FMA, D, D },
    { RV_FMIN_S, RV_FPH_FMIN_S, K_MINMAX, S, S }, { RV_FMIN_D, RV_FPH_FMIN_D, K_MINMAX, D, D },
    { RV_FMAX_S, RV_FPH_FMAX_S, K_MINMAX, S, S }, { RV_FMAX_D, RV_FPH_FMAX_D, K_MINMAX, D, D },
    { RV_FEQ_S, RV_FPH_FEQ_S, K_CMP, S, D }, { RV_FEQ_D, RV_FPH_FEQ_D, K_CMP, D, D },
    { RV_FLT_S, RV_FPH_FLT_S, K_CMP, S, D }, { RV_FLT_D, RV_FPH_FLT_D, K_CMP, D, D },
    { RV_FLE_S, RV_FPH_FLE_S, K_CMP, S, D }, { RV_FLE_D, RV_FPH_FLE_D, K_CMP, D, D },
    { RV_FCLASS_S, RV_FPH_FCLASS_S, K_CLASS, S, D },
    { RV_FCLASS_D, RV_FPH_FCLASS_D, K_CLASS, D, D },
    { RV_FCVT_W_S, RV_FPH_FCVT_W_S, K_TOINT, S, D },
    { RV_FCVT_WU_S, RV_FPH_FCVT_WU_S, K_TOINT, S, D },
    { RV_FCVT_L_S, RV_FPH_FCVT_L_S, K_TOINT, S, D },
    { RV_FCVT_LU_S, RV_FPH_FCVT_LU_S, K_TOINT, S, D },
    { RV_FCVT_W_D, RV_FPH_FCVT_W_D, K_TOINT, D, D },
    { RV_FCVT_WU_D, RV_FPH_FCVT_WU_D, K_TOINT, D, D },
    { RV_FCVT_L_D, RV_FPH_FCVT_L_D, K_TOINT, D, D },
    { RV_FCVT_LU_D, RV_FPH_FCVT_LU_D, K_TOINT, D, D },
    { RV_FCVT_S_W, RV_FPH_FCVT_S_W, K_FROMINT, D, S },
    { RV_FCVT_S_WU, RV_FPH_FCVT_S_WU, K_FROMINT, D, S },
    { RV_FCVT_S_L, RV_FPH_FCVT_S_L, K_FROMINT, D, S },
    { RV_FCVT_S_LU, RV_FPH_FCVT_S_LU, K_FROMINT, D, S },
    { RV_FCVT_D_W, RV_FPH_FCVT_D_W, K_FROMINT, D, D },
    { RV_FCVT_D_WU, RV_FPH_FCVT_D_WU, K_FROMINT, D, D },
    { RV_FCVT_D_L, RV_FPH_FCVT_D_L, K_FROMINT, D, D },
    { RV_FCVT_D_LU, RV_FPH_FCVT_D_LU, K_FROMINT, D, D },
    { RV_FCVT_S_D, RV_FPH_FCVT_S_D, K_UN, D, S },
    { RV_FCVT_D_S, RV_FPH_FCVT_D_S, K_UN, S, D },
};
#undef S
#undef D

static const struct fp_row *row_of(uint16_t id)
{
    for (size_t i = 0; i < sizeof(fp_rows) / sizeof(fp_rows[0]); i++) {
        if (fp_rows[i].id == id)
            return &fp_rows[i];
    }
    return NULL;
}

/* A source operand as the helper wants it: the i64 register for D, the
 * unboxed single (i32) for S. */
static int fp_src(int r, bool single)
{
    tcg_i32 v;

    if (!single)
        return rv_fpr[r].n;
    v = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(v, rv_gen_unbox_s(rv_fpr[r]));
    return v.n;
}

/*
 * The rounding mode the instruction runs with.  frm is part of the
 * block's flags (rv_cpu_get_flags), so a dynamic mode is known here: a
 * block is only entered with the frm it was translated for, and a CSR
 * write that may change frm ends its block (translate-sys.c).  -1: DYN
 * with an invalid frm, which the spec makes an illegal instruction.
 */
static int static_rm(const struct rv_tr *t, unsigned rm)
{
    unsigned frm = t->dc->flags & RV_TB_FLAGS_FRM;

    if (rm != RV_RM_DYN)
        return (int)rm;
    return frm <= RV_RM_RMM ? (int)frm : -1;
}

static bool trans_fp(struct rv_tr *t, const rv_insn *d)
{
    const struct fp_row *row = row_of(d->id);
    const struct tcg_helper *h;
    int args[5], n = 0, mode;
    tcg_i32 rm = tcg_temp_new_i32();
    bool has_rm, to_gpr;

    if (!row)
        return false;
    h = &rv_fp_helpers[row->helper];
    has_rm = row->kind == K_BIN || row->kind == K_UN || row->kind == K_FMA ||
             row->kind == K_TOINT || row->kind == K_FROMINT;
    to_gpr = row->kind == K_CMP || row->kind == K_CLASS || row->kind == K_TOINT;
    mode = static_rm(t, d->rm);
    if (has_rm && mode < 0)
        return false;
    if (row->kind != K_CLASS)
        args[n++] = tcg_env().n;
    if (row->kind == K_FROMINT) {
        args[n++] = rv_get_gpr(d->rs1).n;
    } else {
        args[n++] = fp_src(d->rs1, row->src_s);
        if (row->kind == K_BIN || row->kind == K_FMA || row->kind == K_MINMAX ||
            row->kind == K_CMP)
            args[n++] = fp_src(d->rs2, row->src_s);
        if (row->kind == K_FMA)
            args[n++] = fp_src(d->rs3, row->src_s);
    }
    if (has_rm) {
        tcg_gen_movi_i32(rm, (uint32_t)mode);
        args[n++] = rm.n;
    }
    if (to_gpr) {
        tcg_i64 r = tcg_temp_new_i64();

        tcg_gen_call(h, r.n, args);
        rv_set_gpr(d->rd, r);
    } else if (row->dst_s) {
        tcg_i32 r = tcg_temp_new_i32();
        tcg_i64 w = tcg_temp_new_i64();

        tcg_gen_call(h, r.n, args);
        tcg_gen_extu_i32_i64(w, r);
        tcg_gen_ori_i64(rv_fpr[d->rd], w, NANBOX_S);
    } else {
        tcg_i64 r = tcg_temp_new_i64();

        tcg_gen_call(h, r.n, args);
        tcg_gen_mov_i64(rv_fpr[d->rd], r);
    }
    return true;
}

const struct rv_trans_entry rv_trans_fp[] = {
#define ROW(id) { id, trans_fp }
    ROW(RV_FADD_S), ROW(RV_FADD_D), ROW(RV_FSUB_S), ROW(RV_FSUB_D),
    ROW(RV_FMUL_S), ROW(RV_FMUL_D), ROW(RV_FDIV_S), ROW(RV_FDIV_D),
    ROW(RV_FSQRT_S), ROW(RV_FSQRT_D), ROW(RV_FMADD_S), ROW(RV_FMADD_D),
    ROW(RV_FMSUB_S), ROW(RV_FMSUB_D), ROW(RV_FNMSUB_S), ROW(RV_FNMSUB_D),
    ROW(RV_FNMADD_S), ROW(RV_FNMADD_D), ROW(RV_FMIN_S), ROW(RV_FMIN_D),
    ROW(RV_FMAX_S), ROW(RV_FMAX_D), ROW(RV_FEQ_S), ROW(RV_FEQ_D),
    ROW(RV_FLT_S), ROW(RV_FLT_D), ROW(RV_FLE_S), ROW(RV_FLE_D),
    ROW(RV_FCLASS_S), ROW(RV_FCLASS_D), ROW(RV_FCVT_W_S), ROW(RV_FCVT_WU_S),
    ROW(RV_FCVT_L_S), ROW(RV_FCVT_LU_S), ROW(RV_FCVT_W_D), ROW(RV_FCVT_WU_D),
    ROW(RV_FCVT_L_D), ROW(RV_FCVT_LU_D), ROW(RV_FCVT_S_W), ROW(RV_FCVT_S_WU),
    ROW(RV_FCVT_S_L), ROW(RV_FCVT_S_LU), ROW(RV_FCVT_D_W), ROW(RV_FCVT_D_WU),
    ROW(RV_FCVT_D_L), ROW(RV_FCVT_D_LU), ROW(RV_FCVT_S_D), ROW(RV_FCVT_D_S),
#undef ROW
};
const size_t rv_trans_fp_len = sizeof(rv_trans_fp) / sizeof(rv_trans_fp[0]);
