/*
 * Inside the execution engine: translation blocks, the per-thread state
 * and the block cache shared by cpu-exec.c, tb-cache.c and
 * translate-loop.c.  Nothing outside accel/tcg/ includes this.
 *
 * A thread's struct exec_cpu starts with the front end's CPU state (env,
 * at most EXEC_ENV_MAX bytes), so generated code reaches the engine's
 * fields (cur_tb, the jump cache) at positive offsets from env.
 */
#ifndef ACCEL_TCG_EXEC_INTERNAL_H
#define ACCEL_TCG_EXEC_INTERNAL_H

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

#include "uemu/exec.h"

/* Direct-mapped jump cache entries per thread (a power of two).  Each
 * 4 KiB of it is a page fault at every start (10-20 us here); 2048
 * entries missed under 0.5% more indirect jumps than 4096 on the C++
 * tests. */
#define EXEC_JC_BITS 11
#define EXEC_JC_SIZE (1u << EXEC_JC_BITS)

struct exec_tb {
    uint64_t pc, pc_end;        /* guest bytes [pc, pc_end) */
    uint32_t flags;
    bool invalid;
    bool in_file;               /* taken from the persistent cache file or
                                 * written to it (tb-persist.c) */
    /* With the persistent cache on: the guest bytes it was translated
     * from, kept for the save (which then never reads guest memory that
     * other threads may unmap meanwhile). */
    uint8_t *guest_copy;
    bool no_persist;            /* its code names it or depends on more
                                 * than its guest bytes: never saved */
    bool has_dest[2];           /* goto_tb slot n has a static successor */
    uint64_t dest[2];           /* its guest pc */
    struct exec_tb *jmp_to[2];  /* chained successor of slot n */
    /* Blocks chained to this one: (tb | n) of the first, then each
     * source's jmp_next[n]. */
    uintptr_t jmp_in;
    uintptr_t jmp_next[2];
    struct exec_tb *hash_next;
    struct tcg_tb t;
};

/* A jump-cache entry; generated code reads pc, flags and ptr (the
 * tcg_tb_ptr of tb, 0 when the entry is empty). */
struct exec_jc_entry {
    uint64_t pc;
    uint32_t flags;
    struct exec_tb *tb;
    uintptr_t ptr;
};
#define EXEC_JC_ENTRY_SHIFT 5
_Static_assert(sizeof(struct exec_jc_entry) == 1u << EXEC_JC_ENTRY_SHIFT,
               "jump-cache entries are indexed by shifting");

#define EXEC_ENV_MAX 8192

struct exec_cpu {
    /* The front end's CPU state (env). */
    _Alignas(64) unsigned char env[EXEC_ENV_MAX];
    const struct guest_frontend *fe;
    struct tcg_ctx *ctx;
    struct exec_cpu *next;          /* all threads, for invalidation */
    struct exec_fault fault;
    sigjmp_buf jmp;                 /* host faults in guest code land here */
    volatile sig_atomic_t in_guest;
    /* Inside exec_cpu_exec() (exclusive sections wait for 0; seq-cst
     * against exec_excl_pending). */
    int running;
    /* exec_cpu_interrupt(): read by generated code on jumps back and
     * indirect jumps (32 bits; translate-loop.c). */
    volatile int32_t exit_request;
    /* Run the next block as one instruction (a store rewrote the rest
     * of its block: tb-protect.c). */
    bool one_insn;
    uintptr_t fault_host_pc;
    struct exec_jc_entry jc[EXEC_JC_SIZE];
    /* Written by every block on entry: the block running now. */
    struct exec_tb *cur_tb;
};

/* Offset of an engine field from env. */
#define EXEC_ENV_OFF(field) \
    ((intptr_t)offsetof(struct exec_cpu, field) - (intptr_t)offsetof(struct exec_cpu, env))

static inline struct exec_cpu *exec_cpu_of_env(void *env)
{
    return (struct exec_cpu *)env;
}

/* A block's (pc, flags) to a table index of bits bits: the block cache's
 * and the translation cache file's. */
static inline unsigned exec_tb_hash(uint64_t pc, uint32_t flags, unsigned bits)
{
    uint64_t h = (pc ^ ((uint64_t)flags << 32)) * 0x9e3779b97f4a7c15ull;

    return (unsigned)(h >> (64 - bits));
}

