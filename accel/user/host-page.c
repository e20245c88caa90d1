/*
 * The host-page layer: guest-page mapping operations carried out as host
 * mappings in HPS units (MMAP.md, "The shared layer", points 3 to 8).
 *
 * A guest range [start, end) touches the host pages [ALIGN_DOWN(start,
 * HPS), ALIGN_UP(end, HPS)).  Only the first and the last of them can
 * also hold guest pages outside the range; such a host page is a
 * fragment and cannot be replaced, so it is handled by copying (file data
 * with pread, zeros for anonymous memory) and by giving it the union of
 * the protections of its guest pages.  Every other host page of the range
 * is mapped, protected, discarded or unmapped whole, in one host call.
 * So an operation costs a bounded number of host calls and page-table
 * range operations whatever its size.
 *
 * Invariant kept by every function, also when a host call fails half-way:
 * a host page holding a mapped guest page is mapped with the union of the
 * protections of its mapped guest pages; a host page holding none is
 * unmapped (or reserved inaccessible under reserved_va, or by
 * hp_find_free).  Failures are reported as -errno.
 *
 * Usage (mmap lock held, arguments checked by a backend):
 *     ret = hp_map_fixed(addr, len, PROT_READ, MAP_PRIVATE, fd, off, 0);
 *     ret = hp_protect(addr, len, PROT_READ | PROT_WRITE);
 *     ret = hp_unmap(addr, len);
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "accel/user/host-calls.h"
#include "accel/user/host-page-internal.h"
#include "uemu/host-page.h"

static hp_invalidate_fn invalidate_hook;

void hp_set_invalidate_hook(hp_invalidate_fn fn)
{
    invalidate_hook = fn;
}

static void invalidate(guest_addr start, guest_addr len)
{
    if (invalidate_hook) {
        invalidate_hook(start, len);
    }
}

static guest_addr min_addr(guest_addr a, guest_addr b)
{
    return a < b ? a : b;
}

static guest_addr max_addr(guest_addr a, guest_addr b)
{
    return a > b ? a : b;
}

static int others_cb(void *opaque, guest_addr start, guest_addr last,
                     unsigned flags)
{
    struct hp_others *o = opaque;

    (void)start;
    (void)last;
    o->prot |= flags & PAGE_RWX;
    o->any = true;
    o->shared |= (flags & PAGE_SHARED) != 0;
    return 0;
}

void hp_others(guest_addr hp, guest_addr start, guest_addr end,
               struct hp_others *o)
{
    guest_addr hend = hp + host_page_size;

    *o = (struct hp_others){ 0 };
    if (start > hp) {
        page_table_walk(guest_pages, hp, min_addr(start, hend) - 1,
                        others_cb, o);
    }
    if (end < hend) {
        page_table_walk(guest_pages, max_addr(end, hp), hend - 1,
                        others_cb, o);
    }
}

bool hp_next_mapped(guest_addr addr, guest_addr last, guest_addr *s,
                    guest_addr *l, unsigned *flags)
{
    while (addr <= last) {
        guest_addr rs, rl;
        unsigned f;

        page_table_lookup(guest_pages, addr, &rs, &rl, &f);
        if (f) {
            *s = addr;
            *l = min_addr(rl, last);
            *flags = f;
            return true;
        }
        if (rl >= last) {
            return false;
        }
        addr = rl + 1;
    }
    return false;
}

int hp_release(guest_addr hs, guest_addr he)
{
    if (hs >= he) {
        return 0;
    }
    if (reserved_va) {
        void *p = hp_host.mmap(g2h(hs), he - hs, PROT_NONE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                               MAP_FIXED, -1, 0);
        if (p != MAP_FAILED) {
            return 0;
        }
        /*
         * A failed MAP_FIXED may or may not have removed the old pages:
         * remove them for certain, leaving a hole in the reservation.
         */
        int err = -errno;
        return hp_host.munmap(g2h(hs), he - hs) == 0 ? 0 : err;
    }
    /* Pages given back to the host are no longer the guest's reservation. */
    hp_forget_reservation(hs, he);
    return hp_host.munmap(g2h(hs), he - hs) == 0 ? 0 : -errno;
}

/* Current host protection of host page hp (the invariant's union). */
static int host_prot_of(guest_addr hp)
{
    struct hp_others all;

    hp_others(hp, hp, hp, &all);
    return all.prot;
}

