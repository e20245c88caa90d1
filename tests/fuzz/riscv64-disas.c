/*
 * riscv64-disas: uemu's riscv64 decoder table as a command-line tool, for
 * tests/riscv64-disas/run (which compares it with GNU objdump) and as a
 * decoder fuzz target (any byte string is valid input).
 *
 *     riscv64-disas FILE [BASE]   disassemble raw code, one instruction a
 *                                 line: "ADDR:\tTEXT", ADDR in hex from BASE
 *                                 (hex, default 0), TEXT as rv_disas()
 *                                 prints it (objdump -M no-aliases syntax)
 *     riscv64-disas --rows        print the mnemonic of every table row
 *     riscv64-disas --random N SEED OUT
 *                                 write N random instructions to OUT: every
 *                                 other one fills the free bits of a table
 *                                 row (cycling through the rows), the rest
 *                                 are random 32-bit words with a major
 *                                 opcode some row uses
 *
 * A trailing odd byte, or the first half of a 32-bit instruction at the
 * end, is printed as ".byte"/".2byte" the way objdump prints such a tail.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target/riscv64/decode.h"
#include "uemu/riscv64-disas.h"

static int disassemble(const char *prog, const char *path, uint64_t base)
{
    FILE *f = fopen(path, "rb");
    unsigned char *code = NULL;
    size_t len = 0, cap = 0, n;

    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
        return 1;
    }
    do {
        if (len == cap) {
            unsigned char *p;

            cap = cap ? cap * 2 : 65536;
            p = realloc(code, cap);
            if (!p) {
                fprintf(stderr, "%s: out of memory\n", prog);
                free(code);
                fclose(f);
                return 1;
            }
            code = p;
        }
        n = fread(code + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    if (ferror(f)) {
        fprintf(stderr, "%s: %s: read error\n", prog, path);
        free(code);
        fclose(f);
        return 1;
    }
    fclose(f);

    for (size_t off = 0; off < len;) {
        char text[RV_DISAS_MAX];
        uint32_t raw = 0;
        size_t avail = len - off < 4 ? len - off : 4;

        memcpy(&raw, code + off, avail);
        printf("%" PRIx64 ":\t", base + off);
        if (avail == 1) {
            printf(".byte\t0x%x\n", raw);
            break;
        }
        if (avail < 4 && (raw & 3) == 3) {
            printf(".2byte\t0x%x\n", raw & 0xffff);
            off += 2;
            continue;
        }
        off += rv_disas(text, sizeof(text), base + off, raw);
        printf("%s\n", text);
    }
    free(code);
    return 0;
}

/* xorshift64: reproducible from the seed alone */
static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int random_insns(const char *prog, unsigned long n, uint64_t seed,
                        const char *path)
{
    FILE *f = fopen(path, "wb");
    uint64_t s = seed ? seed : 1;

    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
        return 1;
    }
    for (unsigned long i = 0; i < n; i++) {
        uint32_t w = (uint32_t)next_rand(&s);
        size_t size = 4;

        if (i % 2 == 0) {
            const rv_row *r = &rv_insn_table[(i / 2) % rv_insn_table_len];

            w = r->match | (w & ~r->mask);
            if ((r->match & 3) != 3)
                size = 2;
        } else {
            /* a major opcode some 32-bit row uses, random everything else */
            const rv_row *r;

            do
                r = &rv_insn_table[next_rand(&s) % rv_insn_table_len];
            while ((r->match & 3) != 3);
            w = (w & ~0x7fu) | (r->match & 0x7f);
        }
        if (fwrite(&w, size, 1, f) != 1) {
            fprintf(stderr, "%s: %s: write error\n", prog, path);
            fclose(f);
            return 1;
        }
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--rows") == 0) {
        for (size_t i = 0; i < rv_insn_table_len; i++)
            printf("%s\n", rv_insn_table[i].name);
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "--random") == 0)
        return random_insns(argv[0], strtoul(argv[2], NULL, 0),
                            strtoull(argv[3], NULL, 0), argv[4]);
    if (argc == 2 || (argc == 3 && argv[1][0] != '-'))
        return disassemble(argv[0], argv[1],
                           argc == 3 ? strtoull(argv[2], NULL, 16) : 0);
    fprintf(stderr, "usage: %s FILE [BASE] | --rows | --random N SEED OUT\n",
            argv[0]);
    return 2;
}
