/*
 * The IR builders of include/uemu/tcg-op.h.  Each appends one op (or a
 * movi and one op for an immediate form) to the current block after
 * checking its operands: a temp of the wrong type, a bad bit field, a
 * memop wider than its type or a helper called with the wrong signature
 * is a front-end bug and aborts here, not at run time.
 */
#include <stdlib.h>

#include "tcg/tcg-internal.h"
#include "uemu/tcg-op.h"

static void bad(const char *what)
{
    fprintf(stderr, "tcg: bad op: %s\n", what);
    abort();
}

static uint64_t chk(int n, int type)
{
    if (n < 0 || n >= tcg_ctx->nb_temps)
        bad("no such temp");
    if (tcg_ctx->temps[n].type != (type == TCG_TYPE_PTR ? TCG_TYPE_I64 : type))
        bad("temp of the wrong type");
    return (uint64_t)n;
}

static void gen_1_1(int opc, int type, int d, int a)
{
    struct tcg_op *op = tcg_emit_op(opc, type);

    op->args[0] = chk(d, type);
    op->args[1] = chk(a, type);
}

static void gen_1_2(int opc, int type, int d, int a, int b)
{
    struct tcg_op *op = tcg_emit_op(opc, type);

    op->args[0] = chk(d, type);
    op->args[1] = chk(a, type);
    op->args[2] = chk(b, type);
}

static void gen_movi(int type, int d, uint64_t imm)
{
    struct tcg_op *op = tcg_emit_op(TCG_OP_movi, type);

    op->args[0] = chk(d, type);
    op->args[1] = tcg_trunc(type, imm);
}

static int const_temp(int type, uint64_t imm)
{
    int t = type == TCG_TYPE_I32 ? tcg_temp_new_i32().n : tcg_temp_new_i64().n;

    gen_movi(type, t, imm);
    return t;
}

static void check_field(int type, unsigned pos, unsigned len)
{
    unsigned width = type == TCG_TYPE_I32 ? 32 : 64;

    if (len < 1 || pos >= width || len > width - pos)
        bad("bit field outside the type");
}

static void check_memop(int type, unsigned memop)
{
    if ((memop & ~(unsigned)(TCG_MO_SIZE | TCG_MO_SIGN | TCG_MO_ALIGN)) ||
        (type == TCG_TYPE_I32 && (memop & TCG_MO_SIZE) == TCG_MO_64))
        bad("memop");
}

static void check_cond(enum tcg_cond c)
{
    if ((unsigned)c >= TCG_COND_COUNT)
        bad("condition");
}

