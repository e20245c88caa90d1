/*
 * The x86_64 backend's register allocator: a cache of temps in host
 * registers, per block.
 *
 * The block's most used globals are pinned: each has a callee-saved
 * register for the whole block, loaded on entry and valid on every path
 * (so across branches and labels too); one changed since the last sync
 * is stored back at each sync point below (at a label, one the block
 * writes anywhere counts as changed), one a helper may change is
 * reloaded after the call.  The other registers form a cache:
 * every temp has a memory home (frame slot or CPU-state field, see
 * x86-gen.c); a temp may also live in one of the allocatable registers,
 * possibly newer than its home (dirty).  Ops read and write temps through
 * x86_reg_load/x86_reg_store, which allocate registers on demand and
 * evict the least recently used one (writing it back if dirty) when all
 * are taken.  The generator calls the sync points: dirty globals are
 * written back before ops that may fault, before helper calls that may
 * read or write globals, and at exits; cached globals are dropped after
 * helper calls that may write them.  At a branch everything is written
 * back (the fall-through path keeps the now clean registers) and at a
 * label everything unpinned is forgotten, so every path into a label
 * agrees: pinned globals in their registers, all else in its home.  A
 * local the optimizer found dead after an op loses its register at once,
 * without a write-back.  A local set by movi stays a pending constant
 * (no code) until an op needs it in a register, or a branch or label
 * needs it in its home.
 * rbx, rbp, r12, r13 survive helper calls; r10, r11 do not and are
 * spilled around calls.
 */
#include <string.h>

#include "tcg/x86_64/x86.h"

static const int alloc_regs[] = { RBX, RBP, R12, R13, R10, R11 };
#define NB_ALLOC ((int)(sizeof(alloc_regs) / sizeof(alloc_regs[0])))
/* pinned globals take the first slots; the rest stays a cache (an op
 * may hold three registers, none of them pinned) */
#define NB_PIN 3
/* a global is worth pinning from this many uses */
#define PIN_MIN_USES 3

bool x86_home(const struct tcg_ctx *s, uint64_t t, int *base, int32_t *disp)
{
    const struct tcg_temp *tp = &s->temps[t];

    if (tp->kind == TCG_TEMP_ENV)
        return false;
    *base = tp->kind == TCG_TEMP_GLOBAL ? X86_ENV : RSP;
    *disp = tp->kind == TCG_TEMP_GLOBAL ? (int32_t)tp->offset : (int32_t)(8 * t);
    return true;
}

/* The mov that moves t between a register and its home (op is LD or ST). */
static void home_move(const struct x86_regs *r, int op, int reg, uint64_t t)
{
    int base = RSP;
    int32_t disp = 0;
    bool i64 = r->s->temps[t].type == TCG_TYPE_I64;

    x86_home(r->s, t, &base, &disp);
    /* frame slots hold 64 bits (i32 zero-extended); fields their size */
    x_rm(r->b, (base == RSP || i64 ? X_W : 0) | op, reg, base, X_NOREG, disp);
}

/* Pin the most used globals (counted over the block's ops); only the
 * globals the block names are candidates, not all of them.  In a block
 * that jumps to itself every use repeats each time round: one use is
 * enough (a loop-invariant global read once is then loaded once). */
static void choose_pinned(struct x86_regs *r)
{
    const struct tcg_ctx *s = r->s;
    int uses[TCG_MAX_TEMPS];
    int cand[TCG_MAX_TEMPS];
    int nb_cand = 0;
    int min_uses = s->goto_tb_self ? 1 : PIN_MIN_USES;

    memset(uses, 0, (size_t)s->nb_globals * sizeof(uses[0]));
    for (int i = 0; i < s->nb_ops; i++) {
        const struct tcg_op *op = &s->ops[i];

        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            int t = (int)op->args[k];

            if (k < op->nb_oargs)
                r->written[t] = true;
            if (t >= s->nb_globals)
                continue;
            if (!uses[t]++)
                cand[nb_cand++] = t;
        }
    }
    for (int k = 0; k < NB_PIN; k++) {
        int best = -1;

        for (int i = 0; i < nb_cand; i++) {
            int g = cand[i];

            if (g > 0 && r->slot_of[g] < 0 && uses[g] >= min_uses &&
                (best < 0 || uses[g] > uses[best] || (uses[g] == uses[best] && g < best)))
                best = g;
        }
        if (best < 0)
            break;
        r->temp_in[k] = best;
        r->slot_of[best] = (int8_t)k;
        r->nb_pinned++;
    }
}

