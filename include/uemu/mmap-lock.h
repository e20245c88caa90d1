/*
 * The mmap lock: one recursive, per-thread lock that guards every change
 * to the guest address space (page table and host mappings).
 *
 * Fork protocol: the forking thread calls mmap_fork_start() (takes the
 * lock; aborts if this thread already holds it, since the child could
 * never release it consistently), forks, then mmap_fork_end(false) in the
 * parent (releases) or mmap_fork_end(true) in the child (re-initialises).
 */
#ifndef UEMU_MMAP_LOCK_H
#define UEMU_MMAP_LOCK_H

#include <stdbool.h>

void mmap_lock(void);
void mmap_unlock(void);
bool mmap_lock_held(void);
void mmap_fork_start(void);
void mmap_fork_end(bool child);

#endif
