/*
 * The riscv64 front end as the engine and personalities see it: the
 * struct guest_frontend to hand to exec_cpu_new() and the exception codes
 * exec_cpu_exec() returns for riscv64 code (besides the engine's own
 * EXEC_EXCP_FAULT and EXEC_EXCP_ALIGN).  The CPU state is struct rv_cpu
 * (target/riscv64/cpu.h); on every exception its pc is the pc of the
 * instruction that raised it.
 */
#ifndef UEMU_RISCV64_H
#define UEMU_RISCV64_H

#include "uemu/exec.h"

enum {
    RV_EXCP_ECALL = EXEC_EXCP_FRONTEND,  /* environment call (ecall) */
    RV_EXCP_EBREAK,                      /* breakpoint (ebreak, c.ebreak) */
    RV_EXCP_ILLEGAL,                     /* illegal instruction at pc */
};

extern const struct guest_frontend rv_frontend;

#endif
