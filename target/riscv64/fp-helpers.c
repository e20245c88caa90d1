/*
 * The descriptors (name, function, flags, signature) of the riscv64 F/D
 * helpers of fpu-helper.h, indexed by enum rv_fph, so the translator
 * calls them without including fpu-helper.h (whose cpu.h must not meet
 * decode.h).  They read and write fflags/frm, which are not IR globals,
 * so every helper declares that it touches no global; fclass has no
 * side effects at all.
 */
#include <stddef.h>

#include "target/riscv64/fpu-helper.h"
#include "target/riscv64/helper.h"
#include "uemu/tcg.h"

#define NOG (TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS)
#define P TCG_TYPE_PTR
#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64
#define H(n, k, fl, r, na, ...)                                              \
    [RV_FPH_##k] = { .name = #n, .func = (void *)rv_helper_##n, .flags = fl,  \
                     .ret = r, .nargs = na, .args = { __VA_ARGS__ } }
/* with an inline fast path (tcg_fast), whose flags the host accrues
 * (tcg_fpflags_take; TCG_FPF_* are fflags' bits) */
#define HF(n, k, fp, fl, r, na, ...)                                         \
    [RV_FPH_##k] = { .name = #n, .func = (void *)rv_helper_##n, .flags = fl,  \
                     .ret = r, .nargs = na, .args = { __VA_ARGS__ },          \
                     .fast = TCG_FAST_##fp }

const struct tcg_helper rv_fp_helpers[RV_FPH_COUNT] = {
    HF(fadd_d, FADD_D, ADD_F64, NOG, I64, 4, P, I64, I64, I32),
    HF(fadd_s, FADD_S, ADD_F32, NOG, I32, 4, P, I32, I32, I32),
    HF(fsub_d, FSUB_D, SUB_F64, NOG, I64, 4, P, I64, I64, I32),
    HF(fsub_s, FSUB_S, SUB_F32, NOG, I32, 4, P, I32, I32, I32),
    HF(fmul_d, FMUL_D, MUL_F64, NOG, I64, 4, P, I64, I64, I32),
    HF(fmul_s, FMUL_S, MUL_F32, NOG, I32, 4, P, I32, I32, I32),
    HF(fdiv_d, FDIV_D, DIV_F64, NOG, I64, 4, P, I64, I64, I32),
    HF(fdiv_s, FDIV_S, DIV_F32, NOG, I32, 4, P, I32, I32, I32),
    HF(fsqrt_d, FSQRT_D, SQRT_F64, NOG, I64, 3, P, I64, I32),
    HF(fsqrt_s, FSQRT_S, SQRT_F32, NOG, I32, 3, P, I32, I32),
    HF(fmadd_d, FMADD_D, MADD_F64, NOG, I64, 5, P, I64, I64, I64, I32),
    HF(fmadd_s, FMADD_S, MADD_F32, NOG, I32, 5, P, I32, I32, I32, I32),
    HF(fmsub_d, FMSUB_D, MSUB_F64, NOG, I64, 5, P, I64, I64, I64, I32),
    HF(fmsub_s, FMSUB_S, MSUB_F32, NOG, I32, 5, P, I32, I32, I32, I32),
    HF(fnmsub_d, FNMSUB_D, NMSUB_F64, NOG, I64, 5, P, I64, I64, I64, I32),
    HF(fnmsub_s, FNMSUB_S, NMSUB_F32, NOG, I32, 5, P, I32, I32, I32, I32),
    HF(fnmadd_d, FNMADD_D, NMADD_F64, NOG, I64, 5, P, I64, I64, I64, I32),
    HF(fnmadd_s, FNMADD_S, NMADD_F32, NOG, I32, 5, P, I32, I32, I32, I32),
    H(fmin_d, FMIN_D, NOG, I64, 3, P, I64, I64),
    H(fmin_s, FMIN_S, NOG, I32, 3, P, I32, I32),
    H(fmax_d, FMAX_D, NOG, I64, 3, P, I64, I64),
    H(fmax_s, FMAX_S, NOG, I32, 3, P, I32, I32),
    HF(feq_d, FEQ_D, EQ_F64, NOG, I64, 3, P, I64, I64),
    HF(feq_s, FEQ_S, EQ_F32, NOG, I64, 3, P, I32, I32),
    HF(flt_d, FLT_D, LT_F64, NOG, I64, 3, P, I64, I64),
    HF(flt_s, FLT_S, LT_F32, NOG, I64, 3, P, I32, I32),
    HF(fle_d, FLE_D, LE_F64, NOG, I64, 3, P, I64, I64),
    HF(fle_s, FLE_S, LE_F32, NOG, I64, 3, P, I32, I32),
    H(fclass_d, FCLASS_D, NOG | TCG_CALL_NO_SIDE_EFFECTS, I64, 1, I64),
    H(fclass_s, FCLASS_S, NOG | TCG_CALL_NO_SIDE_EFFECTS, I64, 1, I32),
    H(fcvt_w_d, FCVT_W_D, NOG, I64, 3, P, I64, I32),
    H(fcvt_w_s, FCVT_W_S, NOG, I64, 3, P, I32, I32),
    HF(fcvt_d_w, FCVT_D_W, F64_I32, NOG, I64, 3, P, I64, I32),
    HF(fcvt_s_w, FCVT_S_W, F32_I32, NOG, I32, 3, P, I64, I32),
    H(fcvt_wu_d, FCVT_WU_D, NOG, I64, 3, P, I64, I32),
    H(fcvt_wu_s, FCVT_WU_S, NOG, I64, 3, P, I32, I32),
    HF(fcvt_d_wu, FCVT_D_WU, F64_U32, NOG, I64, 3, P, I64, I32),
    HF(fcvt_s_wu, FCVT_S_WU, F32_U32, NOG, I32, 3, P, I64, I32),
    H(fcvt_l_d, FCVT_L_D, NOG, I64, 3, P, I64, I32),
    H(fcvt_l_s, FCVT_L_S, NOG, I64, 3, P, I32, I32),
    HF(fcvt_d_l, FCVT_D_L, F64_I64, NOG, I64, 3, P, I64, I32),
    HF(fcvt_s_l, FCVT_S_L, F32_I64, NOG, I32, 3, P, I64, I32),
    H(fcvt_lu_d, FCVT_LU_D, NOG, I64, 3, P, I64, I32),
    H(fcvt_lu_s, FCVT_LU_S, NOG, I64, 3, P, I32, I32),
    H(fcvt_d_lu, FCVT_D_LU, NOG, I64, 3, P, I64, I32),
    H(fcvt_s_lu, FCVT_S_LU, NOG, I32, 3, P, I64, I32),
    H(fcvt_s_d, FCVT_S_D, NOG, I32, 3, P, I64, I32),
    H(fcvt_d_s, FCVT_D_S, NOG, I64, 3, P, I32, I32),
};
