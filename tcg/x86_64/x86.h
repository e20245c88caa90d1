/*
 * Inside the x86_64 backend: the code buffer, host features and the
 * register conventions shared by the prologue and the generated code.
 *
 * r14 holds env and r15 guest_base for the whole life of generated code;
 * rsp points at the frame, one 8-byte slot per temp ([rsp + 8 * n]).
 */
#ifndef UEMU_TCG_X86_H
#define UEMU_TCG_X86_H

#include <stdbool.h>

#include "tcg/tcg-internal.h"
#include "tcg/x86_64/x86-asm.h"
#include "uemu/byte-buf.h"

#define X86_ENV R14
#define X86_GUEST_BASE R15
#define X86_FRAME (TCG_MAX_TEMPS * 8 + 8)
#define ALIGN16(x) (((x) + 15) & ~(size_t)15)

/* Lock the code buffer and point b at its free space (0 or -errno). */
int x86_code_begin(struct xbuf *b);
/* Unlock; keep the bytes emitted into b when keep. */
void x86_code_end(struct xbuf *b, bool keep);
void x86_code_flush(void);
uintptr_t x86_enter(void *env, const void *code, uintptr_t guest_base);
/* Executable address of the epilogue (return rax to x86_enter's caller). */
const uint8_t *x86_epilogue(void);
/* host_pc if it lies in the code buffer's executable view, else 0. */
uintptr_t x86_fault_code_pc(uintptr_t host_pc);
/* Executable view minus writable view of the code buffer. */
intptr_t x86_rx_delta(void);

/* The optional instructions the CPU has, masked by tcg_host_features_mask. */
unsigned x86_features(void);

/* The register cache of x86-regs.c. */
struct x86_regs {
    const struct tcg_ctx *s;
    struct xbuf *b;
    bool enabled;
    unsigned clock;
    int8_t slot_of[TCG_MAX_TEMPS];     /* allocatable register index or -1 */
    bool dirty[TCG_MAX_TEMPS];         /* register newer than the home */
    bool written[TCG_MAX_TEMPS];       /* an op of the block writes it */
    int nb_pinned;                     /* slots [0, nb_pinned) are pinned */
    int temp_in[8];
    unsigned last_use[8];
    /* locals holding a constant not yet in any register (movi is lazy) */
    bool pend[TCG_MAX_TEMPS];
    bool pend_home[TCG_MAX_TEMPS];     /* the home holds it too */
    uint64_t pend_val[TCG_MAX_TEMPS];
    bool pend_listed[TCG_MAX_TEMPS];   /* in pend_list (once at most) */
    int pend_list[TCG_MAX_TEMPS];
    int nb_pend;
    /* FP shadows: a temp an FP fast path produced or read may also be
     * in an xmm register (xmm_of, or -1), always equal to its value */
    int8_t xmm_of[TCG_MAX_TEMPS];
    int xmm_temp[16];
    unsigned xmm_last_use[16];
};

/* Memory home of temp t ([base + disp]); false for env (r14). */
bool x86_home(const struct tcg_ctx *s, uint64_t t, int *base, int32_t *disp);
/* enabled false keeps every temp in its home (no caching). */
void x86_regs_init(struct x86_regs *r, const struct tcg_ctx *s, struct xbuf *b,
                   bool enabled);
/* Load the pinned globals: the start of the block's code. */
void x86_regs_enter(struct x86_regs *r);
/* reg = t, and t = reg (reg is a scratch register, never allocatable). */
void x86_reg_load(struct x86_regs *r, int reg, uint64_t t);
void x86_reg_store(struct x86_regs *r, uint64_t t, int reg);
/*
 * For ops that work on allocated registers directly (only when the
 * allocator is enabled): the register holding t to read (loaded if
 * needed), and the register to write t's new value into.  keep collects
 * the registers the op holds, so later calls do not evict them.
 */
int x86_reg_use(struct x86_regs *r, uint64_t t, unsigned *keep);
int x86_reg_def(struct x86_regs *r, uint64_t t, unsigned *keep);
/*
 * Lazy constants: a local set by movi gets no code; its value is an
 * immediate for the ops that take one (x86_reg_const), and is put in a
 * register or its home only when something needs it there.
 */
void x86_reg_set_const(struct x86_regs *r, uint64_t t, uint64_t v);
bool x86_reg_const(const struct x86_regs *r, uint64_t t, uint64_t *v);
/* Only the pinned globals are cached, all written back, no constant
 * pending: the state a goto_tb leaves. */
