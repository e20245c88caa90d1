/*
 * The optimizer: two passes over a block's ops.
 *
 * Forward: constant propagation and folding of every pure op, copy
 * propagation, algebraic identities (x+0, x&-1, x*1, x^x, shifts by 0,
 * ...), the zero/sign-extension shift pair fused (fuse_shift_pair),
 * branch folding on constants, and removal of code after an
 * unconditional exit up to the next label.  What is known about temps is
 * forgotten at labels (several predecessors) and, for globals, at helper
 * calls that may write them.
 *
 * Backward: liveness over the block, iterated to a fixed point when a
 * branch goes back (one pass is exact otherwise); pure ops whose outputs
 * are all dead are removed, and each op records which of its temps are
 * dead after it (for register allocation).  Globals are live wherever
 * the CPU state must be exact: at exits, goto_tb, helper calls that read
 * globals and ops that may fault.
 *
 * Front ends must not reach registered globals through ld/st of env
 * (the optimizer and register allocator assume only globals touch them).
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg-opt.h"

/*
 * What is known about a temp, valid only while gen equals the pass's
 * generation (forgetting everything is one increment).  Temps known equal
 * form a circular list (next/prev); copy names the list's representative
 * (-1 for the representative itself and for temps in no list), which
 * replaces every member read.  Forgetting one temp costs the size of its
 * list, never a scan of all temps.
 */
struct tinfo {
    uint64_t val;
    unsigned gen;
    bool is_const;
    int copy;
    int next, prev;
};

struct opt {
    struct tcg_ctx *s;
    struct tinfo *t;
    unsigned gen;
    struct tcg_op *out;
    int n;
    int refs[TCG_MAX_LABELS];   /* branches to each label still emitted */
    int last_br;                /* out index of a br followed only by dead code */
};

static struct tinfo *ti(struct opt *o, uint64_t t)
{
    struct tinfo *x = &o->t[t];

    if (x->gen != o->gen)
        *x = (struct tinfo){ .gen = o->gen, .copy = -1, .next = (int)t, .prev = (int)t };
    return x;
}

/* The representative of t's list of equal temps (t when in none). */
static int rep(struct opt *o, int t)
{
    int c = ti(o, (uint64_t)t)->copy;

    return c >= 0 ? c : t;
}

static void forget(struct opt *o, int t)
{
    struct tinfo *x = ti(o, (uint64_t)t);

    x->is_const = false;
    if (x->next != t) {
        int first = x->next;

        o->t[x->prev].next = x->next;
        o->t[x->next].prev = x->prev;
        if (x->copy < 0) {
            o->t[first].copy = -1;
            for (int u = o->t[first].next; u != first; u = o->t[u].next)
                o->t[u].copy = first;
        }
    }
    x->copy = -1;
    x->next = x->prev = t;
}

static void forget_all(struct opt *o)
{
    if (++o->gen == 0) {
        memset(o->t, 0, TCG_MAX_TEMPS * sizeof(*o->t));
        o->gen = 1;
    }
}

static void forget_globals(struct opt *o)
{
    for (int u = 0; u < o->s->nb_globals; u++)
        forget(o, u);
}

static bool isc(struct opt *o, uint64_t t, uint64_t v)
{
    return ti(o, t)->is_const && o->t[t].val == v;
}

static void emit(struct opt *o, const struct tcg_op *op)
{
    if (op->opc != TCG_OP_insn_start)
        o->last_br = op->opc == TCG_OP_br ? o->n : -1;
    o->out[o->n++] = *op;
}

static int label_of(const struct tcg_op *op)
{
    return op->opc == TCG_OP_br ? (int)op->args[0]
           : op->opc == TCG_OP_brcond ? (int)op->args[3] : -1;
}

/*
 * A label no branch reaches keeps what is known from the code falling
 * into it; a label reached only by the br just before it (all between
 * dead) makes that br useless.  Other labels merge paths: forget all.
 */
static void set_label(struct opt *o, struct tcg_op *op, bool *unreachable)
{
    int l = (int)op->args[0];

    if (o->refs[l] == 0)
        return;
    if (*unreachable && o->refs[l] == 1 && o->last_br >= 0 &&
        (int)o->out[o->last_br].args[0] == l) {
        o->out[o->last_br].opc = TCG_OP_nop;
        o->last_br = -1;
        o->refs[l] = 0;
        *unreachable = false;
        return;
    }
    forget_all(o);
    *unreachable = false;
    emit(o, op);
}