#define BIN(t, T, TY, name)                                                  \
    void tcg_gen_##name##_##t(T d, T a, T b)                                 \
    {                                                                        \
        gen_1_2(TCG_OP_##name, TY, d.n, a.n, b.n);                           \
    }
/* Whether op(a, imm) is a itself: front ends emit such ops often (a load
 * at offset 0, mv as addi 0), and every op left for the optimizer to
 * remove costs translation time. */
static bool identity_imm(int opc, int type, uint64_t imm)
{
    uint64_t ones = type == TCG_TYPE_I32 ? UINT32_MAX : UINT64_MAX;

    switch (opc) {
    case TCG_OP_add: case TCG_OP_sub: case TCG_OP_or: case TCG_OP_xor:
    case TCG_OP_shl: case TCG_OP_shr: case TCG_OP_sar:
        return imm == 0;
    case TCG_OP_mul:
        return imm == 1;
    case TCG_OP_and:
        return (imm & ones) == ones;
    default:
        return false;
    }
}

static void gen_1_2i(int opc, int type, int d, int a, uint64_t imm)
{
    if (!identity_imm(opc, type, imm))
        gen_1_2(opc, type, d, a, const_temp(type, imm));
    else if (d != a)
        gen_1_1(TCG_OP_mov, type, d, a);
}

#define BINI(t, T, TY, name)                                                 \
    void tcg_gen_##name##i_##t(T d, T a, uint64_t imm)                       \
    {                                                                        \
        gen_1_2i(TCG_OP_##name, TY, d.n, a.n, imm);                          \
    }
#define UN(t, T, TY, name)                                                   \
    void tcg_gen_##name##_##t(T d, T a)                                      \
    {                                                                        \
        gen_1_1(TCG_OP_##name, TY, d.n, a.n);                                \
    }

#define BUILDERS(t, T, TY)                                                   \
    void tcg_gen_movi_##t(T d, uint64_t imm) { gen_movi(TY, d.n, imm); }     \
    UN(t, T, TY, mov)                                                        \
    BIN(t, T, TY, add) BIN(t, T, TY, sub) BIN(t, T, TY, mul)                 \
    BIN(t, T, TY, div) BIN(t, T, TY, divu) BIN(t, T, TY, rem)                \
    BIN(t, T, TY, remu) BIN(t, T, TY, and) BIN(t, T, TY, or)                 \
    BIN(t, T, TY, xor) BIN(t, T, TY, andc) BIN(t, T, TY, orc)                \
    BIN(t, T, TY, shl) BIN(t, T, TY, shr) BIN(t, T, TY, sar)                 \
    BIN(t, T, TY, rotl) BIN(t, T, TY, rotr)                                  \
    BINI(t, T, TY, add) BINI(t, T, TY, sub) BINI(t, T, TY, mul)              \
    BINI(t, T, TY, and) BINI(t, T, TY, or) BINI(t, T, TY, xor)               \
    BINI(t, T, TY, shl) BINI(t, T, TY, shr) BINI(t, T, TY, sar)              \
    UN(t, T, TY, neg) UN(t, T, TY, not) UN(t, T, TY, clz) UN(t, T, TY, ctz)  \
    UN(t, T, TY, ctpop) UN(t, T, TY, bswap16) UN(t, T, TY, bswap32)          \
    UN(t, T, TY, ext8s) UN(t, T, TY, ext8u) UN(t, T, TY, ext16s)             \
    UN(t, T, TY, ext16u)                                                     \
    void tcg_gen_mulu2_##t(T lo, T hi, T a, T b)                             \
    {                                                                        \
        gen_mul2(TCG_OP_mulu2, TY, lo.n, hi.n, a.n, b.n);                    \
    }                                                                        \
    void tcg_gen_muls2_##t(T lo, T hi, T a, T b)                             \
    {                                                                        \
        gen_mul2(TCG_OP_muls2, TY, lo.n, hi.n, a.n, b.n);                    \
    }                                                                        \
    void tcg_gen_deposit_##t(T d, T a, T b, unsigned pos, unsigned len)      \
    {                                                                        \
        gen_field(TCG_OP_deposit, TY, d.n, a.n, b.n, pos, len);              \
    }                                                                        \
    void tcg_gen_extract_##t(T d, T a, unsigned pos, unsigned len)           \
    {                                                                        \
        gen_field(TCG_OP_extract, TY, d.n, a.n, -1, pos, len);               \
    }                                                                        \
    void tcg_gen_sextract_##t(T d, T a, unsigned pos, unsigned len)          \
    {                                                                        \
        gen_field(TCG_OP_sextract, TY, d.n, a.n, -1, pos, len);              \
    }                                                                        \
    void tcg_gen_setcond_##t(enum tcg_cond c, T d, T a, T b)                 \
    {                                                                        \
        check_cond(c);                                                       \
        gen_1_2(TCG_OP_setcond, TY, d.n, a.n, b.n);                          \
        tcg_ctx->ops[tcg_ctx->nb_ops - 1].args[3] = c;                       \
    }                                                                        \
    void tcg_gen_movcond_##t(enum tcg_cond c, T d, T c1, T c2, T v1, T v2)   \
    {                                                                        \
        struct tcg_op *op;                                                   \
        check_cond(c);                                                       \
        op = tcg_emit_op(TCG_OP_movcond, TY);                                \
        op->args[0] = chk(d.n, TY);                                          \
        op->args[1] = chk(c1.n, TY);                                         \
        op->args[2] = chk(c2.n, TY);                                         \
        op->args[3] = chk(v1.n, TY);                                         \
        op->args[4] = chk(v2.n, TY);                                         \
        op->args[5] = c;                                                     \
    }                                                                        \
    void tcg_gen_brcond_##t(enum tcg_cond c, T a, T b, tcg_label *l)         \
    {                                                                        \
        gen_brcond(TY, c, a.n, b.n, l);                                      \
    }                                                                        \
    void tcg_gen_brcondi_##t(enum tcg_cond c, T a, uint64_t imm,             \
                             tcg_label *l)                                   \
    {                                                                        \
        gen_brcond(TY, c, a.n, const_temp(TY, imm), l);                      \
    }                                                                        \
    void tcg_gen_ld_##t(T d, tcg_ptr base, intptr_t offset, unsigned memop)  \
    {                                                                        \
        gen_ldst(TCG_OP_ld, TY, d.n, base.n, offset, memop);                 \
    }                                                                        \
    void tcg_gen_st_##t(T v, tcg_ptr base, intptr_t offset, unsigned memop)  \
    {                                                                        \
        gen_ldst(TCG_OP_st, TY, v.n, base.n, offset, memop);                 \
    }                                                                        \
    void tcg_gen_qemu_ld_##t(T d, tcg_i64 addr, unsigned memop)              \
    {                                                                        \
        gen_qemu(TCG_OP_qemu_ld, TY, d.n, addr.n, memop);                    \
    }                                                                        \
    void tcg_gen_qemu_st_##t(T v, tcg_i64 addr, unsigned memop)              \
    {                                                                        \
        gen_qemu(TCG_OP_qemu_st, TY, v.n, addr.n, memop);                    \
    }                                                                        \
    void tcg_gen_atomic_cmpxchg_##t(T d, tcg_i64 addr, T cmp, T nv,          \
                                    unsigned memop)                          \
    {                                                                        \
        struct tcg_op *op;                                                   \
        check_memop(TY, memop);                                              \
        op = tcg_emit_op(TCG_OP_atomic_cmpxchg, TY);                         \
        op->args[0] = chk(d.n, TY);                                          \
        op->args[1] = chk(addr.n, TCG_TYPE_I64);                             \
        op->args[2] = chk(cmp.n, TY);                                        \
        op->args[3] = chk(nv.n, TY);                                         \
        op->args[4] = memop | TCG_MO_ALIGN;                                  \
    }                                                                        \
    void tcg_gen_atomic_fetch_##t(enum tcg_aop aop, T d, tcg_i64 addr, T v,  \
                                  unsigned memop)                            \
    {                                                                        \
        struct tcg_op *op;                                                   \
        check_memop(TY, memop);                                              \
        if ((unsigned)aop >= TCG_AOP_COUNT)                                  \
            bad("atomic op");                                                \
        op = tcg_emit_op(TCG_OP_atomic_fetch, TY);                           \
        op->args[0] = chk(d.n, TY);                                          \
        op->args[1] = chk(addr.n, TCG_TYPE_I64);                             \
        op->args[2] = chk(v.n, TY);                                          \
        op->args[3] = memop | TCG_MO_ALIGN;                                  \
        op->args[4] = aop;                                                   \
    }

