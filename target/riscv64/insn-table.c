/*
 * The riscv64 instruction table: every encoding uemu decodes, one row each.
 *
 * A row is { mnemonic, match, mask, id, format, flags, operand template }
 * (see rv_row in decode.h).  An instruction word w belongs to a row when
 * (w & mask) == match; when several rows match, the one with the most mask
 * bits owns the word (c.ebreak over c.jalr over c.add), and
 * tests/unit/test-riscv64-decode.c checks that every pair of overlapping
 * rows is strictly nested that way.  Compressed rows carry the id of the
 * base instruction they expand to.
 *
 * Encodings come from the RISC-V unprivileged ISA manual (20191213, with
 * the Zba/Zbb chapter of the bit-manipulation spec 1.0).  Mnemonics and
 * operand order are those of GNU objdump -M no-aliases, which
 * tests/riscv64-disas/run checks row by row.
 *
 * Where the manual and binutils 2.40 disagree the manual wins: the
 * reserved fields of fence/fence.i are ignored (binutils wants them zero),
 * fcvt.d.w/fcvt.d.wu/fcvt.d.s accept any valid rm (binutils only rne),
 * c.addi16sp with a zero immediate is reserved (binutils prints it).
 */
#include "target/riscv64/decode.h"

/* Field positions of the 32-bit formats. */
#define F3(x) ((uint32_t)(x) << 12)
#define F7(x) ((uint32_t)(x) << 25)
#define F6(x) ((uint32_t)(x) << 26)
#define F5(x) ((uint32_t)(x) << 27)
#define RS2(x) ((uint32_t)(x) << 20)
#define IMM12(x) ((uint32_t)(x) << 20)

#define M_OPC 0x0000007fu
#define M_F3 0x0000707fu     /* opcode, funct3 */
#define M_F7 0xfe00707fu     /* opcode, funct3, funct7 */
#define M_F6 0xfc00707fu     /* opcode, funct3, funct6 (RV64 shifts) */
#define M_F12 0xfff0707fu    /* opcode, funct3, imm[11:0] or funct7+rs2 */
#define M_FP 0xfe00007fu     /* opcode, funct7; rm free */
#define M_FP_RS2 0xfff0007fu /* opcode, funct7, rs2; rm free */
#define M_R4 0x0600007fu     /* opcode, fmt */
#define M_AMO 0xf800707fu    /* opcode, funct3, funct5 */
#define M_LR 0xf9f0707fu     /* ... and rs2 = 0 */

/* Major opcodes. */
enum {
    OP_LOAD = 0x03, OP_LOAD_FP = 0x07, OP_MISC_MEM = 0x0f, OP_IMM = 0x13,
    OP_AUIPC = 0x17, OP_IMM_32 = 0x1b, OP_STORE = 0x23, OP_STORE_FP = 0x27,
    OP_AMO = 0x2f, OP_OP = 0x33, OP_LUI = 0x37, OP_OP_32 = 0x3b,
    OP_MADD = 0x43, OP_MSUB = 0x47, OP_NMSUB = 0x4b, OP_NMADD = 0x4f,
    OP_FP = 0x53, OP_BRANCH = 0x63, OP_JALR = 0x67, OP_JAL = 0x6f,
    OP_SYSTEM = 0x73,
};

