/*
 * The execution engine (accel/tcg/): runs guest code through the JIT.
 *
 * A guest ISA plugs in as a struct guest_frontend: the size of its CPU
 * state (the env the generated code works on), its IR globals, and the
 * translation of one instruction at a time into IR (tcg-op.h).  The
 * engine owns the rest: the generic translate loop (block limits, -d
 * in_asm/op/op_opt/out_asm logging), the translation-block cache keyed
 * by (guest pc, flags) with a per-thread direct-mapped jump cache,
 * direct chaining of static successors, the indirect-branch lookup, the
 * cpu loop, precise guest state on faults (insn_start data) and
 * invalidation of translated code.
 *
 * A personality runs a guest thread as
 *
 *     struct exec_cpu *cpu = exec_cpu_new(&rv_frontend);
 *     struct rv_cpu *env = exec_cpu_env(cpu);
 *     env->pc = entry;
 *     for (;;) {
 *         int e = exec_cpu_exec(cpu);   // runs until an exception
 *         ... handle e (syscall, fault, illegal instruction) ...
 *     }
 *
 * Exit protocol of generated code (exit_tb values): 0 means "look the
 * pc up again", a block pointer with n in its low bit asks the loop to
 * chain goto_tb slot n of that block to the next one, and a value below
 * EXEC_EXIT_LIMIT is an exception code, returned by exec_cpu_exec().
 *
 * Threads: each guest thread has its own exec_cpu (and tcg context);
 * the block cache is shared and guarded by one lock (translation,
 * lookups that miss the thread's jump cache, chaining, invalidation).
 * Chaining patches are single atomic stores, and an invalidated block's
 * code stays until the next full flush, so other threads may run
 * through it meanwhile.  The full flush (code buffer full, fence.i)
 * frees code: it runs in an exclusive section, entered once every other
 * thread has left exec_cpu_exec() (each is interrupted: its
 * exec_cpu_exec() returns EXEC_EXCP_INTERRUPT, and its next call waits
 * until the section ends).  A thread in a system call is not in
 * exec_cpu_exec() and never delays an exclusive section.
 */
#ifndef UEMU_EXEC_H
#define UEMU_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>

#include "uemu/tcg.h"

/* Most guest instructions in one block. */
#define EXEC_MAX_INSNS 512
/* Blocks never extend past a guest page of this size (they may end with
 * an instruction straddling it). */
#define EXEC_PAGE_SIZE 4096u
/* exit_tb values below this are exception codes, not block pointers. */
#define EXEC_EXIT_LIMIT 256

/* Exception codes of the engine; front ends number theirs from
 * EXEC_EXCP_FRONTEND up (below EXEC_EXIT_LIMIT). */
enum {
    EXEC_EXCP_NONE = 0,
    /* guest memory or instruction fetch fault: see exec_cpu_fault() */
    EXEC_EXCP_FAULT = 1,
    /* misaligned access that must be aligned (atomics): exec_cpu_fault() */
    EXEC_EXCP_ALIGN = 2,
    /* internal: drop all translated code (instruction-cache sync), go on */
    EXEC_EXCP_SYNC_ICACHE = 3,
    /* exec_cpu_interrupt() was called: the guest state is at an
     * instruction boundary (the pc of the next instruction to run) */
    EXEC_EXCP_INTERRUPT = 4,
    EXEC_EXCP_FRONTEND = 16,
};

struct exec_tb;
struct exec_cpu;

/* Per-block translation state shared by the engine and a front end. */
struct exec_dc {
    uint64_t pc_first;      /* guest pc of the block */
    uint64_t pc_next;       /* guest pc of the next instruction */
    uint32_t flags;         /* the block's translation flags */
    unsigned num_insns;     /* translated so far */
    unsigned max_insns;
    /* EXEC_DC_NEXT: keep going; EXEC_DC_STOP: end the block here, falling
     * through to pc_next; EXEC_DC_NORETURN: the front end emitted the
     * block's exit. */
    int state;
    struct exec_tb *tb;
};

