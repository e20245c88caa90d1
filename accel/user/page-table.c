/*
 * The guest page table (include/uemu/page-table.h).
 *
 * Disjoint inclusive ranges [start, last] with their flags live in an AVL
 * tree keyed by start.  Only mapped ranges are stored; gaps are implicit.
 * Adjacent ranges (one's last + 1 == the next one's start) always have
 * different flags: page_table_set merges equal neighbours, so the number
 * of nodes is the number of distinct ranges and a 1 TiB range costs one
 * node, like a single page.
 *
 * Cost: get, lookup, is_free and the set of a range that overlaps no more
 * than a couple of ranges are O(log n).  A set over k ranges deletes them
 * in O(k log n).  check visits each range it covers; find_free and
 * find_free_top jump from one blocking range to the gap after it, so they
 * visit ranges, never pages.  Inclusive bounds let a range end at
 * UINT64_MAX; every "+ 1" and "- 1" is guarded against wrapping.
 *
 * Lock-free readers (get, lookup, check, is_free) against one writer at a
 * time (the caller serialises writers):
 *
 *  - A sequence counter: the writer makes it odd before changing the tree
 *    and even again after.  A reader notes an even value, reads, and
 *    starts again when the counter moved.  So a reader's answer always
 *    comes from one whole state between two writes.
 *  - Memory ordering without fences: the writer stores every field a
 *    reader reads with release stores, the counter's final even value
 *    too; readers load them with acquire loads (plain moves on x86-64).
 *    A reader that saw any store of a write therefore also sees that
 *    write's odd counter when it reads the counter again, and a reader
 *    that follows a child pointer sees the node it points to fully
 *    initialised.  All shared fields are accessed with __atomic builtins,
 *    so racing readers are not a data race in the C sense.
 *  - Type-stable memory: nodes come from slabs the table owns.  A deleted
 *    node goes on a free list and is reused, and slabs are only freed by
 *    page_table_free (which runs when no reader can).  A reader racing a
 *    writer may follow a stale pointer into a recycled or free node, but
 *    it always lands in a node, never in freed memory.
 *  - A reader racing a writer can meet a tree in mid-rotation, even a
 *    transient cycle; it gives up after PT_MAX_STEPS steps (deeper than
 *    any valid AVL tree can be) and starts again.
 *
 * Writers never allocate per page: a set needs at most two new nodes
 * (a split plus the new range), which are reserved before the sequence
 * counter goes odd, one slab of PT_SLAB_NODES at a time.
 *
 * Usage: a writer, under the mmap lock, records a mapping with
 *     page_table_set(guest_pages, start, start + len - 1, PAGE_VALID | prot);
 * and any thread asks, without a lock,
 *     if (!page_table_check(guest_pages, addr, size, PAGE_WRITE)) ...fault
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#include "uemu/page-table.h"

struct page_table *guest_pages;

/*
 * An AVL tree of height h holds at least fib(h + 2) - 1 nodes, so 200
 * levels would need more nodes than fit in 2^64 bytes.
 */
#define PT_MAX_STEPS 200
#define PT_SLAB_NODES 1024
/* Readers spinning on an odd counter let a descheduled writer run. */
#define PT_SPINS_BEFORE_YIELD 64

struct pt_node {
    guest_addr start;
    guest_addr last;
    struct pt_node *child[2];   /* [0]: lower starts, [1]: higher */
    unsigned flags;
    int height;                 /* writer only */
};

struct pt_slab {
    struct pt_slab *next;
    struct pt_node nodes[PT_SLAB_NODES];
};

struct page_table {
    unsigned long seq;          /* odd while a writer changes the tree */
    struct pt_node *root;
    /* Writer only. */
    struct pt_node *free_nodes; /* linked through child[0] */
    size_t nfree;
    size_t count;
    struct pt_slab *slabs;
};

/* Shared fields: release stores by the writer, acquire loads by readers. */
#define RD(field) __atomic_load_n(&(field), __ATOMIC_ACQUIRE)
#define WR(field, val) __atomic_store_n(&(field), (val), __ATOMIC_RELEASE)

