/*
 * Private to linux-user/proc*.c: the process facts the generated /proc
 * files show, recorded once by lu_proc_set_process().
 */
#ifndef LINUX_USER_PROC_H
#define LINUX_USER_PROC_H

#include <stdio.h>

#include "uemu/linux-user-proc.h"
#include "uemu/linux-user.h"

/* Room for every auxv pair lu_build_stack() writes, AT_NULL included. */
#define LU_PROC_AUXV_WORDS 64

struct lu_proc_state {
    guest_addr start_code, end_code, start_data, end_data;
    guest_addr start_brk;
    guest_addr start_stack;             /* the initial sp (at argc) */
    guest_addr stack_low, stack_high;   /* the [stack] mapping */
    guest_addr arg_start, arg_end, env_start, env_end;
    uint64_t auxv[LU_PROC_AUXV_WORDS];  /* a copy, as Linux saves it at exec */
    size_t auxv_words;
};
extern struct lu_proc_state lu_proc;

/*
 * One guest mapping as maps shows it: a range of equal page-table
 * flags, split where the host mappings behind it split; path, offset,
 * device and inode are those of the host file behind it (path NULL:
 * anonymous, or one of uemu's labels).
 */
struct lu_proc_map {
    guest_addr start, end;
    unsigned flags;                     /* PAGE_* */
    const char *path;
    uint64_t offset;
    unsigned major, minor;
    unsigned long inode;
};
typedef int lu_proc_map_fn(void *opaque, const struct lu_proc_map *m);
/* fn for each guest mapping in address order, under the mmap lock;
 * 0, fn's first non-zero value, or -errno. */
int lu_proc_walk_maps(lu_proc_map_fn *fn, void *opaque);

/* maps (smaps false) or smaps of the guest, to out; 0 or -errno. */
int lu_proc_gen_maps(FILE *out, bool smaps);

#endif
