/*
 * TCI bytecode, shared by the generator (tci-gen.c) and the interpreter
 * (tci-exec.c).
 *
 * A block is an array of 32-bit words.  Each instruction starts with a
 * header word: opcode (bits 0-7, IR opcodes plus the TCI_* ones below),
 * type (bit 8: 1 for i32) and its length in words (bits 16-31).  Operands
 * follow: frame slots (one word: the IR temp number), 64-bit constants
 * (two words, low first) and branch targets (word index in the block).
 * The frame holds every temp; globals are copied in by TCI_LDG before an
 * op reads them and out by TCI_STG right after an op writes them, so the
 * CPU state is current at every helper call, fault and exit.
 */
#ifndef UEMU_TCG_TCI_H
#define UEMU_TCG_TCI_H

#include "tcg/tcg-internal.h"

enum {
    TCI_LDG = TCG_OP_COUNT,   /* slot, offset(2), memop */
    TCI_STG,                  /* slot, offset(2), memop */
    TCI_END,                  /* running off the end: exit 0 */
    TCI_OP_COUNT
};

static inline uint32_t tci_header(int opc, int type, unsigned len)
{
    return (uint32_t)opc | (type == TCG_TYPE_I32 ? 1u << 8 : 0) | len << 16;
}

static inline uint64_t tci_u64(const uint32_t *p)
{
    return p[0] | (uint64_t)p[1] << 32;
}

uintptr_t tci_exec(const struct tcg_tb *tb, void *env);
/* The instruction running a guest access on this thread, or 0. */
uintptr_t tci_fault_code_pc(uintptr_t host_pc);
void tci_dump(FILE *f, const struct tcg_tb *tb);
/* tcg_fork_start/tcg_fork_end for the helper signatures' lock. */
void tci_fork_start(void);
void tci_fork_end(bool child);
/* The libffi call of helper h with args (uint64_t each); its result. */
uint64_t tci_call(const struct tcg_helper *h, const uint64_t *args);

#endif
