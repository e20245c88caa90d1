/*
 * Differential testing of the JIT: compile the current block with every
 * backend variant and run it next to the reference interpreter
 * (tcg-ref.h) on copies of the same CPU state and guest memory.
 *
 *     tcg_func_start(); ...emit ops...;
 *     struct tcg_check c;
 *     tcg_check_compile(&c);
 *     ok = tcg_check_run(&c, &env, sizeof(env), mem, sizeof(mem));
 *     tcg_check_free(&c);
 *
 * Guest memory must be the block tcg_ctx's guest_base points into.
 */
#ifndef TESTS_UNIT_TCG_CHECK_H
#define TESTS_UNIT_TCG_CHECK_H

#include "uemu/tcg.h"

#define TCG_CHECK_MAX_VARIANTS 4

struct tcg_check {
    int n;
    struct tcg_tb tb[TCG_CHECK_MAX_VARIANTS];
    const char *name[TCG_CHECK_MAX_VARIANTS];
    struct tcg_op_snapshot *ir;
};

/* Compile every variant (backend x optimizer setting) available. */
void tcg_check_compile(struct tcg_check *c);
/*
 * Run the reference and each variant; true when all agree on the return
 * value, env, mem and (for faults) tcg_fault.  On return env and mem hold
 * the reference's result; a mismatch is printed to stderr.
 */
bool tcg_check_run(struct tcg_check *c, void *env, size_t env_size,
                   void *mem, size_t mem_size, uintptr_t *ret);
/* Free the tbs and all compiled code. */
void tcg_check_free(struct tcg_check *c);
/* Restore the block's IR as it was before compilation (for dumps). */
void tcg_check_restore_ir(const struct tcg_check *c);

#endif
