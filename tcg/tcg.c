/*
 * The translation context: temps, labels, the op list, backend selection
 * and the IR dump.
 *
 * A block is built in the thread's current context (tcg_ctx), compiled by
 * the selected backend into a struct tcg_tb, and run through that tb's
 * backend, so blocks of both backends can coexist (tests compare them).
 * Limits (temps, labels) are fixed: exceeding them is a front-end bug and
 * aborts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#include "tcg/tcg-internal.h"

const struct tcg_opdef tcg_opdefs[TCG_OP_COUNT] = {
#define DEF(n, o, i, c, f) [TCG_OP_##n] = { #n, o, i, c, f },
#include "uemu/tcg-opc.h"
#undef DEF
};

__thread struct tcg_ctx *tcg_ctx;
__thread struct tcg_fault tcg_fault;

static const struct tcg_backend *const backends[] = {
#ifdef CONFIG_JIT
    &tcg_backend_x86_64,
#endif
    &tcg_backend_tci,
};
/* The first backend built is the default. */
static size_t cur;
#define cur_backend backends[cur]

static void fatal(const char *what)
{
    fprintf(stderr, "tcg: %s\n", what);
    abort();
}

struct tcg_ctx *tcg_ctx_new(uintptr_t guest_base)
{
    struct tcg_ctx *s = calloc(1, sizeof(*s));

    if (!s)
        return NULL;
    s->guest_base = guest_base;
    s->optimize = true;
    s->temps[0] = (struct tcg_temp){ TCG_TYPE_I64, TCG_TEMP_ENV, 0, "env" };
    s->nb_globals = s->nb_temps = 1;
    return s;
}

void tcg_ctx_free(struct tcg_ctx *s)
{
    if (!s)
        return;
    if (tcg_ctx == s)
        tcg_ctx = NULL;
    free(s->ops);
    free(s->spare);
    free(s->live_mem.buf);
    free(s->insn_data_buf);
    free(s->insn_end_buf);
    free(s->pack_buf);
    free(s);
}

void tcg_ctx_set_optimize(struct tcg_ctx *s, bool on)
{
    s->optimize = on;
}

void tcg_ctx_set_dump(struct tcg_ctx *s, FILE *f, unsigned items)
{
    s->dump_file = f;
    s->dump_items = f ? items : 0;
}

tcg_ptr tcg_env(void)
{
    return (tcg_ptr){ 0 };
}

static int new_temp(int type, int kind, intptr_t offset, const char *name)
{
    struct tcg_ctx *s = tcg_ctx;

    if (s->nb_temps >= TCG_MAX_TEMPS)
        fatal("too many temps");
    s->temps[s->nb_temps] = (struct tcg_temp){ type, kind, offset, name };
    return s->nb_temps++;
}

static int new_global(int type, intptr_t offset, const char *name)
{
    if (tcg_ctx->nb_temps != tcg_ctx->nb_globals)
        fatal("globals must be registered before any block");
    tcg_ctx->nb_globals++;
    return new_temp(type, TCG_TEMP_GLOBAL, offset, name);
}

tcg_i32 tcg_global_i32(intptr_t offset, const char *name)
{
    return (tcg_i32){ new_global(TCG_TYPE_I32, offset, name) };
}

tcg_i64 tcg_global_i64(intptr_t offset, const char *name)
{
    return (tcg_i64){ new_global(TCG_TYPE_I64, offset, name) };
}

void tcg_func_start(void)
{
    tcg_profile_block_start();
    tcg_ctx->nb_temps = tcg_ctx->nb_globals;
    tcg_ctx->nb_labels = 0;
    tcg_ctx->nb_ops = 0;
    tcg_ctx->goto_tb_self = 0;
}

tcg_i32 tcg_temp_new_i32(void)
{
    return (tcg_i32){ new_temp(TCG_TYPE_I32, TCG_TEMP_LOCAL, 0, NULL) };
}

tcg_i64 tcg_temp_new_i64(void)
{
    return (tcg_i64){ new_temp(TCG_TYPE_I64, TCG_TEMP_LOCAL, 0, NULL) };
}

