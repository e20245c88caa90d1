/*
 * The translation-block cache: a hash table keyed by (guest pc, flags),
 * the chaining bookkeeping between blocks, invalidation of a guest range
 * and the full flush.
 *
 * Every block is in the hash table and in one array of live blocks (for
 * range invalidation, which skips the walk when the range misses the
 * span of all translated code).  An invalidated block leaves the table,
 * is unchained from its sources and successors and dropped from every
 * thread's jump cache; its memory stays on a list until the next full
 * flush, because a thread may still be returning from it.  The full flush
 * (code buffer full, fence.i) drops the backends' code too.
 *
 * All functions here run with exec_tb_lock held; the full flush also in
 * an exclusive section (no other thread in generated code).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "accel/tcg/exec-internal.h"

/* The table starts small and grows by four when it holds more blocks
 * than buckets: a short process translates a few hundred blocks, and
 * every page of a large zeroed table costs it a page fault. */
#define HASH_MIN_BITS 9
#define HASH_MAX_BITS 20

pthread_mutex_t exec_tb_lock = PTHREAD_MUTEX_INITIALIZER;
unsigned long exec_flush_count;
struct exec_stats exec_stats;

static struct exec_tb **hash_table;
static unsigned hash_bits;
static size_t hash_count;
static struct exec_tb **live;
static size_t nb_live, cap_live;
static struct exec_tb **dead;
static size_t nb_dead, cap_dead;
static uint64_t span_lo = UINT64_MAX, span_hi;

/*
 * The JIT's blocks in code order (the code buffer is bump-allocated, and
 * blocks are inserted in the order they were generated), so a fault's
 * host pc finds its block without blocks storing themselves anywhere on
 * entry.  A fixed reservation, never moved: the SIGSEGV handler reads it
 * without the lock while other threads append (entry first, then the
 * count, release/acquire).  Reset by the full flush, when no thread is in
 * generated code.
 */
#define BY_CODE_CAP (1u << 21)
static struct exec_tb **by_code;
static size_t nb_by_code;
static struct exec_cpu *cpus;

static unsigned hash_of(uint64_t pc, uint32_t flags)
{
    return exec_tb_hash(pc, flags, hash_bits);
}

static struct exec_tb **new_table(unsigned bits)
{
    struct exec_tb **t = calloc((size_t)1 << bits, sizeof(*t));

    if (!t) {
        fprintf(stderr, "uemu: out of memory for the translation-block table\n");
        abort();
    }
    return t;
}

static void grow_table(void)
{
    unsigned old_bits = hash_bits;
    struct exec_tb **old = hash_table;

    hash_bits = old ? old_bits + 2 : HASH_MIN_BITS;
    hash_table = new_table(hash_bits);
    for (size_t i = 0; old && i < (size_t)1 << old_bits; i++) {
        for (struct exec_tb *tb = old[i], *next; tb; tb = next) {
            unsigned h = hash_of(tb->pc, tb->flags);

            next = tb->hash_next;
            tb->hash_next = hash_table[h];
            hash_table[h] = tb;
        }
    }
    free(old);
}

static void push(struct exec_tb ***v, size_t *n, size_t *cap, struct exec_tb *tb)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        struct exec_tb **p = realloc(*v, c * sizeof(*p));

        if (!p) {
            fprintf(stderr, "uemu: out of memory for translation blocks\n");
            abort();
        }
        *v = p;
        *cap = c;
    }
    (*v)[(*n)++] = tb;
}

struct exec_tb *exec_tb_lookup_locked(uint64_t pc, uint32_t flags)
{
    if (!hash_table)
        return NULL;
    for (struct exec_tb *tb = hash_table[hash_of(pc, flags)]; tb; tb = tb->hash_next) {
        if (tb->pc == pc && tb->flags == flags)
            return tb;
    }
    return NULL;
}

/* A code buffer of blocks of at least 16 bytes cannot outgrow this. */
static void index_by_code(struct exec_tb *tb)
{
    size_t n = nb_by_code;

    /* an imported block may come before any translation made the index */
    if (strcmp(tcg_backend_name(), "jit") != 0 || !exec_tb_by_code_ready_locked())
        return;
    if (n == BY_CODE_CAP ||
        (n && (uintptr_t)by_code[n - 1]->t.code >= (uintptr_t)tb->t.code)) {
        fprintf(stderr, "uemu: internal error: JIT blocks out of code order\n");
        abort();
    }
    by_code[n] = tb;
    __atomic_store_n(&nb_by_code, n + 1, __ATOMIC_RELEASE);
}

