/*
 * The riscv64 F and D instructions as helpers for the translator.
 *
 * Operands and results are raw IEEE bit patterns: uint64_t for D,
 * uint32_t for S.  The translator unboxes S sources with
 * rv_fp_unbox_s() (a broken NaN box reads as the canonical NaN) and
 * boxes S results with rv_fp_box_s() (or the same in IR: OR with
 * RV_NANBOX_S).  Every NaN result is the canonical NaN.  Helpers that
 * can raise exceptions OR them into env->fflags; no helper traps.
 *
 * Rounding mode contract (illegal instructions):
 *   - rm is the instruction's 3-bit field.  A static rm of 5 or 6 is
 *     reserved: rv_fp_rm_valid() says so and the translator emits an
 *     illegal-instruction exception instead of the helper call (the
 *     decoder already rejects them).
 *   - rm 7 (DYN) means env->frm.  The riscv64 translator resolves it
 *     itself (frm is part of the block flags) and emits an
 *     illegal-instruction exception when frm holds 5, 6 or 7; other
 *     callers must check frm the same way.
 *   - Given that, helpers see only rm 0..4 or 7 with a valid frm.  A
 *     helper called in breach of the contract rounds to nearest even.
 * fcvt.d.s, fcvt.d.w and fcvt.d.wu are always exact but still take rm,
 * so that every instruction with an rm field has the same contract.
 *
 * Instructions without an rm field (fmin/fmax, compares, fclass,
 * fsgnj*, fmv) take none.  fsgnj*, fclass and fmv raise nothing and may
 * as well be done inline (see the comments below for their exact bits).
 */
#ifndef TARGET_RISCV64_FPU_HELPER_H
#define TARGET_RISCV64_FPU_HELPER_H

#include <stdbool.h>
#include <stdint.h>

#include "target/riscv64/cpu.h"

/* Static rm legality: 0..4 and 7 (DYN). */
bool rv_fp_rm_valid(uint32_t rm);

/* f register <-> single: the low 32 bits if the upper 32 are all ones,
 * else the canonical NaN; boxing sets the upper 32 bits. */
uint32_t rv_fp_unbox_s(uint64_t freg);
uint64_t rv_fp_box_s(uint32_t s);

/* fadd fsub fmul fdiv fsqrt: rd = a op b, rounded per rm. */
uint64_t rv_helper_fadd_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint32_t rm);
uint64_t rv_helper_fsub_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint32_t rm);
uint64_t rv_helper_fmul_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint32_t rm);
uint64_t rv_helper_fdiv_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint32_t rm);
uint64_t rv_helper_fsqrt_d(struct rv_cpu *env, uint64_t a, uint32_t rm);
uint32_t rv_helper_fadd_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t rm);
uint32_t rv_helper_fsub_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t rm);
uint32_t rv_helper_fmul_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t rm);
uint32_t rv_helper_fdiv_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t rm);
uint32_t rv_helper_fsqrt_s(struct rv_cpu *env, uint32_t a, uint32_t rm);

/* Fused, one rounding: fmadd a*b+c, fmsub a*b-c, fnmsub -(a*b)+c,
 * fnmadd -(a*b)-c.  inf*0 raises NV even when c is a quiet NaN. */
uint64_t rv_helper_fmadd_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint64_t c, uint32_t rm);
uint64_t rv_helper_fmsub_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint64_t c, uint32_t rm);
uint64_t rv_helper_fnmsub_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint64_t c, uint32_t rm);
uint64_t rv_helper_fnmadd_d(struct rv_cpu *env, uint64_t a, uint64_t b, uint64_t c, uint32_t rm);
uint32_t rv_helper_fmadd_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t c, uint32_t rm);
uint32_t rv_helper_fmsub_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t c, uint32_t rm);
uint32_t rv_helper_fnmsub_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t c, uint32_t rm);
uint32_t rv_helper_fnmadd_s(struct rv_cpu *env, uint32_t a, uint32_t b, uint32_t c, uint32_t rm);

/* fmin/fmax (minimumNumber/maximumNumber, ISA 2.2+): one NaN operand
 * gives the other operand, two give the canonical NaN, a signaling NaN
 * raises NV; -0 < +0. */
uint64_t rv_helper_fmin_d(struct rv_cpu *env, uint64_t a, uint64_t b);
uint64_t rv_helper_fmax_d(struct rv_cpu *env, uint64_t a, uint64_t b);
uint32_t rv_helper_fmin_s(struct rv_cpu *env, uint32_t a, uint32_t b);
uint32_t rv_helper_fmax_s(struct rv_cpu *env, uint32_t a, uint32_t b);

