/*
 * IR for the Zba (address generation) and Zbb (basic bit manipulation)
 * extensions.  The .uw forms zero-extend the low word of rs1; the W forms
 * work on the low word and sign-extend the 32-bit result.  orc.b is a
 * pure helper; everything else is inline.
 */
#include "target/riscv64/translate.h"

static bool trans_add_uw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 a = tcg_temp_new_i64();

    (void)t;
    tcg_gen_ext32u_i64(a, rv_get_gpr(d->rs1));
    tcg_gen_add_i64(rv_dest_gpr(d->rd), a, rv_get_gpr(d->rs2));
    return true;
}

static bool gen_shadd(const rv_insn *d, unsigned sh, bool uw)
{
    tcg_i64 a = tcg_temp_new_i64();

    if (uw)
        tcg_gen_ext32u_i64(a, rv_get_gpr(d->rs1));
    else
        tcg_gen_mov_i64(a, rv_get_gpr(d->rs1));
    tcg_gen_shli_i64(a, a, sh);
    tcg_gen_add_i64(rv_dest_gpr(d->rd), a, rv_get_gpr(d->rs2));
    return true;
}

#define SHADD(name, sh, uw)                                                  \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        return gen_shadd(d, sh, uw);                                         \
    }
SHADD(sh1add, 1, false)
SHADD(sh2add, 2, false)
SHADD(sh3add, 3, false)
SHADD(sh1add_uw, 1, true)
SHADD(sh2add_uw, 2, true)
SHADD(sh3add_uw, 3, true)

static bool trans_slli_uw(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = rv_dest_gpr(d->rd);

    (void)t;
    tcg_gen_ext32u_i64(r, rv_get_gpr(d->rs1));
    tcg_gen_shli_i64(r, r, d->shamt);
    return true;
}

#define ARITH_R(name, gen)                                                   \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        gen(rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), rv_get_gpr(d->rs2));     \
        return true;                                                         \
    }
#define UNARY(name, gen)                                                     \
    static bool trans_##name(struct rv_tr *t, const rv_insn *d)              \
    {                                                                        \
        (void)t;                                                             \
        gen(rv_dest_gpr(d->rd), rv_get_gpr(d->rs1));                         \
        return true;                                                         \
    }
ARITH_R(andn, tcg_gen_andc_i64)
ARITH_R(orn, tcg_gen_orc_i64)
ARITH_R(rol, tcg_gen_rotl_i64)
ARITH_R(ror, tcg_gen_rotr_i64)
UNARY(clz, tcg_gen_clz_i64)
UNARY(ctz, tcg_gen_ctz_i64)
UNARY(cpop, tcg_gen_ctpop_i64)
UNARY(sext_b, tcg_gen_ext8s_i64)
UNARY(sext_h, tcg_gen_ext16s_i64)
UNARY(zext_h, tcg_gen_ext16u_i64)
UNARY(rev8, tcg_gen_bswap64_i64)

static bool trans_xnor(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = rv_dest_gpr(d->rd);

    (void)t;
    tcg_gen_xor_i64(r, rv_get_gpr(d->rs1), rv_get_gpr(d->rs2));
    tcg_gen_not_i64(r, r);
    return true;
}

static bool gen_minmax(const rv_insn *d, enum tcg_cond c)
{
    tcg_i64 a = rv_get_gpr(d->rs1), b = rv_get_gpr(d->rs2);

    tcg_gen_movcond_i64(c, rv_dest_gpr(d->rd), a, b, a, b);
    return true;
}

static bool trans_max(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_minmax(d, TCG_COND_GT);
}

static bool trans_maxu(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_minmax(d, TCG_COND_GTU);
}

static bool trans_min(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_minmax(d, TCG_COND_LT);
}

static bool trans_minu(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_minmax(d, TCG_COND_LTU);
}

/* Unary ops on the low word, result sign-extended. */
static bool gen_unary_w(const rv_insn *d, void (*gen)(tcg_i32, tcg_i32))
{
    tcg_i32 a = tcg_temp_new_i32();

    tcg_gen_extrl_i64_i32(a, rv_get_gpr(d->rs1));
    gen(a, a);
    tcg_gen_ext_i32_i64(rv_dest_gpr(d->rd), a);
    return true;
}

