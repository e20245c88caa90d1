/*
 * linux-user's entry points for the engine and main: system call dispatch
 * and the per-process facts the system calls need.
 */
#ifndef UEMU_LINUX_USER_H
#define UEMU_LINUX_USER_H

#include "uemu/types.h"

/* A guest flag bit and the host bit it stands for. */
struct lu_bit_map {
    uint32_t guest;
    uint32_t host;
};

struct lu_core_isa;

/* Per-ISA Linux ABI facts. */
struct lu_abi {
    const char *uname_machine;      /* uname(2) machine field */
    /* open(2) flag bits that differ from the host's; others are equal. */
    const struct lu_bit_map *open_flags;
    size_t n_open_flags;
    uint64_t hwcap;                 /* AT_HWCAP */
    const char *platform;           /* AT_PLATFORM string; NULL: none */
    int extra_prot;                 /* mprotect bits beyond R/W/X (aarch64 BTI, MTE) */
    /* Registers in a guest core file (linux-user/elf-core.h); NULL: no
     * core file is written. */
    const struct lu_core_isa *core;
};
extern const struct lu_abi lu_abi_riscv64;
extern const struct lu_abi lu_abi_aarch64;

/* Set once before the guest runs. */
void lu_set_abi(const struct lu_abi *abi);
/* The guest program's path, answered for readlink("/proc/self/exe"). */
void lu_set_exe_path(const char *path);
/* Once the log is open: uemu's own descriptors hidden from the guest
 * (linux-user/sys-file.c). */
void lu_fd_hide_own(void);

struct elf_load_info;

/* Where lu_build_stack() put things (guest addresses). */
struct lu_initial_stack {
    guest_addr sp;              /* points at argc; 16-byte aligned */
    guest_addr stack_low;       /* lowest usable byte, above the guard page */
    guest_addr stack_high;      /* one past the highest byte */
    guest_addr argv, envp, auxv;
    guest_addr random;          /* the 16 AT_RANDOM bytes */
    guest_addr execfn;          /* the AT_EXECFN string */
};

#define LU_DEFAULT_STACK_SIZE (8u << 20)

/*
 * Map the guest stack (stack_size bytes, 0 for the default, plus an
 * inaccessible guard page below) and lay out argc, argv, envp and the
 * auxiliary vector on it as the Linux kernel does for an ELF program:
 * strings at the top, then the platform string and AT_RANDOM bytes, then
 * the 16-byte-aligned vectors.  interp is the dynamic linker's load info
 * or NULL.  Returns 0, or -errno (-E2BIG when the arguments do not fit).
 */
int lu_build_stack(const struct elf_load_info *exe, const struct elf_load_info *interp,
                   guest_addr stack_size, int argc, char *const argv[],
                   char *const envp[], const char *execfn,
                   struct lu_initial_stack *out);

/*
 * Run system call nr with its six argument registers.  Returns the value
 * the guest sees in its result register: >= 0, or -errno (Linux errno
 * values, equal to the host's for the asm-generic ABI).  Unknown numbers
 * give -ENOSYS and are reported under -d unimp.
 */
int64_t lu_syscall(int64_t nr, const uint64_t args[6]);

/* Receives -d unimp reports instead of the log (tests); NULL: the log. */
typedef void (*lu_unimp_fn)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lu_set_unimp_logger(lu_unimp_fn fn);

#endif