/* What a descent towards addr finds. */
struct pt_probe {
    bool found;                 /* some range starts at or below addr */
    guest_addr start, last;     /* the one starting closest below */
    unsigned flags;
    struct pt_node *node;       /* for the writer only */
    bool has_next;              /* some range starts above addr */
    guest_addr next_start;      /* the lowest such start */
    struct pt_node *next;       /* for the writer only */
};

/*
 * One descent from the root.  False when it took more steps than a valid
 * tree allows, which only a reader racing the writer can see.
 */
static bool probe(const struct page_table *pt, guest_addr addr,
                  struct pt_probe *p)
{
    struct pt_node *n = RD(pt->root);
    int steps = 0;

    p->found = false;
    p->has_next = false;
    while (n) {
        guest_addr start;

        if (++steps > PT_MAX_STEPS) {
            return false;
        }
        start = RD(n->start);
        if (start <= addr) {
            p->found = true;
            p->start = start;
            p->last = RD(n->last);
            p->flags = RD(n->flags);
            p->node = n;
            n = RD(n->child[1]);
        } else {
            p->has_next = true;
            p->next_start = start;
            p->next = n;
            n = RD(n->child[0]);
        }
    }
    return true;
}

/* Writer side: no concurrent change, so the descent always completes. */
static void probe_locked(const struct page_table *pt, guest_addr addr,
                         struct pt_probe *p)
{
    (void)probe(pt, addr, p);
}

/* ---- readers' side of the sequence counter ---- */

static unsigned long read_begin(const struct page_table *pt)
{
    unsigned spins = 0;

    for (;;) {
        unsigned long s = __atomic_load_n(&pt->seq, __ATOMIC_ACQUIRE);

        if (!(s & 1)) {
            return s;
        }
        if (++spins % PT_SPINS_BEFORE_YIELD == 0) {
            sched_yield();
        }
    }
}

static bool read_changed(const struct page_table *pt, unsigned long s)
{
    return __atomic_load_n(&pt->seq, __ATOMIC_ACQUIRE) != s;
}

static void probe_stable(const struct page_table *pt, guest_addr addr,
                         struct pt_probe *p)
{
    for (;;) {
        unsigned long s = read_begin(pt);

        if (probe(pt, addr, p) && !read_changed(pt, s)) {
            return;
        }
    }
}

/* ---- writer's side ---- */

static void write_begin(struct page_table *pt)
{
    /* The release stores that follow keep this store before them. */
    __atomic_store_n(&pt->seq, pt->seq + 1, __ATOMIC_RELAXED);
}

static void write_end(struct page_table *pt)
{
    __atomic_store_n(&pt->seq, pt->seq + 1, __ATOMIC_RELEASE);
}

/*
 * Make sure want nodes are free before a change starts.  Running out of
 * memory here aborts: the signature has no error path and a caller
 * half-way through an mmap could not undo the host side anyway; a table
 * that no longer matched the host's mappings would be worse.
 */
static void reserve_nodes(struct page_table *pt, size_t want)
{
    while (pt->nfree < want) {
        struct pt_slab *slab = malloc(sizeof(*slab));

        if (!slab) {
            fputs("uemu: out of memory for the guest page table\n", stderr);
            abort();
        }
        slab->next = pt->slabs;
        pt->slabs = slab;
        for (size_t i = 0; i < PT_SLAB_NODES; i++) {
            WR(slab->nodes[i].child[0], pt->free_nodes);
            pt->free_nodes = &slab->nodes[i];
        }
        pt->nfree += PT_SLAB_NODES;
    }
}

static struct pt_node *node_new(struct page_table *pt, guest_addr start,
                                guest_addr last, unsigned flags)
{
    struct pt_node *n = pt->free_nodes;

    pt->free_nodes = n->child[0];
    pt->nfree--;
    WR(n->start, start);
    WR(n->last, last);
    WR(n->flags, flags);
    WR(n->child[0], NULL);
    WR(n->child[1], NULL);
    n->height = 1;
    return n;
}

static void node_recycle(struct page_table *pt, struct pt_node *n)
{
    WR(n->child[0], pt->free_nodes);
    pt->free_nodes = n;
    pt->nfree++;
}

/* ---- AVL tree (writer only) ---- */