tcg_ptr tcg_temp_new_ptr(void)
{
    return (tcg_ptr){ new_temp(TCG_TYPE_I64, TCG_TEMP_LOCAL, 0, NULL) };
}

tcg_label *tcg_gen_new_label(void)
{
    struct tcg_ctx *s = tcg_ctx;

    if (s->nb_labels >= TCG_MAX_LABELS)
        fatal("too many labels");
    s->labels[s->nb_labels].id = s->nb_labels;
    return &s->labels[s->nb_labels++];
}

struct tcg_op *tcg_emit_op(int opc, int type)
{
    struct tcg_ctx *s = tcg_ctx;
    struct tcg_op *op;

    if (s->nb_ops == s->cap_ops) {
        int cap = s->cap_ops ? s->cap_ops * 2 : 256;
        struct tcg_op *n = realloc(s->ops, cap * sizeof(*n));

        if (!n)
            fatal("out of memory");
        s->ops = n;
        s->cap_ops = cap;
    }
    op = &s->ops[s->nb_ops++];
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    op->type = type;
    op->nb_oargs = tcg_opdefs[opc].nb_oargs;
    op->nb_iargs = tcg_opdefs[opc].nb_iargs;
    op->nb_cargs = tcg_opdefs[opc].nb_cargs;
    return op;
}

int tcg_op_count(void)
{
    int n = 0;

    for (int i = 0; i < tcg_ctx->nb_ops; i++)
        n += tcg_ctx->ops[i].opc != TCG_OP_nop;
    return n;
}

const char *tcg_cond_name(int cond)
{
    static const char *const names[TCG_COND_COUNT] = {
        "eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu",
    };
    return cond >= 0 && cond < TCG_COND_COUNT ? names[cond] : "?";
}

static void dump_temp(FILE *f, const struct tcg_ctx *s, uint64_t t)
{
    const struct tcg_temp *tp = &s->temps[t];

    if (tp->name)
        fprintf(f, "%s", tp->name);
    else
        fprintf(f, "t%d", (int)(t - s->nb_globals));
}

void tcg_dump_ops(FILE *f)
{
    const struct tcg_ctx *s = tcg_ctx;

    for (int i = 0; i < s->nb_ops; i++) {
        const struct tcg_op *op = &s->ops[i];
        int nt = op->nb_oargs + op->nb_iargs;

        if (op->opc == TCG_OP_nop)
            continue;
        if (op->opc == TCG_OP_insn_start)
            fprintf(f, "\n");
        fprintf(f, " %s", tcg_opdefs[op->opc].name);
        if (tcg_opdefs[op->opc].flags & TCG_OPF_TYPED)
            fprintf(f, "_i%d", op->type == TCG_TYPE_I32 ? 32 : 64);
        if (op->opc == TCG_OP_call)
            fprintf(f, " %s", tcg_op_helper(op)->name);
        for (int a = 0; a < nt; a++) {
            fprintf(f, a ? "," : " ");
            dump_temp(f, s, op->args[a]);
        }
        for (int a = nt; a < tcg_op_nb_args(op); a++) {
            if (op->opc == TCG_OP_call)
                break;
            fprintf(f, nt || a > nt ? "," : " ");
            if ((op->opc == TCG_OP_setcond || op->opc == TCG_OP_movcond ||
                 op->opc == TCG_OP_brcond) && a == nt)
                fprintf(f, "%s", tcg_cond_name((int)op->args[a]));
            else if (op->opc == TCG_OP_set_label || op->opc == TCG_OP_br ||
                     (op->opc == TCG_OP_brcond && a == nt + 1))
                fprintf(f, "$L%d", (int)op->args[a]);
            else
                fprintf(f, "$0x%llx", (unsigned long long)op->args[a]);
        }
        fprintf(f, "\n");
    }
}

static unsigned features_allowed = TCG_FEAT_ALL;

void tcg_host_features_mask(unsigned allowed)
{
    __atomic_store_n(&features_allowed, allowed, __ATOMIC_RELAXED);
}

unsigned tcg_host_features_allowed(void)
{
    return __atomic_load_n(&features_allowed, __ATOMIC_RELAXED);
}

