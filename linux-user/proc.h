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

/* maps (smaps false) or smaps of the guest, to out; 0 or -errno. */
int lu_proc_gen_maps(FILE *out, bool smaps);

#endif
