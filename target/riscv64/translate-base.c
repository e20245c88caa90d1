/*
 * IR for RV64I: upper immediates, jumps and branches, loads and stores,
 * register-immediate and register-register arithmetic, the 32-bit (W)
 * forms.  Compressed instructions arrive here as their expansions.
 *
 * Jumps and branches end the block: static targets through goto_tb
 * (chained by the engine), jalr through the jump-cache lookup.  RISC-V
 * Linux allows misaligned loads and stores, so plain accesses carry no
 * alignment check.
 */
#include "target/riscv64/translate.h"

static void end_goto(struct rv_tr *t, unsigned n, uint64_t dest)
{
    exec_gen_goto_tb(t->dc, n, dest);
}

static bool trans_lui(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    if (d->rd)
        tcg_gen_movi_i64(rv_gpr[d->rd], (uint64_t)d->imm);
    return true;
}

static bool trans_auipc(struct rv_tr *t, const rv_insn *d)
{
    if (d->rd)
        tcg_gen_movi_i64(rv_gpr[d->rd], t->pc + (uint64_t)d->imm);
    return true;
}

static bool trans_jal(struct rv_tr *t, const rv_insn *d)
{
    if (d->rd)
        tcg_gen_movi_i64(rv_gpr[d->rd], t->pc_next);
    end_goto(t, 0, t->pc + (uint64_t)d->imm);
    t->dc->state = EXEC_DC_NORETURN;
    return true;
}

static bool trans_jalr(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 dest = tcg_temp_new_i64();

    /* The target first: rd may be rs1. */
    tcg_gen_addi_i64(dest, rv_get_gpr(d->rs1), (uint64_t)d->imm);
    tcg_gen_andi_i64(dest, dest, ~(uint64_t)1);
    if (d->rd)
        tcg_gen_movi_i64(rv_gpr[d->rd], t->pc_next);
    tcg_gen_mov_i64(rv_pc, dest);
    exec_gen_lookup_and_goto_ptr(t->dc, dest);
    t->dc->state = EXEC_DC_NORETURN;
    return true;
}

static bool gen_branch(struct rv_tr *t, const rv_insn *d, enum tcg_cond c)
{
    tcg_label *taken = tcg_gen_new_label();

    tcg_gen_brcond_i64(c, rv_get_gpr(d->rs1), rv_get_gpr(d->rs2), taken);
    end_goto(t, 1, t->pc_next);
    tcg_gen_set_label(taken);
    end_goto(t, 0, t->pc + (uint64_t)d->imm);
    t->dc->state = EXEC_DC_NORETURN;
    return true;
}

#define BRANCH(name, cond)                                                   \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        return gen_branch(t, d, cond);                                       \
    }
BRANCH(beq, TCG_COND_EQ)
BRANCH(bne, TCG_COND_NE)
BRANCH(blt, TCG_COND_LT)
BRANCH(bge, TCG_COND_GE)
BRANCH(bltu, TCG_COND_LTU)
BRANCH(bgeu, TCG_COND_GEU)

/* The address rs1 + imm; rs1 itself at offset 0 (only read). */
static tcg_i64 address(const rv_insn *d)
{
    tcg_i64 a;

    if (!d->imm)
        return rv_get_gpr(d->rs1);
    a = tcg_temp_new_i64();
    tcg_gen_addi_i64(a, rv_get_gpr(d->rs1), (uint64_t)d->imm);
    return a;
}

static bool gen_load(const rv_insn *d, unsigned memop)
{
    /* Straight into rd: a faulting load leaves it unwritten.  A load
     * into x0 still accesses memory (and may fault). */
    tcg_gen_qemu_ld_i64(rv_dest_gpr(d->rd), address(d), memop);
    return true;
}

static bool gen_store(const rv_insn *d, unsigned memop)
{
    tcg_gen_qemu_st_i64(rv_get_gpr(d->rs2), address(d), memop);
    return true;
}