static int height(const struct pt_node *n)
{
    return n ? n->height : 0;
}

static void set_child(struct pt_node *n, int dir, struct pt_node *c)
{
    if (n->child[dir] != c) {
        WR(n->child[dir], c);
    }
}

static void set_root(struct page_table *pt, struct pt_node *r)
{
    if (pt->root != r) {
        WR(pt->root, r);
    }
}

static void fix_height(struct pt_node *n)
{
    int l = height(n->child[0]), r = height(n->child[1]);

    n->height = (l > r ? l : r) + 1;
}

/* Lift n's child on side !dir into n's place; returns the new subtree root. */
static struct pt_node *rotate(struct pt_node *n, int dir)
{
    struct pt_node *c = n->child[!dir];

    set_child(n, !dir, c->child[dir]);
    set_child(c, dir, n);
    fix_height(n);
    fix_height(c);
    return c;
}

static struct pt_node *rebalance(struct pt_node *n)
{
    int balance;

    fix_height(n);
    balance = height(n->child[1]) - height(n->child[0]);
    for (int dir = 0; dir < 2; dir++) {
        /* dir 0: right-heavy, rotate left; dir 1: the mirror image. */
        int heavy = dir ? -balance : balance;
        struct pt_node *c = n->child[!dir];

        if (heavy > 1) {
            if (height(c->child[dir]) > height(c->child[!dir])) {
                set_child(n, !dir, rotate(c, !dir));
            }
            return rotate(n, dir);
        }
    }
    return n;
}

static struct pt_node *avl_insert(struct pt_node *t, struct pt_node *n)
{
    int dir;

    if (!t) {
        return n;
    }
    dir = n->start > t->start;
    set_child(t, dir, avl_insert(t->child[dir], n));
    return rebalance(t);
}

static struct pt_node *avl_remove_min(struct pt_node *t, struct pt_node **min)
{
    if (!t->child[0]) {
        *min = t;
        return t->child[1];
    }
    set_child(t, 0, avl_remove_min(t->child[0], min));
    return rebalance(t);
}

/* Unlink n (present in t); the successor node moves into its place. */
static struct pt_node *avl_remove(struct pt_node *t, const struct pt_node *n)
{
    struct pt_node *m;

    if (t != n) {
        int dir = n->start > t->start;

        set_child(t, dir, avl_remove(t->child[dir], n));
        return rebalance(t);
    }
    if (!t->child[0] || !t->child[1]) {
        return t->child[0] ? t->child[0] : t->child[1];
    }
    set_child(t, 1, avl_remove_min(t->child[1], &m));
    set_child(m, 0, t->child[0]);
    set_child(m, 1, t->child[1]);
    return rebalance(m);
}

static struct pt_node *insert_range(struct page_table *pt, guest_addr start,
                                    guest_addr last, unsigned flags)
{
    struct pt_node *n = node_new(pt, start, last, flags);

    set_root(pt, avl_insert(pt->root, n));
    pt->count++;
    return n;
}

static void delete_node(struct page_table *pt, struct pt_node *n)
{
    set_root(pt, avl_remove(pt->root, n));
    node_recycle(pt, n);
    pt->count--;
}

/*
 * The ranges around addr, in one descent: *below starts below addr (the
 * closest such), *from is the first to start at or above it (NULL: none).
 */
static void ranges_around(const struct page_table *pt, guest_addr addr,
                          struct pt_node **below, struct pt_node **from)
{
    struct pt_probe p;

    if (addr == 0) {
        probe_locked(pt, 0, &p);
        *below = NULL;
        *from = p.found ? p.node : p.has_next ? p.next : NULL;
        return;
    }
    probe_locked(pt, addr - 1, &p);
    *below = p.found ? p.node : NULL;
    *from = p.has_next ? p.next : NULL;
}

/*
 * Remove every byte of [start, last] from the table, given the ranges
 * around start.  Ranges that stick out keep their outside parts: the one
 * holding start is cut short (or split in two when it also holds last),
 * the one holding last starts again at last + 1.  Changing a start in
 * place keeps the tree ordered because no other range starts in between.
 * Returns in *left and *right the ranges now ending at start - 1 and
 * starting at last + 1, candidates for merging (*right is only looked
 * for when want_right).
 */