static void gen_mul2(int opc, int type, int lo, int hi, int a, int b)
{
    struct tcg_op *op = tcg_emit_op(opc, type);

    if (lo == hi)
        bad("mul2 outputs must differ");
    op->args[0] = chk(lo, type);
    op->args[1] = chk(hi, type);
    op->args[2] = chk(a, type);
    op->args[3] = chk(b, type);
}

static void gen_field(int opc, int type, int d, int a, int b, unsigned pos,
                      unsigned len)
{
    struct tcg_op *op = tcg_emit_op(opc, type);
    int k = 0;

    check_field(type, pos, len);
    op->args[k++] = chk(d, type);
    op->args[k++] = chk(a, type);
    if (b >= 0)
        op->args[k++] = chk(b, type);
    op->args[k++] = pos;
    op->args[k] = len;
}

static void gen_brcond(int type, enum tcg_cond c, int a, int b, tcg_label *l)
{
    struct tcg_op *op;

    check_cond(c);
    op = tcg_emit_op(TCG_OP_brcond, type);
    op->args[0] = chk(a, type);
    op->args[1] = chk(b, type);
    op->args[2] = c;
    op->args[3] = (uint64_t)l->id;
}

static void gen_ldst(int opc, int type, int v, int base, intptr_t offset,
                     unsigned memop)
{
    struct tcg_op *op;

    check_memop(type, memop);
    op = tcg_emit_op(opc, type);
    op->args[0] = chk(v, type);
    op->args[1] = chk(base, TCG_TYPE_PTR);
    op->args[2] = (uint64_t)offset;
    op->args[3] = memop & (TCG_MO_SIZE | TCG_MO_SIGN);
}

static void gen_qemu(int opc, int type, int v, int addr, unsigned memop)
{
    struct tcg_op *op;

    check_memop(type, memop);
    op = tcg_emit_op(opc, type);
    op->args[0] = chk(v, type);
    op->args[1] = chk(addr, TCG_TYPE_I64);
    op->args[2] = memop;
}

BUILDERS(i32, tcg_i32, TCG_TYPE_I32)
BUILDERS(i64, tcg_i64, TCG_TYPE_I64)