struct exec_tb *exec_tb_by_code(uintptr_t host_pc)
{
    size_t lo = 0, hi = __atomic_load_n(&nb_by_code, __ATOMIC_ACQUIRE);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uintptr_t start = (uintptr_t)by_code[mid]->t.code;

        if (host_pc < start)
            hi = mid;
        else if (host_pc - start < by_code[mid]->t.size)
            return by_code[mid];
        else
            lo = mid + 1;
    }
    return NULL;
}

bool exec_tb_by_code_ready_locked(void)
{
    static bool failed;

    if (!by_code && !failed) {
        void *p = mmap(NULL, BY_CODE_CAP * sizeof(*by_code), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

        if (p == MAP_FAILED)
            failed = true;
        else
            by_code = p;
    }
    return by_code != NULL;
}

void exec_tb_insert_locked(struct exec_tb *tb)
{
    unsigned h;

    if (!hash_table || (hash_count >= (size_t)1 << hash_bits && hash_bits < HASH_MAX_BITS))
        grow_table();
    h = hash_of(tb->pc, tb->flags);
    hash_count++;
    index_by_code(tb);
    tb->hash_next = hash_table[h];
    hash_table[h] = tb;
    push(&live, &nb_live, &cap_live, tb);
    if (tb->pc < span_lo)
        span_lo = tb->pc;
    if (tb->pc_end > span_hi)
        span_hi = tb->pc_end;
}

void exec_tb_chain_locked(struct exec_tb *src, unsigned n, struct exec_tb *dest)
{
    if (src->invalid || dest->invalid || src->jmp_to[n] || !src->has_dest[n] ||
        src->dest[n] != dest->pc || src->flags != dest->flags ||
        src->t.be != dest->t.be || src->t.jmp_off[n] == UINT32_MAX ||
        (src->dest[n] == src->pc && dest != src))
        return;
    tcg_tb_set_jump(&src->t, n, &dest->t);
    src->jmp_to[n] = dest;
    src->jmp_next[n] = dest->jmp_in;
    dest->jmp_in = (uintptr_t)src | n;
    exec_stats.chained++;
}

/* Remove (src, n) from dest's list of incoming chains. */
static void unlink_incoming(struct exec_tb *dest, struct exec_tb *src, unsigned n)
{
    uintptr_t *p = &dest->jmp_in;
    uintptr_t want = (uintptr_t)src | n;

    while (*p) {
        struct exec_tb *s = (struct exec_tb *)(*p & ~(uintptr_t)1);
        unsigned k = *p & 1;

        if (*p == want) {
            *p = s->jmp_next[k];
            return;
        }
        p = &s->jmp_next[k];
    }
}

static void invalidate_tb(struct exec_tb *tb)
{
    unsigned h = hash_of(tb->pc, tb->flags);

    for (struct exec_tb **p = &hash_table[h]; *p; p = &(*p)->hash_next) {
        if (*p == tb) {
            *p = tb->hash_next;
            hash_count--;
            break;
        }
    }
    tb->invalid = true;
    for (unsigned n = 0; n < 2; n++) {
        if (tb->jmp_to[n]) {
            unlink_incoming(tb->jmp_to[n], tb, n);
            tb->jmp_to[n] = NULL;
            tcg_tb_reset_jump(&tb->t, n);
        }
    }
    while (tb->jmp_in) {
        struct exec_tb *s = (struct exec_tb *)(tb->jmp_in & ~(uintptr_t)1);
        unsigned k = tb->jmp_in & 1;

        tb->jmp_in = s->jmp_next[k];
        s->jmp_to[k] = NULL;
        tcg_tb_reset_jump(&s->t, k);
    }
    for (struct exec_cpu *c = cpus; c; c = c->next) {
        struct exec_jc_entry *e = &c->jc[exec_jc_hash(tb->pc)];

        if (e->tb == tb) {
            __atomic_store_n(&e->ptr, 0, __ATOMIC_RELEASE);
            __atomic_store_n(&e->tb, NULL, __ATOMIC_RELEASE);
        }
    }
    push(&dead, &nb_dead, &cap_dead, tb);
    exec_stats.invalidated++;
}

void exec_invalidate(uint64_t start, uint64_t len)
{
    uint64_t end = start + len;
    size_t k = 0;

    if (!len)
        return;
    pthread_mutex_lock(&exec_tb_lock);
    if (end > span_lo && start < span_hi) {
        for (size_t i = 0; i < nb_live; i++) {
            struct exec_tb *tb = live[i];

            if (tb->pc < end && tb->pc_end > start)
                invalidate_tb(tb);
            else
                live[k++] = tb;
        }
        nb_live = k;
    }
    pthread_mutex_unlock(&exec_tb_lock);
}

/*
 * Blocks come from chunks and go back to a free list (exec_tb_lock held
 * for both): a start-up takes hundreds from the translation cache, and
 * calloc for each was a tenth of the import.
 */
#if defined(__SANITIZE_ADDRESS__)
/* ASan sees use after free only of memory that malloc handed out */
struct exec_tb *exec_tb_alloc_locked(void)
{
    return calloc(1, sizeof(struct exec_tb));
}

void exec_tb_release_locked(struct exec_tb *tb)
{
    free(tb);
}
#else
#define TB_CHUNK 256
static struct exec_tb *tb_free_list;
static struct exec_tb *tb_chunk;
static unsigned tb_chunk_used = TB_CHUNK;

struct exec_tb *exec_tb_alloc_locked(void)
{
    struct exec_tb *tb = tb_free_list;

    if (tb) {
        tb_free_list = tb->hash_next;
    } else {
        if (tb_chunk_used == TB_CHUNK) {
            struct exec_tb *c = malloc(TB_CHUNK * sizeof(*c));

            if (!c)
                return NULL;
            tb_chunk = c;
            tb_chunk_used = 0;
        }
        tb = &tb_chunk[tb_chunk_used++];
    }
    memset(tb, 0, sizeof(*tb));
    return tb;
}

void exec_tb_release_locked(struct exec_tb *tb)
{
    tb->hash_next = tb_free_list;
    tb_free_list = tb;
}
#endif

static void free_tb(struct exec_tb *tb)
{
    free(tb->guest_copy);
    tcg_tb_free(&tb->t);
    exec_tb_release_locked(tb);
}

void exec_flush_all_locked(void)
{
    for (size_t i = 0; i < nb_live; i++)
        free_tb(live[i]);
    for (size_t i = 0; i < nb_dead; i++)
        free_tb(dead[i]);
    nb_live = nb_dead = 0;
    if (hash_table)
        memset(hash_table, 0, sizeof(*hash_table) << hash_bits);
    hash_count = 0;
    __atomic_store_n(&nb_by_code, 0, __ATOMIC_RELEASE);
    span_lo = UINT64_MAX;
    span_hi = 0;
    for (struct exec_cpu *c = cpus; c; c = c->next)
        memset(c->jc, 0, sizeof(c->jc));
    tcg_code_flush();
    exec_flush_count++;
    exec_stats.flushes++;
}

static void flush_all(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&exec_tb_lock);
    exec_flush_all_locked();
    pthread_mutex_unlock(&exec_tb_lock);
}

void exec_flush_all(void)
{
    exec_exclusive(flush_all, NULL);
}

void exec_cpu_register_locked(struct exec_cpu *cpu)
{
    cpu->next = cpus;
    cpus = cpu;
}

void exec_cpu_unregister_locked(struct exec_cpu *cpu)
{
    for (struct exec_cpu **p = &cpus; *p; p = &(*p)->next) {
        if (*p == cpu) {
            *p = cpu->next;
            return;
        }
    }
}

void exec_tb_foreach_locked(void (*fn)(struct exec_tb *tb, void *arg), void *arg)
{
    for (size_t i = 0; i < nb_live; i++)
        fn(live[i], arg);
}

void exec_cpu_foreach_locked(void (*fn)(struct exec_cpu *c, void *arg), void *arg)
{
    for (struct exec_cpu *c = cpus; c; c = c->next)
        fn(c, arg);
}

void exec_cpu_keep_only_locked(struct exec_cpu *keep)
{
    cpus = keep;
    if (keep)
        keep->next = NULL;
}

void exec_get_stats(struct exec_stats *s)
{
    pthread_mutex_lock(&exec_tb_lock);
    *s = exec_stats;
    pthread_mutex_unlock(&exec_tb_lock);
}
