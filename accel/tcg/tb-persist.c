/*
 * The persistent translation cache: a start-up of a short program is
 * mostly translation (a static hello world: 670 blocks, 3 ms), and CI
 * jobs run the same programs thousands of times.  A cache file holds the
 * JIT blocks of earlier runs as images (tcg_tb_export: code with its
 * place-dependent parts undone) with the guest bytes each was translated
 * from; a block is taken from it when the guest asks for (pc, flags) and
 * its bytes are the same now, else translated afresh.  A block's code
 * depends on nothing else (exit_tb values are the only pointers in it,
 * helpers are at fixed addresses in the same uemu build), which the key
 * in the file's header pins down.
 *
 * File layout (host byte order; only the same build reads it):
 *   struct file_header, the key (key_len bytes), padding to 8;
 *   entries: struct entry, its relocations (4 bytes each), the guest
 *   bytes, the code, the packed insns, padding to 8;
 *   the index: nb struct index_entry, in the entries' order;
 *   the hash: 2^hash_bits slots of 4 bytes, each 0 or an index position
 *   + 1, at exec_tb_hash(pc, flags) or after it (linear probing), to the end.
 * Entries are in the order the blocks were first made, which is about
 * the order a later run asks for them: its reads go forward through the
 * file (sorted by pc, each import touched a new page; and the binary
 * search over the index cost a tenth of the import).
 * Every offset and size is checked before use, and each entry's payload
 * against its checksum when the entry is first used (a 64-bit
 * multiply-xor hash: zlib's CRC-32 took a quarter of a cached start-up);
 * a bad file is no cache (it is replaced at the next save).  The file is
 * the user's own, in a directory only they can write: a change that
 * keeps the checksums is not guarded against, any more than a change to
 * uemu's binary.
 */
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accel/tcg/exec-internal.h"
#include "uemu/byte-buf.h"
#include "uemu/guest-space.h"
#include "uemu/heap-warm.h"
#include "uemu/options.h"

#define CACHE_MAGIC "uemutc03"
/* Past this, a save starts the file afresh with this run's blocks. */
#define CACHE_FILE_MAX (64u << 20)
/* A block's guest bytes: within one page, but for a straddling insn. */
#define GUEST_LEN_MAX (EXEC_PAGE_SIZE + 4)

struct file_header {
    char magic[8];
    uint32_t key_len, nb;
    uint64_t index_off, size;
    uint64_t hash_off;
    uint32_t hash_bits, pad;
};

#define HASH_BITS_MAX 24

struct index_entry {
    uint64_t pc;
    uint32_t flags, pad;
    uint64_t off;
};

struct entry {
    uint64_t pc, dest[2];
    uint32_t flags, guest_len, code_size, insns_size, nb_insns, nb_relocs;
    uint32_t jmp_off[2], loop_off, pad0;
    uint64_t sum;
    uint8_t has_dest[2], pad[6];
};
_Static_assert(sizeof(struct entry) == 80, "no padding: the header is summed byte for byte");

static char *cache_file;
static char *cache_key;
static const uint8_t *map;
static size_t map_size;
static const struct index_entry *idx;
static uint32_t nb_idx;
static const uint32_t *hash_slots;
static unsigned hash_bits;
static size_t data_start;
static struct stat map_st;      /* of the file mapped */
/* Blocks were taken from the mapping: their insns and relocations are
 * read in place (a copy of each was a fifth of an import), so it stays
 * mapped for the process's life even when a newer file replaces it. */
static bool map_lent;

static uint64_t load64(const uint8_t *p)
{
    uint64_t w;

    memcpy(&w, p, 8);
    return w;
}

#define SUM_MIX(lane, w, mul) ((lane) = ((lane) ^ (w)) * (mul), (lane) ^= (lane) >> 29)

/* Checksum of n bytes at p, continuing from h (0 to start).  Four
 * independent lanes: with one, every word waited for the previous
 * word's multiply, and the sums were a twentieth of a cached dynamic
 * start-up (four lanes: 200 bytes in 24 ns instead of 44). */
