/*
 * IR for the M (multiply/divide) and A (atomics) extensions.
 *
 * Division: the IR's div/rem rules (x / 0 = -1, x % 0 = x, MIN / -1 =
 * MIN, MIN % -1 = 0, at the op's width) are exactly RISC-V's, so div,
 * divu, rem and remu map to single ops; the W forms work on i32 and
 * sign-extend, which also gives divuw's 2^32-1 -> all-ones result.
 *
 * Atomics: AMOs are host atomic fetch-ops (sequentially consistent, so
 * aq/rl need nothing more).  LR records the address and the value read in
 * res_addr/res_val; SC succeeds only at that address, by a host
 * compare-and-swap against the value LR read, and always clears the
 * reservation.  Both need natural alignment (a misaligned address is
 * EXEC_EXCP_ALIGN); an SC whose reservation does not match fails without
 * touching memory.
 */
#include "target/riscv64/translate.h"

#define ARITH_R(name, gen)                                                   \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        gen(rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), rv_get_gpr(d->rs2));     \
        return true;                                                         \
    }
ARITH_R(mul, tcg_gen_mul_i64)
ARITH_R(div, tcg_gen_div_i64)
ARITH_R(divu, tcg_gen_divu_i64)
ARITH_R(rem, tcg_gen_rem_i64)
ARITH_R(remu, tcg_gen_remu_i64)

static bool trans_mulh(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 lo = tcg_temp_new_i64();

    (void)t;
    tcg_gen_muls2_i64(lo, rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), rv_get_gpr(d->rs2));
    return true;
}

static bool trans_mulhu(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 lo = tcg_temp_new_i64();

    (void)t;
    tcg_gen_mulu2_i64(lo, rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), rv_get_gpr(d->rs2));
    return true;
}

/* Signed rs1 times unsigned rs2: the unsigned high half, less rs2 when
 * rs1 is negative. */
static bool trans_mulhsu(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    tcg_i64 fix = tcg_temp_new_i64();
    tcg_i64 a = rv_get_gpr(d->rs1), b = rv_get_gpr(d->rs2);

    (void)t;
    tcg_gen_sari_i64(fix, a, 63);
    tcg_gen_and_i64(fix, fix, b);
    tcg_gen_mulu2_i64(lo, hi, a, b);
    tcg_gen_sub_i64(rv_dest_gpr(d->rd), hi, fix);
    return true;
}

static bool gen_op_w(const rv_insn *d, void (*gen)(tcg_i32, tcg_i32, tcg_i32))
{
    tcg_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32();

    tcg_gen_extrl_i64_i32(a, rv_get_gpr(d->rs1));
    tcg_gen_extrl_i64_i32(b, rv_get_gpr(d->rs2));
    gen(a, a, b);
    tcg_gen_ext_i32_i64(rv_dest_gpr(d->rd), a);
    return true;
}

#define ARITH_W(name, gen)                                                   \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        return gen_op_w(d, gen);                                             \
    }
ARITH_W(mulw, tcg_gen_mul_i32)
ARITH_W(divw, tcg_gen_div_i32)
ARITH_W(divuw, tcg_gen_divu_i32)
ARITH_W(remw, tcg_gen_rem_i32)
ARITH_W(remuw, tcg_gen_remu_i32)

static bool gen_lr(const rv_insn *d, unsigned memop)
{
    tcg_i64 v = tcg_temp_new_i64();

    tcg_gen_mov_i64(rv_res_addr, rv_get_gpr(d->rs1));
    tcg_gen_qemu_ld_i64(v, rv_res_addr, memop | TCG_MO_ALIGN);
    tcg_gen_mov_i64(rv_res_val, v);
    rv_set_gpr(d->rd, v);
    return true;
}

static bool gen_sc(const rv_insn *d, unsigned memop)
{
    tcg_label *fail = tcg_gen_new_label(), *done = tcg_gen_new_label();
    tcg_i64 addr = tcg_temp_new_i64(), old = tcg_temp_new_i64();
    tcg_i64 rd = rv_dest_gpr(d->rd);

    tcg_gen_mov_i64(addr, rv_get_gpr(d->rs1));
    tcg_gen_brcond_i64(TCG_COND_NE, addr, rv_res_addr, fail);
    tcg_gen_atomic_cmpxchg_i64(old, addr, rv_res_val, rv_get_gpr(d->rs2),
                               memop | TCG_MO_ALIGN);
    tcg_gen_setcond_i64(TCG_COND_NE, rd, old, rv_res_val);
    tcg_gen_br(done);
    tcg_gen_set_label(fail);
    tcg_gen_movi_i64(rd, 1);
    tcg_gen_set_label(done);
    tcg_gen_movi_i64(rv_res_addr, ~(uint64_t)0);
    return true;
}