static void carve(struct page_table *pt, guest_addr start, guest_addr last,
                  struct pt_node *below, struct pt_node *n, bool want_right,
                  struct pt_node **left, struct pt_node **right)
{
    struct pt_node *unused;

    *left = NULL;
    *right = NULL;
    if (below && below->last >= start) {
        if (below->last > last) {
            /* n, if any, starts past below's old end, beyond last + 1. */
            *right = insert_range(pt, last + 1, below->last, below->flags);
        }
        WR(below->last, start - 1);
    }
    if (below && below->last == start - 1) {
        *left = below;
    }
    while (n && n->start <= last) {
        guest_addr n_last = n->last;

        if (n_last > last) {
            WR(n->start, last + 1);
            break;
        }
        delete_node(pt, n);
        n = NULL;
        if (n_last < last || want_right) {
            ranges_around(pt, start, &unused, &n);
        }
    }
    if (n && last < UINT64_MAX && n->start == last + 1) {
        *right = n;
    }
}

/* Map the gap [start, last] with flags, merging with equal neighbours. */
static void fill(struct page_table *pt, guest_addr start, guest_addr last,
                 unsigned flags, struct pt_node *left, struct pt_node *right)
{
    if (left && left->flags != flags) {
        left = NULL;
    }
    if (right && right->flags != flags) {
        right = NULL;
    }
    if (left && right) {
        guest_addr end = right->last;

        delete_node(pt, right);
        WR(left->last, end);
    } else if (left) {
        WR(left->last, last);
    } else if (right) {
        WR(right->start, start);
    } else {
        insert_range(pt, start, last, flags);
    }
}

/* ---- the contract ---- */

struct page_table *page_table_new(void)
{
    return calloc(1, sizeof(struct page_table));
}

void page_table_free(struct page_table *pt)
{
    struct pt_slab *s, *next;

    if (!pt) {
        return;
    }
    for (s = pt->slabs; s; s = next) {
        next = s->next;
        free(s);
    }
    free(pt);
}

void page_table_set(struct page_table *pt, guest_addr start, guest_addr last,
                    unsigned flags)
{
    struct pt_node *below, *from, *left, *right;

    if (start > last) {
        fprintf(stderr, "uemu: page_table_set: start %#llx above last %#llx\n",
                (unsigned long long)start, (unsigned long long)last);
        abort();
    }
    ranges_around(pt, start, &below, &from);
    /* Leave the counter alone when nothing changes: readers keep going. */
    if (flags) {
        struct pt_node *holder = from && from->start == start ? from : below;

        if (holder && holder->last >= last && holder->flags == flags) {
            return;
        }
    } else if (!(below && below->last >= start) &&
               !(from && from->start <= last)) {
        return;
    }
    reserve_nodes(pt, 2);
    write_begin(pt);
    carve(pt, start, last, below, from, flags != 0, &left, &right);
    if (flags) {
        fill(pt, start, last, flags, left, right);
    }
    write_end(pt);
}

unsigned page_table_get(const struct page_table *pt, guest_addr addr)
{
    struct pt_probe p;

    probe_stable(pt, addr, &p);
    return p.found && p.last >= addr ? p.flags : 0;
}

void page_table_lookup(const struct page_table *pt, guest_addr addr,
                       guest_addr *start, guest_addr *last, unsigned *flags)
{
    struct pt_probe p;

    probe_stable(pt, addr, &p);
    if (p.found && p.last >= addr) {
        *start = p.start;
        *last = p.last;
        *flags = p.flags;
        return;
    }
    *start = p.found ? p.last + 1 : 0;
    *last = p.has_next ? p.next_start - 1 : UINT64_MAX;
    *flags = 0;
}

/* The last byte of [start, start + len), false when len is 0 or it wraps. */
static bool range_last(guest_addr start, guest_addr len, guest_addr *last)
{
    if (len == 0 || len - 1 > UINT64_MAX - start) {
        return false;
    }
    *last = start + (len - 1);
    return true;
}