void x86_regs_init(struct x86_regs *r, const struct tcg_ctx *s, struct xbuf *b,
                   bool enabled)
{
    r->s = s;
    r->b = b;
    r->enabled = enabled;
    r->clock = 0;
    r->nb_pinned = 0;
    /* only the block's temps: the cost follows the block, not the limit */
    memset(r->slot_of, -1, (size_t)s->nb_temps);
    memset(r->dirty, 0, (size_t)s->nb_temps * sizeof(bool));
    memset(r->written, 0, (size_t)s->nb_temps * sizeof(bool));
    memset(r->pend, 0, (size_t)s->nb_temps * sizeof(bool));
    memset(r->pend_listed, 0, (size_t)s->nb_temps * sizeof(bool));
    r->nb_pend = 0;
    for (int k = 0; k < NB_ALLOC; k++)
        r->temp_in[k] = -1;
    memset(r->xmm_of, -1, (size_t)s->nb_temps);
    for (int k = 0; k < 16; k++)
        r->xmm_temp[k] = -1;
    if (enabled)
        choose_pinned(r);
}

static void load_pinned(struct x86_regs *r)
{
    for (int k = 0; k < r->nb_pinned; k++) {
        home_move(r, OP_MOV_LD, alloc_regs[k], (uint64_t)r->temp_in[k]);
        r->dirty[r->temp_in[k]] = false;
    }
}

void x86_regs_enter(struct x86_regs *r)
{
    load_pinned(r);
}

static void writeback(struct x86_regs *r, int k)
{
    int t = r->temp_in[k];

    if (k < r->nb_pinned) {
        if (r->dirty[t]) {
            home_move(r, OP_MOV_ST, alloc_regs[k], (uint64_t)t);
            r->dirty[t] = false;
        }
        return;
    }
    if (t >= 0 && r->dirty[t]) {
        home_move(r, OP_MOV_ST, alloc_regs[k], (uint64_t)t);
        r->dirty[t] = false;
    }
}

/* Write back and free slot k (pinned slots stay). */
static void release(struct x86_regs *r, int k)
{
    int t = r->temp_in[k];

    if (t >= 0 && k >= r->nb_pinned) {
        writeback(r, k);
        r->slot_of[t] = -1;
        r->temp_in[k] = -1;
    }
}

/*
 * A register slot for t: a free one, or the least recently used one not
 * in keep (a mask of slots the current op holds), evicted.
 */
static int take(struct x86_regs *r, uint64_t t, unsigned keep)
{
    int best = -1;

    for (int k = r->nb_pinned; k < NB_ALLOC; k++) {
        if (r->temp_in[k] < 0) {
            best = k;
            goto found;
        }
        if (!(keep & 1u << k) && (best < 0 || r->last_use[k] < r->last_use[best]))
            best = k;
    }
    release(r, best);
found:
    r->temp_in[best] = (int)t;
    r->slot_of[t] = (int8_t)best;
    return best;
}

