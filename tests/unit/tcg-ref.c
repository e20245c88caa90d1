/*
 * Reference interpreter of the IR (see tcg-ref.h): each op's meaning
 * written as directly as C allows, to be the oracle the backends are
 * compared against.  Only tests use it, so it stays simple and slow: it
 * walks the op list and finds labels by scanning.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg-internal.h"
#include "tests/unit/tcg-ref.h"

static int width(int type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

/* v's low bits as a signed number of the type, in an int64_t. */
static int64_t sval(int type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
}

static uint64_t sext(uint64_t v, int bits)
{
    uint64_t m = 1ull << (bits - 1);

    v &= bits == 64 ? ~0ull : (1ull << bits) - 1;
    return (v ^ m) - m;
}

static bool cond(int type, int c, uint64_t a, uint64_t b)
{
    int64_t sa = sval(type, a), sb = sval(type, b);

    a = tcg_trunc(type, a);
    b = tcg_trunc(type, b);
    switch (c) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    abort();
}

static uint64_t binop(int opc, int type, uint64_t a, uint64_t b)
{
    int w = width(type);
    uint64_t ua = tcg_trunc(type, a), ub = tcg_trunc(type, b);
    int64_t sa = sval(type, a), sb = sval(type, b);
    int64_t smin = type == TCG_TYPE_I32 ? INT32_MIN : INT64_MIN;
    unsigned n = (unsigned)(ub % (uint64_t)w);

    switch (opc) {
    case TCG_OP_add: return ua + ub;
    case TCG_OP_sub: return ua - ub;
    case TCG_OP_mul: return ua * ub;
    case TCG_OP_and: return ua & ub;
    case TCG_OP_or: return ua | ub;
    case TCG_OP_xor: return ua ^ ub;
    case TCG_OP_andc: return ua & ~ub;
    case TCG_OP_orc: return ua | ~ub;
    case TCG_OP_divu: return ub ? ua / ub : ~0ull;
    case TCG_OP_remu: return ub ? ua % ub : ua;
    case TCG_OP_div:
        if (sb == 0)
            return ~0ull;
        if (sa == smin && sb == -1)
            return (uint64_t)smin;
        return (uint64_t)(sa / sb);
    case TCG_OP_rem:
        if (sb == 0)
            return ua;
        if (sa == smin && sb == -1)
            return 0;
        return (uint64_t)(sa % sb);
    case TCG_OP_shl: return ua << n;
    case TCG_OP_shr: return ua >> n;
    case TCG_OP_sar: return (uint64_t)(sa >> n);
    case TCG_OP_rotl: return n ? (ua << n) | (ua >> (w - n)) : ua;
    case TCG_OP_rotr: return n ? (ua >> n) | (ua << (w - n)) : ua;
    }
    abort();
}

static uint64_t unop(int opc, int type, uint64_t a)
{
    int w = width(type);
    uint64_t ua = tcg_trunc(type, a), r = 0;

    switch (opc) {
    case TCG_OP_mov: return ua;
    case TCG_OP_neg: return -ua;
    case TCG_OP_not: return ~ua;
    case TCG_OP_clz:
        for (int i = w - 1; i >= 0 && !(ua >> i & 1); i--)
            r++;
        return r;
    case TCG_OP_ctz:
        for (int i = 0; i < w && !(ua >> i & 1); i++)
            r++;
        return r;
    case TCG_OP_ctpop:
        for (int i = 0; i < w; i++)
            r += ua >> i & 1;
        return r;
    case TCG_OP_bswap16: return (ua & 0xff) << 8 | (ua >> 8 & 0xff);
    case TCG_OP_bswap32:
    case TCG_OP_bswap64:
        for (int i = 0; i < (opc == TCG_OP_bswap32 ? 4 : 8); i++)
            r = r << 8 | (ua >> (8 * i) & 0xff);
        return r;
    case TCG_OP_ext8s: return sext(ua, 8);
    case TCG_OP_ext8u: return ua & 0xff;
    case TCG_OP_ext16s: return sext(ua, 16);
    case TCG_OP_ext16u: return ua & 0xffff;
    case TCG_OP_ext32s: return sext(ua, 32);
    case TCG_OP_ext32u: return ua & 0xffffffff;
    }
    abort();
}

/* The double-width product of a and b at the type's width: lo, hi. */
static void mul2(bool sign, int type, uint64_t a, uint64_t b, uint64_t *lo,
                 uint64_t *hi)
{
    if (type == TCG_TYPE_I32) {
        uint64_t p = sign ? (uint64_t)(sval(type, a) * sval(type, b))
                          : (uint64_t)(uint32_t)a * (uint32_t)b;
        *lo = (uint32_t)p;
        *hi = (uint32_t)(p >> 32);
    } else if (sign) {
        __int128 p = (__int128)(int64_t)a * (int64_t)b;
        *lo = (uint64_t)p;
        *hi = (uint64_t)((unsigned __int128)p >> 64);
    } else {
        unsigned __int128 p = (unsigned __int128)a * b;
        *lo = (uint64_t)p;
        *hi = (uint64_t)(p >> 64);
    }
}