static void emit_movi(struct opt *o, int d, uint64_t v)
{
    int type = o->s->temps[d].type;
    struct tcg_op *op;

    v = tcg_trunc(type, v);
    if (isc(o, (uint64_t)d, v))
        return;
    /* built in place: the most frequent op, and its unused args are
     * never read */
    op = &o->out[o->n++];
    op->opc = TCG_OP_movi;
    op->type = (uint8_t)type;
    op->nb_oargs = 1;
    op->nb_iargs = 0;
    op->nb_cargs = 1;
    op->dead = 0;
    op->args[0] = (uint64_t)d;
    op->args[1] = v;
    o->last_br = -1;
    forget(o, d);
    o->t[d].is_const = true;
    o->t[d].val = v;
}

static void emit_mov(struct opt *o, int d, int src)
{
    struct tcg_op op = { .opc = TCG_OP_mov, .type = o->s->temps[d].type,
                         .nb_oargs = 1, .nb_iargs = 1 };
    struct tcg_op *prev = o->n ? &o->out[o->n - 1] : NULL;
    int r;

    if (ti(o, (uint64_t)src)->is_const) {
        emit_movi(o, d, o->t[src].val);
        return;
    }
    /*
     * call t = f(...); mov g, t with t a fresh local: the call writes g
     * itself and t becomes g's copy (mov t, g, dead unless t is read
     * after g changes), so reads of t read g and the result is not
     * moved between registers (an FP operation's result, say).
     */
    if (prev && prev->opc == TCG_OP_call && prev->nb_oargs == 1 &&
        prev->args[0] == (uint64_t)src && o->s->temps[src].kind == TCG_TEMP_LOCAL &&
        o->s->temps[d].kind == TCG_TEMP_GLOBAL &&
        o->s->temps[d].type == o->s->temps[src].type && o->t[src].next == src) {
        prev->args[0] = (uint64_t)d;
        forget(o, d);
        emit_mov(o, src, d);
        return;
    }
    if (rep(o, d) == rep(o, src))
        return;
    op.args[0] = (uint64_t)d;
    op.args[1] = (uint64_t)src;
    emit(o, &op);
    forget(o, d);
    r = rep(o, src);
    o->t[d].copy = r;
    o->t[d].prev = r;
    o->t[d].next = o->t[r].next;
    o->t[o->t[r].next].prev = d;
    o->t[r].next = d;
}

static bool reflexive(int cond)
{
    return cond == TCG_COND_EQ || cond == TCG_COND_GE || cond == TCG_COND_LE ||
           cond == TCG_COND_GEU || cond == TCG_COND_LEU;
}

/*
 * Algebraic identities of binary ops: true after emitting the simpler op.
 */
static bool simplify2(struct opt *o, const struct tcg_op *op)
{
    int d = (int)op->args[0], a = (int)op->args[1], b = (int)op->args[2];
    uint64_t m = tcg_trunc(op->type, ~0ull);
    unsigned w = op->type == TCG_TYPE_I32 ? 32 : 64;
    bool bz = ti(o, (uint64_t)b)->is_const && !(o->t[b].val & (w - 1));

    switch (op->opc) {
    case TCG_OP_add: case TCG_OP_or: case TCG_OP_xor:
        if (isc(o, b, 0) || (a == b && op->opc == TCG_OP_or))
            return emit_mov(o, d, a), true;
        if (isc(o, a, 0))
            return emit_mov(o, d, b), true;
        if (a == b && op->opc == TCG_OP_xor)
            return emit_movi(o, d, 0), true;
        if (op->opc == TCG_OP_or && (isc(o, a, m) || isc(o, b, m)))
            return emit_movi(o, d, m), true;
        return false;
    case TCG_OP_sub:
        if (isc(o, b, 0))
            return emit_mov(o, d, a), true;
        if (a == b)
            return emit_movi(o, d, 0), true;
        return false;
    case TCG_OP_mul:
        if (isc(o, a, 0) || isc(o, b, 0))
            return emit_movi(o, d, 0), true;
        if (isc(o, b, 1))
            return emit_mov(o, d, a), true;
        if (isc(o, a, 1))
            return emit_mov(o, d, b), true;
        return false;
    case TCG_OP_and:
        if (isc(o, a, 0) || isc(o, b, 0))
            return emit_movi(o, d, 0), true;
        if (isc(o, b, m) || a == b)
            return emit_mov(o, d, a), true;
        if (isc(o, a, m))
            return emit_mov(o, d, b), true;
        return false;
    case TCG_OP_andc:
        if (isc(o, b, 0))
            return emit_mov(o, d, a), true;
        if (a == b || isc(o, a, 0) || isc(o, b, m))
            return emit_movi(o, d, 0), true;
        return false;
    case TCG_OP_orc:
        if (isc(o, b, m))
            return emit_mov(o, d, a), true;
        if (a == b || isc(o, b, 0) || isc(o, a, m))
            return emit_movi(o, d, m), true;
        return false;
    case TCG_OP_shl: case TCG_OP_shr: case TCG_OP_sar: case TCG_OP_rotl:
    case TCG_OP_rotr:
        if (bz)
            return emit_mov(o, d, a), true;
        if (isc(o, a, 0))
            return emit_movi(o, d, 0), true;
        return false;
    case TCG_OP_div: case TCG_OP_divu:
        if (isc(o, b, 1))
            return emit_mov(o, d, a), true;
        return false;
    case TCG_OP_rem: case TCG_OP_remu:
        if (isc(o, b, 1))
            return emit_movi(o, d, 0), true;
        return false;
    case TCG_OP_setcond:
        if (a == b)
            return emit_movi(o, d, reflexive((int)op->args[3])), true;
        return false;
    case TCG_OP_movcond:
        if (ti(o, (uint64_t)a)->is_const && ti(o, (uint64_t)b)->is_const)
            return emit_mov(o, d, (int)op->args[tcg_fold_cond(op->type, (int)op->args[5],
                                                              o->t[a].val, o->t[b].val)
                                                ? 3 : 4]), true;
        if (a == b)
            return emit_mov(o, d, (int)op->args[reflexive((int)op->args[5]) ? 3 : 4]), true;
        if (op->args[3] == op->args[4])
            return emit_mov(o, d, (int)op->args[3]), true;
        return false;
    default:
        return false;
    }
}