#define ROW(id, name, fmt, match, mask, flags, args) \
    { name, match, mask, RV_##id, RV_FMT_##fmt, flags, args }
/* opcode + funct3 + funct7: register-register */
#define R(id, name, op, f3, f7) \
    ROW(id, name, R, (op) | F3(f3) | F7(f7), M_F7, 0, "d,s,t")
/* opcode + funct3 + imm[11:0] fixed: unary register ops */
#define U1(id, name, op, f3, imm12) \
    ROW(id, name, R1, (op) | F3(f3) | IMM12(imm12), M_F12, 0, "d,s")
#define I(id, name, op, f3, args) \
    ROW(id, name, I, (op) | F3(f3), M_F3, 0, args)
#define S(id, name, op, f3, args) \
    ROW(id, name, S, (op) | F3(f3), M_F3, 0, args)
#define B(id, name, f3) \
    ROW(id, name, B, OP_BRANCH | F3(f3), M_F3, 0, "s,t,b")
#define SH6(id, name, op, f3, f6) \
    ROW(id, name, SH6, (op) | F3(f3) | F6(f6), M_F6, 0, "d,s,>")
#define SH5(id, name, op, f3, f7) \
    ROW(id, name, SH5, (op) | F3(f3) | F7(f7), M_F7, 0, "d,s,>")
#define CSR(id, name, f3) \
    ROW(id, name, CSR, OP_SYSTEM | F3(f3), M_F3, 0, "d,c,s")
#define CSRI(id, name, f3) \
    ROW(id, name, CSRI, OP_SYSTEM | F3(f3), M_F3, 0, "d,c,i")
#define AMO(id, name, f3, f5) \
    ROW(id, name, AMO, OP_AMO | F3(f3) | F5(f5), M_AMO, 0, "d,t,(s)")
#define LR(id, name, f3) \
    ROW(id, name, AMO, OP_AMO | F3(f3) | F5(2), M_LR, 0, "d,(s)")
/* OP-FP with a rounding mode, binary and unary */
#define FRM(id, name, f7, args) \
    ROW(id, name, R_RM, OP_FP | F7(f7), M_FP, 0, args)
#define FRM1(id, name, f7, rs2, flags, args) \
    ROW(id, name, R1_RM, OP_FP | F7(f7) | RS2(rs2), M_FP_RS2, flags, args)
/* OP-FP with a fixed funct3 */
#define FR(id, name, f7, f3, args) \
    ROW(id, name, R, OP_FP | F3(f3) | F7(f7), M_F7, 0, args)
#define FR1(id, name, f7, f3, args) \
    ROW(id, name, R1, OP_FP | F3(f3) | F7(f7), M_F12, 0, args)
#define R4(id, name, op, fmt) \
    ROW(id, name, R4, (op) | F7(fmt), M_R4, 0, "D,S,T,Rm")
/* Compressed: match/mask are written out; args print the c.* form. */
#define C(id, name, fmt, match, mask, flags, args) \
    ROW(id, name, fmt, match, mask, flags, args)

const rv_row rv_insn_table[] = {
    /* RV64I */
    ROW(LUI, "lui", U, OP_LUI, M_OPC, 0, "d,u"),
    ROW(AUIPC, "auipc", U, OP_AUIPC, M_OPC, 0, "d,u"),
    ROW(JAL, "jal", J, OP_JAL, M_OPC, 0, "d,b"),
    I(JALR, "jalr", OP_JALR, 0, "d,i(s)"),
    B(BEQ, "beq", 0), B(BNE, "bne", 1), B(BLT, "blt", 4),
    B(BGE, "bge", 5), B(BLTU, "bltu", 6), B(BGEU, "bgeu", 7),
    I(LB, "lb", OP_LOAD, 0, "d,i(s)"),
    I(LH, "lh", OP_LOAD, 1, "d,i(s)"),
    I(LW, "lw", OP_LOAD, 2, "d,i(s)"),
    I(LD, "ld", OP_LOAD, 3, "d,i(s)"),
    I(LBU, "lbu", OP_LOAD, 4, "d,i(s)"),
    I(LHU, "lhu", OP_LOAD, 5, "d,i(s)"),
    I(LWU, "lwu", OP_LOAD, 6, "d,i(s)"),
    S(SB, "sb", OP_STORE, 0, "t,i(s)"),
    S(SH, "sh", OP_STORE, 1, "t,i(s)"),
    S(SW, "sw", OP_STORE, 2, "t,i(s)"),
    S(SD, "sd", OP_STORE, 3, "t,i(s)"),
    I(ADDI, "addi", OP_IMM, 0, "d,s,i"),
    I(SLTI, "slti", OP_IMM, 2, "d,s,i"),
    I(SLTIU, "sltiu", OP_IMM, 3, "d,s,i"),
    I(XORI, "xori", OP_IMM, 4, "d,s,i"),
    I(ORI, "ori", OP_IMM, 6, "d,s,i"),
    I(ANDI, "andi", OP_IMM, 7, "d,s,i"),
    SH6(SLLI, "slli", OP_IMM, 1, 0x00),
    SH6(SRLI, "srli", OP_IMM, 5, 0x00),
    SH6(SRAI, "srai", OP_IMM, 5, 0x10),
    R(ADD, "add", OP_OP, 0, 0x00), R(SUB, "sub", OP_OP, 0, 0x20),
    R(SLL, "sll", OP_OP, 1, 0x00), R(SLT, "slt", OP_OP, 2, 0x00),
    R(SLTU, "sltu", OP_OP, 3, 0x00), R(XOR, "xor", OP_OP, 4, 0x00),
    R(SRL, "srl", OP_OP, 5, 0x00), R(SRA, "sra", OP_OP, 5, 0x20),
    R(OR, "or", OP_OP, 6, 0x00), R(AND, "and", OP_OP, 7, 0x00),
    I(ADDIW, "addiw", OP_IMM_32, 0, "d,s,i"),
    SH5(SLLIW, "slliw", OP_IMM_32, 1, 0x00),
    SH5(SRLIW, "srliw", OP_IMM_32, 5, 0x00),
    SH5(SRAIW, "sraiw", OP_IMM_32, 5, 0x20),
    R(ADDW, "addw", OP_OP_32, 0, 0x00), R(SUBW, "subw", OP_OP_32, 0, 0x20),
    R(SLLW, "sllw", OP_OP_32, 1, 0x00), R(SRLW, "srlw", OP_OP_32, 5, 0x00),
    R(SRAW, "sraw", OP_OP_32, 5, 0x20),
    ROW(FENCE, "fence", FENCE, OP_MISC_MEM, M_F3, 0, "p,q"),
    ROW(FENCE_TSO, "fence.tso", FENCE, OP_MISC_MEM | 0x83300000u,
        0xfff0707fu, 0, ""),
    ROW(ECALL, "ecall", NONE, 0x00000073u, 0xffffffffu, 0, ""),
    ROW(EBREAK, "ebreak", NONE, 0x00100073u, 0xffffffffu, 0, ""),
    /* csrrw zero, cycle, zero: the canonical illegal instruction */
    ROW(ILLEGAL, "unimp", NONE, 0xc0001073u, 0xffffffffu, 0, ""),

    /* Zifencei */
    ROW(FENCE_I, "fence.i", NONE, OP_MISC_MEM | F3(1), M_F3, 0, ""),

    /* Zicsr */
    CSR(CSRRW, "csrrw", 1), CSR(CSRRS, "csrrs", 2), CSR(CSRRC, "csrrc", 3),
    CSRI(CSRRWI, "csrrwi", 5), CSRI(CSRRSI, "csrrsi", 6),
    CSRI(CSRRCI, "csrrci", 7),

    /* M */
    R(MUL, "mul", OP_OP, 0, 0x01), R(MULH, "mulh", OP_OP, 1, 0x01),
    R(MULHSU, "mulhsu", OP_OP, 2, 0x01), R(MULHU, "mulhu", OP_OP, 3, 0x01),
    R(DIV, "div", OP_OP, 4, 0x01), R(DIVU, "divu", OP_OP, 5, 0x01),
    R(REM, "rem", OP_OP, 6, 0x01), R(REMU, "remu", OP_OP, 7, 0x01),
    R(MULW, "mulw", OP_OP_32, 0, 0x01), R(DIVW, "divw", OP_OP_32, 4, 0x01),
    R(DIVUW, "divuw", OP_OP_32, 5, 0x01), R(REMW, "remw", OP_OP_32, 6, 0x01),
    R(REMUW, "remuw", OP_OP_32, 7, 0x01),

    /* A */
    LR(LR_W, "lr.w", 2), AMO(SC_W, "sc.w", 2, 0x03),
    AMO(AMOSWAP_W, "amoswap.w", 2, 0x01), AMO(AMOADD_W, "amoadd.w", 2, 0x00),
    AMO(AMOXOR_W, "amoxor.w", 2, 0x04), AMO(AMOAND_W, "amoand.w", 2, 0x0c),
    AMO(AMOOR_W, "amoor.w", 2, 0x08), AMO(AMOMIN_W, "amomin.w", 2, 0x10),
    AMO(AMOMAX_W, "amomax.w", 2, 0x14), AMO(AMOMINU_W, "amominu.w", 2, 0x18),
    AMO(AMOMAXU_W, "amomaxu.w", 2, 0x1c),
    LR(LR_D, "lr.d", 3), AMO(SC_D, "sc.d", 3, 0x03),
    AMO(AMOSWAP_D, "amoswap.d", 3, 0x01), AMO(AMOADD_D, "amoadd.d", 3, 0x00),
    AMO(AMOXOR_D, "amoxor.d", 3, 0x04), AMO(AMOAND_D, "amoand.d", 3, 0x0c),
    AMO(AMOOR_D, "amoor.d", 3, 0x08), AMO(AMOMIN_D, "amomin.d", 3, 0x10),
    AMO(AMOMAX_D, "amomax.d", 3, 0x14), AMO(AMOMINU_D, "amominu.d", 3, 0x18),
    AMO(AMOMAXU_D, "amomaxu.d", 3, 0x1c),

    /* F */
    I(FLW, "flw", OP_LOAD_FP, 2, "D,i(s)"),
    S(FSW, "fsw", OP_STORE_FP, 2, "T,i(s)"),
    R4(FMADD_S, "fmadd.s", OP_MADD, 0), R4(FMSUB_S, "fmsub.s", OP_MSUB, 0),
    R4(FNMSUB_S, "fnmsub.s", OP_NMSUB, 0),
    R4(FNMADD_S, "fnmadd.s", OP_NMADD, 0),
    FRM(FADD_S, "fadd.s", 0x00, "D,S,Tm"),
    FRM(FSUB_S, "fsub.s", 0x04, "D,S,Tm"),
    FRM(FMUL_S, "fmul.s", 0x08, "D,S,Tm"),
    FRM(FDIV_S, "fdiv.s", 0x0c, "D,S,Tm"),
    FRM1(FSQRT_S, "fsqrt.s", 0x2c, 0, 0, "D,Sm"),
    FR(FSGNJ_S, "fsgnj.s", 0x10, 0, "D,S,T"),
    FR(FSGNJN_S, "fsgnjn.s", 0x10, 1, "D,S,T"),
    FR(FSGNJX_S, "fsgnjx.s", 0x10, 2, "D,S,T"),
    FR(FMIN_S, "fmin.s", 0x14, 0, "D,S,T"),
    FR(FMAX_S, "fmax.s", 0x14, 1, "D,S,T"),
    FRM1(FCVT_W_S, "fcvt.w.s", 0x60, 0, 0, "d,Sm"),
    FRM1(FCVT_WU_S, "fcvt.wu.s", 0x60, 1, 0, "d,Sm"),
    FRM1(FCVT_L_S, "fcvt.l.s", 0x60, 2, 0, "d,Sm"),
    FRM1(FCVT_LU_S, "fcvt.lu.s", 0x60, 3, 0, "d,Sm"),
    FR1(FMV_X_W, "fmv.x.w", 0x70, 0, "d,S"),
    FR(FEQ_S, "feq.s", 0x50, 2, "d,S,T"),
    FR(FLT_S, "flt.s", 0x50, 1, "d,S,T"),
    FR(FLE_S, "fle.s", 0x50, 0, "d,S,T"),
    FR1(FCLASS_S, "fclass.s", 0x70, 1, "d,S"),
    FRM1(FCVT_S_W, "fcvt.s.w", 0x68, 0, 0, "D,sm"),
    FRM1(FCVT_S_WU, "fcvt.s.wu", 0x68, 1, 0, "D,sm"),
    FRM1(FCVT_S_L, "fcvt.s.l", 0x68, 2, 0, "D,sm"),
    FRM1(FCVT_S_LU, "fcvt.s.lu", 0x68, 3, 0, "D,sm"),
    FR1(FMV_W_X, "fmv.w.x", 0x78, 0, "D,s"),

    /* D */
    I(FLD, "fld", OP_LOAD_FP, 3, "D,i(s)"),
    S(FSD, "fsd", OP_STORE_FP, 3, "T,i(s)"),
    R4(FMADD_D, "fmadd.d", OP_MADD, 1), R4(FMSUB_D, "fmsub.d", OP_MSUB, 1),
    R4(FNMSUB_D, "fnmsub.d", OP_NMSUB, 1),
    R4(FNMADD_D, "fnmadd.d", OP_NMADD, 1),
    FRM(FADD_D, "fadd.d", 0x01, "D,S,Tm"),
    FRM(FSUB_D, "fsub.d", 0x05, "D,S,Tm"),
    FRM(FMUL_D, "fmul.d", 0x09, "D,S,Tm"),
    FRM(FDIV_D, "fdiv.d", 0x0d, "D,S,Tm"),
    FRM1(FSQRT_D, "fsqrt.d", 0x2d, 0, 0, "D,Sm"),
    FR(FSGNJ_D, "fsgnj.d", 0x11, 0, "D,S,T"),
    FR(FSGNJN_D, "fsgnjn.d", 0x11, 1, "D,S,T"),
    FR(FSGNJX_D, "fsgnjx.d", 0x11, 2, "D,S,T"),
    FR(FMIN_D, "fmin.d", 0x15, 0, "D,S,T"),
    FR(FMAX_D, "fmax.d", 0x15, 1, "D,S,T"),
    FRM1(FCVT_S_D, "fcvt.s.d", 0x20, 1, 0, "D,Sm"),
    FRM1(FCVT_D_S, "fcvt.d.s", 0x21, 0, RV_RM_EXACT, "D,Sm"),
    FR(FEQ_D, "feq.d", 0x51, 2, "d,S,T"),
    FR(FLT_D, "flt.d", 0x51, 1, "d,S,T"),
    FR(FLE_D, "fle.d", 0x51, 0, "d,S,T"),
    FR1(FCLASS_D, "fclass.d", 0x71, 1, "d,S"),
    FRM1(FCVT_W_D, "fcvt.w.d", 0x61, 0, 0, "d,Sm"),
    FRM1(FCVT_WU_D, "fcvt.wu.d", 0x61, 1, 0, "d,Sm"),
    FRM1(FCVT_L_D, "fcvt.l.d", 0x61, 2, 0, "d,Sm"),
    FRM1(FCVT_LU_D, "fcvt.lu.d", 0x61, 3, 0, "d,Sm"),
    FR1(FMV_X_D, "fmv.x.d", 0x71, 0, "d,S"),
    FRM1(FCVT_D_W, "fcvt.d.w", 0x69, 0, RV_RM_EXACT, "D,sm"),
    FRM1(FCVT_D_WU, "fcvt.d.wu", 0x69, 1, RV_RM_EXACT, "D,sm"),
    FRM1(FCVT_D_L, "fcvt.d.l", 0x69, 2, 0, "D,sm"),
    FRM1(FCVT_D_LU, "fcvt.d.lu", 0x69, 3, 0, "D,sm"),
    FR1(FMV_D_X, "fmv.d.x", 0x79, 0, "D,s"),

    /* Zba */
    R(ADD_UW, "add.uw", OP_OP_32, 0, 0x04),
    R(SH1ADD, "sh1add", OP_OP, 2, 0x10), R(SH2ADD, "sh2add", OP_OP, 4, 0x10),
    R(SH3ADD, "sh3add", OP_OP, 6, 0x10),
    R(SH1ADD_UW, "sh1add.uw", OP_OP_32, 2, 0x10),
    R(SH2ADD_UW, "sh2add.uw", OP_OP_32, 4, 0x10),
    R(SH3ADD_UW, "sh3add.uw", OP_OP_32, 6, 0x10),
    SH6(SLLI_UW, "slli.uw", OP_IMM_32, 1, 0x02),

    /* Zbb */
    R(ANDN, "andn", OP_OP, 7, 0x20), R(ORN, "orn", OP_OP, 6, 0x20),
    R(XNOR, "xnor", OP_OP, 4, 0x20),
    U1(CLZ, "clz", OP_IMM, 1, 0x600), U1(CTZ, "ctz", OP_IMM, 1, 0x601),
    U1(CPOP, "cpop", OP_IMM, 1, 0x602),
    U1(CLZW, "clzw", OP_IMM_32, 1, 0x600),
    U1(CTZW, "ctzw", OP_IMM_32, 1, 0x601),
    U1(CPOPW, "cpopw", OP_IMM_32, 1, 0x602),
    R(MAX, "max", OP_OP, 6, 0x05), R(MAXU, "maxu", OP_OP, 7, 0x05),
    R(MIN, "min", OP_OP, 4, 0x05), R(MINU, "minu", OP_OP, 5, 0x05),
    U1(SEXT_B, "sext.b", OP_IMM, 1, 0x604),
    U1(SEXT_H, "sext.h", OP_IMM, 1, 0x605),
    U1(ZEXT_H, "zext.h", OP_OP_32, 4, 0x080),
    R(ROL, "rol", OP_OP, 1, 0x30), R(ROR, "ror", OP_OP, 5, 0x30),
    R(ROLW, "rolw", OP_OP_32, 1, 0x30), R(RORW, "rorw", OP_OP_32, 5, 0x30),
    SH6(RORI, "rori", OP_IMM, 5, 0x18),
    SH5(RORIW, "roriw", OP_IMM_32, 5, 0x30),
    U1(ORC_B, "orc.b", OP_IMM, 5, 0x287),
    U1(REV8, "rev8", OP_IMM, 5, 0x6b8),

    /* C, quadrant 0 */
    C(ILLEGAL, "c.unimp", NONE, 0x0000, 0xffff, 0, ""),
    C(ADDI, "c.addi4spn", CIW, 0x0000, 0xe003, RV_NZIMM, "d,s,i"),
    C(FLD, "c.fld", CL_D, 0x2000, 0xe003, 0, "D,i(s)"),
    C(LW, "c.lw", CL_W, 0x4000, 0xe003, 0, "d,i(s)"),
    C(LD, "c.ld", CL_D, 0x6000, 0xe003, 0, "d,i(s)"),
    C(FSD, "c.fsd", CS_D, 0xa000, 0xe003, 0, "T,i(s)"),
    C(SW, "c.sw", CS_W, 0xc000, 0xe003, 0, "t,i(s)"),
    C(SD, "c.sd", CS_D, 0xe000, 0xe003, 0, "t,i(s)"),
    /* C, quadrant 1 */
    C(ADDI, "c.addi", CI, 0x0001, 0xe003, 0, "d,i"),
    C(ADDIW, "c.addiw", CI, 0x2001, 0xe003, RV_RD_NZ, "d,i"),
    C(ADDI, "c.li", CI_LI, 0x4001, 0xe003, 0, "d,i"),
    C(ADDI, "c.addi16sp", CI_16SP, 0x6101, 0xef83, RV_NZIMM, "d,i"),
    C(LUI, "c.lui", CI_LUI, 0x6001, 0xe003, RV_NZIMM, "d,u"),
    C(SRLI, "c.srli64", CB_SH, 0x8001, 0xfc7f, 0, "d"),
    C(SRLI, "c.srli", CB_SH, 0x8001, 0xec03, 0, "d,>"),
    C(SRAI, "c.srai64", CB_SH, 0x8401, 0xfc7f, 0, "d"),
    C(SRAI, "c.srai", CB_SH, 0x8401, 0xec03, 0, "d,>"),
    C(ANDI, "c.andi", CB_ANDI, 0x8801, 0xec03, 0, "d,i"),
    C(SUB, "c.sub", CA, 0x8c01, 0xfc63, 0, "d,t"),
    C(XOR, "c.xor", CA, 0x8c21, 0xfc63, 0, "d,t"),
    C(OR, "c.or", CA, 0x8c41, 0xfc63, 0, "d,t"),
    C(AND, "c.and", CA, 0x8c61, 0xfc63, 0, "d,t"),
    C(SUBW, "c.subw", CA, 0x9c01, 0xfc63, 0, "d,t"),
    C(ADDW, "c.addw", CA, 0x9c21, 0xfc63, 0, "d,t"),
    C(JAL, "c.j", CJ, 0xa001, 0xe003, 0, "b"),
    C(BEQ, "c.beqz", CB_BR, 0xc001, 0xe003, 0, "s,b"),
    C(BNE, "c.bnez", CB_BR, 0xe001, 0xe003, 0, "s,b"),
    /* C, quadrant 2 */
    C(SLLI, "c.slli64", CI_SH, 0x0002, 0xf07f, 0, "d"),
    C(SLLI, "c.slli", CI_SH, 0x0002, 0xe003, 0, "d,>"),
    C(FLD, "c.fldsp", CI_LDSP, 0x2002, 0xe003, 0, "D,i(s)"),
    C(LW, "c.lwsp", CI_LWSP, 0x4002, 0xe003, RV_RD_NZ, "d,i(s)"),
    C(LD, "c.ldsp", CI_LDSP, 0x6002, 0xe003, RV_RD_NZ, "d,i(s)"),
    C(JALR, "c.jr", CR_JR, 0x8002, 0xf07f, RV_RS1_NZ, "s"),
    C(ADD, "c.mv", CR_MV, 0x8002, 0xf003, 0, "d,t"),
    C(EBREAK, "c.ebreak", NONE, 0x9002, 0xffff, 0, ""),
    C(JALR, "c.jalr", CR_JALR, 0x9002, 0xf07f, 0, "s"),
    C(ADD, "c.add", CR_ADD, 0x9002, 0xf003, 0, "d,t"),
    C(FSD, "c.fsdsp", CSS_D, 0xa002, 0xe003, 0, "T,i(s)"),
    C(SW, "c.swsp", CSS_W, 0xc002, 0xe003, 0, "t,i(s)"),
    C(SD, "c.sdsp", CSS_D, 0xe002, 0xe003, 0, "t,i(s)"),
};

const size_t rv_insn_table_len = sizeof(rv_insn_table) / sizeof(rv_insn_table[0]);

_Static_assert(sizeof(rv_insn_table) / sizeof(rv_insn_table[0]) <=
                   RV_INSN_TABLE_MAX, "raise RV_INSN_TABLE_MAX");
