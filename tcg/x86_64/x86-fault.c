/*
 * The fault map: which guest registers a block holds only in host
 * registers at each guest access that may fault, so the access needs no
 * write-back before it (a loop that loads and stores would otherwise
 * store every changed global once per iteration).  At a fault the host
 * handler copies them from the interrupted registers into the CPU state
 * (x86_fault_state), which then is what the write-back would have left.
 *
 * The map follows the block's code, so it moves with the code (the
 * translation cache) and needs no table of its own:
 *
 *     code | entries | u32 bytes of the entries
 *     entry: u32 start, u16 length of the access's code, u8 n,
 *            n x (u8 register | 0x10 when 64 bits, u16 CPU-state offset)
 *
 * Entries are in code order; a block without one ends in a zero length.
 */
#include <string.h>
#include <ucontext.h>

#include "tcg/x86_64/x86.h"

enum { W64 = 0x10, PAIR = 3, HEAD = 7 };

/* ucontext_t's gregs index of each register number (RAX..R15) */
static const int greg_of[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v & 0xffff);
    put16(p + 2, v >> 16);
}

static unsigned get16(const uint8_t *p)
{
    return p[0] | (unsigned)p[1] << 8;
}

static uint32_t get32(const uint8_t *p)
{
    return get16(p) | (uint32_t)get16(p + 2) << 16;
}

void x86_fault_map_add(struct byte_buf *m, uint32_t start, uint32_t end,
                       const struct x86_dirty *d, int n)
{
    uint8_t *p = byte_buf_grow(m, HEAD + (size_t)n * PAIR);

    if (!p)
        return;
    put32(p, start);
    put16(p + 4, end - start);
    p[6] = (uint8_t)n;
    for (int i = 0; i < n; i++) {
        p[HEAD + PAIR * i] = (uint8_t)(d[i].reg | (d[i].i64 ? W64 : 0));
        put16(p + HEAD + PAIR * i + 1, (unsigned)d[i].off);
    }
}

bool x86_fault_map_emit(struct xbuf *b, const struct byte_buf *m)
{
    if ((size_t)(b->end - b->p) < m->len + 4)
        return false;
    if (m->len)
        memcpy(b->p, m->p, m->len);
    b->p += m->len;
    put32(b->p, (uint32_t)m->len);
    b->p += 4;
    return true;
}

size_t x86_code_size(const struct tcg_tb *tb)
{
    const uint8_t *end = (const uint8_t *)tb->code + tb->size;
    uint32_t len;

    if (tb->size < 4)
        return tb->size;
    len = get32(end - 4);
    return len + 4 <= tb->size ? tb->size - 4 - len : tb->size;
}

void x86_fault_state(const struct tcg_tb *tb, uintptr_t host_pc, void *ucv, void *env)
{
    const uint8_t *code = tb->code, *p = code + x86_code_size(tb);
    const uint8_t *end = code + tb->size - 4;
    ucontext_t *uc = ucv;

    if (host_pc < (uintptr_t)code)
        return;
    while (p + HEAD <= end) {
        uint32_t start = get32(p), len = get16(p + 4);
        unsigned n = p[6];
        const uint8_t *pair = p + HEAD;

        if (pair + n * PAIR > end)
            return;
        if (host_pc - (uintptr_t)code >= start && host_pc - (uintptr_t)code < start + len) {
            for (unsigned i = 0; i < n; i++, pair += PAIR) {
                uint64_t v = (uint64_t)uc->uc_mcontext.gregs[greg_of[pair[0] & 15]];
                uint8_t *home = (uint8_t *)env + get16(pair + 1);

                if (pair[0] & W64)
                    memcpy(home, &v, 8);
                else
                    memcpy(home, &v, 4);
            }
            return;
        }
        p = pair + n * PAIR;
    }
}