void x86_reg_load(struct x86_regs *r, int reg, uint64_t t)
{
    int k = r->slot_of[t];

    if (r->s->temps[t].kind == TCG_TEMP_ENV) {
        x_rr(r->b, X_W | OP_MOV_ST, X86_ENV, reg);
        return;
    }
    if (!r->enabled) {
        home_move(r, OP_MOV_LD, reg, t);
        return;
    }
    if (r->pend[t]) {
        x_movi(r->b, reg, r->pend_val[t]);
        return;
    }
    if (k < 0) {
        k = take(r, t, 0);
        home_move(r, OP_MOV_LD, alloc_regs[k], t);
    }
    r->last_use[k] = ++r->clock;
    x_rr(r->b, X_W | OP_MOV_LD, reg, alloc_regs[k]);
}

int x86_reg_use(struct x86_regs *r, uint64_t t, unsigned *keep)
{
    int k = r->slot_of[t];

    if (r->s->temps[t].kind == TCG_TEMP_ENV)
        return X86_ENV;
    if (r->pend[t]) {
        /* from now on a register holds it */
        k = take(r, t, *keep);
        x_movi(r->b, alloc_regs[k], r->pend_val[t]);
        r->dirty[t] = !r->pend_home[t];
        r->pend[t] = false;
    } else if (k < 0) {
        k = take(r, t, *keep);
        home_move(r, OP_MOV_LD, alloc_regs[k], t);
    }
    r->last_use[k] = ++r->clock;
    *keep |= 1u << k;
    return alloc_regs[k];
}

static void xmm_drop(struct x86_regs *r, uint64_t t)
{
    if (r->xmm_of[t] >= 0) {
        r->xmm_temp[r->xmm_of[t]] = -1;
        r->xmm_of[t] = -1;
    }
}

int x86_reg_def(struct x86_regs *r, uint64_t t, unsigned *keep)
{
    int k = r->slot_of[t];

    xmm_drop(r, t);
    r->pend[t] = false;
    if (k < 0)
        k = take(r, t, *keep);
    r->last_use[k] = ++r->clock;
    r->dirty[t] = true;
    *keep |= 1u << k;
    return alloc_regs[k];
}

void x86_reg_store(struct x86_regs *r, uint64_t t, int reg)
{
    int k = r->slot_of[t];

    if (r->s->temps[t].kind == TCG_TEMP_ENV) {
        x_rr(r->b, X_W | OP_MOV_ST, reg, X86_ENV);
        return;
    }
    xmm_drop(r, t);
    if (!r->enabled) {
        home_move(r, OP_MOV_ST, reg, t);
        return;
    }
    r->pend[t] = false;
    if (k < 0)
        k = take(r, t, 0);
    r->last_use[k] = ++r->clock;
    r->dirty[t] = true;
    x_rr(r->b, X_W | OP_MOV_LD, alloc_regs[k], reg);
}

void x86_reg_set_const(struct x86_regs *r, uint64_t t, uint64_t v)
{
    int k = r->slot_of[t];

    xmm_drop(r, t);
    /* the old value is gone: its register is free, nothing to write */
    if (k >= 0) {
        r->slot_of[t] = -1;
        r->temp_in[k] = -1;
    }
    r->dirty[t] = false;
    if (!r->pend_listed[t])
        r->pend_list[r->nb_pend++] = (int)t;
    r->pend_listed[t] = true;
    r->pend[t] = true;
    r->pend_home[t] = false;
    r->pend_val[t] = v;
}

unsigned x86_regs_pinned_dirty(const struct x86_regs *r)
{
    unsigned m = 0;

    for (int k = 0; k < r->nb_pinned && k < NB_PIN; k++)
        m |= (unsigned)r->dirty[r->temp_in[k]] << k;
    return m;
}

/* (a global the block never writes is never dirty) */
void x86_regs_set_pinned_dirty(struct x86_regs *r, unsigned mask)
{
    for (int k = 0; k < r->nb_pinned && k < NB_PIN; k++)
        r->dirty[r->temp_in[k]] = (mask >> k & 1) && r->written[r->temp_in[k]];
}