static uint64_t load(const void *p, unsigned memop)
{
    unsigned size = 1u << (memop & TCG_MO_SIZE);
    uint64_t v = 0;

    memcpy(&v, p, size);
    return memop & TCG_MO_SIGN ? sext(v, 8 * (int)size) : v;
}

static void store(void *p, unsigned memop, uint64_t v)
{
    memcpy(p, &v, 1u << (memop & TCG_MO_SIZE));
}

static uint64_t aop(int op, unsigned memop, uint64_t old, uint64_t v)
{
    int bits = 8 << (memop & TCG_MO_SIZE);
    int64_t so = (int64_t)sext(old, bits), sv = (int64_t)sext(v, bits);
    uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;

    switch (op) {
    case TCG_AOP_ADD: return old + v;
    case TCG_AOP_AND: return old & v;
    case TCG_AOP_OR: return old | v;
    case TCG_AOP_XOR: return old ^ v;
    case TCG_AOP_XCHG: return v;
    case TCG_AOP_SMIN: return so < sv ? old : v;
    case TCG_AOP_SMAX: return so > sv ? old : v;
    case TCG_AOP_UMIN: return (old & m) < (v & m) ? old : v;
    case TCG_AOP_UMAX: return (old & m) > (v & m) ? old : v;
    }
    abort();
}

struct ref {
    const struct tcg_ctx *s;
    uint64_t *t;
    char *env;
    int insn;
};

static uint64_t rd(struct ref *r, uint64_t n)
{
    const struct tcg_temp *tp = &r->s->temps[n];

    if (tp->kind == TCG_TEMP_ENV)
        return (uint64_t)(uintptr_t)r->env;
    if (tp->kind == TCG_TEMP_GLOBAL)
        return load(r->env + tp->offset,
                    tp->type == TCG_TYPE_I32 ? TCG_MO_32 : TCG_MO_64);
    return r->t[n];
}

static void wr(struct ref *r, uint64_t n, uint64_t v)
{
    const struct tcg_temp *tp = &r->s->temps[n];

    v = tcg_trunc(tp->type, v);
    if (tp->kind == TCG_TEMP_GLOBAL)
        store(r->env + tp->offset,
              tp->type == TCG_TYPE_I32 ? TCG_MO_32 : TCG_MO_64, v);
    else
        r->t[n] = v;
}

/* Guest memory at addr, or NULL after recording an alignment fault. */
static void *guest(struct ref *r, uint64_t addr, unsigned memop, bool write)
{
    if ((memop & TCG_MO_ALIGN) &&
        (addr & ((1u << (memop & TCG_MO_SIZE)) - 1))) {
        tcg_fault = (struct tcg_fault){ addr, memop, write, r->insn, 0 };
        return NULL;
    }
    return (void *)(uintptr_t)(addr + r->s->guest_base);
}

static uint64_t call(struct ref *r, const struct tcg_op *op)
{
    const struct tcg_helper *h = tcg_op_helper(op);
    uint64_t a[TCG_MAX_HELPER_ARGS] = { 0 };
    typedef uint64_t fn6(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                         uint64_t);

    /* Passing every argument as a full register is what the x86_64 and
     * aarch64 ABIs do for 32/64-bit integers and pointers; the oracle
     * relies on that to stay free of libffi. */
    for (int i = 0; i < h->nargs; i++)
        a[i] = rd(r, op->args[op->nb_oargs + i]);
    return ((fn6 *)h->func)(a[0], a[1], a[2], a[3], a[4], a[5]);
}

static int find_label(const struct tcg_ctx *s, uint64_t id)
{
    for (int i = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc == TCG_OP_set_label && s->ops[i].args[0] == id)
            return i;
    }
    abort();
}

