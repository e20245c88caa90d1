/*
 * The JIT's intermediate representation: types, temps, labels, the
 * translation context, compiled blocks and backend selection.
 *
 * Life cycle: register globals once (tcg_global_i64(offset, name) names a
 * field of the CPU state reached through the env pointer), then per block
 * tcg_func_start(), emit ops with the builders of include/uemu/tcg-op.h,
 * tcg_gen_code() into a struct tcg_tb, and tcg_tb_exec(tb, env) to run it.
 * A context belongs to one thread at a time (tcg_ctx_set selects it);
 * contexts in several threads may compile and run blocks at once.  The
 * accel passes guest_base (include/uemu/guest-space.h) to tcg_ctx_new;
 * tcg itself knows nothing of guests.  Hosts are 64-bit and
 * little-endian; a host pointer temp is 64 bits.
 *
 * Contract for front ends: a temp is read only after it was written;
 * fields registered as globals are reached only through their global
 * temps, never by ld/st of env (the optimizer and the register allocator
 * keep globals in host registers); helpers declare with their flags
 * whether they read or write globals through env.
 *
 * Semantics of the ops, defined for every input (front ends add guest
 * rules on top):
 *  - i32 ops compute modulo 2^32; an i32 value is its low 32 bits.
 *  - shl/shr/sar/rotl/rotr take the count modulo the width.
 *  - div/divu: x / 0 is all ones (-1); rem/remu: x % 0 is x.
 *    Signed MIN / -1 is MIN and MIN % -1 is 0.  Quotients truncate.
 *  - clz/ctz of 0 is the width; ctpop counts set bits.
 *  - bswap16/bswap32 reverse the low 2/4 bytes and clear the bits above;
 *    bswap64 (i64 only) reverses all 8.
 *  - ext{8,16,32}{s,u}: sign/zero extend the low 8/16/32 bits (32: i64).
 *  - deposit(a, b, pos, len): a with bits [pos, pos+len) replaced by the
 *    low len bits of b; extract/sextract(a, pos, len): bits [pos, pos+len)
 *    of a, zero/sign extended.  1 <= len, pos + len <= width.
 *  - setcond gives 0 or 1; movcond(c1, c2, v1, v2, cond) gives
 *    cond(c1, c2) ? v1 : v2.
 *  - mulu2/muls2 give the low and high halves of the double-width product.
 *  - ld/st: host memory at base + offset, size and sign from the memop.
 *  - qemu_ld/qemu_st: guest memory at guest_base + addr (guest addresses
 *    are i64), little-endian.  With TCG_MO_ALIGN a misaligned address
 *    ends the block: globals are in the CPU state, tcg_fault describes
 *    the access, and tcg_tb_exec returns TCG_EXIT_FAULT.  Atomics always
 *    require natural alignment.  An access to unmapped memory is a host
 *    fault whose position tcg_fault_code_pc() maps to the op; except that
 *    the TCI backend ends the block like a misaligned access when
 *    guest_base + addr is 0 (an aligned access with TCG_EXIT_FAULT).
 *  - atomic_fetch returns the old value; atomic_cmpxchg(addr, cmp, new)
 *    returns the old value and stores new when old == cmp (compared at the
 *    memop's size and sign).
 *  - goto_tb n: continue in the block patched into slot n, or fall
 *    through when none is.  exit_tb v: return v from tcg_tb_exec.
 *    goto_ptr p: continue at tcg_tb_ptr() of a block, or return 0 when p
 *    is 0.  Running off the end of a block acts as exit_tb 0.
 */
#ifndef UEMU_TCG_H
#define UEMU_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TCG_INSN_DATA_WORDS 2
#define TCG_MAX_TEMPS 1024
#define TCG_MAX_LABELS 512
#define TCG_MAX_HELPER_ARGS 6
/* tcg_tb_exec's value when an op faulted (see tcg_fault). */
#define TCG_EXIT_FAULT UINTPTR_MAX

enum tcg_type { TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_PTR, TCG_TYPE_VOID };

enum tcg_cond {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
    TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
    TCG_COND_COUNT
};