static uint64_t sum_bytes(uint64_t h, const uint8_t *p, size_t n)
{
    const uint64_t m0 = 0xff51afd7ed558ccdull, m1 = 0xc4ceb9fe1a85ec53ull;
    const uint64_t m2 = 0x9e3779b97f4a7c15ull, m3 = 0xd6e8feb86659fd93ull;
    uint64_t a = h ^ n, b = h + n, c = ~h, d = h ^ m2, w = 0;

    for (; n >= 32; p += 32, n -= 32) {
        SUM_MIX(a, load64(p), m0);
        SUM_MIX(b, load64(p + 8), m1);
        SUM_MIX(c, load64(p + 16), m2);
        SUM_MIX(d, load64(p + 24), m3);
    }
    if (n >= 8) {
        SUM_MIX(a, load64(p), m0);
        p += 8, n -= 8;
    }
    if (n >= 8) {
        SUM_MIX(b, load64(p), m1);
        p += 8, n -= 8;
    }
    if (n >= 8) {
        SUM_MIX(c, load64(p), m2);
        p += 8, n -= 8;
    }
    memcpy(&w, p, n);
    h = (a ^ w) * m1 ^ b;
    h = (h ^ h >> 31) * m2 ^ c;
    h = (h ^ h >> 31) * m3 ^ d;
    h *= m0;
    return h ^ h >> 32;
}

/* The checksum of an entry: its header (but the sum), relocations, code
 * and insns (the guest bytes need none: they are compared with the
 * guest's).  The header too: the loop takes an unchained exit's next pc
 * from dest, and the patching its offsets. */
static uint64_t payload_sum(const struct entry *e, const uint8_t *payload)
{
    size_t relocs = (size_t)e->nb_relocs * 4;
    struct entry head = *e;
    uint64_t h;

    head.sum = 0;
    h = sum_bytes(0, (const uint8_t *)&head, sizeof(head));
    h = sum_bytes(h, payload, relocs);
    return sum_bytes(h, payload + relocs + e->guest_len, (size_t)e->code_size + e->insns_size);
}

static size_t pad8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

struct build {
    char id[65];
    uint64_t layout;    /* where every object is loaded, hashed */
    bool first;
};

/* The build id of uemu (the first object) and the load addresses of all:
 * generated code calls helpers at their absolute addresses. */
static int scan_object(struct dl_phdr_info *info, size_t size, void *arg)
{
    struct build *b = arg;
    bool first = b->first;

    (void)size;
    b->first = false;
    /* the vDSO moves at every run and holds no helper */
    if (!info->dlpi_name || strncmp(info->dlpi_name, "linux-vdso", 10) != 0)
        b->layout = (b->layout ^ info->dlpi_addr) * 0x100000001b3ull;
    for (int i = 0; first && i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr);
        const uint8_t *end = p + ph->p_memsz;

        if (ph->p_type != PT_NOTE)
            continue;
        while (end - p >= (ptrdiff_t)sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *n = (const void *)p;
            const uint8_t *desc = p + sizeof(*n) + ((n->n_namesz + 3) & ~3u);

            if (desc + n->n_descsz > end)
                break;
            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
                memcmp(p + sizeof(*n), "GNU", 4) == 0 && n->n_descsz && n->n_descsz <= 32) {
                for (unsigned k = 0; k < n->n_descsz; k++)
                    sprintf(b->id + 2 * k, "%02x", desc[k]);
                break;
            }
            p = desc + ((n->n_descsz + 3) & ~3u);
        }
    }
    return 0;
}

/* The smallest table at most half full. */
static unsigned hash_bits_for(size_t nb)
{
    unsigned bits = 4;

    while (bits < HASH_BITS_MAX && ((size_t)1 << bits) < 2 * nb)
        bits++;
    return bits;
}

/* Index and hash are usable: entries lie between the key and the index,
 * the hash has room to spare (a probe ends at an empty slot). */
