/*
 * Shared by the engine and riscv64 translator tests: a guest space with
 * a code and a data area, hand-assembled riscv64 instructions, and a run
 * of the code through the engine on a chosen backend.
 *
 *     rvt_setup();
 *     uint32_t code[] = { RVT_I(5, 0, 0, 10, RVT_OP_IMM) };  // addi a0, x0, 5
 *     rvt_load(code, 1);                     // followed by ebreak
 *     assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
 *     assert_int_equal(rvt_env->x[10], 5);
 */
#ifndef TESTS_UNIT_RV_FIXTURE_H
#define TESTS_UNIT_RV_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "target/riscv64/cpu.h"
#include "uemu/exec.h"

#define RVT_CODE 0x100000ull        /* 64 KiB, rwx */
#define RVT_DATA 0x200000ull        /* 64 KiB, rw */
#define RVT_AREA 0x10000ull

enum {
    RVT_OP_LOAD = 0x03, RVT_OP_MISC = 0x0f, RVT_OP_IMM = 0x13, RVT_OP_AUIPC = 0x17,
    RVT_OP_IMM32 = 0x1b, RVT_OP_STORE = 0x23, RVT_OP_AMO = 0x2f, RVT_OP = 0x33,
    RVT_OP_LUI = 0x37, RVT_OP32 = 0x3b, RVT_OP_BRANCH = 0x63, RVT_OP_JALR = 0x67,
    RVT_OP_JAL = 0x6f, RVT_OP_SYSTEM = 0x73,
};

#define RVT_R(f7, rs2, rs1, f3, rd, op)                                      \
    ((uint32_t)(f7) << 25 | (uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 |  \
     (uint32_t)(f3) << 12 | (uint32_t)(rd) << 7 | (uint32_t)(op))
#define RVT_I(imm, rs1, f3, rd, op)                                          \
    (((uint32_t)(imm) & 0xfff) << 20 | (uint32_t)(rs1) << 15 |               \
     (uint32_t)(f3) << 12 | (uint32_t)(rd) << 7 | (uint32_t)(op))
#define RVT_S(imm, rs2, rs1, f3)                                             \
    (((uint32_t)(imm) >> 5 & 0x7f) << 25 | (uint32_t)(rs2) << 20 |           \
     (uint32_t)(rs1) << 15 | (uint32_t)(f3) << 12 |                          \
     ((uint32_t)(imm) & 0x1f) << 7 | RVT_OP_STORE)
#define RVT_B(imm, rs2, rs1, f3)                                             \
    (((uint32_t)(imm) >> 12 & 1) << 31 | ((uint32_t)(imm) >> 5 & 0x3f) << 25 | \
     (uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 | (uint32_t)(f3) << 12 |  \
     ((uint32_t)(imm) >> 1 & 0xf) << 8 | ((uint32_t)(imm) >> 11 & 1) << 7 |   \
     RVT_OP_BRANCH)
#define RVT_U(imm, rd, op) (((uint32_t)(imm) & 0xfffff000u) | (uint32_t)(rd) << 7 | (op))
#define RVT_J(imm, rd)                                                       \
    (((uint32_t)(imm) >> 20 & 1) << 31 | ((uint32_t)(imm) >> 1 & 0x3ff) << 21 | \
     ((uint32_t)(imm) >> 11 & 1) << 20 | ((uint32_t)(imm) >> 12 & 0xff) << 12 | \
     (uint32_t)(rd) << 7 | RVT_OP_JAL)
/* AMO: funct5, W (f3 2) or D (f3 3). */
#define RVT_AMO(f5, rs2, rs1, f3, rd) RVT_R((f5) << 2, rs2, rs1, f3, rd, RVT_OP_AMO)
#define RVT_CSR(csr, rs1, f3, rd) RVT_I(csr, rs1, f3, rd, RVT_OP_SYSTEM)
#define RVT_ADDI(rd, rs1, imm) RVT_I(imm, rs1, 0, rd, RVT_OP_IMM)
#define RVT_EBREAK 0x00100073u
#define RVT_ECALL 0x00000073u
#define RVT_FENCE_I 0x0000100fu

extern struct exec_cpu *rvt_cpu;
extern struct rv_cpu *rvt_env;

/* Guest space, areas, engine; the cpu is new with all registers zero. */
void rvt_setup(void);
void rvt_teardown(void);
/* Select backend "tci" or "jit"; false when it is not built. */
bool rvt_backend(const char *name);
/* Write n words at RVT_CODE followed by ebreak; drop all translations. */
void rvt_load(const uint32_t *words, size_t n);
/* The same for 16-bit parcels (compressed code). */
void rvt_load16(const uint16_t *parcels, size_t n);
/* Run from RVT_CODE until an exception; returns its code. */
int rvt_run(void);

#endif
