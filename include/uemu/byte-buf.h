/*
 * A growable byte buffer that remembers running out of memory: appends
 * after a failure do nothing, so a writer checks `failed` once at the
 * end (ELF core notes, the translation cache file).  Zero-initialise it;
 * free(b.p) when done.
 */
#ifndef UEMU_BYTE_BUF_H
#define UEMU_BYTE_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct byte_buf {
    uint8_t *p;
    size_t len, cap;
    bool failed;
};

/* n more bytes at the end, zeroed; NULL once out of memory. */
static inline void *byte_buf_grow(struct byte_buf *b, size_t n)
{
    if (b->failed)
        return NULL;
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 4096;
        uint8_t *q;

        while (cap - b->len < n)
            cap *= 2;
        if (!(q = realloc(b->p, cap))) {
            b->failed = true;
            return NULL;
        }
        b->p = q;
        b->cap = cap;
    }
    memset(b->p + b->len, 0, n);
    b->len += n;
    return b->p + b->len - n;
}

#endif