static bool map_valid(const struct file_header *h, size_t key_len)
{
    size_t key_end = pad8(sizeof(*h) + key_len);

    return memcmp(h->magic, CACHE_MAGIC, 8) == 0 && h->size == map_size &&
           h->key_len == key_len && memcmp(map + sizeof(*h), cache_key, key_len) == 0 &&
           h->index_off >= key_end && h->index_off % 8 == 0 && h->index_off <= map_size &&
           h->hash_bits >= 4 && h->hash_bits <= HASH_BITS_MAX &&
           h->nb < (1u << h->hash_bits) &&
           h->hash_off == h->index_off + (uint64_t)h->nb * sizeof(struct index_entry) &&
           h->hash_off <= map_size && map_size - h->hash_off == (4ull << h->hash_bits);
}

static void map_cache(void)
{
    int fd = open(cache_file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    void *p;

    if (fd < 0)
        return;
    /* only our own regular file: it is code we run */
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
        (st.st_mode & 022) || st.st_size < (off_t)sizeof(struct file_header) ||
        st.st_size > CACHE_FILE_MAX) {
        close(fd);
        return;
    }
    p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return;
    map_st = st;
    map = p;
    map_size = (size_t)st.st_size;
    {
        struct file_header h;
        size_t key_len = strlen(cache_key);

        memcpy(&h, map, sizeof(h));
        if (!map_valid(&h, key_len)) {
            munmap(p, map_size);
            map = NULL;
            return;
        }
        idx = (const struct index_entry *)(map + h.index_off);
        nb_idx = h.nb;
        hash_slots = (const uint32_t *)(map + h.hash_off);
        hash_bits = h.hash_bits;
        data_start = pad8(sizeof(h) + key_len);
    }
}

/* Our own directory (not writable by others), or one we may create. */
static bool dir_ok(const char *dir)
{
    struct stat st;

    return stat(dir, &st) < 0 ? errno == ENOENT
                              : S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
                                    !(st.st_mode & 022);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;

    while (*s)
        h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
    return h;
}

const char *exec_cache_open(const char *dir, const char *key)
{
    struct build b = { .first = true };
    char be[64];

    if (cache_file || strcmp(tcg_backend_name(), "jit") != 0 || dir[0] != '/')
        return NULL;
    dl_iterate_phdr(scan_object, &b);
    if (!b.id[0] || !dir_ok(dir))
        return NULL;
    tcg_backend_code_key(be, sizeof(be));
    if (asprintf(&cache_key, "uemu %s build %s layout %016llx backend %s\n%s", UEMU_VERSION,
                 b.id, (unsigned long long)b.layout, be, key) < 0) {
        cache_key = NULL;
        return NULL;
    }
    /* named by the whole key: two builds or hosts never take turns
     * replacing one file */
    if (asprintf(&cache_file, "%s/%016llx.tc", dir, (unsigned long long)fnv1a(cache_key)) < 0) {
        cache_file = NULL;
        free(cache_key);
        cache_key = NULL;
        return NULL;
    }
    map_cache();
    return cache_file;
}

/* The entry at off with its payload inside the entries; NULL if not. */
static const uint8_t *entry_at(uint64_t off, struct entry *e, size_t *total)
{
    size_t end = idx ? (size_t)((const uint8_t *)idx - map) : 0;
    uint64_t payload;

    if (off < data_start || off % 8 || off > end || end - off < sizeof(*e))
        return NULL;
    memcpy(e, map + off, sizeof(*e));
    if (e->guest_len == 0 || e->guest_len > GUEST_LEN_MAX || e->code_size == 0 ||
        e->code_size > (16u << 20) || e->insns_size > (16u << 20) ||
        e->nb_relocs > (4u << 20) || e->nb_insns > EXEC_MAX_INSNS)
        return NULL;
    payload = (uint64_t)e->nb_relocs * 4 + e->guest_len + e->code_size + e->insns_size;
    if (payload > end - off - sizeof(*e))
        return NULL;
    *total = pad8(sizeof(*e) + (size_t)payload);
    if (*total > end - off)
        return NULL;
    return map + off + sizeof(*e);
}

static const struct index_entry *lookup(uint64_t pc, uint32_t flags)
{
    uint32_t mask = (1u << hash_bits) - 1;
    uint32_t at = exec_tb_hash(pc, flags, hash_bits);

    for (uint32_t n = 0; n <= mask; n++, at = (at + 1) & mask) {
        uint32_t v = hash_slots[at];

        if (v == 0 || v > nb_idx)
            return NULL;
        if (idx[v - 1].pc == pc && idx[v - 1].flags == flags)
            return &idx[v - 1];
    }
    return NULL;
}

