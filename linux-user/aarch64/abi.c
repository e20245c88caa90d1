/*
 * aarch64 Linux ABI facts: asm-generic system calls, but asm/fcntl.h
 * moves four open(2) flags (arch/arm64/include/uapi/asm/fcntl.h).
 */
#include "linux-user/mmap.h"
#include "uemu/linux-user.h"

static const struct lu_bit_map aarch64_open_flags[] = {
    { 0040000, 0200000 },   /* O_DIRECTORY */
    { 0100000, 0400000 },   /* O_NOFOLLOW */
    { 0200000, 0040000 },   /* O_DIRECT */
    { 0400000, 0100000 },   /* O_LARGEFILE */
};

const struct lu_abi lu_abi_aarch64 = {
    .uname_machine = "aarch64",
    .open_flags = aarch64_open_flags,
    .n_open_flags = ARRAY_SIZE(aarch64_open_flags),
    .platform = "aarch64",          /* arch/arm64 ELF_PLATFORM */
    .extra_prot = LU_PROT_BTI | LU_PROT_MTE,
};
