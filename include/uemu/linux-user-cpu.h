/*
 * The per-ISA Linux cpu loops (linux-user/<isa>/cpu-loop.c): run a guest
 * thread through the engine and serve its exceptions (system calls,
 * faults, illegal instructions) the way the Linux kernel does for that
 * ISA.
 *
 * Until guest signal delivery exists (issue #5) a fault, an illegal
 * instruction or a breakpoint ends the process: one line
 * "uemu: PROG: what at pc 0x..." on stderr, then death by the signal
 * Linux would send (SIGSEGV, SIGBUS, SIGILL, SIGTRAP), after the guest's
 * core file when RLIMIT_CORE allows (linux-user/elf-core.c), so the
 * shell sees the same status as for the native program (but the core
 * flag).
 */
#ifndef UEMU_LINUX_USER_CPU_H
#define UEMU_LINUX_USER_CPU_H

#include "uemu/types.h"

/* Run the riscv64 program prog from entry with stack pointer sp (the
 * lu_build_stack() result); returns only if the engine cannot start
 * (-ENOMEM). */
int lu_cpu_loop_riscv64(const char *prog, guest_addr entry, guest_addr sp);

#endif