/* Memory access descriptor: size (log2 bytes), sign, alignment check. */
enum {
    TCG_MO_8 = 0, TCG_MO_16 = 1, TCG_MO_32 = 2, TCG_MO_64 = 3,
    TCG_MO_SIZE = 3,
    TCG_MO_SIGN = 4,
    TCG_MO_ALIGN = 8,
};

enum tcg_aop {
    TCG_AOP_ADD, TCG_AOP_AND, TCG_AOP_OR, TCG_AOP_XOR, TCG_AOP_XCHG,
    TCG_AOP_SMIN, TCG_AOP_SMAX, TCG_AOP_UMIN, TCG_AOP_UMAX, TCG_AOP_COUNT
};

/* Memory barrier kinds (mb's argument); backends may strengthen them. */
enum {
    TCG_MB_LD_LD = 1, TCG_MB_ST_LD = 2, TCG_MB_LD_ST = 4, TCG_MB_ST_ST = 8,
    TCG_MB_ALL = 15,
};

/* Op flags (the table in tcg-opc.h). */
enum {
    TCG_OPF_TYPED = 1,
    TCG_OPF_BB_END = 2,
    TCG_OPF_SIDE_EFFECTS = 4,
    TCG_OPF_MAY_FAULT = 8,
    TCG_OPF_NORETURN = 16,
};

enum tcg_opcode {
#define DEF(name, o, i, c, f) TCG_OP_##name,
#include "uemu/tcg-opc.h"
#undef DEF
    TCG_OP_COUNT
};

struct tcg_opdef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, flags;
};
extern const struct tcg_opdef tcg_opdefs[TCG_OP_COUNT];

/* Temps, by type.  Wrapping the index keeps i32 and i64 apart. */
typedef struct { int n; } tcg_i32;
typedef struct { int n; } tcg_i64;
typedef struct { int n; } tcg_ptr;
typedef struct tcg_label tcg_label;

/* Helper call flags. */
enum {
    TCG_CALL_NO_READ_GLOBALS = 1,   /* reads no global through env */
    TCG_CALL_NO_WRITE_GLOBALS = 2,  /* writes no global through env */
    TCG_CALL_NO_SIDE_EFFECTS = 4,   /* removable when its result is unused */
};

/*
 * A helper's description; one static struct per helper.  Arguments and
 * result are TCG_TYPE_I32 (uint32_t), TCG_TYPE_I64 (uint64_t) or
 * TCG_TYPE_PTR (void *); ret may be TCG_TYPE_VOID.
 */
struct tcg_helper {
    const char *name;
    void *func;
    uint8_t flags;
    uint8_t ret;
    uint8_t nargs;
    uint8_t args[TCG_MAX_HELPER_ARGS];
    /* optional: an IEEE operation a backend may do inline (tcg_fast) */
    uint8_t fast;
};

/*
 * Helpers with an inline fast path.  The helper is f(env, a, b) (sqrt:
 * f(env, a); fused multiply-add: f(env, a, b, c); conversions from an
 * integer: f(env, x)), with a final rounding-mode argument for all but
 * the compares; operands and result are IEEE binary64 (_F64, I64) or
 * binary32 (_F32, I32) bit patterns, the integer an I64 of which _I32
 * and _U32 use the low half (signed, unsigned); compares return 0 or 1.
 * A backend may replace the call by the host FPU when the result is
 * provably the helper's:
 *  - arithmetic and fused multiply-add (MADD a*b+c, MSUB a*b-c, NMSUB
 *    -(a*b)+c, NMADD -(a*b)-c, one rounding): the rounding-mode argument
 *    is a constant 0 (to nearest, even), the host rounds so (its
 *    default), detects tininess after rounding, and the result is not a
 *    NaN (a NaN goes to the helper, which gives the canonical one);
 *  - conversions from an integer: as arithmetic (I32 and U32 to F64 are
 *    exact in any rounding mode);
 *  - compares: both operands are ordered (no NaN).
 * The IEEE flags such an inline operation raises are not written to env:
 * the host accrues them (x86: MXCSR) until tcg_fpflags_take() or the
 * fpflags_take op collects them, which whoever reads or writes the
 * guest's flags must do first.  TCI always calls the helper.
 */