static uintptr_t run(struct ref *r)
{
    const struct tcg_ctx *s = r->s;

    for (int i = 0; i < s->nb_ops; i++) {
        const struct tcg_op *op = &s->ops[i];
        const uint64_t *a = op->args;
        int ty = op->type;
        uint64_t lo, hi, v;
        void *p;

        /* a fault belongs to the last insn_start before the op in the block */
        if (tcg_opdefs[op->opc].flags & TCG_OPF_MAY_FAULT) {
            r->insn = -1;
            for (int j = 0; j < i; j++)
                r->insn += s->ops[j].opc == TCG_OP_insn_start;
        }
        switch (op->opc) {
        case TCG_OP_movi:
            wr(r, a[0], a[1]);
            break;
        case TCG_OP_add: case TCG_OP_sub: case TCG_OP_mul: case TCG_OP_div:
        case TCG_OP_divu: case TCG_OP_rem: case TCG_OP_remu: case TCG_OP_and:
        case TCG_OP_or: case TCG_OP_xor: case TCG_OP_andc: case TCG_OP_orc:
        case TCG_OP_shl: case TCG_OP_shr: case TCG_OP_sar: case TCG_OP_rotl:
        case TCG_OP_rotr:
            wr(r, a[0], binop(op->opc, ty, rd(r, a[1]), rd(r, a[2])));
            break;
        case TCG_OP_mov: case TCG_OP_neg: case TCG_OP_not: case TCG_OP_clz:
        case TCG_OP_ctz: case TCG_OP_ctpop: case TCG_OP_bswap16:
        case TCG_OP_bswap32: case TCG_OP_bswap64: case TCG_OP_ext8s:
        case TCG_OP_ext8u: case TCG_OP_ext16s: case TCG_OP_ext16u:
        case TCG_OP_ext32s: case TCG_OP_ext32u:
            wr(r, a[0], unop(op->opc, ty, rd(r, a[1])));
            break;
        case TCG_OP_mulu2: case TCG_OP_muls2:
            mul2(op->opc == TCG_OP_muls2, ty, rd(r, a[2]), rd(r, a[3]), &lo, &hi);
            wr(r, a[0], lo);
            wr(r, a[1], hi);
            break;
        case TCG_OP_ext_i32_i64:
            wr(r, a[0], sext(rd(r, a[1]), 32));
            break;
        case TCG_OP_extu_i32_i64: case TCG_OP_extrl_i64_i32:
            wr(r, a[0], (uint32_t)rd(r, a[1]));
            break;
        case TCG_OP_extrh_i64_i32:
            wr(r, a[0], rd(r, a[1]) >> 32);
            break;
        case TCG_OP_deposit:
            lo = (a[4] == 64 ? ~0ull : (1ull << a[4]) - 1) << a[3];
            wr(r, a[0], (rd(r, a[1]) & ~lo) | (rd(r, a[2]) << a[3] & lo));
            break;
        case TCG_OP_extract:
            v = rd(r, a[1]) >> a[2];
            wr(r, a[0], a[3] == 64 ? v : v & ((1ull << a[3]) - 1));
            break;
        case TCG_OP_sextract:
            wr(r, a[0], sext(rd(r, a[1]) >> a[2], (int)a[3]));
            break;
        case TCG_OP_setcond:
            wr(r, a[0], cond(ty, (int)a[3], rd(r, a[1]), rd(r, a[2])));
            break;
        case TCG_OP_movcond:
            wr(r, a[0], cond(ty, (int)a[5], rd(r, a[1]), rd(r, a[2]))
                            ? rd(r, a[3]) : rd(r, a[4]));
            break;
        case TCG_OP_set_label: case TCG_OP_nop: case TCG_OP_goto_tb:
            break;
        case TCG_OP_br:
            i = find_label(s, a[0]);
            break;
        case TCG_OP_brcond:
            if (cond(ty, (int)a[2], rd(r, a[0]), rd(r, a[1])))
                i = find_label(s, a[3]);
            break;
        case TCG_OP_ld:
            wr(r, a[0], load((char *)(uintptr_t)rd(r, a[1]) + a[2], (unsigned)a[3]));
            break;
        case TCG_OP_st:
            store((char *)(uintptr_t)rd(r, a[1]) + a[2], (unsigned)a[3], rd(r, a[0]));
            break;
        case TCG_OP_qemu_ld:
            if (!(p = guest(r, rd(r, a[1]), (unsigned)a[2], false)))
                return TCG_EXIT_FAULT;
            wr(r, a[0], load(p, (unsigned)a[2]));
            break;
        case TCG_OP_qemu_st:
            if (!(p = guest(r, rd(r, a[1]), (unsigned)a[2], true)))
                return TCG_EXIT_FAULT;
            store(p, (unsigned)a[2], rd(r, a[0]));
            break;
        case TCG_OP_atomic_cmpxchg:
            if (!(p = guest(r, rd(r, a[1]), (unsigned)a[4], true)))
                return TCG_EXIT_FAULT;
            v = load(p, (unsigned)a[4]);
            lo = load(&(uint64_t){ rd(r, a[2]) }, (unsigned)a[4]);
            if (v == lo)
                store(p, (unsigned)a[4], rd(r, a[3]));
            wr(r, a[0], v);
            break;
        case TCG_OP_atomic_fetch:
            if (!(p = guest(r, rd(r, a[1]), (unsigned)a[3], true)))
                return TCG_EXIT_FAULT;
            v = load(p, (unsigned)a[3]);
            store(p, (unsigned)a[3], aop((int)a[4], (unsigned)a[3], v, rd(r, a[2])));
            wr(r, a[0], v);
            break;
        case TCG_OP_mb:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            break;
        case TCG_OP_fpflags_take:
            wr(r, a[0], 0);
            break;
        case TCG_OP_fpflags_clear:
            break;
        case TCG_OP_call:
            v = call(r, op);
            if (op->nb_oargs)
                wr(r, a[0], v);
            break;
        case TCG_OP_insn_start: case TCG_OP_loop_entry:
            break;
        case TCG_OP_exit_tb:
            return (uintptr_t)a[0];
        case TCG_OP_goto_ptr:
            return (uintptr_t)rd(r, a[0]);
        default:
            abort();
        }
    }
    return 0;
}

uintptr_t tcg_ref_run(void *env)
{
    struct ref r = { tcg_ctx, calloc(TCG_MAX_TEMPS, sizeof(uint64_t)), env, -1 };
    uintptr_t ret;

    if (!r.t)
        abort();
    ret = run(&r);
    free(r.t);
    return ret;
}