UN(i64, tcg_i64, TCG_TYPE_I64, bswap64)
UN(i64, tcg_i64, TCG_TYPE_I64, ext32s)
UN(i64, tcg_i64, TCG_TYPE_I64, ext32u)

static void gen_conv(int opc, int dtype, int d, int stype, int a)
{
    struct tcg_op *op = tcg_emit_op(opc, dtype);

    op->args[0] = chk(d, dtype);
    op->args[1] = chk(a, stype);
}

void tcg_gen_ext_i32_i64(tcg_i64 d, tcg_i32 a)
{
    gen_conv(TCG_OP_ext_i32_i64, TCG_TYPE_I64, d.n, TCG_TYPE_I32, a.n);
}

void tcg_gen_extu_i32_i64(tcg_i64 d, tcg_i32 a)
{
    gen_conv(TCG_OP_extu_i32_i64, TCG_TYPE_I64, d.n, TCG_TYPE_I32, a.n);
}

void tcg_gen_extrl_i64_i32(tcg_i32 d, tcg_i64 a)
{
    gen_conv(TCG_OP_extrl_i64_i32, TCG_TYPE_I32, d.n, TCG_TYPE_I64, a.n);
}

void tcg_gen_extrh_i64_i32(tcg_i32 d, tcg_i64 a)
{
    gen_conv(TCG_OP_extrh_i64_i32, TCG_TYPE_I32, d.n, TCG_TYPE_I64, a.n);
}

void tcg_gen_set_label(tcg_label *l)
{
    tcg_emit_op(TCG_OP_set_label, TCG_TYPE_I64)->args[0] = (uint64_t)l->id;
}

void tcg_gen_br(tcg_label *l)
{
    tcg_emit_op(TCG_OP_br, TCG_TYPE_I64)->args[0] = (uint64_t)l->id;
}

void tcg_gen_mb(unsigned kind)
{
    if (!kind || (kind & ~(unsigned)TCG_MB_ALL))
        bad("barrier kind");
    tcg_emit_op(TCG_OP_mb, TCG_TYPE_I64)->args[0] = kind;
}

void tcg_gen_fpflags_take(tcg_i64 d)
{
    tcg_emit_op(TCG_OP_fpflags_take, TCG_TYPE_I64)->args[0] = chk(d.n, TCG_TYPE_I64);
}

void tcg_gen_fpflags_clear(void)
{
    tcg_emit_op(TCG_OP_fpflags_clear, TCG_TYPE_I64);
}

void tcg_gen_call(const struct tcg_helper *h, int ret, const int *args)
{
    struct tcg_op *op;
    int k = 0;

    if (h->nargs > TCG_MAX_HELPER_ARGS || (h->ret == TCG_TYPE_VOID) != (ret < 0))
        bad("helper signature");
    op = tcg_emit_op(TCG_OP_call, TCG_TYPE_I64);
    op->nb_oargs = ret >= 0;
    op->nb_iargs = h->nargs;
    if (ret >= 0)
        op->args[k++] = chk(ret, h->ret);
    for (int i = 0; i < h->nargs; i++)
        op->args[k++] = chk(args[i], h->args[i]);
    op->args[k] = (uint64_t)(uintptr_t)h;
}

void tcg_gen_loop_entry(void)
{
    tcg_emit_op(TCG_OP_loop_entry, TCG_TYPE_I64);
}

void tcg_gen_insn_start(uint64_t d0, uint64_t d1)
{
    struct tcg_op *op = tcg_emit_op(TCG_OP_insn_start, TCG_TYPE_I64);

    op->args[0] = d0;
    op->args[1] = d1;
}

void tcg_gen_goto_tb(unsigned n)
{
    if (n > 1)
        bad("goto_tb slot");
    tcg_emit_op(TCG_OP_goto_tb, TCG_TYPE_I64)->args[0] = n;
}

void tcg_gen_goto_tb_self(unsigned n)
{
    tcg_gen_goto_tb(n);
    tcg_ctx->goto_tb_self |= 1u << n;
}

void tcg_gen_exit_tb(uintptr_t val)
{
    if (val == TCG_EXIT_FAULT)
        bad("exit_tb value reserved for faults");
    tcg_emit_op(TCG_OP_exit_tb, TCG_TYPE_I64)->args[0] = val;
}

void tcg_gen_goto_ptr(tcg_ptr p)
{
    tcg_emit_op(TCG_OP_goto_ptr, TCG_TYPE_I64)->args[0] = chk(p.n, TCG_TYPE_PTR);
}