enum tcg_fast {
    TCG_FAST_NONE,
    TCG_FAST_ADD_F64, TCG_FAST_SUB_F64, TCG_FAST_MUL_F64, TCG_FAST_DIV_F64,
    TCG_FAST_SQRT_F64, TCG_FAST_EQ_F64, TCG_FAST_LT_F64, TCG_FAST_LE_F64,
    TCG_FAST_ADD_F32, TCG_FAST_SUB_F32, TCG_FAST_MUL_F32, TCG_FAST_DIV_F32,
    TCG_FAST_SQRT_F32, TCG_FAST_EQ_F32, TCG_FAST_LT_F32, TCG_FAST_LE_F32,
    TCG_FAST_MADD_F64, TCG_FAST_MSUB_F64, TCG_FAST_NMSUB_F64, TCG_FAST_NMADD_F64,
    TCG_FAST_MADD_F32, TCG_FAST_MSUB_F32, TCG_FAST_NMSUB_F32, TCG_FAST_NMADD_F32,
    TCG_FAST_F64_I32, TCG_FAST_F64_U32, TCG_FAST_F64_I64,
    TCG_FAST_F32_I32, TCG_FAST_F32_U32, TCG_FAST_F32_I64,
    TCG_FAST_COUNT,
};

/* What the faulting op of the last TCG_EXIT_FAULT was (per thread). */
struct tcg_fault {
    uint64_t addr;       /* guest address */
    unsigned memop;
    bool is_write;
    int insn;            /* index of its insn_start in the block, or -1 */
    uintptr_t host_pc;   /* JIT: a code address in the block, else 0 */
};
extern __thread struct tcg_fault tcg_fault;

/* A compiled block. */
struct tcg_tb {
    const struct tcg_backend *be;
    uintptr_t guest_base;
    void *code;              /* entry (executable view or bytecode) */
    size_t size;
    unsigned nb_insns;
    /* While the backend generates the block (the context's scratch):
     * nb_insns * TCG_INSN_DATA_WORDS, and the code offset after each
     * insn's code.  Then NULL: both live packed in insns (tcg_tb_insn). */
    uint64_t *insn_data;
    uint32_t *insn_end;
    const uint8_t *insns;
    size_t insns_size;       /* bytes of insns */
    /* Where the code depends on its own address or on pointers (JIT):
     * TCG_RELOC_* kinds in the low 2 bits, the code offset above them.
     * In the same allocation as insns, or both borrowed from an image
     * (tables_borrowed: not freed with the block). */
    const uint32_t *relocs;
    unsigned nb_relocs;
    uint32_t jmp_off[2];     /* patch site of goto_tb n, UINT32_MAX: none */
    /* where a jump from the block to itself enters (0: the entry); the
     * JIT skips reloading registers that the jump left holding the
     * guest state */
    uint32_t loop_off;
    bool tables_borrowed;
};

/*
 * -d profile (tcg/tcg-profile.c): counters kept once tcg_profile_enable()
 * ran, before the first block; the accel reports them.  Generated code
 * counts without atomics, so concurrent threads may lose a few.
 */
struct tcg_profile {
    uint64_t blocks, guest_insns, host_insns, host_bytes;
    uint64_t gen_ns;            /* translation, front end included */
    uint64_t tb_execs;          /* blocks run (JIT; TCI: entries and jumps) */
    uint64_t entries;           /* tcg_tb_exec calls: runs started from C */
    uint64_t ptr_jumps;         /* goto_ptr taken into a block */
    uint64_t helper_calls;
    uint64_t helper_cycles;     /* tcg_profile_cycles() units */
    uint64_t start_ns, start_cycles;
};
extern struct tcg_profile tcg_prof;
extern bool tcg_profiling;
void tcg_profile_enable(void);
uint64_t tcg_profile_now_ns(void);
/* The host's cycle counter (x86_64: TSC), or nanoseconds elsewhere. */
uint64_t tcg_profile_cycles(void);

struct tcg_ctx;
extern __thread struct tcg_ctx *tcg_ctx;

/* A new context; host-pointer value guest_base is added to guest addresses. */
struct tcg_ctx *tcg_ctx_new(uintptr_t guest_base);
void tcg_ctx_free(struct tcg_ctx *s);
static inline void tcg_ctx_set(struct tcg_ctx *s) { tcg_ctx = s; }

