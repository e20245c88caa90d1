/*
 * riscv64 instruction decoder: the contract between the decoder table and
 * the translator (and the disassembler).
 *
 * Every encoding uemu accepts (RV64I, M, A, F, D, C, Zicsr, Zifencei, Zba,
 * Zbb) is one row of rv_insn_table[] (insn-table.c): mnemonic, match bits,
 * mask bits, operand format, the id the translator dispatches on, and the
 * operand template the disassembler prints.  rv_decode() finds the row and
 * extracts the operands once, per format; translation functions read
 * rv_insn fields and never look at instruction bits.
 *
 * Compressed instructions decode to the id of the base instruction they
 * expand to (c.addi -> RV_ADDI with rd == rs1), with every operand of the
 * expansion filled in, so the translator needs no RVC code; len says 2.
 *
 *     rv_insn d;
 *     if (!rv_decode(fetch32(pc), &d))
 *         raise_illegal_instruction();
 *     switch (d.id) { case RV_ADDI: gen_addi(d.rd, d.rs1, d.imm); ... }
 */
#ifndef TARGET_RISCV64_DECODE_H
#define TARGET_RISCV64_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target/riscv64/cpu.h"     /* enum rv_rm: the rm field's values */

/* What the translator dispatches on; RV_ILLEGAL for no valid instruction. */
enum rv_id {
    RV_ILLEGAL = 0,
    /* RV64I */
    RV_LUI, RV_AUIPC, RV_JAL, RV_JALR,
    RV_BEQ, RV_BNE, RV_BLT, RV_BGE, RV_BLTU, RV_BGEU,
    RV_LB, RV_LH, RV_LW, RV_LD, RV_LBU, RV_LHU, RV_LWU,
    RV_SB, RV_SH, RV_SW, RV_SD,
    RV_ADDI, RV_SLTI, RV_SLTIU, RV_XORI, RV_ORI, RV_ANDI,
    RV_SLLI, RV_SRLI, RV_SRAI,
    RV_ADD, RV_SUB, RV_SLL, RV_SLT, RV_SLTU, RV_XOR, RV_SRL, RV_SRA,
    RV_OR, RV_AND,
    RV_ADDIW, RV_SLLIW, RV_SRLIW, RV_SRAIW,
    RV_ADDW, RV_SUBW, RV_SLLW, RV_SRLW, RV_SRAW,
    RV_FENCE, RV_FENCE_TSO, RV_ECALL, RV_EBREAK,
    /* Zifencei */
    RV_FENCE_I,
    /* Zicsr */
    RV_CSRRW, RV_CSRRS, RV_CSRRC, RV_CSRRWI, RV_CSRRSI, RV_CSRRCI,
    /* M */
    RV_MUL, RV_MULH, RV_MULHSU, RV_MULHU, RV_DIV, RV_DIVU, RV_REM, RV_REMU,
    RV_MULW, RV_DIVW, RV_DIVUW, RV_REMW, RV_REMUW,
    /* A */
    RV_LR_W, RV_SC_W, RV_AMOSWAP_W, RV_AMOADD_W, RV_AMOXOR_W, RV_AMOAND_W,
    RV_AMOOR_W, RV_AMOMIN_W, RV_AMOMAX_W, RV_AMOMINU_W, RV_AMOMAXU_W,
    RV_LR_D, RV_SC_D, RV_AMOSWAP_D, RV_AMOADD_D, RV_AMOXOR_D, RV_AMOAND_D,
    RV_AMOOR_D, RV_AMOMIN_D, RV_AMOMAX_D, RV_AMOMINU_D, RV_AMOMAXU_D,
    /* F */
    RV_FLW, RV_FSW, RV_FMADD_S, RV_FMSUB_S, RV_FNMSUB_S, RV_FNMADD_S,
    RV_FADD_S, RV_FSUB_S, RV_FMUL_S, RV_FDIV_S, RV_FSQRT_S,
    RV_FSGNJ_S, RV_FSGNJN_S, RV_FSGNJX_S, RV_FMIN_S, RV_FMAX_S,
    RV_FCVT_W_S, RV_FCVT_WU_S, RV_FMV_X_W, RV_FEQ_S, RV_FLT_S, RV_FLE_S,
    RV_FCLASS_S, RV_FCVT_S_W, RV_FCVT_S_WU, RV_FMV_W_X,
    RV_FCVT_L_S, RV_FCVT_LU_S, RV_FCVT_S_L, RV_FCVT_S_LU,
    /* D */
    RV_FLD, RV_FSD, RV_FMADD_D, RV_FMSUB_D, RV_FNMSUB_D, RV_FNMADD_D,
    RV_FADD_D, RV_FSUB_D, RV_FMUL_D, RV_FDIV_D, RV_FSQRT_D,
    RV_FSGNJ_D, RV_FSGNJN_D, RV_FSGNJX_D, RV_FMIN_D, RV_FMAX_D,
    RV_FCVT_S_D, RV_FCVT_D_S, RV_FEQ_D, RV_FLT_D, RV_FLE_D, RV_FCLASS_D,
    RV_FCVT_W_D, RV_FCVT_WU_D, RV_FCVT_D_W, RV_FCVT_D_WU,
    RV_FCVT_L_D, RV_FCVT_LU_D, RV_FMV_X_D, RV_FCVT_D_L, RV_FCVT_D_LU,
    RV_FMV_D_X,
    /* Zba */
    RV_ADD_UW, RV_SH1ADD, RV_SH2ADD, RV_SH3ADD,
    RV_SH1ADD_UW, RV_SH2ADD_UW, RV_SH3ADD_UW, RV_SLLI_UW,
    /* Zbb */
    RV_ANDN, RV_ORN, RV_XNOR, RV_CLZ, RV_CTZ, RV_CPOP, RV_CLZW, RV_CTZW,
    RV_CPOPW, RV_MAX, RV_MAXU, RV_MIN, RV_MINU, RV_SEXT_B, RV_SEXT_H,
    RV_ZEXT_H, RV_ROL, RV_ROR, RV_ROLW, RV_RORW, RV_RORI, RV_RORIW,
    RV_ORC_B, RV_REV8,
    RV_ID_COUNT
};

