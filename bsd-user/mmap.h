/*
 * FreeBSD guest memory-mapping calls (bsd-user/mmap.c) and the FreeBSD
 * errno translation (bsd-user/errno.c).
 *
 * Arguments carry FreeBSD values (BU_* below, from FreeBSD's
 * sys/sys/mman.h).  bu_mmap() and friends check them by FreeBSD's rules
 * (docs MMAP.md, "bsd-user/mmap.c") and return a guest address or 0, or
 * -errno with HOST errno values, which is what the loader and the
 * personality ops want.  The syscall boundary is bu_sys_*(): the same
 * calls with the error translated to -FreeBSD errno through the one
 * table in errno.c.
 *
 * Usage (the syscall layer):
 *     regs->a0 = bu_sys_mmap(a0, a1, a2, a3, a4, a5);  // addr or -FreeBSD errno
 */
#ifndef BSD_USER_MMAP_H
#define BSD_USER_MMAP_H

#include "uemu/types.h"

#define BU_PROT_NONE            0x00
#define BU_PROT_READ            0x01
#define BU_PROT_WRITE           0x02
#define BU_PROT_EXEC            0x04
/* PROT_MAX(p) = p << 16: the highest protection the mapping may get. */
#define BU_PROT_MAX_SHIFT       16
#define BU_PROT_MAX(p)          ((p) << BU_PROT_MAX_SHIFT)

#define BU_MAP_SHARED           0x0001
#define BU_MAP_PRIVATE          0x0002
#define BU_MAP_FIXED            0x0010
#define BU_MAP_RESERVED0020     0x0020
#define BU_MAP_RESERVED0040     0x0040
#define BU_MAP_HASSEMAPHORE     0x0200
#define BU_MAP_STACK            0x0400
#define BU_MAP_NOSYNC           0x0800
#define BU_MAP_ANON             0x1000
#define BU_MAP_GUARD            0x00002000
#define BU_MAP_EXCL             0x00004000
#define BU_MAP_NOCORE           0x00020000
#define BU_MAP_PREFAULT_READ    0x00040000
#define BU_MAP_32BIT            0x00080000
#define BU_MAP_ALIGNMENT_SHIFT  24
#define BU_MAP_ALIGNED(n)       ((int)((unsigned)(n) << BU_MAP_ALIGNMENT_SHIFT))
#define BU_MAP_ALIGNMENT_MASK   BU_MAP_ALIGNED(0xff)
#define BU_MAP_ALIGNED_SUPER    BU_MAP_ALIGNED(1)
/* MAP_32BIT mappings end at or below 2 GiB. */
#define BU_MAP_32BIT_MAX_ADDR   0x80000000ull

#define BU_MS_SYNC              0x0000
#define BU_MS_ASYNC             0x0001
#define BU_MS_INVALIDATE        0x0002

/* FreeBSD errno values (sys/sys/errno.h) that differ from Linux ones. */
#define BU_EAGAIN               35
#define BU_EINPROGRESS          36
#define BU_EOPNOTSUPP           45
#define BU_ENOTSUP              BU_EOPNOTSUPP
#define BU_ENOSYS               78
#define BU_ELAST                97

/* Superpage size used for MAP_ALIGNED_SUPER (amd64/arm64/riscv L2 block). */
#define BU_SUPERPAGE_SIZE       (2ull << 20)

/* Host-errno interface, used by the loader through bsd_user_personality. */
int64_t bu_mmap(guest_addr addr, guest_addr len, int prot, int flags, int fd,
                uint64_t offset);
int bu_munmap(guest_addr addr, guest_addr len);
int bu_mprotect(guest_addr addr, guest_addr len, int prot);
int bu_msync(guest_addr addr, guest_addr len, int flags);

/* The syscall boundary: results with -FreeBSD errno. */
int64_t bu_sys_mmap(guest_addr addr, guest_addr len, int prot, int flags,
                    int fd, uint64_t offset);
int bu_sys_munmap(guest_addr addr, guest_addr len);
int bu_sys_mprotect(guest_addr addr, guest_addr len, int prot);
int bu_sys_msync(guest_addr addr, guest_addr len, int flags);

/*
 * Host errno (positive) to FreeBSD errno.  Host errors FreeBSD has no
 * number for become EINVAL, the generic "bad request".
 */
int bu_errno_from_host(int host_errno);
/* A result that may be -host errno, with the error made -FreeBSD errno. */
int64_t bu_result_from_host(int64_t r);

#endif