static int host_mprotect(guest_addr hs, guest_addr len, int prot)
{
    return hp_host.mprotect(g2h(hs), len, prot) == 0 ? 0 : -errno;
}

/* Give the mapped pages of [a, b) protection prot, keeping bookkeeping. */
static void table_set_prot(guest_addr a, guest_addr b, int prot)
{
    guest_addr s, l;
    unsigned f;

    while (a < b && hp_next_mapped(a, b - 1, &s, &l, &f)) {
        unsigned nf = (f & ~(PAGE_RWX | PAGE_WRITE_ORG)) | (unsigned)prot;
        page_table_set(guest_pages, s, l, nf);
        a = l + 1;
    }
}

/* Add bits to the mapped pages of [a, b) (recording a wider host page). */
static void table_add_prot(guest_addr a, guest_addr b, unsigned bits)
{
    guest_addr s, l;
    unsigned f;

    while (a < b && hp_next_mapped(a, b - 1, &s, &l, &f)) {
        page_table_set(guest_pages, s, l, f | bits);
        a = l + 1;
    }
}

/* Read len bytes of fd at off, zeros past EOF. */
static int read_file(int fd, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = hp_host.pread(fd, (char *)buf + done, len - done,
                                  (off_t)(off + done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            break;
        }
        done += (size_t)n;
    }
    memset((char *)buf + done, 0, len - done);
    return 0;
}

/*
 * Host pages wholly past the end of a file fault on access.  Two cases
 * need anonymous zero pages there instead ([ms, me) is what was just
 * mapped from the file):
 *  - point 6, RHPS < TPS: the guest page holding EOF reads zeros to its
 *    end, so [EOF rounded up to RHPS, EOF rounded up to TPS) is backed;
 *  - HPS > TPS: a host page may later take a fragment (a guest page
 *    mapped next to these), which is written into; a write past EOF
 *    would fault in uemu itself.  So everything past EOF rounded up to
 *    RHPS is backed, and the guest reads zeros there where Linux would
 *    raise SIGBUS (the price of host pages larger than guest pages).
 */
