/*
 * riscv64 disassembly for logs (-d in_asm), printed from the front end's
 * decoder table because Debian 12's capstone has no RISC-V.
 *
 * The text is what `riscv64-linux-gnu-objdump -d -M no-aliases` prints
 * after the address and bytes: "mnemonic\toperands", compressed
 * instructions as c.*, branch targets as absolute 0x addresses, and
 * ".2byte\t0x..." / ".4byte\t0x..." for words that are no instruction.
 *
 *     char line[RV_DISAS_MAX];
 *     pc += rv_disas(line, sizeof(line), pc, fetch32(pc));
 */
#ifndef UEMU_RISCV64_DISAS_H
#define UEMU_RISCV64_DISAS_H

#include <stddef.h>
#include <stdint.h>

/* A buffer this large never truncates. */
#define RV_DISAS_MAX 80

/*
 * Print the instruction at guest address @pc whose first 32 bits are @raw
 * (the upper half is ignored for a compressed one) into @buf (always
 * NUL-terminated when @size > 0).  Returns its length: 2 or 4.
 */
unsigned rv_disas(char *buf, size_t size, uint64_t pc, uint32_t raw);

#endif
