/*
 * The riscv64 guest CPU state: what one guest thread's registers are.
 *
 * Generated code reaches every field through the env pointer (the IR's
 * globals are fields of this struct), helpers get a struct rv_cpu *.
 * x[0] is always 0: the translator never writes it.  FP registers hold
 * NaN-boxed values: a single-precision value lives in the low 32 bits
 * with the upper 32 bits all ones; reading a single whose box is broken
 * gives the canonical NaN (RISC-V unprivileged spec, "NaN Boxing").
 */
#ifndef TARGET_RISCV64_CPU_H
#define TARGET_RISCV64_CPU_H

#include <stdint.h>

/* fflags bits (fcsr[4:0]). */
#define RV_FFLAG_NX 0x01u   /* inexact */
#define RV_FFLAG_UF 0x02u   /* underflow */
#define RV_FFLAG_OF 0x04u   /* overflow */
#define RV_FFLAG_DZ 0x08u   /* divide by zero */
#define RV_FFLAG_NV 0x10u   /* invalid operation */

/* Rounding modes (frm and the instructions' rm field). */
enum rv_rm {
    RV_RM_RNE = 0, RV_RM_RTZ = 1, RV_RM_RDN = 2, RV_RM_RUP = 3,
    RV_RM_RMM = 4, RV_RM_DYN = 7,
};

#define RV_CANONICAL_NAN_S 0x7fc00000u
#define RV_CANONICAL_NAN_D 0x7ff8000000000000ull
#define RV_NANBOX_S 0xffffffff00000000ull

struct rv_cpu {
    uint64_t x[32];
    uint64_t f[32];
    uint64_t pc;
    uint32_t fflags;        /* accrued exception flags, RV_FFLAG_* */
    uint32_t frm;           /* dynamic rounding mode, enum rv_rm */
    uint64_t res_addr;      /* LR reservation address; -1: none */
    uint64_t res_val;       /* value LR read, for SC's compare-and-swap */
};

#endif
