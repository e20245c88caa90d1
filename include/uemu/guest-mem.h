/*
 * Access to guest memory from uemu's own C code (system calls, loaders,
 * signal frames), checked against the guest page table so that a wild
 * guest pointer becomes -EFAULT, never a host crash.
 *
 * The checks read the page table without the mmap lock (its readers are
 * lock-free).  A guest thread that unmaps memory while another thread's
 * system call copies from it is a race the guest made; issue #5 (threads)
 * closes it for the engine's own accesses.
 */
#ifndef UEMU_GUEST_MEM_H
#define UEMU_GUEST_MEM_H

#include "uemu/types.h"

/*
 * Host pointer to [addr, addr + len) when every byte is mapped with the
 * PAGE_* permissions in prot (PAGE_READ, PAGE_WRITE); NULL otherwise.
 * len 0 succeeds for any addr inside the guest space: the result is
 * g2h(addr), or, where that is the host's NULL (guest_base 0, addr 0), a
 * non-NULL pointer to nothing, so that NULL always means failure.  No
 * byte behind a len-0 result may be touched.
 */
void *guest_access(guest_addr addr, size_t len, unsigned prot);

/* 0, or -EFAULT when the guest range is not readable / writable. */
int copy_from_guest(void *dst, guest_addr src, size_t len);
int copy_to_guest(guest_addr dst, const void *src, size_t len);

/*
 * Length of the NUL-terminated guest string at addr, looking at no more
 * than max bytes: -EFAULT when it runs into memory that is not readable,
 * -ENAMETOOLONG when no NUL comes within max bytes.
 */
int64_t guest_strnlen(guest_addr addr, size_t max);

/*
 * Host pointer to the NUL-terminated guest string at addr (at most max
 * bytes including the NUL), or NULL with *err set to -EFAULT or
 * -ENAMETOOLONG.  The string stays in guest memory: no copy is made.
 */
const char *guest_string(guest_addr addr, size_t max, int *err);

#endif