#define LOAD(name, memop)                                                    \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        return gen_load(d, memop);                                           \
    }
#define STORE(name, memop)                                                   \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        return gen_store(d, memop);                                          \
    }
LOAD(lb, TCG_MO_8 | TCG_MO_SIGN)
LOAD(lh, TCG_MO_16 | TCG_MO_SIGN)
LOAD(lw, TCG_MO_32 | TCG_MO_SIGN)
LOAD(ld, TCG_MO_64)
LOAD(lbu, TCG_MO_8)
LOAD(lhu, TCG_MO_16)
LOAD(lwu, TCG_MO_32)
STORE(sb, TCG_MO_8)
STORE(sh, TCG_MO_16)
STORE(sw, TCG_MO_32)
STORE(sd, TCG_MO_64)

/* rd = op(rs1, imm) on 64 bits. */
#define ARITH_I(name, gen)                                                   \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        gen(rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), (uint64_t)d->imm);       \
        return true;                                                         \
    }
/* addi rd, x0, imm is li: a constant needs no add. */
static bool trans_addi(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    if (d->rs1 || !d->rd)
        tcg_gen_addi_i64(rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), (uint64_t)d->imm);
    else
        tcg_gen_movi_i64(rv_gpr[d->rd], (uint64_t)d->imm);
    return true;
}
ARITH_I(xori, tcg_gen_xori_i64)
ARITH_I(ori, tcg_gen_ori_i64)
ARITH_I(andi, tcg_gen_andi_i64)
ARITH_I(slli, tcg_gen_shli_i64)
ARITH_I(srli, tcg_gen_shri_i64)
ARITH_I(srai, tcg_gen_sari_i64)

static bool gen_setcondi(const rv_insn *d, enum tcg_cond c)
{
    tcg_i64 imm = tcg_temp_new_i64();

    tcg_gen_movi_i64(imm, (uint64_t)d->imm);
    tcg_gen_setcond_i64(c, rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), imm);
    return true;
}

static bool trans_slti(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_setcondi(d, TCG_COND_LT);
}

static bool trans_sltiu(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_setcondi(d, TCG_COND_LTU);
}

/* rd = op(rs1, rs2) on 64 bits. */
#define ARITH_R(name, gen)                                                   \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        gen(rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), rv_get_gpr(d->rs2));     \
        return true;                                                         \
    }
ARITH_R(add, tcg_gen_add_i64)
ARITH_R(sub, tcg_gen_sub_i64)
ARITH_R(sll, tcg_gen_shl_i64)
ARITH_R(srl, tcg_gen_shr_i64)
ARITH_R(sra, tcg_gen_sar_i64)
ARITH_R(xor, tcg_gen_xor_i64)
ARITH_R(or, tcg_gen_or_i64)
ARITH_R(and, tcg_gen_and_i64)

static bool trans_slt(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    tcg_gen_setcond_i64(TCG_COND_LT, rv_dest_gpr(d->rd), rv_get_gpr(d->rs1),
                        rv_get_gpr(d->rs2));
    return true;
}

static bool trans_sltu(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    tcg_gen_setcond_i64(TCG_COND_LTU, rv_dest_gpr(d->rd), rv_get_gpr(d->rs1),
                        rv_get_gpr(d->rs2));
    return true;
}

/* W forms: the 32-bit result sign-extended. */
static bool trans_addiw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = rv_dest_gpr(d->rd);

    (void)t;
    tcg_gen_addi_i64(r, rv_get_gpr(d->rs1), (uint64_t)d->imm);
    tcg_gen_ext32s_i64(r, r);
    return true;
}

static bool trans_slliw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = rv_dest_gpr(d->rd);

    (void)t;
    tcg_gen_shli_i64(r, rv_get_gpr(d->rs1), d->shamt);
    tcg_gen_ext32s_i64(r, r);
    return true;
}

static bool trans_srliw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = rv_dest_gpr(d->rd);

    (void)t;
    tcg_gen_ext32u_i64(r, rv_get_gpr(d->rs1));
    tcg_gen_shri_i64(r, r, d->shamt);
    tcg_gen_ext32s_i64(r, r);
    return true;
}