bool x86_regs_only_pinned(const struct x86_regs *r)
{
    for (int k = 0; k < NB_ALLOC; k++) {
        int t = r->temp_in[k];

        if (k >= r->nb_pinned ? t >= 0 : r->dirty[t])
            return false;
    }
    for (int i = 0; i < r->nb_pend; i++) {
        if (r->pend[r->pend_list[i]])
            return false;
    }
    return true;
}

bool x86_reg_const(const struct x86_regs *r, uint64_t t, uint64_t *v)
{
    if (!r->pend[t])
        return false;
    *v = r->pend_val[t];
    return true;
}

/* Store the pending constants into their homes (a path may read them
 * there); forget drops them too (a label: other paths differ). */
static void settle_consts(struct x86_regs *r, bool forget)
{
    int n = 0;

    for (int i = 0; i < r->nb_pend; i++) {
        int t = r->pend_list[i];
        int base = RSP;
        int32_t disp = 0;

        if (!r->pend[t]) {
            r->pend_listed[t] = false;
            continue;
        }
        if (!r->pend_home[t]) {
            x86_home(r->s, (uint64_t)t, &base, &disp);
            x_st64i(r->b, base, disp, r->pend_val[t]);
            r->pend_home[t] = true;
        }
        if (forget) {
            r->pend[t] = false;
            r->pend_listed[t] = false;
        } else {
            r->pend_list[n++] = t;
        }
    }
    r->nb_pend = n;
}

bool x86_reg_home_valid(const struct x86_regs *r, uint64_t t)
{
    if (r->pend[t])
        return r->pend_home[t];
    return !r->dirty[t];
}

int x86_regs_dirty_globals(const struct x86_regs *r, int64_t skip, struct x86_dirty *out)
{
    int n = 0;

    for (int k = 0; k < NB_ALLOC; k++) {
        int t = r->temp_in[k];

        if (t >= 0 && t < r->s->nb_globals && t != skip && r->dirty[t])
            out[n++] = (struct x86_dirty){ alloc_regs[k], (int32_t)r->s->temps[t].offset,
                                           r->s->temps[t].type == TCG_TYPE_I64 };
    }
    return n;
}

/* Write back the dirty globals of slots [first, NB_ALLOC). */
static void sync_globals_from(struct x86_regs *r, int first)
{
    for (int k = first; k < NB_ALLOC; k++) {
        if (r->temp_in[k] >= 0 && r->temp_in[k] < r->s->nb_globals)
            writeback(r, k);
    }
}

void x86_regs_sync_unpinned_globals(struct x86_regs *r)
{
    sync_globals_from(r, r->nb_pinned);
}

void x86_regs_sync_globals(struct x86_regs *r)
{
    sync_globals_from(r, 0);
}

void x86_regs_forget_globals(struct x86_regs *r)
{
    x86_xmm_forget(r);
    for (int k = 0; k < NB_ALLOC; k++) {
        if (r->temp_in[k] >= 0 && r->temp_in[k] < r->s->nb_globals)
            release(r, k);
    }
    load_pinned(r);
}

void x86_regs_writeback_live(struct x86_regs *r, bool (*live)(void *ctx, int t), void *ctx)
{
    for (int k = r->nb_pinned; k < NB_ALLOC; k++) {
        int t = r->temp_in[k];

        if (live && t >= r->s->nb_globals && r->dirty[t] && !live(ctx, t))
            continue;
        writeback(r, k);
    }
    settle_consts(r, false);
}

void x86_regs_writeback_all(struct x86_regs *r)
{
    x86_regs_writeback_live(r, NULL, NULL);
}

void x86_regs_spill_all(struct x86_regs *r)
{
    x86_xmm_forget(r);
    for (int k = 0; k < NB_ALLOC; k++)
        release(r, k);
    settle_consts(r, true);
    /* a label: some path in may have changed a pinned global unsynced */
    for (int k = 0; k < r->nb_pinned; k++)
        r->dirty[r->temp_in[k]] = r->written[r->temp_in[k]];
}