struct exec_tb *exec_cache_import_locked(uint64_t pc, uint32_t flags)
{
    const struct index_entry *ie;
    const uint8_t *payload, *guest;
    struct tcg_tb_image img;
    struct exec_tb *tb;
    struct entry e;
    size_t total;
    uint64_t next_page;

    if (!map || (flags & EXEC_TB_ONE_INSN) || !(ie = lookup(pc, flags)))
        return NULL;
    payload = entry_at(ie->off, &e, &total);
    if (!payload || e.pc != pc || e.flags != flags)
        return NULL;
    guest = payload + (size_t)e.nb_relocs * 4;
    /* the caller checked pc's page; a straddling insn reaches the next */
    next_page = (pc | (EXEC_PAGE_SIZE - 1)) + 1;
    if ((pc + e.guest_len > next_page && !exec_code_ok(next_page, pc + e.guest_len - next_page)) ||
        memcmp(g2h(pc), guest, e.guest_len) != 0)
        return NULL;
    if (e.sum != payload_sum(&e, payload))
        return NULL;
    /* the file's blocks do not name themselves: a fault in one is found
     * by its host pc, through the code index */
    if (!exec_tb_by_code_ready_locked())
        return NULL;
    tb = exec_tb_alloc_locked();
    if (!tb)
        return NULL;
    img = (struct tcg_tb_image){
        .code = guest + e.guest_len, .size = e.code_size,
        .insns = guest + e.guest_len + e.code_size, .insns_size = e.insns_size,
        .nb_insns = e.nb_insns,
        .relocs = (const uint32_t *)payload, .nb_relocs = e.nb_relocs,
        .jmp_off = { e.jmp_off[0], e.jmp_off[1] }, .loop_off = e.loop_off,
        .borrow = true,
    };
    if (tcg_tb_import(&tb->t, &img, (uintptr_t)tb) < 0) {
        exec_tb_release_locked(tb);
        return NULL;
    }
    map_lent = true;
    tb->pc = pc;
    tb->pc_end = pc + e.guest_len;
    tb->flags = flags;
    tb->in_file = true;
    for (int n = 0; n < 2; n++) {
        tb->has_dest[n] = e.has_dest[n] != 0;
        tb->dest[n] = e.dest[n];
    }
    exec_tb_insert_locked(tb);
    exec_stats.from_cache++;
    heap_warm_follow();
    return tb;
}

/* ---------------------------------------------------------------- save */

void exec_cache_note_locked(struct exec_tb *tb)
{
    size_t len = tb->pc_end - tb->pc;

    if (!cache_file || tb->no_persist || (tb->flags & EXEC_TB_ONE_INSN) || len > GUEST_LEN_MAX)
        return;
    tb->guest_copy = malloc(len);
    if (tb->guest_copy)
        memcpy(tb->guest_copy, g2h(tb->pc), len);
}

static void buf_put(struct byte_buf *b, const void *src, size_t n)
{
    void *d = byte_buf_grow(b, n);

    if (d)
        memcpy(d, src, n);
}

static void buf_pad8(struct byte_buf *b)
{
    byte_buf_grow(b, pad8(b->len) - b->len);
}

/* A record of the new file: a block of this run, or an entry of the old
 * file at old_off. */
struct rec {
    uint64_t pc;
    uint32_t flags;
    struct exec_tb *tb;
    uint64_t old_off;
    uint64_t order;     /* place in the new file */
};

/* The old file's entries keep their order, this run's blocks follow in
 * the order they were made (the order of exec_tb_foreach_locked). */
#define ORDER_NEW (UINT64_C(1) << 62)

struct collect {
    struct rec *r;
    size_t n, cap;
    size_t fresh;
};

static void add_rec(struct collect *c, struct rec r)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 1024;
        struct rec *p = realloc(c->r, cap * sizeof(*p));

        if (!p)
            return;
        c->r = p;
        c->cap = cap;
    }
    c->r[c->n++] = r;
}