/*
 * Operand formats.  Each names one way to pull operands out of the bits;
 * the extraction for a format lives in one place (decode.c).  The C*
 * formats fill in the operands of the expanded base instruction.
 */
enum rv_fmt {
    RV_FMT_NONE,    /* no operands (ecall, fence.i, c.ebreak, unimp) */
    RV_FMT_R,       /* rd, rs1, rs2 */
    RV_FMT_R_RM,    /* rd, rs1, rs2, rm (FP with rounding mode) */
    RV_FMT_R1,      /* rd, rs1 (unary: clz, fmv.x.w, fclass.s ...) */
    RV_FMT_R1_RM,   /* rd, rs1, rm (fsqrt, fcvt) */
    RV_FMT_R4,      /* rd, rs1, rs2, rs3, rm (fused multiply-add) */
    RV_FMT_I,       /* rd, rs1, imm[11:0] */
    RV_FMT_S,       /* rs1, rs2, imm[11:5|4:0] */
    RV_FMT_B,       /* rs1, rs2, imm[12|10:5|4:1|11] */
    RV_FMT_U,       /* rd, imm[31:12] */
    RV_FMT_J,       /* rd, imm[20|10:1|11|19:12] */
    RV_FMT_SH6,     /* rd, rs1, shamt[5:0] */
    RV_FMT_SH5,     /* rd, rs1, shamt[4:0] */
    RV_FMT_CSR,     /* rd, rs1, csr */
    RV_FMT_CSRI,    /* rd, csr, imm = zero-extended uimm[4:0] */
    RV_FMT_AMO,     /* rd, rs1, rs2, aq, rl */
    RV_FMT_FENCE,   /* fm, pred, succ */
    RV_FMT_CIW,     /* c.addi4spn: rd', rs1 = sp, nzuimm[9:2] */
    RV_FMT_CL_W,    /* c.lw: rd', rs1', uimm[6:2] */
    RV_FMT_CL_D,    /* c.ld, c.fld: rd', rs1', uimm[7:3] */
    RV_FMT_CS_W,    /* c.sw: rs1', rs2', uimm[6:2] */
    RV_FMT_CS_D,    /* c.sd, c.fsd: rs1', rs2', uimm[7:3] */
    RV_FMT_CI,      /* c.addi, c.addiw: rd = rs1, imm[5:0] */
    RV_FMT_CI_LI,   /* c.li: rd, rs1 = x0, imm[5:0] */
    RV_FMT_CI_LUI,  /* c.lui: rd, imm[17:12] */
    RV_FMT_CI_16SP, /* c.addi16sp: rd = rs1 = sp, nzimm[9:4] */
    RV_FMT_CI_SH,   /* c.slli: rd = rs1, shamt[5:0] */
    RV_FMT_CI_LWSP, /* c.lwsp: rd, rs1 = sp, uimm[7:2] */
    RV_FMT_CI_LDSP, /* c.ldsp, c.fldsp: rd, rs1 = sp, uimm[8:3] */
    RV_FMT_CSS_W,   /* c.swsp: rs1 = sp, rs2, uimm[7:2] */
    RV_FMT_CSS_D,   /* c.sdsp, c.fsdsp: rs1 = sp, rs2, uimm[8:3] */
    RV_FMT_CB_BR,   /* c.beqz, c.bnez: rs1', rs2 = x0, imm[8:1] */
    RV_FMT_CB_SH,   /* c.srli, c.srai: rd = rs1', shamt[5:0] */
    RV_FMT_CB_ANDI, /* c.andi: rd = rs1', imm[5:0] */
    RV_FMT_CA,      /* c.sub ... c.addw: rd = rs1', rs2' */
    RV_FMT_CJ,      /* c.j: rd = x0, imm[11:1] */
    RV_FMT_CR_MV,   /* c.mv: rd, rs1 = x0, rs2 */
    RV_FMT_CR_ADD,  /* c.add: rd = rs1, rs2 */
    RV_FMT_CR_JR,   /* c.jr: rd = x0, rs1, imm 0 */
    RV_FMT_CR_JALR, /* c.jalr: rd = ra, rs1, imm 0 */
    RV_FMT_COUNT
};

