/*
 * Internal contract between the riscv64 FP files (fpu-soft.c,
 * fpu-host.c, fpu-helper.c, fpu-convert.c).  Not for the translator:
 * it uses fpu-helper.h.
 *
 * Values are raw IEEE bit patterns in a uint64_t (singles in the low 32
 * bits, never boxed here); a struct rv_fmt says which format.  Every
 * function ORs the RISC-V flags (RV_FFLAG_*) it raises into *fl and
 * takes a resolved rounding mode (0..4, never DYN).
 */
#ifndef TARGET_RISCV64_FPU_INTERNAL_H
#define TARGET_RISCV64_FPU_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

typedef unsigned __int128 rv_u128;

struct rv_cpu;

/* The instruction's rm with DYN replaced by env->frm; an invalid mode
 * (a breach of fpu-helper.h's contract) becomes RNE. */
int rv_fp_resolve_rm(const struct rv_cpu *env, uint32_t rm);

struct rv_fmt {
    int p;          /* significand bits, hidden bit included: 24 / 53 */
    int ebits;      /* exponent field width: 8 / 11 */
    int emax;       /* also the bias: 127 / 1023 */
    uint64_t cnan;  /* the canonical NaN */
};

extern const struct rv_fmt rv_fmt_s, rv_fmt_d;

enum rv_fclass_kind { RV_FK_ZERO, RV_FK_FINITE, RV_FK_INF, RV_FK_QNAN, RV_FK_SNAN };

/* A decoded operand: value = (-1)^sign * sig * 2^exp for RV_FK_FINITE
 * (sig not normalised: a subnormal has no hidden bit). */
struct rv_unpacked {
    enum rv_fclass_kind kind;
    int sign;
    int exp;
    uint64_t sig;
};

struct rv_unpacked rv_fp_unpack(const struct rv_fmt *f, uint64_t x);
bool rv_fp_is_nan(const struct rv_fmt *f, uint64_t x);
bool rv_fp_is_snan(const struct rv_fmt *f, uint64_t x);

/* Round (-1)^sign * sig * 2^exp (sig != 0) to f in mode rm. */
uint64_t rv_fp_round_pack(const struct rv_fmt *f, int sign, int exp,
                          rv_u128 sig, int rm, uint32_t *fl);

/* Would a value whose dropped part compares cmp (-1, 0, +1) with half an
 * ulp (inexact: dropped part non-zero) and whose kept lsb is lsb round
 * away from zero in mode rm? */
bool rv_fp_round_up(int rm, int sign, bool lsb, int cmp, bool inexact);

/* Exact software arithmetic, all five rounding modes (fpu-soft.c). */
uint64_t rv_fpsoft_add(const struct rv_fmt *f, uint64_t a, uint64_t b,
                       int rm, uint32_t *fl);
uint64_t rv_fpsoft_mul(const struct rv_fmt *f, uint64_t a, uint64_t b,
                       int rm, uint32_t *fl);
uint64_t rv_fpsoft_div(const struct rv_fmt *f, uint64_t a, uint64_t b,
                       int rm, uint32_t *fl);
uint64_t rv_fpsoft_sqrt(const struct rv_fmt *f, uint64_t a, int rm,
                        uint32_t *fl);
uint64_t rv_fpsoft_fma(const struct rv_fmt *f, uint64_t a, uint64_t b,
                       uint64_t c, int rm, uint32_t *fl);
/* a in format from, rounded to format to (exact when to is wider). */
uint64_t rv_fpsoft_convert(const struct rv_fmt *to, const struct rv_fmt *from,
                           uint64_t a, int rm, uint32_t *fl);

/* The same operations on the host FPU where it is exact (fpu-host.c):
 * rm 0..3 on an x86_64 host; anything else goes to rv_fpsoft_*. */
enum rv_fpop { RV_FPOP_ADD, RV_FPOP_SUB, RV_FPOP_MUL, RV_FPOP_DIV,
               RV_FPOP_SQRT, RV_FPOP_FMA };
uint64_t rv_fphost_op(const struct rv_fmt *f, enum rv_fpop op, uint64_t a,
                      uint64_t b, uint64_t c, int rm, uint32_t *fl);
/* The RNE result in *res when it provably raises no flag but NX, else
 * false (then use rv_fphost_op).  Only for callers that have NX. */
bool rv_fphost_fast_rne(const struct rv_fmt *f, enum rv_fpop op, uint64_t a,
                        uint64_t b, uint64_t c, uint64_t *res);

#endif