int tcg_backend_select(const char *name)
{
    for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
        if (!strcmp(backends[i]->name, name)) {
            cur = i;
            return 0;
        }
    }
    return -ENOENT;
}

const char *tcg_backend_name(void)
{
    return cur_backend->name;
}

/* Room for n insns in the context's tables (and their packing). */
static int reserve_insns(struct tcg_ctx *s, unsigned n)
{
    unsigned cap = n * 2 < 64 ? 64 : n * 2;
    /* per insn: each word and the end as ULEB128 of at most 10 bytes */
    void *d = realloc(s->insn_data_buf, cap * TCG_INSN_DATA_WORDS * sizeof(uint64_t));
    void *e = d ? realloc(s->insn_end_buf, cap * sizeof(uint32_t)) : NULL;
    void *p = e ? realloc(s->pack_buf, cap * (TCG_INSN_DATA_WORDS + 1) * 10) : NULL;

    if (d)
        s->insn_data_buf = d;
    if (e)
        s->insn_end_buf = e;
    if (p)
        s->pack_buf = p;
    if (!p)
        return -ENOMEM;
    s->insn_cap = cap;
    return 0;
}

int tcg_tb_alloc_insns(struct tcg_ctx *s, struct tcg_tb *tb)
{
    unsigned k = 0;

    for (int i = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc != TCG_OP_insn_start)
            continue;
        if (k + 1 >= s->insn_cap && reserve_insns(s, k + 1) < 0)
            return -ENOMEM;
        memcpy(&s->insn_data_buf[k * TCG_INSN_DATA_WORDS], s->ops[i].args,
               TCG_INSN_DATA_WORDS * sizeof(uint64_t));
        s->insn_end_buf[k++] = 0;
    }
    if (!s->insn_cap && reserve_insns(s, 1) < 0)
        return -ENOMEM;
    tb->nb_insns = k;
    tb->insn_data = s->insn_data_buf;
    tb->insn_end = s->insn_end_buf;
    return 0;
}

/*
 * The insn tables packed: per insn, each data word's difference from the
 * previous insn's and the end offset's, zigzag-encoded ULEB128 (mostly a
 * byte each, against 20 bytes unpacked: for the thousands of blocks a
 * dynamically linked program's start translates, pages not touched).
 */
