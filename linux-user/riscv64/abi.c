/*
 * riscv64 Linux ABI facts: asm-generic system calls and flag values.
 * AT_HWCAP has one bit per single-letter extension ('a' is bit 0), as
 * arch/riscv/include/uapi/asm/hwcap.h defines: uemu offers RV64IMAFDC.
 */
#include "linux-user/elf-core.h"
#include "uemu/linux-user.h"

#define RV_HWCAP(letter) (1ull << ((letter) - 'a'))

const struct lu_abi lu_abi_riscv64 = {
    .uname_machine = "riscv64",
    .hwcap = RV_HWCAP('i') | RV_HWCAP('m') | RV_HWCAP('a') | RV_HWCAP('f') |
             RV_HWCAP('d') | RV_HWCAP('c'),
    .core = &lu_core_riscv64,
};