static void collect_new(struct exec_tb *tb, void *arg)
{
    struct collect *c = arg;

    if (!tb->guest_copy || tb->in_file || tb->no_persist || (tb->flags & EXEC_TB_ONE_INSN) ||
        tb->invalid || tb->pc_end <= tb->pc || tb->pc_end - tb->pc > GUEST_LEN_MAX)
        return;
    add_rec(c, (struct rec){ tb->pc, tb->flags, tb, 0, ORDER_NEW + c->fresh });
    c->fresh++;
}

static void mark_in_file(struct exec_tb *tb, void *arg)
{
    (void)arg;
    if (tb->guest_copy) {
        tb->in_file = true;
        free(tb->guest_copy);
        tb->guest_copy = NULL;
    }
}

/* By (pc, flags), this run's block first. */
static int rec_cmp(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;

    if (x->pc != y->pc)
        return x->pc < y->pc ? -1 : 1;
    if (x->flags != y->flags)
        return x->flags < y->flags ? -1 : 1;
    return (y->tb != NULL) - (x->tb != NULL);
}

static int rec_order_cmp(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;

    return x->order < y->order ? -1 : x->order > y->order;
}

/* Keep one record per (pc, flags), this run's block over the file's;
 * then put them in file order.  Returns how many are left. */
static size_t unique_in_order(struct rec *r, size_t n)
{
    size_t kept = 0;

    qsort(r, n, sizeof(*r), rec_cmp);
    for (size_t i = 0; i < n; i++) {
        if (kept && r[i].pc == r[kept - 1].pc && r[i].flags == r[kept - 1].flags)
            continue;
        r[kept++] = r[i];
    }
    qsort(r, kept, sizeof(*r), rec_order_cmp);
    return kept;
}

static void put_new(struct byte_buf *b, struct exec_tb *tb)
{
    struct tcg_tb_image img;
    struct entry e;
    uint8_t *code = malloc(tb->t.size ? tb->t.size : 1);
    size_t at;

    if (!code || !tcg_tb_export(&tb->t, (uintptr_t)tb, code, &img)) {
        free(code);
        b->failed = true;
        return;
    }
    e = (struct entry){
        .pc = tb->pc, .dest = { tb->dest[0], tb->dest[1] }, .flags = tb->flags,
        .guest_len = (uint32_t)(tb->pc_end - tb->pc), .code_size = (uint32_t)img.size,
        .insns_size = (uint32_t)img.insns_size, .nb_insns = img.nb_insns,
        .nb_relocs = img.nb_relocs, .jmp_off = { img.jmp_off[0], img.jmp_off[1] },
        .loop_off = img.loop_off, .has_dest = { tb->has_dest[0], tb->has_dest[1] },
    };
    buf_put(b, &e, sizeof(e));
    at = b->len;
    buf_put(b, img.relocs, (size_t)img.nb_relocs * 4);
    buf_put(b, tb->guest_copy, e.guest_len);
    buf_put(b, code, img.size);
    buf_put(b, img.insns, img.insns_size);
    if (!b->failed) {
        e.sum = payload_sum(&e, b->p + at);
        memcpy(b->p + at - sizeof(e), &e, sizeof(e));
    }
    buf_pad8(b);
    free(code);
}

/* mkdir -p of the file's directory, private. */
static void make_dirs(const char *file)
{
    char *d = strdup(file);

    if (!d)
        return;
    for (char *p = d + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        mkdir(d, 0700);
        *p = '/';
    }
    free(d);
}

static void write_file(const struct byte_buf *b)
{
    char *tmp;
    int fd;
    bool ok;

    make_dirs(cache_file);
    if (asprintf(&tmp, "%s.%d.tmp", cache_file, (int)getpid()) < 0)
        return;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        free(tmp);
        return;
    }
    ok = true;
    for (size_t done = 0; ok && done < b->len;) {
        ssize_t w = write(fd, b->p + done, b->len - done);

        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    ok = close(fd) == 0 && ok;
    /* rename is atomic: a reader maps the old file or the new one */
    if (!ok || rename(tmp, cache_file) < 0)
        unlink(tmp);
    free(tmp);
}

