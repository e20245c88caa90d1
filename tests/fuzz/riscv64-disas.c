/*
 * riscv64-disas: disassemble a raw riscv64 code file with uemu's decoder
 * table, one instruction per line, "ADDR:\tTEXT" with ADDR in lower-case
 * hex, TEXT as rv_disas() prints it (objdump -M no-aliases syntax).
 *
 *     riscv64-disas FILE [BASE]     BASE: address of the first byte (hex)
 *
 * tests/riscv64-disas/run compares its output with objdump's.  Any byte
 * string is valid input, so it doubles as a decoder fuzz target; a
 * trailing odd byte, or half of a 32-bit instruction, is printed as
 * ".byte"/".2byte" the way objdump prints a truncated tail.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uemu/riscv64-disas.h"

int main(int argc, char **argv)
{
    FILE *f;
    unsigned char *code = NULL;
    size_t len = 0, cap = 0, n;
    uint64_t base = 0;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s FILE [BASE]\n", argv[0]);
        return 2;
    }
    if (argc == 3)
        base = strtoull(argv[2], NULL, 16);
    f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", argv[0], argv[1], strerror(errno));
        return 1;
    }
    do {
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            code = realloc(code, cap);
            if (!code) {
                fprintf(stderr, "%s: out of memory\n", argv[0]);
                return 1;
            }
        }
        n = fread(code + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    if (ferror(f)) {
        fprintf(stderr, "%s: %s: read error\n", argv[0], argv[1]);
        return 1;
    }
    fclose(f);

    for (size_t off = 0; off < len;) {
        char text[RV_DISAS_MAX];
        uint32_t raw = 0;
        size_t avail = len - off < 4 ? len - off : 4;

        memcpy(&raw, code + off, avail);
        if (avail == 1) {
            printf("%" PRIx64 ":\t.byte\t0x%x\n", base + off, raw);
            break;
        }
        if (avail < 4 && (raw & 3) == 3) {
            printf("%" PRIx64 ":\t.2byte\t0x%x\n", base + off, raw & 0xffff);
            off += 2;
            continue;
        }
        printf("%" PRIx64 ":\t", base + off);
        off += rv_disas(text, sizeof(text), base + off, raw);
        printf("%s\n", text);
    }
    free(code);
    return 0;
}
