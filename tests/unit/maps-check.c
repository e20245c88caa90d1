/*
 * maps_check: the guest page table against /proc/self/maps (see
 * maps-check.h).
 *
 * Both sides become sorted lists of host intervals with a protection: the
 * expected one from the page table (each mapped range widened to host
 * pages; a host page shared by several ranges gets the union), the actual
 * one from /proc/self/maps.  One sweep over their boundaries compares
 * them, so the cost follows the number of ranges, not of pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tests/unit/maps-check.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"

struct mc_seg {
    uintptr_t s, e;
    int prot;
};

struct mc_list {
    struct mc_seg *v;
    size_t n, cap;
};

static void mc_push(struct mc_list *l, uintptr_t s, uintptr_t e, int prot)
{
    if (s >= e) {
        return;
    }
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof(*l->v));
        if (!l->v) {
            abort();
        }
    }
    l->v[l->n++] = (struct mc_seg){ s, e, prot };
}

static int mc_perm_prot(const char *perms)
{
    return (perms[0] == 'r' ? PROT_READ : 0) |
           (perms[1] == 'w' ? PROT_WRITE : 0) |
           (perms[2] == 'x' ? PROT_EXEC : 0);
}

/* Host mappings meeting [lo, hi), clipped to it. */
static int mc_read_maps(uintptr_t lo, uintptr_t hi, struct mc_list *out)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    bool line_start = true;

    if (!f) {
        perror("maps_check: /proc/self/maps");
        return -1;
    }
    while (fgets(line, sizeof(line), f)) {
        bool whole = strchr(line, '\n') != NULL;
        unsigned long s, e;
        char perms[5];

        if (line_start && sscanf(line, "%lx-%lx %4s", &s, &e, perms) == 3 &&
            e > lo && s < hi) {
            mc_push(out, s > lo ? s : lo, e < hi ? e : hi,
                    mc_perm_prot(perms));
        }
        line_start = whole;
    }
    fclose(f);
    return 0;
}


static int mc_expect_cb(void *opaque, guest_addr start, guest_addr last,
                        unsigned flags)
{
    struct mc_list *l = opaque;
    uintptr_t hs = (uintptr_t)g2h(ALIGN_DOWN(start, host_page_size));
    uintptr_t he = (uintptr_t)g2h(ALIGN_UP(last + 1, host_page_size));
    int prot = (int)(flags & PAGE_RWX);

    if (l->n && hs < l->v[l->n - 1].e) {
        /* The host page at hs also holds the previous range. */
        struct mc_seg *prev = &l->v[l->n - 1];
        int both = prev->prot | prot;
        prev->e = hs;
        if (prev->s == prev->e) {
            l->n--;
        }
        mc_push(l, hs, hs + host_page_size, both);
        hs += host_page_size;
    }
    mc_push(l, hs, he, prot);
    return 0;
}

static void mc_prot_str(int prot, char *buf)
{
    if (prot < 0) {
        strcpy(buf, "unmapped");
        return;
    }
    buf[0] = prot & PROT_READ ? 'r' : '-';
    buf[1] = prot & PROT_WRITE ? 'w' : '-';
    buf[2] = prot & PROT_EXEC ? 'x' : '-';
    buf[3] = 0;
}

/* State of a sorted list at pos: prot or -1, and where it changes. */
static int mc_state(const struct mc_list *l, size_t *i, uintptr_t pos,
                    uintptr_t limit, uintptr_t *until)
{
    while (*i < l->n && l->v[*i].e <= pos) {
        (*i)++;
    }
    if (*i < l->n && l->v[*i].s <= pos) {
        *until = l->v[*i].e;
        return l->v[*i].prot;
    }
    *until = *i < l->n ? l->v[*i].s : limit;
    return -1;
}

int maps_check(guest_addr start, guest_addr len, unsigned opts)
{
    guest_addr gs = ALIGN_DOWN(start, host_page_size);
    guest_addr ge = ALIGN_UP(start + len, host_page_size);
    uintptr_t hs = (uintptr_t)g2h(gs), he = (uintptr_t)g2h(ge);
    struct mc_list want = { 0 }, have = { 0 };
    bool none_ok = reserved_va || (opts & MAPS_CHECK_RESERVED_OK);
    int bad = 0;

    if (len == 0) {
        return 0;
    }
    page_table_walk(guest_pages, gs, ge - 1, mc_expect_cb, &want);
    if (mc_read_maps(hs, he, &have) < 0) {
        free(want.v);
        return -1;
    }
    size_t iw = 0, ih = 0;
    for (uintptr_t pos = hs; pos < he;) {
        uintptr_t uw, uh;
        int pw = mc_state(&want, &iw, pos, he, &uw);
        int ph = mc_state(&have, &ih, pos, he, &uh);
        uintptr_t end = uw < uh ? uw : uh;
        bool ok = pw >= 0 ? ph == pw : ph < 0 || (ph == 0 && none_ok);

        if (end > he) {
            end = he;
        }
        if (!ok) {
            char a[16], b[16];
            mc_prot_str(pw, a);
            mc_prot_str(ph, b);
            fprintf(stderr,
                    "maps_check: guest [%#llx, %#llx): table wants %s, "
                    "host has %s\n",
                    (unsigned long long)h2g((void *)pos),
                    (unsigned long long)h2g((void *)end), a, b);
            bad = -1;
        }
        pos = end;
    }
    free(want.v);
    free(have.v);
    return bad;
}

int maps_host_prot(const void *addr)
{
    struct mc_list have = { 0 };
    uintptr_t a = (uintptr_t)addr;
    int prot = -1;

    if (mc_read_maps(a, a + 1, &have) == 0 && have.n) {
        prot = have.v[0].prot;
    }
    free(have.v);
    return prot;
}
