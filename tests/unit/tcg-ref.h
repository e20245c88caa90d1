/*
 * The unit tests' oracle: a plain-C interpreter of the IR in the current
 * context, written from the op definitions in include/uemu/tcg.h and
 * sharing no code with the backends.
 */
#ifndef TESTS_UNIT_TCG_REF_H
#define TESTS_UNIT_TCG_REF_H

#include "uemu/tcg.h"

/*
 * Run the ops of tcg_ctx's current block with env.  goto_tb falls
 * through (no chaining); goto_ptr p ends the run with value p.  Returns
 * like tcg_tb_exec (TCG_EXIT_FAULT sets tcg_fault).
 */
uintptr_t tcg_ref_run(void *env);

#endif