static bool trans_clzw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_unary_w(d, tcg_gen_clz_i32);
}

static bool trans_ctzw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_unary_w(d, tcg_gen_ctz_i32);
}

static bool trans_cpopw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    return gen_unary_w(d, tcg_gen_ctpop_i32);
}

/* Rotates of the low word by a register or an immediate (mod 32). */
static void gen_rot_w(const rv_insn *d, tcg_i32 count,
                      void (*gen)(tcg_i32, tcg_i32, tcg_i32))
{
    tcg_i32 a = tcg_temp_new_i32();

    tcg_gen_extrl_i64_i32(a, rv_get_gpr(d->rs1));
    gen(a, a, count);
    tcg_gen_ext_i32_i64(rv_dest_gpr(d->rd), a);
}

static tcg_i32 count_reg(const rv_insn *d)
{
    tcg_i32 c = tcg_temp_new_i32();

    tcg_gen_extrl_i64_i32(c, rv_get_gpr(d->rs2));
    return c;
}

static tcg_i32 count_imm(const rv_insn *d)
{
    tcg_i32 c = tcg_temp_new_i32();

    tcg_gen_movi_i32(c, d->shamt);
    return c;
}

static bool trans_rolw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    gen_rot_w(d, count_reg(d), tcg_gen_rotl_i32);
    return true;
}

static bool trans_rorw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    gen_rot_w(d, count_reg(d), tcg_gen_rotr_i32);
    return true;
}

static bool trans_roriw(struct rv_tr *t, const rv_insn *d)
{
    (void)t;
    gen_rot_w(d, count_imm(d), tcg_gen_rotr_i32);
    return true;
}

static bool trans_rori(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 c = tcg_temp_new_i64();

    (void)t;
    tcg_gen_movi_i64(c, d->shamt);
    tcg_gen_rotr_i64(rv_dest_gpr(d->rd), rv_get_gpr(d->rs1), c);
    return true;
}

static const struct tcg_helper helper_orc_b = {
    .name = "orc_b",
    .func = (void *)rv_helper_orc_b,
    .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS |
             TCG_CALL_NO_SIDE_EFFECTS,
    .ret = TCG_TYPE_I64,
    .nargs = 1,
    .args = { TCG_TYPE_I64 },
};

static bool trans_orc_b(struct rv_tr *t, const rv_insn *d)
{
    tcg_i64 r = tcg_temp_new_i64();
    int args[1] = { rv_get_gpr(d->rs1).n };

    (void)t;
    tcg_gen_call(&helper_orc_b, r.n, args);
    rv_set_gpr(d->rd, r);
    return true;
}

const struct rv_trans_entry rv_trans_zb[] = {
    { RV_ADD_UW, trans_add_uw }, { RV_SH1ADD, trans_sh1add },
    { RV_SH2ADD, trans_sh2add }, { RV_SH3ADD, trans_sh3add },
    { RV_SH1ADD_UW, trans_sh1add_uw }, { RV_SH2ADD_UW, trans_sh2add_uw },
    { RV_SH3ADD_UW, trans_sh3add_uw }, { RV_SLLI_UW, trans_slli_uw },
    { RV_ANDN, trans_andn }, { RV_ORN, trans_orn }, { RV_XNOR, trans_xnor },
    { RV_CLZ, trans_clz }, { RV_CTZ, trans_ctz }, { RV_CPOP, trans_cpop },
    { RV_CLZW, trans_clzw }, { RV_CTZW, trans_ctzw }, { RV_CPOPW, trans_cpopw },
    { RV_MAX, trans_max }, { RV_MAXU, trans_maxu }, { RV_MIN, trans_min },
    { RV_MINU, trans_minu }, { RV_SEXT_B, trans_sext_b }, { RV_SEXT_H, trans_sext_h },
    { RV_ZEXT_H, trans_zext_h }, { RV_ROL, trans_rol }, { RV_ROR, trans_ror },
    { RV_ROLW, trans_rolw }, { RV_RORW, trans_rorw }, { RV_RORI, trans_rori },
    { RV_RORIW, trans_roriw }, { RV_ORC_B, trans_orc_b }, { RV_REV8, trans_rev8 },
};
const size_t rv_trans_zb_len = sizeof(rv_trans_zb) / sizeof(rv_trans_zb[0]);
