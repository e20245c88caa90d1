/*
 * A small x86_64 assembler for the backend: encodings of the instructions
 * it emits, from the Intel SDM (vol. 2) opcode tables.
 *
 * An opcode is given as an int: the opcode byte plus prefix flags (X_0F,
 * X_0F38, X_66, X_F3, X_F2, X_W for REX.W, X_B8 for byte registers that
 * need a REX to mean sil/dil/spl/bpl).  Memory operands are base + disp
 * or base + index (scale 1) + disp.  Everything writes to a struct xbuf;
 * the caller checks for space before each op (X_MAX_OP_BYTES).
 */
#ifndef UEMU_TCG_X86_ASM_H
#define UEMU_TCG_X86_ASM_H

#include <stdint.h>
#include <string.h>

enum {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
    R8, R9, R10, R11, R12, R13, R14, R15,
    X_NOREG = -1,
};

enum {
    X_0F = 0x100, X_0F38 = 0x200, X_66 = 0x400, X_F3 = 0x800,
    X_W = 0x2000, X_B8 = 0x4000, X_LOCK = 0x8000, X_F2 = 0x10000,
};

/* condition codes (the low nibble of Jcc/SETcc/CMOVcc) */
enum {
    CC_B = 2, CC_AE = 3, CC_E = 4, CC_NE = 5, CC_BE = 6, CC_A = 7,
    CC_L = 0xc, CC_GE = 0xd, CC_LE = 0xe, CC_G = 0xf,
};

/* opcodes used with x_rr/x_rm */
enum {
    OP_ADD = 0x01, OP_OR = 0x09, OP_AND = 0x21, OP_SUB = 0x29,
    OP_XOR = 0x31, OP_CMP = 0x39, OP_TEST = 0x85, OP_SUB_LD = 0x2b,
    OP_MOV_ST = 0x89, OP_MOV_ST8 = 0x88, OP_MOV_LD = 0x8b, OP_LEA = 0x8d,
    OP_MOVSXD = 0x63, OP_GRP3 = 0xf7, OP_SHIFT_CL = 0xd3, OP_SHIFT_I = 0xc1,
    OP_XCHG = 0x87, OP_XCHG8 = 0x86,
    OP_IMUL = X_0F | 0xaf, OP_MOVZB = X_0F | 0xb6, OP_MOVZW = X_0F | 0xb7,
    OP_MOVSB = X_0F | 0xbe, OP_MOVSW = X_0F | 0xbf, OP_BSF = X_0F | 0xbc,
    OP_BSR = X_0F | 0xbd, OP_TZCNT = X_F3 | X_0F | 0xbc,
    OP_LZCNT = X_F3 | X_0F | 0xbd, OP_POPCNT = X_F3 | X_0F | 0xb8,
    OP_CMOV = X_0F | 0x40, OP_SETCC = X_0F | 0x90,
    OP_XADD = X_0F | 0xc1, OP_XADD8 = X_0F | 0xc0,
    OP_CMPXCHG = X_0F | 0xb1, OP_CMPXCHG8 = X_0F | 0xb0,
    OP_MOVBE_LD = X_0F38 | 0xf0,
    /* SSE: movd/movq xmm <- r/m and r/m <- xmm (with X_W: 64 bits) */
    OP_MOVD_X = X_66 | X_0F | 0x6e, OP_MOVD_R = X_66 | X_0F | 0x7e,
    OP_UCOMISS = X_0F | 0x2e, OP_UCOMISD = X_66 | X_0F | 0x2e,
    /* scalar arithmetic: the opcode byte, with X_F3 (single) or X_F2 */
    OP_SSE_SQRT = X_0F | 0x51, OP_SSE_ADD = X_0F | 0x58,
    OP_SSE_MUL = X_0F | 0x59, OP_SSE_SUB = X_0F | 0x5c, OP_SSE_DIV = X_0F | 0x5e,
};