/* Turn the optimizer off or on for blocks compiled from now (default on). */
void tcg_ctx_set_optimize(struct tcg_ctx *s, bool on);

/* The env pointer temp: the CPU state passed to tcg_tb_exec. */
tcg_ptr tcg_env(void);
/* Globals: CPU-state fields at env + offset, 4 or 8 bytes. */
tcg_i32 tcg_global_i32(intptr_t offset, const char *name);
tcg_i64 tcg_global_i64(intptr_t offset, const char *name);

/* Start a new block: drops its temps, labels and ops (keeps globals). */
void tcg_func_start(void);
tcg_i32 tcg_temp_new_i32(void);
tcg_i64 tcg_temp_new_i64(void);
tcg_ptr tcg_temp_new_ptr(void);
tcg_label *tcg_gen_new_label(void);
/* Number of ops in the block (after optimization once it ran). */
int tcg_op_count(void);
/* Optimize the block now (tcg_gen_code does when enabled). */
void tcg_optimize(void);
/* Print the ops of the current block. */
void tcg_dump_ops(FILE *f);

/*
 * Debug dumps written by tcg_gen_code to f (the -d op,op_opt,out_asm
 * items): the IR before and after optimization and the host code or
 * bytecode.  items 0 turns them off.
 */
enum { TCG_DUMP_OP = 1, TCG_DUMP_OP_OPT = 2, TCG_DUMP_OUT_ASM = 4 };
void tcg_ctx_set_dump(struct tcg_ctx *s, FILE *f, unsigned items);

/*
 * Optional host instructions a backend may use (the x86_64 backend's
 * cpuid-detected extensions).  Tests allow fewer to exercise the
 * fallbacks; the mask applies to blocks compiled afterwards.
 */
enum {
    TCG_FEAT_BMI1 = 1, TCG_FEAT_BMI2 = 2, TCG_FEAT_LZCNT = 4,
    TCG_FEAT_POPCNT = 8, TCG_FEAT_MOVBE = 16, TCG_FEAT_FMA = 32,
    TCG_FEAT_ALL = 63,
};
void tcg_host_features_mask(unsigned allowed);
unsigned tcg_host_features_allowed(void);

/*
 * Backends.  tcg_backend_select("jit"|"tci") picks the one tcg_gen_code
 * uses from now on; returns 0, or -ENOENT when that backend is not built.
 */
int tcg_backend_select(const char *name);
const char *tcg_backend_name(void);
/* Compile the current block; 0, or -ENOSPC when the code buffer is full. */
int tcg_gen_code(struct tcg_tb *tb);
/* Drop all compiled code of every backend (tbs become invalid); no
 * block may be running in any thread. */
void tcg_code_flush(void);
/* Free a tb's tables (its code stays until tcg_code_flush). */
void tcg_tb_free(struct tcg_tb *tb);

/* Run a block with env; returns its exit_tb value or TCG_EXIT_FAULT. */
uintptr_t tcg_tb_exec(const struct tcg_tb *tb, void *env);
/* Patch goto_tb slot n of tb to dest (same backend), or back to none. */
void tcg_tb_set_jump(struct tcg_tb *tb, int n, const struct tcg_tb *dest);
void tcg_tb_reset_jump(struct tcg_tb *tb, int n);
/* The value goto_ptr takes to continue in tb. */
uintptr_t tcg_tb_ptr(const struct tcg_tb *tb);
/*
 * For a host fault at host_pc while generated code runs (a guest access to
 * an unmapped page, say): the code position to look the block up by and
 * pass to tcg_tb_find_insn.  That is host_pc itself in JIT code, or the
 * interpreter's current instruction under TCI; 0 when the fault is in
 * neither.  Async-signal-safe.
 */
uintptr_t tcg_fault_code_pc(uintptr_t host_pc);
/*
 * At such a fault in tb's code (host_pc, the signal's ucontext_t uc):
 * put into env the globals the code held only in host registers there
 * (a guest access need not write them back first), so that env holds
 * every global.  Async-signal-safe.
 */