/* Try folding op whose inputs are all constant; true when done. */
static bool fold(struct opt *o, const struct tcg_op *op)
{
    uint64_t in[4], out[2];

    if (!op->nb_oargs || op->nb_iargs > 4)
        return false;
    for (int i = 0; i < op->nb_iargs; i++) {
        uint64_t t = op->args[op->nb_oargs + i];

        if (!ti(o, t)->is_const)
            return false;
        in[i] = o->t[t].val;
    }
    if (!tcg_fold(op, in, out))
        return false;
    for (int i = 0; i < op->nb_oargs; i++)
        emit_movi(o, (int)op->args[i], out[i]);
    return true;
}

/*
 * x << 32 >> 32 (riscv64's zero-extension idiom, slli + srli; sign with
 * srai) right after one another: the shift right becomes ext32u/ext32s
 * of x itself, and the shift left is left to liveness (usually dead, as
 * the pair writes one register).  Only when the shift left kept x.
 */
static void fuse_shift_pair(struct opt *o, struct tcg_op *op)
{
    const struct tcg_op *prev = NULL;
    int i;

    if ((op->opc != TCG_OP_shr && op->opc != TCG_OP_sar) || op->type != TCG_TYPE_I64 ||
        !isc(o, op->args[2], 32))
        return;
    /* the shift left, with only insn_start and movi (of the count) after it */
    for (i = o->n - 1; i >= 0; i--) {
        if (o->out[i].opc != TCG_OP_insn_start && o->out[i].opc != TCG_OP_movi) {
            prev = &o->out[i];
            break;
        }
    }
    if (!prev || prev->opc != TCG_OP_shl || prev->type != TCG_TYPE_I64 ||
        prev->args[0] != op->args[1] || prev->args[1] == prev->args[0] ||
        !isc(o, prev->args[2], 32))
        return;
    for (int k = i + 1; k < o->n; k++) {
        if (o->out[k].opc == TCG_OP_movi && o->out[k].args[0] == prev->args[1])
            return;
    }
    *op = (struct tcg_op){ .opc = op->opc == TCG_OP_shr ? TCG_OP_ext32u : TCG_OP_ext32s,
                           .type = TCG_TYPE_I64, .nb_oargs = 1, .nb_iargs = 1,
                           .args = { op->args[0], prev->args[1] } };
}

