/*
 * Private to linux-user: the guest's ELF core file (elf-core.c), its
 * name (core-name.c) and the per-ISA register fillers (<isa>/core.c).
 *
 * Layouts are the 64-bit Linux ones (include/uapi/linux/elfcore.h,
 * include/linux/elfcore.h): struct elf_prstatus is a 112-byte common
 * part, the ISA's elf_gregset_t and pr_fpvalid; struct elf_prpsinfo is
 * 136 bytes.  The notes are those the kernel's elf_core_dump writes for
 * the dumping thread, in its order: NT_PRSTATUS, NT_PRPSINFO,
 * NT_SIGINFO, NT_AUXV, NT_FILE, then the ISA's other register sets.
 *
 *     lu_core_dump(sig, &info, exec_cpu_env(cpu));   // before dying
 */
#ifndef LINUX_USER_ELF_CORE_H
#define LINUX_USER_ELF_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "signal.h"
#include "uemu/types.h"

/* Note types (include/uapi/linux/elf.h). */
#define LU_NT_PRSTATUS 1
#define LU_NT_PRFPREG  2
#define LU_NT_PRPSINFO 3
#define LU_NT_AUXV     6
#define LU_NT_SIGINFO  0x53494749
#define LU_NT_FILE     0x46494c45

/* The kernel's ELF_EXEC_PAGESIZE: data alignment, NT_FILE's page size,
 * and the smallest RLIMIT_CORE a core is written under (min_coredump). */
#define LU_CORE_PAGE 4096u

/* struct __kernel_old_timeval */
struct lu_core_timeval {
    int64_t sec, usec;
};

/* struct elf_prstatus_common */
struct lu_core_prstatus_common {
    int32_t si_signo, si_code, si_errno;     /* struct elf_siginfo pr_info */
    int16_t cursig;
    int16_t pad;
    uint64_t sigpend, sighold;
    int32_t pid, ppid, pgrp, sid;
    struct lu_core_timeval utime, stime, cutime, cstime;
};
_Static_assert(sizeof(struct lu_core_prstatus_common) == 112, "elf_prstatus_common");

/* struct elf_prpsinfo (64-bit: unsigned long pr_flag, 32-bit ids) */
struct lu_core_prpsinfo {
    char state, sname, zomb, nice;
    uint32_t pad;
    uint64_t flag;
    uint32_t uid, gid;
    int32_t pid, ppid, pgrp, sid;
    char fname[16];
    char psargs[80];
};
_Static_assert(sizeof(struct lu_core_prpsinfo) == 136, "elf_prpsinfo");

/* An ISA's registers as its Linux core notes hold them. */
struct lu_core_isa {
    uint16_t machine;           /* e_machine */
    size_t gregs_size;          /* sizeof(elf_gregset_t) */
    size_t fpregs_size;         /* NT_PRFPREG's size; 0: none */
    void (*gregs)(uint8_t *out, const void *env);
    void (*fpregs)(uint8_t *out, const void *env);
};
extern const struct lu_core_isa lu_core_riscv64;

/* One guest mapping (a PT_LOAD; file-backed ones are NT_FILE entries). */
struct lu_core_map {
    guest_addr start, end;
    unsigned flags;             /* PAGE_* */
    const char *path;           /* NULL: anonymous */
    uint64_t offset;            /* file offset of start */
};

/* Everything the notes say, gathered at the time of death. */
struct lu_core_facts {
    const struct lu_core_isa *isa;
    const void *env;            /* the dumping thread's registers */
    int sig;
    struct lu_siginfo info;
    int32_t pid, tid, ppid, pgrp, sid;
    uint32_t uid, gid;
    int nice;
    uint64_t flag;              /* pr_flag: the kernel's PF_* bits */
    uint64_t sigpend, sighold;
    struct lu_core_timeval utime, stime, cutime, cstime;
    char fname[16];             /* comm */
    char psargs[80];
    const uint64_t *auxv;       /* up to and with AT_NULL */
    size_t auxv_words;
    const struct lu_core_map *maps;
    size_t nmaps;
};

/* sizeof(struct elf_prstatus) for isa: 376 for riscv64. */
size_t lu_core_prstatus_size(const struct lu_core_isa *isa);

/* The PT_NOTE segment for f, malloc'ed; NULL when out of memory. */
uint8_t *lu_core_notes(const struct lu_core_facts *f, size_t *len);

/*
 * The core file's name for core_pattern (a plain pattern: % specifiers
 * expanded as the kernel's format_corename; '|' or '@': "core") and
 * core_uses_pid (".PID" appended when the pattern has no %p).  false
 * when it does not fit in size bytes.
 */
struct lu_core_name_facts {
    int32_t pid, tid;
    uint32_t uid, gid;
    int sig, dumpable, cpu;
    int64_t time;
    uint64_t limit;             /* RLIMIT_CORE soft */
    const char *comm, *hostname, *exe;
};
bool lu_core_name(char *out, size_t size, const char *pattern, bool uses_pid,
                  const struct lu_core_name_facts *nf);

/*
 * Write the guest's core file for a death by sig (a signal whose
 * default action dumps core), when RLIMIT_CORE and the dumpable flag
 * allow, as the kernel would; env is the dying thread's cpu state.
 * Nothing when the ISA has no core layout.
 */
void lu_core_dump(int sig, const struct lu_siginfo *info, const void *env);

#endif