static bool trans_sraiw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = rv_dest_gpr(d->rd);

    (void)t;
    tcg_gen_ext32s_i64(r, rv_get_gpr(d->rs1));
    tcg_gen_sari_i64(r, r, d->shamt);
    return true;
}

static bool trans_addw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = rv_dest_gpr(d->rd);

    (void)t;
    tcg_gen_add_i64(r, rv_get_gpr(d->rs1), rv_get_gpr(d->rs2));
    tcg_gen_ext32s_i64(r, r);
    return true;
}

static bool trans_subw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = rv_dest_gpr(d->rd);

    (void)t;
    tcg_gen_sub_i64(r, rv_get_gpr(d->rs1), rv_get_gpr(d->rs2));
    tcg_gen_ext32s_i64(r, r);
    return true;
}

/* 32-bit shifts by rs2 (mod 32): done on i32, where the IR's count is
 * taken modulo 32 as RISC-V wants. */
static bool gen_shift_w(const rv_insn *d, void (*gen)(tcg_i32, tcg_i32, tcg_i32))
{
    tcg_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32();

    tcg_gen_extrl_i64_i32(a, rv_get_gpr(d->rs1));
    tcg_gen_extrl_i64_i32(b, rv_get_gpr(d->rs2));
    gen(a, a, b);
    tcg_gen_ext_i32_i64(rv_dest_gpr(d->rd), a);
    return true;
}

static bool trans_sllw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_shift_w(d, tcg_gen_shl_i32);
}

static bool trans_srlw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_shift_w(d, tcg_gen_shr_i32);
}

static bool trans_sraw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_shift_w(d, tcg_gen_sar_i32);
}

const struct rv_trans_entry rv_trans_base[] = {
    { RV_LUI, trans_lui }, { RV_AUIPC, trans_auipc },
    { RV_JAL, trans_jal }, { RV_JALR, trans_jalr },
    { RV_BEQ, trans_beq }, { RV_BNE, trans_bne }, { RV_BLT, trans_blt },
    { RV_BGE, trans_bge }, { RV_BLTU, trans_bltu }, { RV_BGEU, trans_bgeu },
    { RV_LB, trans_lb }, { RV_LH, trans_lh }, { RV_LW, trans_lw },
    { RV_LD, trans_ld }, { RV_LBU, trans_lbu }, { RV_LHU, trans_lhu },
    { RV_LWU, trans_lwu },
    { RV_SB, trans_sb }, { RV_SH, trans_sh }, { RV_SW, trans_sw }, { RV_SD, trans_sd },
    { RV_ADDI, trans_addi }, { RV_SLTI, trans_slti }, { RV_SLTIU, trans_sltiu },
    { RV_XORI, trans_xori }, { RV_ORI, trans_ori }, { RV_ANDI, trans_andi },
    { RV_SLLI, trans_slli }, { RV_SRLI, trans_srli }, { RV_SRAI, trans_srai },
    { RV_ADD, trans_add }, { RV_SUB, trans_sub }, { RV_SLL, trans_sll },
    { RV_SLT, trans_slt }, { RV_SLTU, trans_sltu }, { RV_XOR, trans_xor },
    { RV_SRL, trans_srl }, { RV_SRA, trans_sra }, { RV_OR, trans_or },
    { RV_AND, trans_and },
    { RV_ADDIW, trans_addiw }, { RV_SLLIW, trans_slliw }, { RV_SRLIW, trans_srliw },
    { RV_SRAIW, trans_sraiw },
    { RV_ADDW, trans_addw }, { RV_SUBW, trans_subw }, { RV_SLLW, trans_sllw },
    { RV_SRLW, trans_srlw }, { RV_SRAW, trans_sraw },
};
const size_t rv_trans_base_len = sizeof(rv_trans_base) / sizeof(rv_trans_base[0]);
