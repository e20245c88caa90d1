/*
 * Inside the x86_64 backend: the code buffer, host features and the
 * register conventions shared by the prologue and the generated code.
 *
 * r14 holds env and r15 guest_base for the whole life of generated code;
 * rsp points at the frame, one 8-byte slot per temp ([rsp + 8 * n]).
 */
#ifndef UEMU_TCG_X86_H
#define UEMU_TCG_X86_H

#include <stdbool.h>

#include "tcg/tcg-internal.h"
#include "tcg/x86_64/x86-asm.h"

#define X86_ENV R14
#define X86_GUEST_BASE R15
#define X86_FRAME (TCG_MAX_TEMPS * 8 + 8)
#define ALIGN16(x) (((x) + 15) & ~(size_t)15)

/* Lock the code buffer and point b at its free space (0 or -errno). */
int x86_code_begin(struct xbuf *b);
/* Unlock; keep the bytes emitted into b when keep. */
void x86_code_end(struct xbuf *b, bool keep);
void x86_code_flush(void);
uintptr_t x86_enter(void *env, const void *code, uintptr_t guest_base);
/* Executable address of the epilogue (return rax to x86_enter's caller). */
const uint8_t *x86_epilogue(void);
/* Executable view minus writable view of the code buffer. */
intptr_t x86_rx_delta(void);

/* The optional instructions the CPU has, masked by tcg_host_features_mask. */
unsigned x86_features(void);

#endif
