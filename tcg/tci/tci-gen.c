/*
 * Lowering of the IR to TCI bytecode (format in tci.h).
 *
 * Every op becomes one instruction carrying its temps as frame slots and
 * its constants as 64-bit words; ops that may fault also carry the index
 * of their guest instruction (for tcg_fault).  Globals an op reads are
 * loaded into the frame before it and globals it writes are stored back
 * right after.  Labels become word offsets, fixed up at the end.  Blocks
 * are malloc'd and kept on a list until tcg_code_flush.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tci/tci.h"

struct buf {
    uint32_t *w;
    size_t n, cap;
    bool oom;
};

struct reloc {
    size_t at;
    int label;
};

struct gen {
    struct buf b;
    struct reloc *rel;
    size_t nrel, caprel;
    size_t label_at[TCG_MAX_LABELS];
};

/* Every block's bytecode; each allocation starts with this link. */
struct chunk {
    struct chunk *next;
    uint64_t code[];
};
static struct chunk *chunks;
static pthread_mutex_t chunks_lock = PTHREAD_MUTEX_INITIALIZER;

static void put(struct buf *b, uint32_t w)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        uint32_t *n = realloc(b->w, cap * sizeof(*n));

        if (!n) {
            b->oom = true;
            return;
        }
        b->w = n;
        b->cap = cap;
    }
    b->w[b->n++] = w;
}

static void put64(struct buf *b, uint64_t v)
{
    put(b, (uint32_t)v);
    put(b, (uint32_t)(v >> 32));
}

static void global_move(struct gen *g, const struct tcg_ctx *s, int opc,
                        uint64_t t)
{
    const struct tcg_temp *tp = &s->temps[t];

    if (tp->kind != TCG_TEMP_GLOBAL)
        return;
    put(&g->b, tci_header(opc, tp->type, 5));
    put(&g->b, (uint32_t)t);
    put64(&g->b, (uint64_t)tp->offset);
    put(&g->b, tp->type == TCG_TYPE_I32 ? TCG_MO_32 : TCG_MO_64);
}

static void add_reloc(struct gen *g, int label)
{
    if (g->nrel == g->caprel) {
        size_t cap = g->caprel ? g->caprel * 2 : 64;
        struct reloc *n = realloc(g->rel, cap * sizeof(*n));

        if (!n) {
            g->b.oom = true;
            return;
        }
        g->rel = n;
        g->caprel = cap;
    }
    g->rel[g->nrel++] = (struct reloc){ g->b.n, label };
    put(&g->b, 0);
}

static void gen_op(struct gen *g, const struct tcg_ctx *s,
                   const struct tcg_op *op, int insn)
{
    int nt = op->nb_oargs + op->nb_iargs;
    int flags = tcg_opdefs[op->opc].flags;
    size_t start;

    for (int i = op->nb_oargs; i < nt; i++)
        global_move(g, s, TCI_LDG, op->args[i]);
    start = g->b.n;
    put(&g->b, 0);
    switch (op->opc) {
    case TCG_OP_br:
        add_reloc(g, (int)op->args[0]);
        break;
    case TCG_OP_brcond:
        put(&g->b, (uint32_t)op->args[0]);
        put(&g->b, (uint32_t)op->args[1]);
        put(&g->b, (uint32_t)op->args[2]);
        add_reloc(g, (int)op->args[3]);
        break;
    case TCG_OP_call:
        put64(&g->b, op->args[nt]);
        put(&g->b, op->nb_oargs);
        for (int i = 0; i < nt; i++)
            put(&g->b, (uint32_t)op->args[i]);
        break;
    case TCG_OP_goto_tb:
        /* the patch slot is an aligned 64-bit word after the header */
        if (g->b.n & 1)
            put(&g->b, 0);
        put64(&g->b, 0);
        break;
    default:
        for (int i = 0; i < nt; i++)
            put(&g->b, (uint32_t)op->args[i]);
        for (int i = nt; i < tcg_op_nb_args(op); i++)
            put64(&g->b, op->args[i]);
        if (flags & TCG_OPF_MAY_FAULT)
            put(&g->b, (uint32_t)insn);
        break;
    }
    if (!g->b.oom)
        g->b.w[start] = tci_header(op->opc, op->type, (unsigned)(g->b.n - start));
    for (int i = 0; i < op->nb_oargs; i++)
        global_move(g, s, TCI_STG, op->args[i]);
}

static int tci_gen_code(struct tcg_ctx *s, struct tcg_tb *tb)
{
    struct gen *g = calloc(1, sizeof(*g));
    struct chunk *c;
    int insn = -1, ret = -ENOMEM;

    if (!g)
        return -ENOMEM;
    for (int i = 0; i < s->nb_ops; i++) {
        const struct tcg_op *op = &s->ops[i];

        switch (op->opc) {
        case TCG_OP_nop: case TCG_OP_loop_entry:
            break;
        case TCG_OP_insn_start:
            if (insn >= 0)
                tb->insn_end[insn] = (uint32_t)(g->b.n * 4);
            insn++;
            break;
        case TCG_OP_set_label:
            g->label_at[op->args[0]] = g->b.n;
            break;
        case TCG_OP_goto_tb:
            tb->jmp_off[op->args[0]] = (uint32_t)(((g->b.n + 2) & ~(size_t)1) * 4);
            gen_op(g, s, op, insn);
            break;
        default:
            gen_op(g, s, op, insn);
            break;
        }
    }
    put(&g->b, tci_header(TCI_END, TCG_TYPE_I64, 1));
    if (insn >= 0)
        tb->insn_end[insn] = (uint32_t)(g->b.n * 4);
    if (g->b.oom)
        goto out;
    for (size_t i = 0; i < g->nrel; i++)
        g->b.w[g->rel[i].at] = (uint32_t)g->label_at[g->rel[i].label];
    c = malloc(sizeof(*c) + g->b.n * 4);
    if (!c)
        goto out;
    memcpy(c->code, g->b.w, g->b.n * 4);
    pthread_mutex_lock(&chunks_lock);
    c->next = chunks;
    chunks = c;
    pthread_mutex_unlock(&chunks_lock);
    tb->code = c->code;
    tb->size = g->b.n * 4;
    ret = 0;
out:
    free(g->b.w);
    free(g->rel);
    free(g);
    return ret;
}

static void tci_flush(void)
{
    pthread_mutex_lock(&chunks_lock);
    while (chunks) {
        struct chunk *c = chunks;

        chunks = c->next;
        free(c);
    }
    pthread_mutex_unlock(&chunks_lock);
}

static void tci_set_jump(struct tcg_tb *tb, int n, const struct tcg_tb *dest)
{
    uint64_t *slot;

    if (n < 0 || n > 1 || tb->jmp_off[n] == UINT32_MAX)
        return;
    slot = (uint64_t *)((char *)tb->code + tb->jmp_off[n]);
    __atomic_store_n(slot, dest ? (uint64_t)(uintptr_t)dest->code : 0,
                     __ATOMIC_RELEASE);
}

static uintptr_t tci_tb_ptr(const struct tcg_tb *tb)
{
    return (uintptr_t)tb->code;
}

const struct tcg_backend tcg_backend_tci = {
    .name = "tci",
    .gen_code = tci_gen_code,
    .exec = tci_exec,
    .set_jump = tci_set_jump,
    .tb_ptr = tci_tb_ptr,
    .flush = tci_flush,
    .dump = tci_dump,
    .fault_code_pc = tci_fault_code_pc,
    .fork_start = tci_fork_start,
    .fork_end = tci_fork_end,
};
