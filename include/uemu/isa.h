/*
 * The guest instruction sets uemu knows, and their names.
 *
 * The ELF probe picks one from e_machine; `uemu-riscv64` / `uemu-aarch64`
 * force one; -cpu models are per ISA.
 */
#ifndef UEMU_ISA_H
#define UEMU_ISA_H

enum guest_isa {
    GUEST_ISA_NONE,
    GUEST_ISA_RISCV64,
    GUEST_ISA_AARCH64,
};

static inline const char *guest_isa_name(enum guest_isa isa)
{
    switch (isa) {
    case GUEST_ISA_RISCV64:
        return "riscv64";
    case GUEST_ISA_AARCH64:
        return "aarch64";
    default:
        return "none";
    }
}

#endif