enum { EXEC_DC_NEXT, EXEC_DC_STOP, EXEC_DC_NORETURN };

struct guest_frontend {
    const char *name;
    size_t env_size;
    /* Register the IR globals in the current tcg context (once per context;
     * the same order each time, so the handles may be static). */
    void (*init_globals)(void);
    /* Emit insn_start and the IR of the instruction at dc->pc_next, advance
     * pc_next, set dc->state when the block must end.  Called only when
     * the first byte at pc_next is in executable guest memory. */
    void (*translate_insn)(struct exec_dc *dc);
    /* End a block whose state is EXEC_DC_STOP or EXEC_DC_NEXT (limit). */
    void (*tb_stop)(struct exec_dc *dc);
    uint64_t (*get_pc)(const void *env);
    void (*set_pc)(void *env, uint64_t pc);
    /* Translation flags of the current state; bit 31 is the engine's
     * (EXEC_TB_ONE_INSN). */
    uint32_t (*get_flags)(const void *env);
    /* Put the guest state back to the instruction of insn_start data. */
    void (*restore_state)(void *env, const uint64_t *data);
    void (*dump_state)(FILE *f, const void *env);
    /* OR the IEEE flags TCG_FPF_* into the guest's accrued flags (those
     * inline FP operations left in the host, tcg_fpflags_take);
     * async-signal-safe.  NULL: the guest has no FP. */
    void (*accrue_fpflags)(void *env, unsigned fpf);
    /* One line of guest disassembly for -d in_asm; returns the length. */
    unsigned (*disas)(char *buf, size_t size, uint64_t pc);
    /* Most IR temps and labels translate_insn (or tb_stop) creates for
     * one instruction: the engine ends a block before the context's
     * fixed limits (TCG_MAX_TEMPS, TCG_MAX_LABELS) could be reached. */
    unsigned max_temps_per_insn, max_labels_per_insn;
};

/* What faulted (EXEC_EXCP_FAULT, EXEC_EXCP_ALIGN). */
struct exec_fault {
    uint64_t addr;          /* guest address */
    bool is_write;
    bool is_exec;           /* instruction fetch */
    bool is_bus;            /* backed by nothing (host SIGBUS: past EOF) */
};

/* Install the host SIGSEGV/SIGBUS handler (again, if someone replaced
 * it) and select the backend ("jit" or "tci", NULL: keep); 0 or -ENOENT. */
int exec_init(const char *backend);

/* A guest thread with zeroed state; NULL when out of memory (or the
 * front end's state exceeds the engine's limit). */
struct exec_cpu *exec_cpu_new(const struct guest_frontend *fe);
void exec_cpu_free(struct exec_cpu *cpu);
/* A new thread's cpu with a copy of cpu's guest state (a clone's
 * child); NULL when out of memory. */
struct exec_cpu *exec_cpu_clone(struct exec_cpu *cpu);
void *exec_cpu_env(struct exec_cpu *cpu);
const struct exec_fault *exec_cpu_fault(const struct exec_cpu *cpu);
/* Run guest code until an exception; returns its code. */
int exec_cpu_exec(struct exec_cpu *cpu);
/*
 * Ask cpu to leave generated code soon (async-signal-safe): generated
 * code checks the request on every jump back and indirect jump, so even
 * a loop of chained blocks stops within one turn; exec_cpu_exec() then
 * clears the request and returns
 * EXEC_EXCP_INTERRUPT.  A request made while no guest code runs makes
 * the next exec_cpu_exec() return at once.
 */
void exec_cpu_interrupt(struct exec_cpu *cpu);

/*
 * Host SIGSEGV/SIGBUS that are not faults of guest code but were sent by
 * a process (kill, tgkill: si_code <= 0) go to fn (a host signal handler
 * the personality provides, run in signal context); NULL: uemu dies of
 * them as of any fault outside guest code.
 */