void tcg_tb_fault_state(const struct tcg_tb *tb, uintptr_t host_pc, void *uc, void *env);

/*
 * The IEEE flags the inline FP operations of this thread's generated
 * code raised since the last take (enum tcg_fast), cleared by taking;
 * 0 under TCI.  Generated code must start with them clear: the engine
 * takes them whenever generated code returns, and drops them before it
 * first enters generated code.  _context takes them from a host signal's
 * ucontext_t (a handler leaving with siglongjmp loses the interrupted
 * code's FP state otherwise); async-signal-safe.
 */
enum { TCG_FPF_NX = 1, TCG_FPF_UF = 2, TCG_FPF_OF = 4, TCG_FPF_DZ = 8, TCG_FPF_NV = 16 };
unsigned tcg_fpflags_take(void);

/* Around a host fork (the engine's fork protocol): the locks generated
 * code may take while it runs are held across it, fresh in the child. */
void tcg_fork_start(void);
void tcg_fork_end(bool child);
unsigned tcg_fpflags_take_context(void *uc);
/* Index of the guest insn whose code holds host pc (or bytecode pc), or -1. */
int tcg_tb_find_insn(const struct tcg_tb *tb, uintptr_t pc);
/* Insn i's insn_start data and the code offset after its code; false
 * when there is no insn i.  Async-signal-safe, as tcg_tb_find_insn. */
bool tcg_tb_insn(const struct tcg_tb *tb, unsigned i, uint64_t data[TCG_INSN_DATA_WORDS],
                 uint32_t *end);
/* Host disassembly (capstone) or bytecode listing of tb. */
void tcg_tb_dump(FILE *f, const struct tcg_tb *tb);

/*
 * Moving compiled code: a block's code with everything that depends on
 * where it ran undone (tcg_tb_export), to be placed again in this
 * process or in a later run of the same uemu build (tcg_tb_import, into
 * the current backend's code buffer).  What depends on the place:
 *  - TCG_RELOC_EPILOGUE: a rel32 jump to the backend's common exit;
 *  - TCG_RELOC_PTR32, TCG_RELOC_PTR64: the 32-bit (zero-extended) or
 *    64-bit immediate of an exit_tb value of at least TCG_EXIT_PTR_MIN,
 *    which is taken for a pointer (the accel's block descriptor with
 *    flags in its low bits): the image holds it less the ptr_base given
 *    to export, and import adds its own ptr_base (-ERANGE when a 32-bit
 *    one does not fit);
 *  - goto_tb jumps, which an image holds unchained.
 * Helpers are called at their absolute addresses: an image is only good
 * for the same uemu binary at the same load address.
 */
#define TCG_EXIT_PTR_MIN 65536u
enum { TCG_RELOC_EPILOGUE = 0, TCG_RELOC_PTR32 = 1, TCG_RELOC_PTR64 = 2 };
#define TCG_RELOC_KIND(r) ((r) & 3u)
#define TCG_RELOC_OFF(r) ((r) >> 2)

struct tcg_tb_image {
    const uint8_t *code;
    size_t size;
    const uint8_t *insns;    /* tcg_tb.insns, packed */
    size_t insns_size;
    unsigned nb_insns;
    const uint32_t *relocs;
    unsigned nb_relocs;
    uint32_t jmp_off[2], loop_off;
    /* insns and relocs outlive the block (a mapped file that stays):
     * the block uses them in place instead of a copy */
    bool borrow;
};
/* tb's image, its code written to code_out (tb->size bytes); false when
 * the backend cannot move code (TCI). */
bool tcg_tb_export(const struct tcg_tb *tb, uintptr_t ptr_base, uint8_t *code_out,
                   struct tcg_tb_image *img);
/* A block from an image (checked against its own bounds); 0, -ENOSPC
 * when the code buffer is full, -EINVAL for an inconsistent image,
 * -ERANGE when a pointer does not fit, -ENOTSUP when the current backend
 * cannot, -ENOMEM. */
int tcg_tb_import(struct tcg_tb *tb, const struct tcg_tb_image *img, uintptr_t ptr_base);
/* What the current backend's code depends on besides the build: its
 * name and the host features it uses. */
void tcg_backend_code_key(char *buf, size_t size);

#endif