static int zero_past_eof(guest_addr ms, guest_addr me, guest_addr start,
                         uint64_t offset, int fd, int prot, int host_flags)
{
    bool fragments = host_page_size > target_page_size;
    struct stat st;

    if (real_host_page_size >= target_page_size && !fragments) {
        return 0;
    }
    if (hp_host.fstat(fd, &st) != 0) {
        return -errno;
    }
    if (!S_ISREG(st.st_mode)) {
        return 0;
    }
    uint64_t eof_r = ALIGN_UP((uint64_t)st.st_size, real_host_page_size);
    uint64_t eof_t = ALIGN_UP((uint64_t)st.st_size, target_page_size);
    /* File offsets of ms and me; start - offset is fixed modulo 2^64. */
    uint64_t lo = max_addr(eof_r, offset + (ms - start));
    uint64_t hi = offset + (me - start);
    if (!fragments) {
        hi = min_addr(eof_t, hi);
    }
    if (lo >= hi) {
        return 0;
    }
    guest_addr zs = start + (lo - offset);
    void *p = hp_host.mmap(g2h(zs), hi - lo, prot,
                           (host_flags & ~MAP_TYPE) | MAP_PRIVATE |
                           MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return p == MAP_FAILED ? -errno : 0;
}

/*
 * Map whole host pages [ms, me) of the new mapping.  *touched tells the
 * caller whether the old pages may be gone after a failure: the kernel
 * checks a file mapping's arguments before it removes anything, so only
 * a first mmap failing with ENOMEM, or a later step failing, touched them.
 */
static int map_whole(guest_addr ms, guest_addr me, guest_addr start,
                     guest_addr end, int prot, int host_flags, int fd,
                     uint64_t offset, bool misaligned, bool *touched)
{
    const int fixed = MAP_FIXED | (host_flags & ~MAP_TYPE);
    void *p;
    int ret;

    *touched = false;
    if (fd < 0) {
        p = hp_host.mmap(g2h(ms), me - ms, prot,
                         host_flags | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    } else if (!misaligned) {
        p = hp_host.mmap(g2h(ms), me - ms, prot, host_flags | MAP_FIXED, fd,
                         (off_t)(offset + (ms - start)));
    } else {
        /* Point 7: anonymous memory, the file read into it. */
        p = hp_host.mmap(g2h(ms), me - ms, prot | PROT_WRITE,
                         fixed | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }
    if (p == MAP_FAILED) {
        ret = -errno;
        *touched = ret == -ENOMEM;
        return ret;
    }
    *touched = true;
    if (fd < 0) {
        return 0;
    }
    if (!misaligned) {
        return zero_past_eof(ms, me, start, offset, fd, prot, host_flags);
    }
    guest_addr rs = max_addr(start, ms), re = min_addr(end, me);
    ret = read_file(fd, g2h(rs), re - rs, offset + (rs - start));
    if (ret == 0 && !(prot & PROT_WRITE)) {
        ret = host_mprotect(ms, me - ms, prot);
    }
    return ret;
}

/*
 * Give the guest pages [fs, fe) of fragment host page hp new contents
 * (data, or zeros when data is NULL) and flags; the host page gets the
 * union protection.  o: its other guest pages.
 */
static int fill_fragment(guest_addr hp, guest_addr fs, guest_addr fe,
                         const void *data, unsigned flags,
                         const struct hp_others *o)
{
    int cur = host_prot_of(hp);
    int want = (int)(o->prot | (flags & PAGE_RWX));
    int ret;

    if (!(cur & PROT_WRITE)) {
        ret = host_mprotect(hp, host_page_size, cur | PROT_WRITE);
        if (ret < 0) {
            return ret;
        }
        cur |= PROT_WRITE;
    }
    if (data) {
        memcpy(g2h(fs), data, fe - fs);
    } else {
        memset(g2h(fs), 0, fe - fs);
    }
    if (cur == want) {
        page_table_set(guest_pages, fs, fe - 1, flags);
        return 0;
    }
    ret = host_mprotect(hp, host_page_size, want);
    if (ret == 0) {
        page_table_set(guest_pages, fs, fe - 1, flags);
        return 0;
    }
    /* Drop the new pages; failing that, record the protection that stands. */
    if ((int)o->prot == cur ||
        host_mprotect(hp, host_page_size, (int)o->prot) == 0) {
        page_table_clear(guest_pages, fs, fe - 1);
    } else {
        page_table_set(guest_pages, fs, fe - 1,
                       (flags & ~PAGE_RWX) | (unsigned)cur);
    }
    return ret;
}

/* The part of [start, end) in host page hp, with the file data for it. */
static int read_fragment(guest_addr hp, guest_addr start, guest_addr end,
                         int fd, uint64_t offset, void **buf)
{
    guest_addr fs = max_addr(start, hp);
    guest_addr fe = min_addr(end, hp + host_page_size);

    *buf = NULL;
    if (fd < 0) {
        return 0;
    }
    *buf = malloc(fe - fs);
    if (!*buf) {
        return -ENOMEM;
    }
    int ret = read_file(fd, *buf, fe - fs, offset + (fs - start));
    if (ret < 0) {
        free(*buf);
        *buf = NULL;
    }
    return ret;
}

static bool map_type_shared(int host_flags)
{
    int t = host_flags & MAP_TYPE;
    return t == MAP_SHARED || t == MAP_SHARED_VALIDATE;
}

int hp_map_fixed(guest_addr start, guest_addr len, int prot, int host_flags,
                 int fd, uint64_t offset, unsigned page_flags)
{
    const guest_addr hps = host_page_size;
    guest_addr end = start + len;
    guest_addr head = hp_down(start), tail = hp_up(end) - hps;
    struct hp_others oh, ot = { 0 };
    bool file = fd >= 0, shared = map_type_shared(host_flags);
    unsigned flags = (page_flags & ~PAGE_RWX) | PAGE_VALID |
                     ((unsigned)prot & PAGE_RWX) |
                     (file ? 0 : PAGE_ANON) | (shared ? PAGE_SHARED : 0);

    if (file && offset > (uint64_t)INT64_MAX - len) {
        return -EOVERFLOW;
    }
    hp_others(head, start, end, &oh);
    if (tail != head) {
        hp_others(tail, start, end, &ot);
    }
    bool misaligned = file && ((start - offset) & (hps - 1)) != 0;
    if (shared && file && (prot & PROT_WRITE) &&
        (oh.any || ot.any || misaligned)) {
        return -EINVAL;
    }
    /* Writing a fragment into a shared host page would reach its object. */
    if (oh.shared || ot.shared) {
        return -EINVAL;
    }

    /* File data first: a bad file fails before anything is replaced. */
    void *hbuf = NULL, *tbuf = NULL;
    int ret = 0;
    if (oh.any) {
        ret = read_fragment(head, start, end, fd, offset, &hbuf);
    }
    if (ret == 0 && ot.any) {
        ret = read_fragment(tail, start, end, fd, offset, &tbuf);
    }
    if (ret < 0) {
        free(hbuf);
        return ret;
    }

    struct hp_claims claims = { 0 };
    ret = hp_claim_unowned(head, tail + hps, &claims);
    if (ret < 0) {
        free(hbuf);
        free(tbuf);
        hp_claims_free(&claims);
        return ret;
    }

    bool was_mapped = !page_table_is_free(guest_pages, start, len);
    guest_addr ms = oh.any ? head + hps : head;
    guest_addr me = ot.any ? tail : tail + hps;
    if (ms < me) {
        bool touched;
        guest_addr gs = max_addr(start, ms), ge = min_addr(end, me);

        ret = map_whole(ms, me, start, end, prot, host_flags, fd, offset,
                        misaligned, &touched);
        if (ret == 0) {
            page_table_set(guest_pages, gs, ge - 1, flags);
        } else if (touched && hp_release(ms, me) == 0) {
            page_table_clear(guest_pages, gs, ge - 1);
        }
    }
    if (ret == 0 && oh.any) {
        ret = fill_fragment(head, start, min_addr(end, head + hps), hbuf,
                            flags, &oh);
    }
    if (ret == 0 && ot.any) {
        ret = fill_fragment(tail, max_addr(start, tail), end, tbuf, flags,
                            &ot);
    }
    free(hbuf);
    free(tbuf);
    if (ret < 0) {
        hp_claims_release(&claims);
    }
    hp_claims_free(&claims);
    if (was_mapped) {
        invalidate(start, len);
    }
    return ret;
}

/* Set host page hp to prot (if it differs), then record [fs, fe). */
static int protect_partial(guest_addr hp, guest_addr fs, guest_addr fe,
                           int prot)
{
    struct hp_others o;

    hp_others(hp, fs, fe, &o);
    int want = (int)o.prot | prot;
    if (host_prot_of(hp) != want) {
        int ret = host_mprotect(hp, host_page_size, want);
        if (ret < 0) {
            return ret;
        }
    }
    table_set_prot(fs, fe, prot);
    return 0;
}

int hp_protect(guest_addr start, guest_addr len, int prot)
{
    const guest_addr hps = host_page_size;
    guest_addr end = start + len;
    guest_addr hs = hp_down(start), he = hp_up(end), tail = he - hps;
    bool head_part = start != hs || end - hs < hps;
    bool tail_part = end != he && tail != hs;
    guest_addr ms = head_part ? hs + hps : hs;
    guest_addr me = tail_part ? tail : he;
    int ret = 0;

    if (len == 0) {
        return 0;
    }
    if (ms < me) {
        ret = host_mprotect(ms, me - ms, prot);
        if (ret == 0) {
            table_set_prot(ms, me, prot);
        }
    }
    if (ret == 0 && head_part) {
        ret = protect_partial(hs, start, min_addr(end, hs + hps), prot);
    }
    if (ret == 0 && tail_part) {
        ret = protect_partial(tail, tail, end, prot);
    }
    invalidate(start, len);
    return ret;
}

/*
 * Release the host pages under the mapped guest ranges of [a, b), whose
 * host pages hold no guest page outside [a, b), and clear them, merging
 * ranges that share host pages into one host call.
 */
static int release_mapped(guest_addr a, guest_addr b)
{
    guest_addr s, l, run_s = 0, run_e = 0, clr_s = 0, clr_l = 0;
    unsigned f;
    bool have = false;
    int ret;

    while (a < b && hp_next_mapped(a, b - 1, &s, &l, &f)) {
        guest_addr rs = hp_down(s), re = hp_up(l + 1);

        if (have && rs <= run_e) {
            run_e = max_addr(run_e, re);
            clr_l = l;
        } else {
            if (have) {
                ret = hp_release(run_s, run_e);
                if (ret < 0) {
                    return ret;
                }
                page_table_clear(guest_pages, clr_s, clr_l);
            }
            have = true;
            run_s = rs;
            run_e = re;
            clr_s = s;
            clr_l = l;
        }
        a = l + 1;
    }
    if (!have) {
        return 0;
    }
    ret = hp_release(run_s, run_e);
    if (ret == 0) {
        page_table_clear(guest_pages, clr_s, clr_l);
    }
    return ret;
}

/* Host page hp keeps its other guest pages; [fs, fe) goes. */
static int shrink_fragment(guest_addr hp, guest_addr fs, guest_addr fe,
                           const struct hp_others *o)
{
    if (host_prot_of(hp) != (int)o->prot) {
        int ret = host_mprotect(hp, host_page_size, (int)o->prot);
        if (ret < 0) {
            return ret;
        }
    }
    page_table_clear(guest_pages, fs, fe - 1);
    return 0;
}

int hp_unmap(guest_addr start, guest_addr len)
{
    const guest_addr hps = host_page_size;
    guest_addr end = start + len;
    guest_addr head = hp_down(start), tail = hp_up(end) - hps;
    struct hp_others oh, ot = { 0 };

    if (len == 0 || page_table_is_free(guest_pages, start, len)) {
        return 0;
    }
    hp_others(head, start, end, &oh);
    if (tail != head) {
        hp_others(tail, start, end, &ot);
    }
    guest_addr ms = oh.any ? head + hps : head;
    guest_addr me = ot.any ? tail : tail + hps;
    int ret = 0;
    if (ms < me) {
        ret = release_mapped(max_addr(start, ms), min_addr(end, me));
    }
    if (ret == 0 && oh.any) {
        ret = shrink_fragment(head, start, min_addr(end, head + hps), &oh);
    }
    if (ret == 0 && ot.any) {
        ret = shrink_fragment(tail, max_addr(start, tail), end, &ot);
    }
    invalidate(start, len);
    return ret;
}

/*
 * Zero the private anonymous guest pages of [fs, fe) inside host page hp,
 * which holds other mapped guest pages and so cannot be discarded whole.
 */
static int zero_fragment(guest_addr hp, guest_addr fs, guest_addr fe)
{
    int cur = host_prot_of(hp);
    bool opened = false;
    guest_addr s, l, a = fs;
    unsigned f;

    while (a < fe && hp_next_mapped(a, fe - 1, &s, &l, &f)) {
        if ((f & PAGE_ANON) && !(f & PAGE_SHARED)) {
            if (!(cur & PROT_WRITE) && !opened) {
                int ret = host_mprotect(hp, host_page_size, cur | PROT_WRITE);
                if (ret < 0) {
                    return ret;
                }
                opened = true;
            }
            memset(g2h(s), 0, l - s + 1);
        }
        a = l + 1;
    }
    if (opened) {
        int ret = host_mprotect(hp, host_page_size, cur);
        if (ret < 0) {
            /* Record the write access that stands. */
            table_add_prot(fs, fe, PAGE_WRITE);
            return ret;
        }
    }
    return 0;
}

int hp_discard(guest_addr start, guest_addr len)
{
    const guest_addr hps = host_page_size;
    guest_addr end = start + len;
    guest_addr head = hp_down(start), tail = hp_up(end) - hps;
    struct hp_others oh, ot = { 0 };

    if (len == 0) {
        return 0;
    }
    hp_others(head, start, end, &oh);
    if (tail != head) {
        hp_others(tail, start, end, &ot);
    }
    guest_addr ms = oh.any ? head + hps : head;
    guest_addr me = ot.any ? tail : tail + hps;
    int ret = 0;
    if (ms < me && hp_host.madvise(g2h(ms), me - ms, MADV_DONTNEED) != 0) {
        ret = -errno;
    }
    if (ret == 0 && oh.any) {
        ret = zero_fragment(head, start, min_addr(end, head + hps));
    }
    if (ret == 0 && ot.any) {
        ret = zero_fragment(tail, max_addr(start, tail), end);
    }
    /* The contents changed: code translated from them is stale. */
    invalidate(start, len);
    return ret;
}
