/*
 * Inside the riscv64 translator: the per-instruction context, register
 * access, and the tables through which each translate-*.c file offers
 * its instructions.
 *
 * A translation function receives the decoded instruction (rv_insn) and
 * emits its IR; it returns false for an encoding it rejects, which the
 * caller turns into an illegal-instruction exception.  Functions read
 * only rv_insn fields, never instruction bits.
 *
 * The CPU state layout and the helpers are in helper.h (cpu.c), so the
 * translator never includes cpu.h next to decode.h.
 */
#ifndef TARGET_RISCV64_TRANSLATE_H
#define TARGET_RISCV64_TRANSLATE_H

#include "target/riscv64/decode.h"
#include "target/riscv64/helper.h"
#include "uemu/exec.h"
#include "uemu/tcg-op.h"

struct rv_tr {
    struct exec_dc *dc;
    uint64_t pc;            /* of this instruction */
    uint64_t pc_next;       /* pc + len */
};

typedef bool (*rv_trans_fn)(struct rv_tr *t, const rv_insn *d);

struct rv_trans_entry {
    uint16_t id;            /* enum rv_id */
    rv_trans_fn fn;
};

/* IR globals (translate.c). */
extern tcg_i64 rv_gpr[32];      /* [0] unused: x0 reads as a constant */
extern tcg_i64 rv_fpr[32];
extern tcg_i64 rv_pc;
extern tcg_i64 rv_res_addr, rv_res_val;

/* A temp holding integer register r (0 for x0). */
tcg_i64 rv_get_gpr(int r);
/* Write v to integer register r; nothing for x0. */
void rv_set_gpr(int r, tcg_i64 v);
/* The register to compute into for rd: the global, or a scratch temp
 * for x0 (the result is dropped). */
tcg_i64 rv_dest_gpr(int r);
/* The single in f: its low word when properly NaN-boxed, else the
 * canonical NaN; zero-extended (translate-sys.c). */
tcg_i64 rv_gen_unbox_s(tcg_i64 f);
/* End the block with an exception at this instruction. */
void rv_gen_exception(struct rv_tr *t, int code);

/* Per-file tables. */
extern const struct rv_trans_entry rv_trans_base[];
extern const size_t rv_trans_base_len;
extern const struct rv_trans_entry rv_trans_ma[];
extern const size_t rv_trans_ma_len;
extern const struct rv_trans_entry rv_trans_zb[];
extern const size_t rv_trans_zb_len;
extern const struct rv_trans_entry rv_trans_sys[];
extern const size_t rv_trans_sys_len;
extern const struct rv_trans_entry rv_trans_fp[];
extern const size_t rv_trans_fp_len;

#endif
