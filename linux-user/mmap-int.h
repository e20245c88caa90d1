/*
 * Helpers shared by linux-user's memory files (mmap.c, mremap.c, brk.c,
 * shm.c).  Not a contract: nothing outside linux-user includes this.
 * Every function here expects the mmap lock held.
 */
#ifndef LINUX_USER_MMAP_INT_H
#define LINUX_USER_MMAP_INT_H

#include "uemu/types.h"

/* Guest PROT_READ/WRITE/EXEC bits to host PROT_* (through a table). */
int lu_prot_to_host(int prot);

/*
 * Map private anonymous zero pages at exactly [start, start + len), which
 * the page table says is free, only if the host can give that space
 * without replacing anything foreign.  Returns 0, -ENOMEM when the space
 * is taken on the host, or another -errno.
 */
int lu_map_anon_exact(guest_addr start, guest_addr len, int host_prot,
                      unsigned page_flags);

/* True after mlockall(MCL_FUTURE): new mappings are locked. */
bool lu_lock_future(void);

#endif