static uint8_t *put_uleb(uint8_t *p, uint64_t v)
{
    do {
        *p++ = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    return p;
}

static const uint8_t *get_uleb(const uint8_t *p, uint64_t *v)
{
    unsigned shift = 0;

    *v = 0;
    do {
        *v |= (uint64_t)(*p & 0x7f) << shift;
        shift += 7;
    } while (*p++ & 0x80 && shift < 64);
    return p;
}

static uint64_t zigzag(uint64_t d)
{
    return d << 1 ^ (uint64_t)((int64_t)d >> 63);
}

static uint64_t unzigzag(uint64_t z)
{
    return z >> 1 ^ -(z & 1);
}

/* tb->insns: the packed insns, then the relocations (4-byte aligned),
 * in one allocation. */
static int keep_tables(struct tcg_tb *tb, const uint8_t *insns, size_t insns_size,
                       const uint32_t *relocs)
{
    size_t at = (insns_size + 3) & ~(size_t)3;
    uint8_t *p = malloc(at + (size_t)tb->nb_relocs * sizeof(uint32_t) + 1);

    tb->insns = p;
    tb->relocs = NULL;
    if (!p)
        return -ENOMEM;
    memcpy(p, insns, insns_size);
    tb->insns_size = insns_size;
    if (tb->nb_relocs) {
        memcpy(p + at, relocs, (size_t)tb->nb_relocs * sizeof(uint32_t));
        tb->relocs = (const uint32_t *)(p + at);
    }
    return 0;
}

static int pack_insns(struct tcg_ctx *s, struct tcg_tb *tb)
{
    uint64_t prev[TCG_INSN_DATA_WORDS + 1] = { 0 };
    uint8_t *p = s->pack_buf;

    for (unsigned i = 0; i < tb->nb_insns; i++) {
        for (int w = 0; w <= TCG_INSN_DATA_WORDS; w++) {
            uint64_t v = w < TCG_INSN_DATA_WORDS ? tb->insn_data[i * TCG_INSN_DATA_WORDS + w]
                                                 : tb->insn_end[i];

            p = put_uleb(p, zigzag(v - prev[w]));
            prev[w] = v;
        }
    }
    tb->insn_data = NULL;
    tb->insn_end = NULL;
    return keep_tables(tb, s->pack_buf, (size_t)(p - s->pack_buf), tb->relocs);
}

/* v (the data words, then the end) of the insn at p, from the previous
 * insn's; returns the next insn's position. */
static const uint8_t *next_insn(const uint8_t *p, uint64_t v[TCG_INSN_DATA_WORDS + 1])
{
    uint64_t z;

    for (int w = 0; w <= TCG_INSN_DATA_WORDS; w++) {
        p = get_uleb(p, &z);
        v[w] += unzigzag(z);
    }
    return p;
}

bool tcg_tb_insn(const struct tcg_tb *tb, unsigned i, uint64_t data[TCG_INSN_DATA_WORDS],
                 uint32_t *end)
{
    uint64_t v[TCG_INSN_DATA_WORDS + 1] = { 0 };
    const uint8_t *p = tb->insns;

    if (!p || i >= tb->nb_insns)
        return false;
    for (unsigned k = 0; k <= i; k++)
        p = next_insn(p, v);
    if (data)
        memcpy(data, v, TCG_INSN_DATA_WORDS * sizeof(uint64_t));
    if (end)
        *end = (uint32_t)v[TCG_INSN_DATA_WORDS];
    return true;
}

int tcg_gen_code(struct tcg_tb *tb)
{
    struct tcg_ctx *s = tcg_ctx;
    int ret;

    memset(tb, 0, sizeof(*tb));
    if (s->dump_items & TCG_DUMP_OP) {
        fprintf(s->dump_file, "OP:\n");
        tcg_dump_ops(s->dump_file);
    }
    if (s->optimize)
        tcg_optimize();
    if (s->optimize && (s->dump_items & TCG_DUMP_OP_OPT)) {
        fprintf(s->dump_file, "OP after optimization:\n");
        tcg_dump_ops(s->dump_file);
    }
    ret = tcg_tb_alloc_insns(s, tb);
    if (ret < 0)
        return ret;
    tb->be = cur_backend;
    tb->guest_base = s->guest_base;
    tb->jmp_off[0] = tb->jmp_off[1] = UINT32_MAX;
    ret = cur_backend->gen_code(s, tb);
    if (ret >= 0)
        ret = pack_insns(s, tb);
    if (ret < 0) {
        tcg_tb_free(tb);
        return ret;
    }
    if (s->dump_items & TCG_DUMP_OUT_ASM) {
        fprintf(s->dump_file, "OUT (%s, %zu bytes):\n", cur_backend->name, tb->size);
        tcg_tb_dump(s->dump_file, tb);
    }
    tcg_profile_block_done(tb);
    return 0;
}

void tcg_code_flush(void)
{
    for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
        backends[i]->flush();
}

void tcg_tb_free(struct tcg_tb *tb)
{
    if (!tb->tables_borrowed)
        free((void *)tb->insns);
    tb->tables_borrowed = false;
    tb->insns = NULL;
    tb->relocs = NULL;
    tb->nb_relocs = 0;
    tb->insn_data = NULL;
    tb->insn_end = NULL;
}

uintptr_t tcg_tb_exec(const struct tcg_tb *tb, void *env)
{
    if (tcg_profiling)
        __atomic_add_fetch(&tcg_prof.entries, 1, __ATOMIC_RELAXED);
    return tb->be->exec(tb, env);
}

void tcg_tb_set_jump(struct tcg_tb *tb, int n, const struct tcg_tb *dest)
{
    tb->be->set_jump(tb, n, dest);
}

void tcg_tb_reset_jump(struct tcg_tb *tb, int n)
{
    tb->be->set_jump(tb, n, NULL);
}

uintptr_t tcg_tb_ptr(const struct tcg_tb *tb)
{
    return tb->be->tb_ptr(tb);
}

void tcg_tb_dump(FILE *f, const struct tcg_tb *tb)
{
    tb->be->dump(f, tb);
}

bool tcg_tb_export(const struct tcg_tb *tb, uintptr_t ptr_base, uint8_t *code_out,
                   struct tcg_tb_image *img)
{
    if (!tb->be->export_code || !tb->insns)
        return false;
    tb->be->export_code(tb, ptr_base, code_out);
    *img = (struct tcg_tb_image){
        .code = code_out, .size = tb->size,
        .insns = tb->insns, .insns_size = tb->insns_size, .nb_insns = tb->nb_insns,
        .relocs = tb->relocs, .nb_relocs = tb->nb_relocs,
        .jmp_off = { tb->jmp_off[0], tb->jmp_off[1] }, .loop_off = tb->loop_off,
    };
    return true;
}

int tcg_tb_import(struct tcg_tb *tb, const struct tcg_tb_image *img, uintptr_t ptr_base)
{
    int ret;

    memset(tb, 0, sizeof(*tb));
    if (!cur_backend->import_code)
        return -ENOTSUP;
    /* the insns are trusted: the accel checks the image's integrity */
    if (!img->size || img->nb_insns == 0 || !img->insns_size ||
        (img->loop_off && img->loop_off >= img->size))
        return -EINVAL;
    for (int n = 0; n < 2; n++) {
        if (img->jmp_off[n] != UINT32_MAX &&
            (img->jmp_off[n] < 1 || (size_t)img->jmp_off[n] + 4 > img->size))
            return -EINVAL;
    }
    tb->be = cur_backend;
    tb->guest_base = tcg_ctx->guest_base;
    tb->nb_insns = img->nb_insns;
    tb->nb_relocs = img->nb_relocs;
    tb->jmp_off[0] = img->jmp_off[0];
    tb->jmp_off[1] = img->jmp_off[1];
    tb->loop_off = img->loop_off;
    if (img->borrow) {
        tb->insns = img->insns;
        tb->insns_size = img->insns_size;
        tb->relocs = img->nb_relocs ? img->relocs : NULL;
        tb->tables_borrowed = true;
        ret = 0;
    } else {
        ret = keep_tables(tb, img->insns, img->insns_size, img->relocs);
    }
    if (ret == 0)
        ret = cur_backend->import_code(tb, img, ptr_base);
    if (ret < 0)
        tcg_tb_free(tb);
    return ret;
}

void tcg_backend_code_key(char *buf, size_t size)
{
    snprintf(buf, size, "%s/%x", cur_backend->name,
             cur_backend->features ? cur_backend->features() : 0u);
}

uintptr_t tcg_fault_code_pc(uintptr_t host_pc)
{
    for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
        uintptr_t pc = backends[i]->fault_code_pc(host_pc);

        if (pc)
            return pc;
    }
    return 0;
}

