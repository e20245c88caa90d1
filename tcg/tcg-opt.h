/*
 * The optimizer's private interface: constant evaluation of pure ops
 * (tcg-fold.c) used by the passes in optimize.c.
 */
#ifndef UEMU_TCG_OPT_H
#define UEMU_TCG_OPT_H

#include "tcg/tcg-internal.h"

/* Outputs of a pure op from constant inputs; false if op is not pure. */
bool tcg_fold(const struct tcg_op *op, const uint64_t *in, uint64_t *out);
bool tcg_fold_cond(int type, int cond, uint64_t a, uint64_t b);

#endif