/* /n extensions of OP_GRP3 and the shift groups */
enum {
    EXT_NOT = 2, EXT_NEG = 3, EXT_MUL = 4, EXT_IMUL1 = 5, EXT_DIV = 6,
    EXT_IDIV = 7,
    EXT_ROL = 0, EXT_ROR = 1, EXT_SHL = 4, EXT_SHR = 5, EXT_SAR = 7,
};

/* /n extensions of the ALU group with an immediate (0x81, 0x83) */
enum {
    EXT_ADD = 0, EXT_OR = 1, EXT_AND = 4, EXT_SUB = 5, EXT_XOR = 6, EXT_CMP = 7,
};

#define X_MAX_OP_BYTES 512

struct xbuf {
    uint8_t *p;        /* write position (writable view) */
    uint8_t *start;    /* start of this block (writable view) */
    uint8_t *end;      /* end of the writable space */
    intptr_t rx_delta; /* executable view minus writable view */
};

static inline void x_b(struct xbuf *b, unsigned v) { *b->p++ = (uint8_t)v; }

static inline void x_d32(struct xbuf *b, uint32_t v)
{
    memcpy(b->p, &v, 4);
    b->p += 4;
}

static inline void x_d64(struct xbuf *b, uint64_t v)
{
    memcpy(b->p, &v, 8);
    b->p += 8;
}

/* Prefixes, REX and opcode bytes; reg/index/base may be X_NOREG. */
static inline void x_op(struct xbuf *b, int op, int reg, int index, int base)
{
    unsigned rex = 0;

    if (op & X_LOCK)
        x_b(b, 0xf0);
    if (op & X_66)
        x_b(b, 0x66);
    if (op & X_F3)
        x_b(b, 0xf3);
    if (op & X_F2)
        x_b(b, 0xf2);
    if (op & X_W)
        rex |= 8;
    if (reg >= 0 && reg & 8)
        rex |= 4;
    if (index >= 0 && index & 8)
        rex |= 2;
    if (base >= 0 && base & 8)
        rex |= 1;
    if (rex || ((op & X_B8) && ((reg >= 4 && reg < 8) || (index < 0 && base >= 4 && base < 8))))
        x_b(b, 0x40 | rex);
    if (op & (X_0F | X_0F38))
        x_b(b, 0x0f);
    if (op & X_0F38)
        x_b(b, 0x38);
    x_b(b, op & 0xff);
}

/* op reg, rm (register direct) */
static inline void x_rr(struct xbuf *b, int op, int reg, int rm)
{
    x_op(b, op, reg, X_NOREG, rm);
    x_b(b, 0xc0 | (reg & 7) << 3 | (rm & 7));
}

/* op reg, [base + index + disp]; index may be X_NOREG (never RSP) */
static inline void x_rm(struct xbuf *b, int op, int reg, int base, int index,
                        int32_t disp)
{
    int mod = disp == 0 && (base & 7) != RBP ? 0 : disp == (int8_t)disp ? 1 : 2;

    x_op(b, op, reg, index, base);
    if (index >= 0 || (base & 7) == RSP) {
        x_b(b, mod << 6 | (reg & 7) << 3 | 4);
        x_b(b, ((index >= 0 ? index : RSP) & 7) << 3 | (base & 7));
    } else {
        x_b(b, mod << 6 | (reg & 7) << 3 | (base & 7));
    }
    if (mod == 1)
        x_b(b, (uint8_t)disp);
    else if (mod == 2)
        x_d32(b, (uint32_t)disp);
}

/* VEX-encoded BMI: op dst, src (rm), v (the vvvv operand); map 0F38 */
static inline void x_vex(struct xbuf *b, int opc, int pp, int w, int dst,
                         int v, int rm)
{
    x_b(b, 0xc4);
    x_b(b, (dst & 8 ? 0 : 0x80) | 0x40 | (rm & 8 ? 0 : 0x20) | 2);
    x_b(b, (w ? 0x80 : 0) | (~v & 15) << 3 | pp);
    x_b(b, opc);
    x_b(b, 0xc0 | (dst & 7) << 3 | (rm & 7));
}

