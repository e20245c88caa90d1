/*
 * Guest side of tests/riscv64-fpu/run: every F/D operation of
 * fpu-cases.h executed by real riscv64 instructions (under qemu-riscv64,
 * the reference), printed one line per case.  Built with
 * riscv64-linux-gnu-gcc -static -O2.
 *
 * Each case loads the operands with fmv.d.x (so S operands arrive as the
 * exact register images of the table, broken NaN boxes included), clears
 * fflags, runs the instruction with its rounding mode written into the
 * encoding (or dyn after fsrm), and reads the destination and fflags.
 *
 * Usage: fpu-oracle [NRANDOM [SEED]]
 */
#include <stdlib.h>

#include "fpu-cases.h"

/* Bodies per operand shape: MN is the mnemonic, RM ", rne" etc. or "",
 * RMN the rm field's number.  binutils 2.40 accepts no rm on fcvt.d.w,
 * fcvt.d.wu and fcvt.d.s: those are written with .insn (OP-FP, funct7,
 * rs2 from G_ENC_*), shapes ending in "e". */
#define G_F_FF(MN, ID, RM, RMN)  "fmv.d.x ft0, %[a]\n\tfmv.d.x ft1, %[b]\n\t" \
    MN " ft3, ft0, ft1" RM "\n\tfmv.x.d %[r], ft3"
#define G_F_F(MN, ID, RM, RMN)   "fmv.d.x ft0, %[a]\n\t" \
    MN " ft3, ft0" RM "\n\tfmv.x.d %[r], ft3"
#define G_F_FFF(MN, ID, RM, RMN) "fmv.d.x ft0, %[a]\n\tfmv.d.x ft1, %[b]\n\t" \
    "fmv.d.x ft2, %[c]\n\t" MN " ft3, ft0, ft1, ft2" RM "\n\tfmv.x.d %[r], ft3"
#define G_X_FF(MN, ID, RM, RMN)  "fmv.d.x ft0, %[a]\n\tfmv.d.x ft1, %[b]\n\t" \
    MN " %[r], ft0, ft1" RM
#define G_X_F(MN, ID, RM, RMN)   "fmv.d.x ft0, %[a]\n\t" MN " %[r], ft0" RM
#define G_F_X(MN, ID, RM, RMN)   MN " ft3, %[a]" RM "\n\tfmv.x.d %[r], ft3"
#define G_F_Xe(MN, ID, RM, RMN)  ".insn r 0x53, " RMN ", " G_ENC_##ID \
    "\n\tfmv.x.d %[r], ft3"
#define G_F_Fe(MN, ID, RM, RMN)  "fmv.d.x ft0, %[a]\n\t" \
    ".insn r 0x53, " RMN ", " G_ENC_##ID "\n\tfmv.x.d %[r], ft3"
#define G_ENC_fcvt_d_w  "0x69, ft3, %[a], zero"
#define G_ENC_fcvt_d_wu "0x69, ft3, %[a], ra"
#define G_ENC_fcvt_d_s  "0x21, ft3, ft0, zero"

#define G_ASM(BODY)                                                     \
    __asm__ volatile("fsflags x0\n\t" BODY "\n\tfrflags %[fl]"          \
                     : [r] "=&r"(r), [fl] "=&r"(fl)                     \
                     : [a] "r"(a), [b] "r"(b), [c] "r"(c)               \
                     : "ft0", "ft1", "ft2", "ft3")

#define G_RUN_N(SHAPE, MN, ID) G_ASM(SHAPE(MN, ID, "", ""));
#define G_RUN_R(SHAPE, MN, ID)                                          \
    switch (rm) {                                                       \
    case 0: G_ASM(SHAPE(MN, ID, ", rne", "0")); break;                  \
    case 1: G_ASM(SHAPE(MN, ID, ", rtz", "1")); break;                  \
    case 2: G_ASM(SHAPE(MN, ID, ", rdn", "2")); break;                  \
    case 3: G_ASM(SHAPE(MN, ID, ", rup", "3")); break;                  \
    case 4: G_ASM(SHAPE(MN, ID, ", rmm", "4")); break;                  \
    default:                                                            \
        __asm__ volatile("fsrm %0" : : "r"(rm - FPU_RM_DYN));          \
        G_ASM(SHAPE(MN, ID, ", dyn", "7"));                             \
        __asm__ volatile("fsrm x0");                                    \
    }

static uint64_t fpu_exec(int op, int rm, uint64_t a, uint64_t b, uint64_t c,
                         uint32_t *fflags)
{
    uint64_t r = 0, fl = 0;

    switch (op) {
#define G_CASE(id, mn, g, h, R, src) case OP_##id: G_RUN_##R(G_##g, mn, id) break;
    FPU_OPS(G_CASE)
#undef G_CASE
    }
    *fflags = (uint32_t)fl;
    return r;
}

int main(int argc, char **argv)
{
    unsigned long nrandom = argc > 1 ? strtoul(argv[1], NULL, 0) : 2000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;

    fpu_run(-1, nrandom, seed);
    return 0;
}
