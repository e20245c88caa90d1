/*
 * Constant evaluation of the pure ops, for the optimizer: given constant
 * inputs, the outputs the op would produce (semantics in
 * include/uemu/tcg.h).  Results are truncated to the op's type.
 */
#include "tcg/tcg-opt.h"

static uint64_t sext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? v : (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

bool tcg_fold_cond(int type, int cond, uint64_t a, uint64_t b)
{
    unsigned w = type == TCG_TYPE_I32 ? 32 : 64;
    int64_t sa = (int64_t)sext(a, w), sb = (int64_t)sext(b, w);

    a = tcg_trunc(type, a);
    b = tcg_trunc(type, b);
    switch (cond) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    default: return a > b;
    }
}

static uint64_t fold2(int opc, int type, uint64_t a, uint64_t b)
{
    unsigned w = type == TCG_TYPE_I32 ? 32 : 64;
    int64_t sa = (int64_t)sext(a, w), sb = (int64_t)sext(b, w);
    int64_t min = w == 32 ? INT32_MIN : INT64_MIN;
    unsigned n = (unsigned)(b & (w - 1));

    a = tcg_trunc(type, a);
    b = tcg_trunc(type, b);
    switch (opc) {
    case TCG_OP_add: return a + b;
    case TCG_OP_sub: return a - b;
    case TCG_OP_mul: return a * b;
    case TCG_OP_and: return a & b;
    case TCG_OP_or: return a | b;
    case TCG_OP_xor: return a ^ b;
    case TCG_OP_andc: return a & ~b;
    case TCG_OP_orc: return a | ~b;
    case TCG_OP_divu: return b ? a / b : ~0ull;
    case TCG_OP_remu: return b ? a % b : a;
    case TCG_OP_div:
        return !sb ? ~0ull : sa == min && sb == -1 ? (uint64_t)min : (uint64_t)(sa / sb);
    case TCG_OP_rem:
        return !sb ? a : sb == -1 ? 0 : (uint64_t)(sa % sb);
    case TCG_OP_shl: return a << n;
    case TCG_OP_shr: return a >> n;
    case TCG_OP_sar: return (uint64_t)(sa >> n);
    case TCG_OP_rotl: return n ? a << n | a >> (w - n) : a;
    default: return n ? a >> n | a << (w - n) : a;   /* rotr */
    }
}

static uint64_t fold1(int opc, int type, uint64_t a)
{
    unsigned w = type == TCG_TYPE_I32 ? 32 : 64;

    a = tcg_trunc(type, a);
    switch (opc) {
    case TCG_OP_mov: return a;
    case TCG_OP_neg: return -a;
    case TCG_OP_not: return ~a;
    case TCG_OP_clz: return a ? (uint64_t)__builtin_clzll(a) - (64 - w) : w;
    case TCG_OP_ctz: return a ? (uint64_t)__builtin_ctzll(a) : w;
    case TCG_OP_ctpop: return (uint64_t)__builtin_popcountll(a);
    case TCG_OP_bswap16: return __builtin_bswap16((uint16_t)a);
    case TCG_OP_bswap32: return __builtin_bswap32((uint32_t)a);
    case TCG_OP_bswap64: return __builtin_bswap64(a);
    case TCG_OP_ext8s: return sext(a, 8);
    case TCG_OP_ext8u: return (uint8_t)a;
    case TCG_OP_ext16s: return sext(a, 16);
    case TCG_OP_ext16u: return (uint16_t)a;
    case TCG_OP_ext32s: case TCG_OP_ext_i32_i64: return sext(a, 32);
    case TCG_OP_ext32u: case TCG_OP_extu_i32_i64: case TCG_OP_extrl_i64_i32:
        return (uint32_t)a;
    default: return a >> 32;   /* extrh_i64_i32 */
    }
}

bool tcg_fold(const struct tcg_op *op, const uint64_t *in, uint64_t *out)
{
    const uint64_t *c = op->args + op->nb_oargs + op->nb_iargs;
    int ty = op->type;
    unsigned w = ty == TCG_TYPE_I32 ? 32 : 64;
    uint64_t m;

    switch (op->opc) {
    case TCG_OP_add: case TCG_OP_sub: case TCG_OP_mul: case TCG_OP_div:
    case TCG_OP_divu: case TCG_OP_rem: case TCG_OP_remu: case TCG_OP_and:
    case TCG_OP_or: case TCG_OP_xor: case TCG_OP_andc: case TCG_OP_orc:
    case TCG_OP_shl: case TCG_OP_shr: case TCG_OP_sar: case TCG_OP_rotl:
    case TCG_OP_rotr:
        out[0] = fold2(op->opc, ty, in[0], in[1]);
        break;
    case TCG_OP_mov: case TCG_OP_neg: case TCG_OP_not: case TCG_OP_clz:
    case TCG_OP_ctz: case TCG_OP_ctpop: case TCG_OP_bswap16:
    case TCG_OP_bswap32: case TCG_OP_bswap64: case TCG_OP_ext8s:
    case TCG_OP_ext8u: case TCG_OP_ext16s: case TCG_OP_ext16u:
    case TCG_OP_ext32s: case TCG_OP_ext32u:
        out[0] = fold1(op->opc, ty, in[0]);
        break;
    case TCG_OP_ext_i32_i64: case TCG_OP_extu_i32_i64:
    case TCG_OP_extrl_i64_i32: case TCG_OP_extrh_i64_i32:
        out[0] = fold1(op->opc, TCG_TYPE_I64, in[0]);
        break;
    case TCG_OP_mulu2:
        if (w == 32) {
            m = (uint64_t)(uint32_t)in[0] * (uint32_t)in[1];
            out[0] = m;
            out[1] = m >> 32;
        } else {
            unsigned __int128 p = (unsigned __int128)in[0] * in[1];
            out[0] = (uint64_t)p;
            out[1] = (uint64_t)(p >> 64);
        }
        break;
    case TCG_OP_muls2:
        if (w == 32) {
            m = (uint64_t)((int64_t)(int32_t)in[0] * (int32_t)in[1]);
            out[0] = m;
            out[1] = m >> 32;
        } else {
            __int128 p = (__int128)(int64_t)in[0] * (int64_t)in[1];
            out[0] = (uint64_t)p;
            out[1] = (uint64_t)((unsigned __int128)p >> 64);
        }
        break;
    case TCG_OP_deposit:
        m = (c[1] == 64 ? ~0ull : (1ull << c[1]) - 1) << c[0];
        out[0] = (in[0] & ~m) | (in[1] << c[0] & m);
        break;
    case TCG_OP_extract:
        m = in[0] >> c[0];
        out[0] = c[1] == 64 ? m : m & ((1ull << c[1]) - 1);
        break;
    case TCG_OP_sextract:
        out[0] = sext(in[0] >> c[0], (unsigned)c[1]);
        break;
    case TCG_OP_setcond:
        out[0] = tcg_fold_cond(ty, (int)c[0], in[0], in[1]);
        break;
    case TCG_OP_movcond:
        out[0] = tcg_fold_cond(ty, (int)c[0], in[0], in[1]) ? in[2] : in[3];
        break;
    default:
        return false;
    }
    /* conversions carry their output's type */
    for (int i = 0; i < op->nb_oargs; i++)
        out[i] = tcg_trunc(ty, out[i]);
    return true;
}