bool x86_regs_only_pinned(const struct x86_regs *r);
/* Bit k: pinned slot k is dirty (not written back); set them so. */
unsigned x86_regs_pinned_dirty(const struct x86_regs *r);
void x86_regs_set_pinned_dirty(struct x86_regs *r, unsigned mask);
/* Whether t's home holds its current value. */
bool x86_reg_home_valid(const struct x86_regs *r, uint64_t t);
void x86_regs_sync_globals(struct x86_regs *r);
/* Write back the dirty globals but the pinned ones (registers stay). */
void x86_regs_sync_unpinned_globals(struct x86_regs *r);
void x86_regs_forget_globals(struct x86_regs *r);
/* Write every dirty temp back (registers stay valid), or also forget. */
void x86_regs_writeback_all(struct x86_regs *r);
/* The same, but the locals for which live(ctx, t) is false (live NULL:
 * none) stay dirty only in their registers (a branch to code that does
 * not read them). */
void x86_regs_writeback_live(struct x86_regs *r, bool (*live)(void *ctx, int t), void *ctx);
void x86_regs_spill_all(struct x86_regs *r);
/* Free the registers of op's locals that are dead after it. */
void x86_regs_drop_dead(struct x86_regs *r, const struct tcg_op *op);
/* Spill the allocatable registers a C call clobbers. */
void x86_regs_before_call(struct x86_regs *r);
/*
 * The xmm shadows of x86-fast.c's operands and results (xmm5-15; xmm0-4
 * are the fast paths' scratch): a temp's shadow (or -1); a shadow for t
 * (t's value must be put there: the caller emits that); the code that
 * refills every shadow after a C call clobbered them (no state change);
 * forgetting them all.  Writing t drops its shadow.
 */
#define X86_XMM_FIRST 5
int x86_xmm_of(const struct x86_regs *r, uint64_t t);
int x86_xmm_assign(struct x86_regs *r, uint64_t t);
void x86_xmm_refill(const struct x86_regs *r);
void x86_xmm_forget(struct x86_regs *r);
/* reg = t, changing no allocator state (for code on one path only). */
void x86_reg_peek(const struct x86_regs *r, int reg, uint64_t t);
/* xmm = t (its low 32 bits only when !wq), likewise; uses r9. */
void x86_reg_peek_xmm(const struct x86_regs *r, int xmm, uint64_t t, int wq);
/* Whether an allocatable register a C call clobbers holds a temp. */
bool x86_regs_call_clobbered_busy(const struct x86_regs *r);

/*
 * The FP fast paths of x86-fast.c, at a helper call with its arguments
 * loaded: whether the call can have one; whether its argument i (env,
 * the rounding mode) need be loaded only on the way to the call; the
 * fast path, falling through when it applies, else jumping (*slow) to
 * the call.
 */
bool x86_fast_usable(struct x86_regs *r, const struct tcg_op *op, const struct tcg_helper *h);
bool x86_fast_deferred(const struct x86_regs *r, const struct tcg_op *op,
                       const struct tcg_helper *h, int i);
/* Whether the fast path leaves its FP result in xmm0 (not a compare). */
bool x86_fast_result_fp(const struct tcg_helper *h);
/* Whether an op after op (up to a label or the block's end, before t
 * is written) has an FP fast path reading t: worth an xmm shadow. */
bool x86_fast_read_later(const struct tcg_ctx *s, const struct tcg_op *op, uint64_t t);
/* Whether its operation is binary64 (else binary32). */
bool x86_fast_f64(const struct tcg_helper *h);
int x86_gen_fast(struct x86_regs *r, const struct tcg_op *op, const struct tcg_helper *h,
                 uint8_t **slow);


/* A global held only in a register (x86_regs_dirty_globals). */
struct x86_dirty {
    int reg;
    int32_t off;            /* its field in the CPU state */
    bool i64;
};
/* The dirty globals in registers but skip (-1: none); at most 8. */
int x86_regs_dirty_globals(const struct x86_regs *r, int64_t skip, struct x86_dirty *out);

/* The fault map of x86-fault.c, built in a byte_buf while a block is
 * generated: the access whose code is [start, end) (block offsets,
 * shorter than 64 KiB) may fault with the n globals of d (fields below
 * X86_FAULT_MAP_MAX_OFF) held only in registers. */
#define X86_FAULT_MAP_MAX_OFF 0xffff
void x86_fault_map_add(struct byte_buf *m, uint32_t start, uint32_t end,
                       const struct x86_dirty *d, int n);
/* Append the map after the block's code; false when there is no room. */
bool x86_fault_map_emit(struct xbuf *b, const struct byte_buf *m);
/* The bytes of tb's instructions (without the map). */
size_t x86_code_size(const struct tcg_tb *tb);
/* tcg_tb_fault_state: the globals tb held in registers at host_pc. */
void x86_fault_state(const struct tcg_tb *tb, uintptr_t host_pc, void *ucv, void *env);

/* tcg_fpflags_take (ucv NULL) or _context, for MXCSR; the fpflags ops
 * (the taken flags in rax; uses r9). */
unsigned x86_fpflags_take(void *ucv);
void x86_gen_fpflags(struct xbuf *b, bool take);

#endif
