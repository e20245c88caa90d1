/*
 * The IR builder: what a front end calls to emit ops into the current
 * block (tcg_ctx).  Names say the op and its type: tcg_gen_add_i64(d, a, b)
 * emits d = a + b on 64 bits.  The meaning of each op, for every input, is
 * in include/uemu/tcg.h.  Immediate forms (addi, shli, brcondi, ...) put
 * the constant in a temp; the optimizer folds it.
 *
 *     tcg_func_start();
 *     tcg_i64 t = tcg_temp_new_i64();
 *     tcg_gen_insn_start(pc, 0);
 *     tcg_gen_addi_i64(t, x1, 4);
 *     tcg_gen_qemu_ld_i64(x2, t, TCG_MO_32 | TCG_MO_SIGN);
 *     tcg_gen_exit_tb(0);
 */
#ifndef UEMU_TCG_OP_H
#define UEMU_TCG_OP_H

#include "uemu/tcg.h"

#define TCG_DECL_BUILDERS(T, t)                                              \
    void tcg_gen_mov_##t(T d, T a);                                          \
    void tcg_gen_movi_##t(T d, uint64_t imm);                                \
    void tcg_gen_add_##t(T d, T a, T b);                                     \
    void tcg_gen_sub_##t(T d, T a, T b);                                     \
    void tcg_gen_mul_##t(T d, T a, T b);                                     \
    void tcg_gen_div_##t(T d, T a, T b);                                     \
    void tcg_gen_divu_##t(T d, T a, T b);                                    \
    void tcg_gen_rem_##t(T d, T a, T b);                                     \
    void tcg_gen_remu_##t(T d, T a, T b);                                    \
    void tcg_gen_and_##t(T d, T a, T b);                                     \
    void tcg_gen_or_##t(T d, T a, T b);                                      \
    void tcg_gen_xor_##t(T d, T a, T b);                                     \
    void tcg_gen_andc_##t(T d, T a, T b);                                    \
    void tcg_gen_orc_##t(T d, T a, T b);                                     \
    void tcg_gen_shl_##t(T d, T a, T b);                                     \
    void tcg_gen_shr_##t(T d, T a, T b);                                     \
    void tcg_gen_sar_##t(T d, T a, T b);                                     \
    void tcg_gen_rotl_##t(T d, T a, T b);                                    \
    void tcg_gen_rotr_##t(T d, T a, T b);                                    \
    void tcg_gen_addi_##t(T d, T a, uint64_t imm);                           \
    void tcg_gen_subi_##t(T d, T a, uint64_t imm);                           \
    void tcg_gen_muli_##t(T d, T a, uint64_t imm);                           \
    void tcg_gen_andi_##t(T d, T a, uint64_t imm);                           \
    void tcg_gen_ori_##t(T d, T a, uint64_t imm);                            \
    void tcg_gen_xori_##t(T d, T a, uint64_t imm);                           \
    void tcg_gen_shli_##t(T d, T a, uint64_t imm);                           \
    void tcg_gen_shri_##t(T d, T a, uint64_t imm);                           \
    void tcg_gen_sari_##t(T d, T a, uint64_t imm);                           \
    void tcg_gen_neg_##t(T d, T a);                                          \
    void tcg_gen_not_##t(T d, T a);                                          \
    void tcg_gen_clz_##t(T d, T a);                                          \
    void tcg_gen_ctz_##t(T d, T a);                                          \
    void tcg_gen_ctpop_##t(T d, T a);                                        \
    void tcg_gen_bswap16_##t(T d, T a);                                      \
    void tcg_gen_bswap32_##t(T d, T a);                                      \
    void tcg_gen_ext8s_##t(T d, T a);                                        \
    void tcg_gen_ext8u_##t(T d, T a);                                        \
    void tcg_gen_ext16s_##t(T d, T a);                                       \
    void tcg_gen_ext16u_##t(T d, T a);                                       \
    void tcg_gen_mulu2_##t(T lo, T hi, T a, T b);                            \
    void tcg_gen_muls2_##t(T lo, T hi, T a, T b);                            \
    void tcg_gen_deposit_##t(T d, T a, T b, unsigned pos, unsigned len);     \
    void tcg_gen_extract_##t(T d, T a, unsigned pos, unsigned len);          \
    void tcg_gen_sextract_##t(T d, T a, unsigned pos, unsigned len);         \
    void tcg_gen_setcond_##t(enum tcg_cond c, T d, T a, T b);                \
    void tcg_gen_movcond_##t(enum tcg_cond c, T d, T c1, T c2, T v1, T v2);  \
    void tcg_gen_brcond_##t(enum tcg_cond c, T a, T b, tcg_label *l);        \
    void tcg_gen_brcondi_##t(enum tcg_cond c, T a, uint64_t imm,             \
                             tcg_label *l);                                  \
    /* host memory at base + offset; memop size <= the type's width */     \
    void tcg_gen_ld_##t(T d, tcg_ptr base, intptr_t offset, unsigned memop); \
    void tcg_gen_st_##t(T v, tcg_ptr base, intptr_t offset, unsigned memop); \
    /* guest memory */                                                       \
    void tcg_gen_qemu_ld_##t(T d, tcg_i64 addr, unsigned memop);             \
    void tcg_gen_qemu_st_##t(T v, tcg_i64 addr, unsigned memop);             \
    void tcg_gen_atomic_cmpxchg_##t(T d, tcg_i64 addr, T cmp, T nv,          \
                                    unsigned memop);                         \
    void tcg_gen_atomic_fetch_##t(enum tcg_aop aop, T d, tcg_i64 addr, T v,  \
                                  unsigned memop);

