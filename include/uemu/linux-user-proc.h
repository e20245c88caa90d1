/*
 * /proc emulation for Linux guests (linux-user/proc.c, proc-maps.c).
 *
 * The files a guest reads about itself describe the guest, not uemu:
 * /proc/self/exe is the guest program, maps and smaps list guest
 * addresses and permissions (file names, devices and inodes taken from
 * the host mapping behind each guest page), auxv, cmdline and stat come
 * from the guest's initial stack, /proc/cpuinfo describes a riscv64 hart.
 * "self" and the process's own numeric pid are both recognised.  A
 * generated file is a snapshot taken at open time, as Linux's are per
 * read.
 */
#ifndef UEMU_LINUX_USER_PROC_H
#define UEMU_LINUX_USER_PROC_H

#include <stdio.h>

#include "uemu/types.h"

struct elf_load_info;
struct lu_initial_stack;

/* Record the running program's layout; after lu_build_stack(). */
void lu_proc_set_process(const struct elf_load_info *exe, const struct lu_initial_stack *st);

enum lu_proc_file {
    LU_PROC_NONE,           /* not an emulated file */
    LU_PROC_EXE,            /* /proc/self/exe: the guest program itself */
    LU_PROC_MAPS,
    LU_PROC_SMAPS,
    LU_PROC_AUXV,
    LU_PROC_CMDLINE,
    LU_PROC_STAT,
    LU_PROC_CPUINFO,
};

/* Which emulated file an absolute guest path names. */
enum lu_proc_file lu_proc_classify(const char *path);

/* Write generated file f (not LU_PROC_EXE) to out; 0 or -errno. */
int lu_proc_generate(enum lu_proc_file f, FILE *out);

/* The guest program's absolute host path (readlink of /proc/self/exe). */
const char *lu_proc_exe_path(void);

#endif
