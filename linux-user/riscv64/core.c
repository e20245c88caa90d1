/*
 * riscv64 registers in a core file (arch/riscv/include/uapi/asm/ptrace.h,
 * arch/riscv/kernel/ptrace.c): elf_gregset_t is struct user_regs_struct,
 * pc then x1..x31 (ra, sp, gp, tp, t0..t2, s0, s1, a0..a7, s2..s11,
 * t3..t6); NT_PRFPREG is struct __riscv_d_ext_state, f[32] and fcsr
 * (frm << 5 | fflags), 264 bytes with the tail padding zero.
 */
#include <elf.h>
#include <string.h>

#include "linux-user/elf-core.h"
#include "target/riscv64/cpu.h"

#define RV_GREGS_SIZE (32 * 8)
#define RV_FPREGS_SIZE (33 * 8)

static void rv_gregs(uint8_t *out, const void *envp)
{
    const struct rv_cpu *env = envp;

    memcpy(out, &env->pc, 8);
    memcpy(out + 8, &env->x[1], 31 * 8);
}

static void rv_fpregs(uint8_t *out, const void *envp)
{
    const struct rv_cpu *env = envp;
    uint32_t fcsr = env->frm << 5 | env->fflags;

    memset(out, 0, RV_FPREGS_SIZE);
    memcpy(out, env->f, 32 * 8);
    memcpy(out + 32 * 8, &fcsr, 4);
}

const struct lu_core_isa lu_core_riscv64 = {
    .machine = EM_RISCV,
    .gregs_size = RV_GREGS_SIZE,
    .fpregs_size = RV_FPREGS_SIZE,
    .gregs = rv_gregs,
    .fpregs = rv_fpregs,
};