/* Another process (a fork's child, a parallel run) may have saved since
 * the start: merge with what the file holds now.  The blocks taken from
 * the old mapping are copies. */
static void remap_if_replaced(void)
{
    struct stat st;

    if (stat(cache_file, &st) < 0 ||
        (map && st.st_ino == map_st.st_ino && st.st_dev == map_st.st_dev &&
         st.st_mtim.tv_sec == map_st.st_mtim.tv_sec &&
         st.st_mtim.tv_nsec == map_st.st_mtim.tv_nsec && st.st_size == map_st.st_size))
        return;
    if (map && !map_lent)
        munmap((void *)map, map_size);
    map = NULL;
    map_lent = false;
    idx = NULL;
    nb_idx = 0;
    hash_slots = NULL;
    map_cache();
}

void exec_cache_save(void)
{
    struct collect c = { 0 };
    struct byte_buf b = { 0 };
    struct file_header h = { .magic = CACHE_MAGIC };
    struct index_entry *out_idx;
    uint32_t *slots, mask;
    size_t key_len, nb = 0;

    if (!cache_file)
        return;
    /* Other threads may run on: under the lock no block is made, chained
     * or freed, and the guest bytes are the copies taken at translation. */
    pthread_mutex_lock(&exec_tb_lock);
    exec_tb_foreach_locked(collect_new, &c);
    if (!c.fresh)
        goto out;
    remap_if_replaced();
    for (uint32_t i = 0; map && i < nb_idx && map_size < CACHE_FILE_MAX / 2; i++)
        add_rec(&c, (struct rec){ idx[i].pc, idx[i].flags, NULL, idx[i].off, idx[i].off });
    c.n = unique_in_order(c.r, c.n);
    key_len = strlen(cache_key);
    h.key_len = (uint32_t)key_len;
    buf_put(&b, &h, sizeof(h));
    buf_put(&b, cache_key, key_len);
    buf_pad8(&b);
    for (size_t i = 0; i < c.n; i++) {
        struct rec *r = &c.r[i];
        size_t at = b.len;

        if (r->tb) {
            put_new(&b, r->tb);
        } else {
            struct entry e;
            size_t total;

            if (!entry_at(r->old_off, &e, &total) || e.pc != r->pc || e.flags != r->flags)
                continue;
            buf_put(&b, map + r->old_off, total);
        }
        /* the record now holds its new offset */
        c.r[nb++] = (struct rec){ r->pc, r->flags, NULL, at, 0 };
        if (b.failed || b.len > CACHE_FILE_MAX)
            goto out;
    }
    h.index_off = b.len;
    h.nb = (uint32_t)nb;
    out_idx = byte_buf_grow(&b, nb * sizeof(*out_idx));
    if (!out_idx)
        goto out;
    for (size_t i = 0; i < nb; i++)
        out_idx[i] = (struct index_entry){ c.r[i].pc, c.r[i].flags, 0, c.r[i].old_off };
    h.hash_off = b.len;
    h.hash_bits = hash_bits_for(nb);
    if (nb >= (size_t)1 << h.hash_bits)
        goto out;
    slots = byte_buf_grow(&b, (size_t)4 << h.hash_bits);
    if (!slots)
        goto out;
    memset(slots, 0, (size_t)4 << h.hash_bits);
    mask = (1u << h.hash_bits) - 1;
    for (size_t i = 0; i < nb; i++) {
        uint32_t at = exec_tb_hash(c.r[i].pc, c.r[i].flags, h.hash_bits);

        while (slots[at])
            at = (at + 1) & mask;
        slots[at] = (uint32_t)i + 1;
    }
    h.size = b.len;
    if (b.len > CACHE_FILE_MAX)
        goto out;
    memcpy(b.p, &h, sizeof(h));
    /* Written (or, if the write fails, given up): a later save, as at
     * each failing execve of a PATH search, writes only newer blocks. */
    exec_tb_foreach_locked(mark_in_file, NULL);
    pthread_mutex_unlock(&exec_tb_lock);
    write_file(&b);
    free(b.p);
    free(c.r);
    return;
out:
    pthread_mutex_unlock(&exec_tb_lock);
    free(b.p);
    free(c.r);
}