void tcg_tb_fault_state(const struct tcg_tb *tb, uintptr_t host_pc, void *uc, void *env)
{
    if (tb->be && tb->be->fault_state && uc)
        tb->be->fault_state(tb, host_pc, uc, env);
}

void tcg_fork_start(void)
{
    for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
        if (backends[i]->fork_start)
            backends[i]->fork_start();
    }
}

void tcg_fork_end(bool child)
{
    for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
        if (backends[i]->fork_end)
            backends[i]->fork_end(child);
    }
}

unsigned tcg_fpflags_take(void)
{
    return cur_backend->fpflags_take ? cur_backend->fpflags_take(NULL) : 0;
}

unsigned tcg_fpflags_take_context(void *uc)
{
    return cur_backend->fpflags_take && uc ? cur_backend->fpflags_take(uc) : 0;
}

int tcg_tb_find_insn(const struct tcg_tb *tb, uintptr_t pc)
{
    uintptr_t start = (uintptr_t)tb->code;
    uint64_t v[TCG_INSN_DATA_WORDS + 1] = { 0 };
    const uint8_t *p = tb->insns;

    if (pc < start || pc >= start + tb->size || !p)
        return -1;
    for (unsigned i = 0; i < tb->nb_insns; i++) {
        p = next_insn(p, v);
        if (pc - start < v[TCG_INSN_DATA_WORDS])
            return (int)i;
    }
    return -1;
}