static bool trans_lr_w(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_lr(d, TCG_MO_32 | TCG_MO_SIGN);
}

static bool trans_lr_d(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_lr(d, TCG_MO_64);
}

static bool trans_sc_w(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_sc(d, TCG_MO_32 | TCG_MO_SIGN);
}

static bool trans_sc_d(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_sc(d, TCG_MO_64);
}

static bool gen_amo(const rv_insn *d, enum tcg_aop op, unsigned memop)
{
    tcg_i64 v = tcg_temp_new_i64();

    tcg_gen_atomic_fetch_i64(op, v, rv_get_gpr(d->rs1), rv_get_gpr(d->rs2),
                             memop | TCG_MO_ALIGN);
    rv_set_gpr(d->rd, v);
    return true;
}

#define AMO(name, op)                                                        \
    static bool trans_##name##_w(struct rv_tr *t, const rv_insn *d)          \
    {                                                                        \
        (void)t;                                                             \
        return gen_amo(d, op, TCG_MO_32 | TCG_MO_SIGN);                      \
    }                                                                        \
    static bool trans_##name##_d(struct rv_tr *t, const rv_insn *d)          \
    {                                                                        \
        (void)t;                                                             \
        return gen_amo(d, op, TCG_MO_64);                                    \
    }
AMO(amoswap, TCG_AOP_XCHG)
AMO(amoadd, TCG_AOP_ADD)
AMO(amoxor, TCG_AOP_XOR)
AMO(amoand, TCG_AOP_AND)
AMO(amoor, TCG_AOP_OR)
AMO(amomin, TCG_AOP_SMIN)
AMO(amomax, TCG_AOP_SMAX)
AMO(amominu, TCG_AOP_UMIN)
AMO(amomaxu, TCG_AOP_UMAX)

const struct rv_trans_entry rv_trans_ma[] = {
    { RV_MUL, trans_mul }, { RV_MULH, trans_mulh }, { RV_MULHSU, trans_mulhsu },
    { RV_MULHU, trans_mulhu }, { RV_DIV, trans_div }, { RV_DIVU, trans_divu },
    { RV_REM, trans_rem }, { RV_REMU, trans_remu },
    { RV_MULW, trans_mulw }, { RV_DIVW, trans_divw }, { RV_DIVUW, trans_divuw },
    { RV_REMW, trans_remw }, { RV_REMUW, trans_remuw },
    { RV_LR_W, trans_lr_w }, { RV_SC_W, trans_sc_w },
    { RV_AMOSWAP_W, trans_amoswap_w }, { RV_AMOADD_W, trans_amoadd_w },
    { RV_AMOXOR_W, trans_amoxor_w }, { RV_AMOAND_W, trans_amoand_w },
    { RV_AMOOR_W, trans_amoor_w }, { RV_AMOMIN_W, trans_amomin_w },
    { RV_AMOMAX_W, trans_amomax_w }, { RV_AMOMINU_W, trans_amominu_w },
    { RV_AMOMAXU_W, trans_amomaxu_w },
    { RV_LR_D, trans_lr_d }, { RV_SC_D, trans_sc_d },
    { RV_AMOSWAP_D, trans_amoswap_d }, { RV_AMOADD_D, trans_amoadd_d },
    { RV_AMOXOR_D, trans_amoxor_d }, { RV_AMOAND_D, trans_amoand_d },
    { RV_AMOOR_D, trans_amoor_d }, { RV_AMOMIN_D, trans_amomin_d },
    { RV_AMOMAX_D, trans_amomax_d }, { RV_AMOMINU_D, trans_amominu_d },
    { RV_AMOMAXU_D, trans_amomaxu_d },
};
const size_t rv_trans_ma_len = sizeof(rv_trans_ma) / sizeof(rv_trans_ma[0]);