TCG_DECL_BUILDERS(tcg_i32, i32)
TCG_DECL_BUILDERS(tcg_i64, i64)
#undef TCG_DECL_BUILDERS

void tcg_gen_bswap64_i64(tcg_i64 d, tcg_i64 a);
void tcg_gen_ext32s_i64(tcg_i64 d, tcg_i64 a);
void tcg_gen_ext32u_i64(tcg_i64 d, tcg_i64 a);
void tcg_gen_ext_i32_i64(tcg_i64 d, tcg_i32 a);
void tcg_gen_extu_i32_i64(tcg_i64 d, tcg_i32 a);
void tcg_gen_extrl_i64_i32(tcg_i32 d, tcg_i64 a);
void tcg_gen_extrh_i64_i32(tcg_i32 d, tcg_i64 a);

/* A host pointer temp used as an i64 (pointers are 64 bits). */
static inline tcg_i64 tcg_ptr_i64(tcg_ptr p)
{
    return (tcg_i64){ p.n };
}

void tcg_gen_set_label(tcg_label *l);
void tcg_gen_br(tcg_label *l);
void tcg_gen_mb(unsigned kind);
/* d = the FP flags the host accrued for this thread's generated code
 * (TCG_FPF_*, tcg_fpflags_take), which are cleared; or only clear them. */
void tcg_gen_fpflags_take(tcg_i64 d);
void tcg_gen_fpflags_clear(void);

/*
 * Call h.  ret is the result temp's .n (-1 for a void helper); args holds
 * h->nargs temp numbers whose types match h->args.
 */
void tcg_gen_call(const struct tcg_helper *h, int ret, const int *args);

void tcg_gen_insn_start(uint64_t d0, uint64_t d1);
void tcg_gen_loop_entry(void);
void tcg_gen_goto_tb(unsigned n);
/*
 * goto_tb n to the block's own start: it may be chained only to the
 * block itself (the JIT then keeps the pinned globals in registers
 * across the jump without writing them back).
 */
void tcg_gen_goto_tb_self(unsigned n);
void tcg_gen_exit_tb(uintptr_t val);
void tcg_gen_goto_ptr(tcg_ptr p);

#endif