typedef void exec_signal_fn(int sig, siginfo_t *si, void *uc);
void exec_set_sent_signal_handler(exec_signal_fn *fn);

/*
 * Fork protocol: exec_fork_start() before the host fork (takes the
 * engine's locks once no exclusive section is under way and copies the
 * JIT's code buffer for the child; the caller takes the mmap lock first
 * and must not be in exec_cpu_exec()), then exec_fork_end(false) in the
 * parent (releases) or exec_fork_end(true) in the child (its own code
 * buffer, fresh locks; only the calling thread's cpus remain).  When
 * exec_fork_start() fails (-errno: the copy could not be made) nothing
 * is held and there must be no fork.
 */
int exec_fork_start(void);
void exec_fork_end(bool child);

/*
 * Run fn(arg) while no other thread runs guest code (see "Threads"
 * above); the caller must not be in exec_cpu_exec() nor hold the mmap
 * lock or the block cache lock.
 */
void exec_exclusive(void (*fn)(void *), void *arg);

/* Drop translated code overlapping [start, start + len). */
void exec_invalidate(uint64_t start, uint64_t len);
/* Drop all translated code. */
void exec_flush_all(void);

/*
 * Make [addr, addr + len) writable again on the host where translated
 * code write-protected it (PAGE_WRITE_ORG pages; see accel/tcg/
 * tb-protect.c), dropping the translated code of those host pages.  For
 * writes uemu does on the guest's behalf (system calls): a host kernel
 * writing into a protected page fails with EFAULT instead of faulting.
 */
void exec_unprotect_for_write(uint64_t addr, uint64_t len);

/* True when [addr, addr + len) is executable guest memory. */
bool exec_code_ok(uint64_t addr, size_t len);

/*
 * Block exits for front ends.
 *  - exec_gen_goto_tb: continue at the static dest (chained once known;
 *    until then the loop sets the pc, fe->set_pc).
 *  - exec_gen_lookup_and_goto_ptr: continue at the run-time pc held in
 *    dest (already stored to pc), through an inline probe of the jump
 *    cache, then the block cache; the target must have the block's
 *    flags (a block changing them exits to the loop instead).
 *  - exec_gen_exception: leave the loop with code (the front end stored
 *    pc first).
 *  - exec_gen_fault: instruction fetch fault at addr (pc stored first).
 */
void exec_gen_goto_tb(struct exec_dc *dc, unsigned n, uint64_t dest);
void exec_gen_lookup_and_goto_ptr(struct exec_dc *dc, tcg_i64 dest);
void exec_gen_exception(struct exec_dc *dc, int code);
void exec_gen_fetch_fault(struct exec_dc *dc, uint64_t addr);

/* Counters for tests: blocks translated, chains patched, full flushes,
 * blocks invalidated, indirect jumps the inline jump-cache probe missed,
 * guest writes to write-protected code pages. */
struct exec_stats {
    unsigned long translated, chained, flushes, invalidated, slow_lookups, smc_faults;
    unsigned long from_cache;   /* blocks taken from the persistent cache */
};

/*
 * The persistent translation cache (tb-persist.c): JIT blocks that
 * earlier runs of the same program translated, reused where the guest's
 * bytes are the same as then.  exec_cache_open(), before the first
 * block, maps the cache file of key in dir (an absolute path) if there
 * is one: key names what the code depends on besides the guest's bytes
 * (guest ISA options, guest_base, the program); the engine adds the uemu
 * build and the backend, and names the file after the whole key.  It
 * returns the file's path, or NULL when there is no cache (no build id,
 * TCI, a directory others may write to).  exec_cache_save() writes the
 * file anew with this run's new blocks (a temporary file renamed over
 * it), at process exit or before an execve, other threads running or
 * not.  Best effort: a file that cannot be read or written is no cache.
 */
const char *exec_cache_open(const char *dir, const char *key);
void exec_cache_save(void);
void exec_get_stats(struct exec_stats *s);

#endif