/* feq/flt/fle: 1 or 0 for rd.  feq raises NV for a signaling NaN, flt
 * and fle for any NaN. */
uint64_t rv_helper_feq_d(struct rv_cpu *env, uint64_t a, uint64_t b);
uint64_t rv_helper_flt_d(struct rv_cpu *env, uint64_t a, uint64_t b);
uint64_t rv_helper_fle_d(struct rv_cpu *env, uint64_t a, uint64_t b);
uint64_t rv_helper_feq_s(struct rv_cpu *env, uint32_t a, uint32_t b);
uint64_t rv_helper_flt_s(struct rv_cpu *env, uint32_t a, uint32_t b);
uint64_t rv_helper_fle_s(struct rv_cpu *env, uint32_t a, uint32_t b);

/* fclass: one bit set of 0 -inf, 1 -normal, 2 -subnormal, 3 -0, 4 +0,
 * 5 +subnormal, 6 +normal, 7 +inf, 8 sNaN, 9 qNaN. */
uint64_t rv_helper_fclass_d(uint64_t a);
uint64_t rv_helper_fclass_s(uint32_t a);

/* fsgnj: a's magnitude, b's sign; fsgnjn: inverted b sign; fsgnjx:
 * a's sign XOR b's sign.  No flags, NaNs kept as they are. */
uint64_t rv_helper_fsgnj_d(uint64_t a, uint64_t b);
uint64_t rv_helper_fsgnjn_d(uint64_t a, uint64_t b);
uint64_t rv_helper_fsgnjx_d(uint64_t a, uint64_t b);
uint32_t rv_helper_fsgnj_s(uint32_t a, uint32_t b);
uint32_t rv_helper_fsgnjn_s(uint32_t a, uint32_t b);
uint32_t rv_helper_fsgnjx_s(uint32_t a, uint32_t b);

/* fmv.x.w: the f register's low 32 bits, sign-extended, box not
 * checked.  fmv.w.x is rv_fp_box_s(), fmv.x.d and fmv.d.x copy bits. */
uint64_t rv_helper_fmv_x_w(uint64_t freg);

/* fcvt to integers: the result for rd (32-bit results sign-extended,
 * fcvt.wu's too).  NaN gives the largest value, -inf/+inf and
 * out-of-range values clamp to the type's bounds; those raise NV
 * (and not NX), an in-range inexact result raises NX. */
uint64_t rv_helper_fcvt_w_d(struct rv_cpu *env, uint64_t a, uint32_t rm);
uint64_t rv_helper_fcvt_wu_d(struct rv_cpu *env, uint64_t a, uint32_t rm);
uint64_t rv_helper_fcvt_l_d(struct rv_cpu *env, uint64_t a, uint32_t rm);
uint64_t rv_helper_fcvt_lu_d(struct rv_cpu *env, uint64_t a, uint32_t rm);
uint64_t rv_helper_fcvt_w_s(struct rv_cpu *env, uint32_t a, uint32_t rm);
uint64_t rv_helper_fcvt_wu_s(struct rv_cpu *env, uint32_t a, uint32_t rm);
uint64_t rv_helper_fcvt_l_s(struct rv_cpu *env, uint32_t a, uint32_t rm);
uint64_t rv_helper_fcvt_lu_s(struct rv_cpu *env, uint32_t a, uint32_t rm);

/* fcvt from integers: x is the whole rs1; .w/.wu use its low 32 bits. */
uint64_t rv_helper_fcvt_d_w(struct rv_cpu *env, uint64_t x, uint32_t rm);
uint64_t rv_helper_fcvt_d_wu(struct rv_cpu *env, uint64_t x, uint32_t rm);
uint64_t rv_helper_fcvt_d_l(struct rv_cpu *env, uint64_t x, uint32_t rm);
uint64_t rv_helper_fcvt_d_lu(struct rv_cpu *env, uint64_t x, uint32_t rm);
uint32_t rv_helper_fcvt_s_w(struct rv_cpu *env, uint64_t x, uint32_t rm);
uint32_t rv_helper_fcvt_s_wu(struct rv_cpu *env, uint64_t x, uint32_t rm);
uint32_t rv_helper_fcvt_s_l(struct rv_cpu *env, uint64_t x, uint32_t rm);
uint32_t rv_helper_fcvt_s_lu(struct rv_cpu *env, uint64_t x, uint32_t rm);

/* Between formats: fcvt.s.d rounds, fcvt.d.s is exact (sNaN: NV). */
uint32_t rv_helper_fcvt_s_d(struct rv_cpu *env, uint64_t a, uint32_t rm);
uint64_t rv_helper_fcvt_d_s(struct rv_cpu *env, uint32_t a, uint32_t rm);

#endif