/* mov reg, imm (shortest form) */
static inline void x_movi(struct xbuf *b, int reg, uint64_t v)
{
    if (v == (uint32_t)v) {
        x_op(b, 0xb8 + (reg & 7), X_NOREG, X_NOREG, reg);
        x_d32(b, (uint32_t)v);
    } else if (v == (uint64_t)(int64_t)(int32_t)v) {
        x_rr(b, X_W | 0xc7, 0, reg);
        x_d32(b, (uint32_t)v);
    } else {
        x_op(b, X_W | (0xb8 + (reg & 7)), X_NOREG, X_NOREG, reg);
        x_d64(b, v);
    }
}

/* ALU op reg, imm (sign-extended; the imm8 form when it fits); w is X_W or 0 */
static inline void x_alui(struct xbuf *b, int w, int ext, int reg, int32_t imm)
{
    if (imm == (int8_t)imm) {
        x_rr(b, w | 0x83, ext, reg);
        x_b(b, (uint8_t)imm);
    } else {
        x_rr(b, w | 0x81, ext, reg);
        x_d32(b, (uint32_t)imm);
    }
}

/* imul dst, src, imm; w is X_W or 0 */
static inline void x_imuli(struct xbuf *b, int w, int dst, int src, int32_t imm)
{
    if (imm == (int8_t)imm) {
        x_rr(b, w | 0x6b, dst, src);
        x_b(b, (uint8_t)imm);
    } else {
        x_rr(b, w | 0x69, dst, src);
        x_d32(b, (uint32_t)imm);
    }
}

/* mov qword [base + disp], v without a register: two dword stores */
static inline void x_st64i(struct xbuf *b, int base, int32_t disp, uint64_t v)
{
    x_rm(b, 0xc7, 0, base, X_NOREG, disp);
    x_d32(b, (uint32_t)v);
    x_rm(b, 0xc7, 0, base, X_NOREG, disp + 4);
    x_d32(b, (uint32_t)(v >> 32));
}

/* shift-group op with an immediate count */
static inline void x_shifti(struct xbuf *b, int w, int ext, int reg, int n)
{
    x_rr(b, (w ? X_W : 0) | OP_SHIFT_I, ext, reg);
    x_b(b, (uint8_t)n);
}

/* Jcc/JMP rel32 with a zero displacement; returns the displacement's place */
static inline uint8_t *x_jcc32(struct xbuf *b, int cc)
{
    if (cc < 0) {
        x_b(b, 0xe9);
    } else {
        x_b(b, 0x0f);
        x_b(b, 0x80 + cc);
    }
    x_d32(b, 0);
    return b->p - 4;
}

/* Point a rel32 displacement at target (both in the writable view). */
static inline void x_patch32(uint8_t *disp, const uint8_t *target)
{
    int32_t d = (int32_t)(target - (disp + 4));

    memcpy(disp, &d, 4);
}

static inline uint8_t *x_jcc8(struct xbuf *b, int cc)
{
    x_b(b, cc < 0 ? 0xeb : 0x70 + cc);
    x_b(b, 0);
    return b->p - 1;
}

static inline void x_patch8(uint8_t *disp, const uint8_t *target)
{
    *disp = (uint8_t)(int8_t)(target - (disp + 1));
}

/* push/pop a 64-bit register */
static inline void x_push(struct xbuf *b, int reg)
{
    if (reg & 8)
        x_b(b, 0x41);
    x_b(b, 0x50 + (reg & 7));
}

static inline void x_pop(struct xbuf *b, int reg)
{
    if (reg & 8)
        x_b(b, 0x41);
    x_b(b, 0x58 + (reg & 7));
}

/* call/jmp to an absolute address through a register */
static inline void x_call_abs(struct xbuf *b, const void *fn)
{
    x_movi(b, RAX, (uintptr_t)fn);
    x_rr(b, 0xff, 2, RAX);
}

#endif