void x86_regs_before_call(struct x86_regs *r)
{
    x86_xmm_forget(r);
    for (int k = 0; k < NB_ALLOC; k++) {
        if (alloc_regs[k] == R10 || alloc_regs[k] == R11)
            release(r, k);
    }
}

int x86_xmm_of(const struct x86_regs *r, uint64_t t)
{
    return r->xmm_of[t];
}

int x86_xmm_assign(struct x86_regs *r, uint64_t t)
{
    int best = -1;

    xmm_drop(r, t);
    for (int k = X86_XMM_FIRST; k < 16; k++) {
        if (r->xmm_temp[k] < 0) {
            best = k;
            break;
        }
        if (best < 0 || r->xmm_last_use[k] < r->xmm_last_use[best])
            best = k;
    }
    if (r->xmm_temp[best] >= 0)
        r->xmm_of[r->xmm_temp[best]] = -1;
    r->xmm_temp[best] = (int)t;
    r->xmm_of[t] = (int8_t)best;
    r->xmm_last_use[best] = ++r->clock;
    return best;
}

void x86_xmm_refill(const struct x86_regs *r)
{
    for (int k = X86_XMM_FIRST; k < 16; k++) {
        int t = r->xmm_temp[k];

        if (t < 0)
            continue;
        x86_reg_peek(r, R9, (uint64_t)t);
        x_rr(r->b, X_W | OP_MOVD_X, k, R9);
    }
}

void x86_xmm_forget(struct x86_regs *r)
{
    for (int k = X86_XMM_FIRST; k < 16; k++) {
        if (r->xmm_temp[k] >= 0)
            r->xmm_of[r->xmm_temp[k]] = -1;
        r->xmm_temp[k] = -1;
    }
}

void x86_reg_peek(const struct x86_regs *r, int reg, uint64_t t)
{
    int k = r->slot_of[t];

    if (r->s->temps[t].kind == TCG_TEMP_ENV)
        x_rr(r->b, X_W | OP_MOV_ST, X86_ENV, reg);
    else if (r->enabled && r->pend[t])
        x_movi(r->b, reg, r->pend_val[t]);
    else if (r->enabled && k >= 0)
        x_rr(r->b, X_W | OP_MOV_LD, reg, alloc_regs[k]);
    else
        home_move(r, OP_MOV_LD, reg, t);
}

void x86_reg_peek_xmm(const struct x86_regs *r, int xmm, uint64_t t, int wq)
{
    int k = r->slot_of[t];
    int base = RSP;
    int32_t disp = 0;

    if (r->s->temps[t].kind == TCG_TEMP_ENV || (r->enabled && r->pend[t])) {
        x86_reg_peek(r, R9, t);
        x_rr(r->b, wq | OP_MOVD_X, xmm, R9);
    } else if (r->enabled && k >= 0) {
        x_rr(r->b, wq | OP_MOVD_X, xmm, alloc_regs[k]);
    } else {
        x86_home(r->s, t, &base, &disp);
        x_rm(r->b, wq | OP_MOVD_X, xmm, base, X_NOREG, disp);
    }
}

bool x86_regs_call_clobbered_busy(const struct x86_regs *r)
{
    for (int k = 0; k < NB_ALLOC; k++) {
        if ((alloc_regs[k] == R10 || alloc_regs[k] == R11) && r->temp_in[k] >= 0)
            return true;
    }
    return false;
}

void x86_regs_drop_dead(struct x86_regs *r, const struct tcg_op *op)
{
    for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
        uint64_t t = op->args[k];
        int slot = r->slot_of[t];

        if ((op->dead >> k & 1) && r->s->temps[t].kind == TCG_TEMP_LOCAL)
            r->pend[t] = false;
        /* a dead local's value is never read again: no write-back */
        if ((op->dead >> k & 1) && slot >= r->nb_pinned &&
            r->s->temps[t].kind == TCG_TEMP_LOCAL) {
            r->dirty[t] = false;
            r->slot_of[t] = -1;
            r->temp_in[slot] = -1;
        }
    }
}
