/*
 * Inside the JIT core: the op list, temps, labels and the backend
 * interface.  Shared by tcg/, its backends and the unit tests' reference
 * interpreter; front ends use include/uemu/tcg.h and tcg-op.h only.
 */
#ifndef UEMU_TCG_INTERNAL_H
#define UEMU_TCG_INTERNAL_H

#include "uemu/tcg.h"

enum tcg_temp_kind {
    TCG_TEMP_ENV,      /* the env pointer (temp 0) */
    TCG_TEMP_GLOBAL,   /* a CPU-state field */
    TCG_TEMP_LOCAL,    /* lives for the block */
};

struct tcg_temp {
    uint8_t type;      /* TCG_TYPE_I32 or TCG_TYPE_I64 (pointers are i64) */
    uint8_t kind;
    intptr_t offset;   /* globals: offset from env */
    const char *name;
};

#define TCG_MAX_OP_ARGS 10

struct tcg_op {
    uint8_t opc;
    uint8_t type;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    /* bit k: temp arg k is dead after the op (set by the optimizer's
     * liveness pass; 0, nothing known, otherwise) */
    uint16_t dead;
    uint64_t args[TCG_MAX_OP_ARGS];
};

struct tcg_label {
    int id;
};

struct tcg_ctx {
    uintptr_t guest_base;
    bool optimize;
    FILE *dump_file;
    unsigned dump_items;
    int nb_globals;              /* temps [0, nb_globals) persist */
    int nb_temps;
    int nb_labels;
    int nb_ops, cap_ops;
    struct tcg_op *ops;
    /* bit n: goto_tb n jumps to the block's own start (tcg_gen_goto_tb_self) */
    unsigned goto_tb_self;
    /* the optimizer's output array; it and ops swap from block to block */
    int cap_spare;
    struct tcg_op *spare;
    struct tcg_temp temps[TCG_MAX_TEMPS];
    struct tcg_label labels[TCG_MAX_LABELS];
    /* the optimizer's liveness bitsets (tcg/optimize.c) */
    struct tcg_live_mem {
        uint64_t *buf;
        size_t cap;
        int globals_for, globals_words;
    } live_mem;
    /* the insn tables of the block being generated, and their packing */
    unsigned insn_cap;
    uint64_t *insn_data_buf;
    uint32_t *insn_end_buf;
    uint8_t *pack_buf;
};

struct tcg_backend {
    const char *name;
    int (*gen_code)(struct tcg_ctx *s, struct tcg_tb *tb);
    uintptr_t (*exec)(const struct tcg_tb *tb, void *env);
    void (*set_jump)(struct tcg_tb *tb, int n, const struct tcg_tb *dest);
    uintptr_t (*tb_ptr)(const struct tcg_tb *tb);
    void (*flush)(void);
    void (*dump)(FILE *f, const struct tcg_tb *tb);
    /* the code position of a host fault at host_pc, 0 if not ours */
    uintptr_t (*fault_code_pc)(uintptr_t host_pc);
    /* host instructions of a block (-d profile), NULL: not counted */
    unsigned (*count_insns)(const struct tcg_tb *tb);
    /* moving code (tcg_tb_export/import), NULL: cannot; import sets
     * code and size only */
    void (*export_code)(const struct tcg_tb *tb, uintptr_t ptr_base, uint8_t *out);
    int (*import_code)(struct tcg_tb *tb, const struct tcg_tb_image *img, uintptr_t ptr_base);
    /* the host features the backend's code uses */
    unsigned (*features)(void);
    /* tcg_fpflags_take (uc NULL) or _context; NULL: none accrue */
    unsigned (*fpflags_take)(void *uc);
    /* tcg_fork_start/_end: locks its running code takes; NULL: none */
    void (*fork_start)(void);
    void (*fork_end)(bool child);
    /* tcg_tb_fault_state; NULL: the state is always current at a fault */
    void (*fault_state)(const struct tcg_tb *tb, uintptr_t host_pc, void *uc, void *env);
};

/* tcg-profile.c: a block's translation starts and ends. */
void tcg_profile_block_start(void);
void tcg_profile_block_done(const struct tcg_tb *tb);

extern const struct tcg_backend tcg_backend_tci;
extern const struct tcg_backend tcg_backend_x86_64;

/* Append an op; the builders of tcg-op.c go through this. */
struct tcg_op *tcg_emit_op(int opc, int type);
static inline int tcg_op_nb_args(const struct tcg_op *op)
{
    return op->nb_oargs + op->nb_iargs + op->nb_cargs;
}
/* The helper of a call op. */
static inline const struct tcg_helper *tcg_op_helper(const struct tcg_op *op)
{
    return (const struct tcg_helper *)(uintptr_t)
        op->args[op->nb_oargs + op->nb_iargs];
}
/* Truncate v to the width of type (i32 values are kept zero-extended). */
static inline uint64_t tcg_trunc(int type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (uint32_t)v : v;
}
/* Fill the insn tables of tb from the ops (insn_end filled by backends). */
int tcg_tb_alloc_insns(struct tcg_ctx *s, struct tcg_tb *tb);
const char *tcg_cond_name(int cond);

#endif