static inline unsigned exec_jc_hash(uint64_t pc)
{
    return (unsigned)((pc >> 1) ^ (pc >> (1 + EXEC_JC_BITS))) & (EXEC_JC_SIZE - 1);
}

/* Point e at tb for (pc, flags). */
static inline void exec_jc_set(struct exec_jc_entry *e, uint64_t pc, uint32_t flags,
                               struct exec_tb *tb)
{
    __atomic_store_n(&e->ptr, 0, __ATOMIC_RELEASE);
    e->pc = pc;
    e->flags = flags;
    e->tb = tb;
    __atomic_store_n(&e->ptr, tcg_tb_ptr(&tb->t), __ATOMIC_RELEASE);
}

/* The block cache lock; held while translating and (un)chaining. */
extern pthread_mutex_t exec_tb_lock;
/* Bumped by every full flush: blocks remembered across it are gone. */
extern unsigned long exec_flush_count;
extern struct exec_stats exec_stats;

/* tb-cache.c; all with exec_tb_lock held. */
struct exec_tb *exec_tb_lookup_locked(uint64_t pc, uint32_t flags);
/* Every registered cpu but self in turn (fork, exclusive sections). */
void exec_cpu_foreach_locked(void (*fn)(struct exec_cpu *c, void *arg), void *arg);
/* The child of a fork keeps only keep. */
void exec_cpu_keep_only_locked(struct exec_cpu *keep);
void exec_tb_insert_locked(struct exec_tb *tb);
/* A zeroed block, or NULL when out of memory; one back (never inserted,
 * or dropped by the cache).  exec_tb_lock held. */
struct exec_tb *exec_tb_alloc_locked(void);
void exec_tb_release_locked(struct exec_tb *tb);
/* The JIT block whose code holds host_pc (no lock: signal handlers); NULL
 * when none.  Ready: every JIT block is indexed from now on, so JIT
 * blocks need not record themselves in cur_tb on entry. */
struct exec_tb *exec_tb_by_code(uintptr_t host_pc);
bool exec_tb_by_code_ready_locked(void);
void exec_tb_chain_locked(struct exec_tb *src, unsigned n, struct exec_tb *dest);
void exec_flush_all_locked(void);
void exec_cpu_register_locked(struct exec_cpu *cpu);
void exec_cpu_unregister_locked(struct exec_cpu *cpu);

/* translate-loop.c, with exec_tb_lock held: a new block in the cache
 * (0), -EFAULT when its first instruction cannot be fetched, -ENOSPC
 * when the code buffer is full (flush in an exclusive section, retry). */
int exec_tb_gen_locked(struct exec_cpu *cpu, uint64_t pc, uint32_t flags,
                       struct exec_tb **out);

/* exit_tb values tb | 0 and tb | 1 ask for chaining goto_tb slot 0 or 1
 * (blocks are at least 4-byte aligned). */

/* tb-persist.c, with exec_tb_lock held and pc's page known executable:
 * the block at (pc, flags) from the persistent cache, in the block cache;
 * NULL when it has none that matches the guest's bytes (or the code
 * buffer is full). */
struct exec_tb *exec_cache_import_locked(uint64_t pc, uint32_t flags);
/* Keep what a new block needs for a later save (its guest bytes). */
void exec_cache_note_locked(struct exec_tb *tb);
/* Every block in the cache, in no order. */
void exec_tb_foreach_locked(void (*fn)(struct exec_tb *tb, void *arg), void *arg);

/* Flag of one-instruction blocks, kept apart from the normal ones. */
#define EXEC_TB_ONE_INSN 0x80000000u

/* tb-protect.c: write-protect the host pages of guest code [start, end)
 * the guest may write (not with exec_tb_lock held); undo it for the host
 * page of addr, dropping its code: false when it was not protected. */
void exec_protect_code(uint64_t start, uint64_t end);
bool exec_unprotect_page(uint64_t addr);

/* code-fork.c: before a fork, with exec_tb_lock held, a copy of the
 * JIT's shared code buffer for the child (0, or -errno: no fork); after
 * it, the child maps the copy over its views (exits on failure), and
 * both sides drop what was prepared. */
int exec_code_fork_prepare(void);
void exec_code_fork_end(bool child);

/* The goto_ptr lookup of env's pc: jump cache, then the block cache. */
uintptr_t exec_helper_lookup_tb_ptr(void *env);
/* True while -d exec/cpu want every block to pass through the loop. */
bool exec_chaining_off(void);

#endif