/* The forward pass, from s->ops into o->out. */
static void forward(struct opt *o)
{
    struct tcg_ctx *s = o->s;
    bool unreachable = false;

    forget_all(o);
    o->last_br = -1;
    memset(o->refs, 0, (size_t)s->nb_labels * sizeof(o->refs[0]));
    for (int i = 0; i < s->nb_ops; i++) {
        if (label_of(&s->ops[i]) >= 0)
            o->refs[label_of(&s->ops[i])]++;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        /* in place: the input array is read only once more, here */
        struct tcg_op *op = &s->ops[i];
        int flags = tcg_opdefs[op->opc].flags;

        if (op->opc == TCG_OP_nop)
            continue;
        if (unreachable && op->opc != TCG_OP_set_label && op->opc != TCG_OP_insn_start) {
            if (label_of(op) >= 0)
                o->refs[label_of(op)]--;
            continue;
        }
        for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
            int c = ti(o, op->args[k])->copy;

            if (c >= 0)
                op->args[k] = (uint64_t)c;
        }
        switch (op->opc) {
        case TCG_OP_set_label:
            set_label(o, op, &unreachable);
            continue;
        case TCG_OP_movi:
            emit_movi(o, (int)op->args[0], op->args[1]);
            continue;
        case TCG_OP_mov:
            emit_mov(o, (int)op->args[0], (int)op->args[1]);
            continue;
        case TCG_OP_brcond:
            if (ti(o, op->args[0])->is_const && ti(o, op->args[1])->is_const) {
                if (!tcg_fold_cond(op->type, (int)op->args[2], o->t[op->args[0]].val,
                                   o->t[op->args[1]].val)) {
                    o->refs[op->args[3]]--;
                    continue;
                }
            } else if (op->args[0] != op->args[1]) {
                emit(o, op);
                continue;
            } else if (!reflexive((int)op->args[2])) {
                o->refs[op->args[3]]--;
                continue;
            }
            *op = (struct tcg_op){ .opc = TCG_OP_br, .type = TCG_TYPE_I64,
                                  .nb_cargs = 1, .args = { op->args[3] } };
            emit(o, op);
            unreachable = true;
            continue;
        case TCG_OP_call:
            emit(o, op);
            for (int k = 0; k < op->nb_oargs; k++)
                forget(o, (int)op->args[k]);
            if (!(tcg_op_helper(op)->flags & TCG_CALL_NO_WRITE_GLOBALS))
                forget_globals(o);
            continue;
        default:
            break;
        }
        if (fold(o, op) || (op->nb_iargs == 2 && op->nb_oargs == 1 && simplify2(o, op)) ||
            (op->opc == TCG_OP_movcond && simplify2(o, op)))
            continue;
        fuse_shift_pair(o, op);
        emit(o, op);
        for (int k = 0; k < op->nb_oargs; k++)
            forget(o, (int)op->args[k]);
        if (flags & TCG_OPF_NORETURN || op->opc == TCG_OP_br)
            unreachable = true;
    }
}

/* Liveness as bitsets of nb_temps bits. */
struct live {
    int words, nb_globals;
    uint64_t *cur, *labels, *globals;
};

static void set_or(uint64_t *d, const uint64_t *a, int n)
{
    for (int i = 0; i < n; i++)
        d[i] |= a[i];
}

static bool is_pure(const struct tcg_op *op)
{
    int flags = tcg_opdefs[op->opc].flags;

    if (op->opc == TCG_OP_call)
        return (tcg_op_helper(op)->flags & TCG_CALL_NO_SIDE_EFFECTS) && op->nb_oargs;
    return !(flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END)) && op->nb_oargs;
}

/* One backward pass; removes dead ops when remove.  True if labels grew. */
static bool backward(struct tcg_ctx *s, struct live *l, bool remove)
{
    int n = l->words;
    /* restrict: stores to the bitset (uint64_t, like args) must not make
     * the compiler reload the op */
    uint64_t *restrict cur = l->cur;
    bool changed = false;

    memcpy(cur, l->globals, n * sizeof(uint64_t));
    for (int i = s->nb_ops - 1; i >= 0; i--) {
        struct tcg_op *op = &s->ops[i];
        uint64_t *lab;
        bool any = false;

        switch (op->opc) {
        case TCG_OP_set_label:
            lab = &l->labels[op->args[0] * n];
            for (int k = 0; k < n; k++) {
                if (cur[k] & ~lab[k]) {
                    lab[k] |= cur[k];
                    changed = true;
                }
            }
            continue;
        case TCG_OP_br:
            memcpy(cur, &l->labels[op->args[0] * n], n * sizeof(uint64_t));
            continue;
        case TCG_OP_brcond:
            set_or(cur, &l->labels[op->args[3] * n], n);
            break;
        case TCG_OP_exit_tb: case TCG_OP_goto_ptr:
            memcpy(cur, l->globals, n * sizeof(uint64_t));
            break;
        case TCG_OP_goto_tb:
            set_or(cur, l->globals, n);
            continue;
        default:
            break;
        }
        int no = op->nb_oargs, na = no + op->nb_iargs;
        const uint64_t *args = op->args;
        uint16_t dead = 0;

        for (int k = 0; k < na; k++) {
            if (!(cur[args[k] / 64] >> (args[k] % 64) & 1))
                dead |= (uint16_t)(1u << k);
        }
        if (remove)
            op->dead = dead;
        for (int k = 0; k < no; k++)
            any |= !(dead >> k & 1);
        if (!any && is_pure(op)) {
            if (remove)
                op->opc = TCG_OP_nop;
            continue;
        }
        for (int k = 0; k < no; k++)
            cur[args[k] / 64] &= ~(1ull << (args[k] % 64));
        for (int k = no; k < na; k++)
            cur[args[k] / 64] |= 1ull << (args[k] % 64);
        if ((tcg_opdefs[op->opc].flags & TCG_OPF_MAY_FAULT) ||
            (op->opc == TCG_OP_call &&
             !(tcg_op_helper(op)->flags & TCG_CALL_NO_READ_GLOBALS)))
            set_or(cur, l->globals, n);
    }
    return changed;
}