bool page_table_check(const struct page_table *pt, guest_addr start,
                      guest_addr len, unsigned required)
{
    unsigned need = required | PAGE_VALID;
    guest_addr end;

    if (len == 0) {
        return true;
    }
    if (!range_last(start, len, &end)) {
        return false;
    }
    for (;;) {
        unsigned long s = read_begin(pt);
        guest_addr addr = start;
        struct pt_probe p;
        int ok = -1;            /* -1: the descent met a writer */

        /* Equal neighbours are merged, so each step passes one range. */
        while (probe(pt, addr, &p) && !read_changed(pt, s)) {
            if (!p.found || p.last < addr || (p.flags & need) != need) {
                ok = 0;
                break;
            }
            if (p.last >= end) {
                ok = 1;
                break;
            }
            addr = p.last + 1;
        }
        if (ok >= 0 && !read_changed(pt, s)) {
            return ok;
        }
    }
}

bool page_table_is_free(const struct page_table *pt, guest_addr start,
                        guest_addr len)
{
    struct pt_probe p;
    guest_addr end;

    if (len == 0) {
        return true;
    }
    if (!range_last(start, len, &end)) {
        return false;
    }
    /* The range starting closest below end is the only candidate. */
    probe_stable(pt, end, &p);
    return !p.found || p.last < start;
}

static bool align_up(guest_addr x, guest_addr align, guest_addr *out)
{
    if (x > UINT64_MAX - (align - 1)) {
        return false;
    }
    *out = ALIGN_UP(x, align);
    return true;
}

bool page_table_find_free(const struct page_table *pt, guest_addr min,
                          guest_addr max, guest_addr len, guest_addr align,
                          guest_addr *out)
{
    guest_addr c;

    if (align == 0) {
        align = 1;
    }
    if (len == 0 || min > max || !align_up(min, align, &c)) {
        return false;
    }
    while (c <= max && len - 1 <= max - c) {
        struct pt_probe p;

        /* The highest range meeting [c, c + len): skip past it at once. */
        probe_locked(pt, c + (len - 1), &p);
        if (!p.found || p.last < c) {
            *out = c;
            return true;
        }
        if (p.last == UINT64_MAX || !align_up(p.last + 1, align, &c)) {
            return false;
        }
    }
    return false;
}

bool page_table_find_free_top(const struct page_table *pt, guest_addr min,
                              guest_addr max, guest_addr len, guest_addr align,
                              guest_addr *out)
{
    guest_addr c;

    if (align == 0) {
        align = 1;
    }
    if (len == 0 || min > max || len - 1 > max - min) {
        return false;
    }
    c = ALIGN_DOWN(max - (len - 1), align);
    while (c >= min) {
        struct pt_probe p;
        guest_addr blocker;

        /* The lowest range meeting [c, c + len): go below it at once. */
        probe_locked(pt, c, &p);
        if (p.found && p.last >= c) {
            blocker = p.start;
        } else if (p.has_next && p.next_start - c <= len - 1) {
            blocker = p.next_start;
        } else {
            *out = c;
            return true;
        }
        if (blocker < len) {
            return false;
        }
        c = ALIGN_DOWN(blocker - len, align);
    }
    return false;
}

static int walk_node(const struct pt_node *n, guest_addr start,
                     guest_addr last, page_walk_fn fn, void *opaque)
{
    int ret;

    if (!n) {
        return 0;
    }
    /* Lower ranges can only reach start when this one begins above it. */
    if (n->start > start) {
        ret = walk_node(n->child[0], start, last, fn, opaque);
        if (ret) {
            return ret;
        }
    }
    if (n->start <= last && n->last >= start) {
        ret = fn(opaque, n->start > start ? n->start : start,
                 n->last < last ? n->last : last, n->flags);
        if (ret) {
            return ret;
        }
    }
    return n->last < last ? walk_node(n->child[1], start, last, fn, opaque) : 0;
}

int page_table_walk(const struct page_table *pt, guest_addr start,
                    guest_addr last, page_walk_fn fn, void *opaque)
{
    if (start > last) {
        return 0;
    }
    return walk_node(pt->root, start, last, fn, opaque);
}

size_t page_table_count(const struct page_table *pt)
{
    return pt->count;
}