/* Row constraints beyond match/mask: the row owns the encoding, and a
 * violated constraint makes it reserved (illegal), never another row's. */
enum {
    RV_NZIMM = 1 << 0,  /* imm (or shamt) must be non-zero */
    RV_RD_NZ = 1 << 1,  /* rd must not be x0 */
    RV_RS1_NZ = 1 << 2, /* rs1 must not be x0 */
    RV_RM_EXACT = 1 << 3, /* result exact whatever rm (fcvt.d.w ...): the
                             rm suffix is printed only when not rne */
};

/*
 * One table row.  name is the mnemonic objdump -M no-aliases prints;
 * args the operand template (see disas.c): lower-case d s t are integer
 * rd rs1 rs2, upper-case D S T R floating-point rd rs1 rs2 rs3, i the
 * immediate in decimal, u the upper immediate in hex, > the shift amount,
 * b the branch target, c the csr, m ",rm" unless the rounding mode is
 * the dynamic one (nothing then), p/q fence
 * predecessor/successor sets; every other character is printed as is.
 * A row whose id is RV_ILLEGAL names an encoding that is defined to be
 * illegal (c.unimp, unimp): it decodes as illegal but prints by name.
 */
typedef struct rv_row {
    const char *name;
    uint32_t match;
    uint32_t mask;
    uint16_t id;    /* enum rv_id */
    uint8_t fmt;    /* enum rv_fmt */
    uint8_t flags;  /* RV_NZIMM ... */
    const char *args;
} rv_row;

/* Upper bound on the number of rows (sizes the decoder's index). */
#define RV_INSN_TABLE_MAX 512

extern const rv_row rv_insn_table[];
extern const size_t rv_insn_table_len;

/* Rounding-mode field values (insn bits 14:12): enum rv_rm of cpu.h. */

/* A decoded instruction.  Fields a format does not define are zero. */
typedef struct rv_insn {
    const rv_row *row;  /* the owning row, NULL when none matches */
    uint16_t id;        /* enum rv_id (the expanded one for RVC) */
    uint8_t len;        /* 2 or 4 bytes */
    uint8_t rd, rs1, rs2, rs3;
    uint8_t rm;         /* rounding mode field, RV_RM_* */
    uint8_t aq, rl;     /* atomics ordering bits */
    uint8_t shamt;      /* shift amount (also copied to imm) */
    uint8_t fm, pred, succ;  /* fence fields; pred/succ bits are I,O,R,W */
    uint16_t csr;
    int64_t imm;        /* sign-extended; byte offset for branches/jumps,
                           the full value (low 12 bits 0) for lui/auipc */
} rv_insn;

/* Length in bytes of the instruction whose first parcel is @lo16. */
static inline unsigned rv_insn_len(uint16_t lo16)
{
    return (lo16 & 3) == 3 ? 4 : 2;
}

/*
 * Decode @raw (the 32 bits at the pc; for a compressed instruction the
 * upper half is ignored).  Returns true and fills @out for a valid
 * instruction; returns false for an illegal or reserved one, with
 * out->len still set and out->row set when a row owns the encoding.
 * Thread-safe.
 */
bool rv_decode(uint32_t raw, rv_insn *out);

#endif
