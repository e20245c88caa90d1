/*
 * The IR opcode table: one line per op.
 *
 * DEF(name, nb_oargs, nb_iargs, nb_cargs, flags).  Output arguments come
 * first in an op's argument list, then inputs (both temp indices), then
 * constant arguments (immediates, memops, conditions, label numbers).
 * Ops marked TCG_OPF_TYPED act on the op's type (i32 or i64); the meaning
 * of each op, for every input, is given in include/uemu/tcg.h.  Calls have
 * a variable number of arguments recorded in the op itself.
 *
 * Include this file with DEF defined; it is not a header of its own.
 */
/* moves */
DEF(mov, 1, 1, 0, TCG_OPF_TYPED)
DEF(movi, 1, 0, 1, TCG_OPF_TYPED)
/* arithmetic and logic */
DEF(add, 1, 2, 0, TCG_OPF_TYPED)
DEF(sub, 1, 2, 0, TCG_OPF_TYPED)
DEF(mul, 1, 2, 0, TCG_OPF_TYPED)
DEF(div, 1, 2, 0, TCG_OPF_TYPED)
DEF(divu, 1, 2, 0, TCG_OPF_TYPED)
DEF(rem, 1, 2, 0, TCG_OPF_TYPED)
DEF(remu, 1, 2, 0, TCG_OPF_TYPED)
DEF(and, 1, 2, 0, TCG_OPF_TYPED)
DEF(or, 1, 2, 0, TCG_OPF_TYPED)
DEF(xor, 1, 2, 0, TCG_OPF_TYPED)
DEF(andc, 1, 2, 0, TCG_OPF_TYPED)
DEF(orc, 1, 2, 0, TCG_OPF_TYPED)
DEF(shl, 1, 2, 0, TCG_OPF_TYPED)
DEF(shr, 1, 2, 0, TCG_OPF_TYPED)
DEF(sar, 1, 2, 0, TCG_OPF_TYPED)
DEF(rotl, 1, 2, 0, TCG_OPF_TYPED)
DEF(rotr, 1, 2, 0, TCG_OPF_TYPED)
DEF(neg, 1, 1, 0, TCG_OPF_TYPED)
DEF(not, 1, 1, 0, TCG_OPF_TYPED)
DEF(mulu2, 2, 2, 0, TCG_OPF_TYPED)
DEF(muls2, 2, 2, 0, TCG_OPF_TYPED)
/* bit counting and byte swaps */
DEF(clz, 1, 1, 0, TCG_OPF_TYPED)
DEF(ctz, 1, 1, 0, TCG_OPF_TYPED)
DEF(ctpop, 1, 1, 0, TCG_OPF_TYPED)
DEF(bswap16, 1, 1, 0, TCG_OPF_TYPED)
DEF(bswap32, 1, 1, 0, TCG_OPF_TYPED)
DEF(bswap64, 1, 1, 0, TCG_OPF_TYPED)
/* extensions within a type */
DEF(ext8s, 1, 1, 0, TCG_OPF_TYPED)
DEF(ext8u, 1, 1, 0, TCG_OPF_TYPED)
DEF(ext16s, 1, 1, 0, TCG_OPF_TYPED)
DEF(ext16u, 1, 1, 0, TCG_OPF_TYPED)
DEF(ext32s, 1, 1, 0, TCG_OPF_TYPED)
DEF(ext32u, 1, 1, 0, TCG_OPF_TYPED)
/* conversions between i32 and i64 */
DEF(ext_i32_i64, 1, 1, 0, 0)
DEF(extu_i32_i64, 1, 1, 0, 0)
DEF(extrl_i64_i32, 1, 1, 0, 0)
DEF(extrh_i64_i32, 1, 1, 0, 0)
/* bit fields: cargs are pos, len */
DEF(deposit, 1, 2, 2, TCG_OPF_TYPED)
DEF(extract, 1, 1, 2, TCG_OPF_TYPED)
DEF(sextract, 1, 1, 2, TCG_OPF_TYPED)
/* conditions: the carg is a tcg_cond */
DEF(setcond, 1, 2, 1, TCG_OPF_TYPED)
DEF(movcond, 1, 4, 1, TCG_OPF_TYPED)
/* control flow inside a block: label numbers */
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END)
DEF(br, 0, 0, 1, TCG_OPF_BB_END)
DEF(brcond, 0, 2, 2, TCG_OPF_TYPED | TCG_OPF_BB_END)
/* host memory (the CPU state): cargs are offset, memop */
DEF(ld, 1, 1, 2, TCG_OPF_TYPED)
DEF(st, 0, 2, 2, TCG_OPF_TYPED | TCG_OPF_SIDE_EFFECTS)
/* guest memory: the carg is a memop */
DEF(qemu_ld, 1, 1, 1, TCG_OPF_TYPED | TCG_OPF_MAY_FAULT | TCG_OPF_SIDE_EFFECTS)
DEF(qemu_st, 0, 2, 1, TCG_OPF_TYPED | TCG_OPF_MAY_FAULT | TCG_OPF_SIDE_EFFECTS)
DEF(atomic_cmpxchg, 1, 3, 1, TCG_OPF_TYPED | TCG_OPF_MAY_FAULT | TCG_OPF_SIDE_EFFECTS)
DEF(atomic_fetch, 1, 2, 2, TCG_OPF_TYPED | TCG_OPF_MAY_FAULT | TCG_OPF_SIDE_EFFECTS)
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)
/* the host's accrued FP flags (tcg_fpflags_take): read and clear, clear */
DEF(fpflags_take, 1, 0, 0, TCG_OPF_SIDE_EFFECTS)
DEF(fpflags_clear, 0, 0, 0, TCG_OPF_SIDE_EFFECTS)
/* helper calls: variable arguments, the last carg is the helper */
DEF(call, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)
/* per guest instruction data */
DEF(insn_start, 0, 0, TCG_INSN_DATA_WORDS, TCG_OPF_SIDE_EFFECTS)
/* where a goto_tb of the block to itself may enter: the code before it
 * only loads state or writes what stays true (the block's identity) */
DEF(loop_entry, 0, 0, 0, TCG_OPF_SIDE_EFFECTS)
/* block exits */
DEF(goto_tb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS | TCG_OPF_NORETURN)
DEF(goto_ptr, 0, 1, 0, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS | TCG_OPF_NORETURN)
/* removed by the optimizer */
DEF(nop, 0, 0, 0, 0)
