/*
 * Differential runs of one block: reference interpreter against every
 * backend variant (see tcg-check.h).  Compilation may rewrite the op list
 * (the optimizer does), so the IR is snapshot first and restored for each
 * variant and for the reference.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg-internal.h"
#include "tests/unit/tcg-check.h"
#include "tests/unit/tcg-ref.h"

struct tcg_op_snapshot {
    int nb_ops, nb_temps, nb_labels;
    struct tcg_op ops[];
};

static const char *const backend_names[] = { "jit", "tci" };
static const char *const variant_names[] = {
    "jit unoptimized", "jit optimized", "tci unoptimized", "tci optimized",
};

void tcg_check_restore_ir(const struct tcg_check *c)
{
    struct tcg_ctx *s = tcg_ctx;

    s->nb_ops = 0;
    for (int i = 0; i < c->ir->nb_ops; i++)
        *tcg_emit_op(TCG_OP_nop, TCG_TYPE_I64) = c->ir->ops[i];
    s->nb_temps = c->ir->nb_temps;
    s->nb_labels = c->ir->nb_labels;
}

void tcg_check_compile(struct tcg_check *c)
{
    struct tcg_ctx *s = tcg_ctx;
    const char *prev = tcg_backend_name();

    memset(c, 0, sizeof(*c));
    c->ir = malloc(sizeof(*c->ir) + s->nb_ops * sizeof(struct tcg_op));
    if (!c->ir)
        abort();
    c->ir->nb_ops = s->nb_ops;
    c->ir->nb_temps = s->nb_temps;
    c->ir->nb_labels = s->nb_labels;
    memcpy(c->ir->ops, s->ops, s->nb_ops * sizeof(struct tcg_op));
    for (size_t v = 0; v < 2 * sizeof(backend_names) / sizeof(backend_names[0]); v++) {
        if (tcg_backend_select(backend_names[v / 2]) < 0)
            continue;
        tcg_ctx_set_optimize(s, v & 1);
        tcg_check_restore_ir(c);
        if (tcg_gen_code(&c->tb[c->n]) < 0) {
            fprintf(stderr, "tcg_gen_code failed for %s\n", variant_names[v]);
            abort();
        }
        c->name[c->n++] = variant_names[v];
    }
    tcg_ctx_set_optimize(s, true);
    tcg_backend_select(prev);
    tcg_check_restore_ir(c);
}

static void hexdiff(const char *what, const unsigned char *a,
                    const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            fprintf(stderr, "  %s differs at byte %zu: ref %02x got %02x\n",
                    what, i, a[i], b[i]);
            return;
        }
    }
}

bool tcg_check_run(struct tcg_check *c, void *env, size_t env_size,
                   void *mem, size_t mem_size, uintptr_t *retp)
{
    unsigned char *env0 = malloc(env_size), *mem0 = malloc(mem_size);
    unsigned char *envr = malloc(env_size), *memr = malloc(mem_size);
    struct tcg_fault fault_ref;
    uintptr_t ref;
    bool ok = true;

    if (!env0 || !mem0 || !envr || !memr)
        abort();
    memcpy(env0, env, env_size);
    memcpy(mem0, mem, mem_size);
    memset(&tcg_fault, 0, sizeof(tcg_fault));
    tcg_check_restore_ir(c);
    ref = tcg_ref_run(env);
    fault_ref = tcg_fault;
    memcpy(envr, env, env_size);
    memcpy(memr, mem, mem_size);
    for (int v = 0; v < c->n; v++) {
        uintptr_t got;

        memcpy(env, env0, env_size);
        memcpy(mem, mem0, mem_size);
        memset(&tcg_fault, 0, sizeof(tcg_fault));
        got = tcg_tb_exec(&c->tb[v], env);
        if (got != ref || memcmp(env, envr, env_size) ||
            memcmp(mem, memr, mem_size) ||
            (ref == TCG_EXIT_FAULT &&
             (tcg_fault.addr != fault_ref.addr ||
              tcg_fault.memop != fault_ref.memop ||
              tcg_fault.is_write != fault_ref.is_write ||
              tcg_fault.insn != fault_ref.insn))) {
            fprintf(stderr, "mismatch: %s: ret ref %#lx got %#lx\n", c->name[v],
                    (unsigned long)ref, (unsigned long)got);
            if (ref == TCG_EXIT_FAULT)
                fprintf(stderr, "  fault ref %#llx/%#x/%d/%d got %#llx/%#x/%d/%d\n",
                        (unsigned long long)fault_ref.addr, fault_ref.memop,
                        fault_ref.is_write, fault_ref.insn,
                        (unsigned long long)tcg_fault.addr, tcg_fault.memop,
                        tcg_fault.is_write, tcg_fault.insn);
            hexdiff("env", envr, env, env_size);
            hexdiff("mem", memr, mem, mem_size);
            ok = false;
        }
    }
    memcpy(env, envr, env_size);
    memcpy(mem, memr, mem_size);
    tcg_fault = fault_ref;
    if (retp)
        *retp = ref;
    free(env0);
    free(mem0);
    free(envr);
    free(memr);
    return ok;
}

void tcg_check_free(struct tcg_check *c)
{
    for (int v = 0; v < c->n; v++)
        tcg_tb_free(&c->tb[v]);
    free(c->ir);
    c->ir = NULL;
    c->n = 0;
    tcg_code_flush();
}