/*
 * Whether a branch goes back to a label placed before it.  Without one a
 * single backward pass sees every label before the branches to it, so
 * its liveness is exact at once and no fixed-point iteration is needed.
 */
static bool has_back_branch(const struct tcg_ctx *s)
{
    bool placed[TCG_MAX_LABELS];

    memset(placed, 0, (size_t)s->nb_labels * sizeof(placed[0]));

    for (int i = 0; i < s->nb_ops; i++) {
        const struct tcg_op *op = &s->ops[i];

        if (op->opc == TCG_OP_set_label)
            placed[op->args[0]] = true;
        else if (label_of(op) >= 0 && placed[label_of(op)])
            return true;
    }
    return false;
}

/*
 * The bitsets, kept in the context from block to block (allocating and
 * filling them anew was a tenth of the optimizer's time; freed with the
 * context, not lost with a thread): globals is rebuilt only when the
 * number of globals changes.
 */
static bool live_alloc(struct tcg_ctx *s, struct live *l)
{
    struct tcg_live_mem *lm = &s->live_mem;
    size_t need = (size_t)l->words * (size_t)(s->nb_labels + 3);

    if (need > lm->cap) {
        uint64_t *b = realloc(lm->buf, need * sizeof(uint64_t));

        if (!b)
            return false;
        lm->buf = b;
        lm->cap = need;
        lm->globals_for = -1;
    }
    l->globals = lm->buf;
    l->cur = l->globals + l->words;
    l->labels = l->cur + l->words;
    if (lm->globals_for != s->nb_globals || lm->globals_words != l->words) {
        memset(l->globals, 0, (size_t)l->words * sizeof(uint64_t));
        for (int t = 1; t < s->nb_globals; t++)
            l->globals[t / 64] |= 1ull << (t % 64);
        lm->globals_for = s->nb_globals;
        lm->globals_words = l->words;
    }
    memset(l->labels, 0, (size_t)l->words * (size_t)(s->nb_labels + 1) * sizeof(uint64_t));
    return true;
}

static void liveness(struct tcg_ctx *s)
{
    struct live l;

    l.words = (s->nb_temps + 63) / 64;
    if (!live_alloc(s, &l))
        return;
    if (has_back_branch(s)) {
        while (backward(s, &l, false))
            ;
    }
    backward(s, &l, true);
}

/*
 * Temp knowledge kept from block to block: a new generation makes it
 * stale without touching it (zeroed only when the counter wraps).
 */
static __thread struct tinfo tinfo[TCG_MAX_TEMPS];
static __thread unsigned tinfo_gen;
void tcg_optimize(void)
{
    struct tcg_ctx *s = tcg_ctx;
    int need = s->nb_ops * 2 + 1;
    struct opt o;   /* not zeroed: refs is cleared per block up to nb_labels */
    struct tcg_op *old = s->ops;
    int old_cap = s->cap_ops;

    /* the forward pass writes into the context's second op array */
    if (s->cap_spare < need) {
        struct tcg_op *n = realloc(s->spare, (size_t)need * sizeof(struct tcg_op));

        /* without memory the block simply stays unoptimized */
        if (!n)
            return;
        s->spare = n;
        s->cap_spare = need;
    }
    o.s = s;
    o.t = tinfo;
    o.gen = tinfo_gen;
    o.n = 0;
    o.out = s->spare;
    forward(&o);
    tinfo_gen = o.gen;
    s->ops = o.out;
    s->cap_ops = s->cap_spare;
    s->nb_ops = o.n;
    s->spare = old;
    s->cap_spare = old_cap;
    liveness(s);
}
