/*
 * Between the riscv64 translator and cpu.c: the CPU state layout
 * (offsets from env), the translator's front-end functions and the
 * helpers generated code calls.  Includes neither cpu.h
 * nor decode.h, so both the translator and cpu.c can use it.
 */
#ifndef TARGET_RISCV64_HELPER_H
#define TARGET_RISCV64_HELPER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "uemu/tcg.h"

/* Offsets of struct rv_cpu fields from env. */
struct rv_env_layout {
    intptr_t x, f, pc, fflags, frm, res_addr, res_val;
};
extern const struct rv_env_layout rv_env_layout;

/* The translator's struct guest_frontend members (translate.c). */
struct exec_dc;
void rv_init_globals(void);
void rv_translate_insn(struct exec_dc *dc);
void rv_tb_stop(struct exec_dc *dc);
unsigned rv_disas_at(char *buf, size_t size, uint64_t pc);

/* Helpers of cpu.c that generated code calls (env is struct rv_cpu *). */
uint64_t rv_helper_csr(void *env, uint32_t csr, uint32_t op, uint64_t src);
uint64_t rv_helper_counter(uint32_t csr);
uint64_t rv_helper_orc_b(uint64_t x);
/* The block flags (rv_cpu_get_flags): frm, so that a dynamic rounding
 * mode is known when the block is translated. */
#define RV_TB_FLAGS_FRM 7u
/* rv_helper_csr ops. */
enum { RV_CSR_RW, RV_CSR_RS, RV_CSR_RC };
/* User CSR numbers. */
enum {
    RV_CSR_FFLAGS = 0x001, RV_CSR_FRM = 0x002, RV_CSR_FCSR = 0x003,
    RV_CSR_CYCLE = 0xc00, RV_CSR_TIME = 0xc01, RV_CSR_INSTRET = 0xc02,
};

/* The F/D helpers generated code calls, rv_fp_helpers[] (fp-helpers.c). */
enum rv_fph {
    RV_FPH_FADD_D, RV_FPH_FADD_S, RV_FPH_FSUB_D, RV_FPH_FSUB_S,
    RV_FPH_FMUL_D, RV_FPH_FMUL_S, RV_FPH_FDIV_D, RV_FPH_FDIV_S,
    RV_FPH_FSQRT_D, RV_FPH_FSQRT_S, RV_FPH_FMADD_D, RV_FPH_FMADD_S,
    RV_FPH_FMSUB_D, RV_FPH_FMSUB_S, RV_FPH_FNMSUB_D, RV_FPH_FNMSUB_S,
    RV_FPH_FNMADD_D, RV_FPH_FNMADD_S, RV_FPH_FMIN_D, RV_FPH_FMIN_S,
    RV_FPH_FMAX_D, RV_FPH_FMAX_S, RV_FPH_FEQ_D, RV_FPH_FEQ_S, RV_FPH_FLT_D,
    RV_FPH_FLT_S, RV_FPH_FLE_D, RV_FPH_FLE_S, RV_FPH_FCLASS_D,
    RV_FPH_FCLASS_S, RV_FPH_FCVT_W_D, RV_FPH_FCVT_W_S, RV_FPH_FCVT_D_W,
    RV_FPH_FCVT_S_W, RV_FPH_FCVT_WU_D, RV_FPH_FCVT_WU_S, RV_FPH_FCVT_D_WU,
    RV_FPH_FCVT_S_WU, RV_FPH_FCVT_L_D, RV_FPH_FCVT_L_S, RV_FPH_FCVT_D_L,
    RV_FPH_FCVT_S_L, RV_FPH_FCVT_LU_D, RV_FPH_FCVT_LU_S, RV_FPH_FCVT_D_LU,
    RV_FPH_FCVT_S_LU, RV_FPH_FCVT_S_D, RV_FPH_FCVT_D_S,
    RV_FPH_COUNT
};
extern const struct tcg_helper rv_fp_helpers[RV_FPH_COUNT];

#endif
