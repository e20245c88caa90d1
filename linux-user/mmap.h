/*
 * Linux guest memory-mapping calls (linux-user/mmap.c, brk.c, shm.c).
 *
 * Arguments carry Linux asm-generic values (the riscv64 and aarch64
 * guests use them unchanged); the LU_* constants below come from the
 * uapi headers asm-generic/mman-common.h and asm-generic/mman.h.  Each
 * call takes the mmap lock, checks its arguments by Linux's rules
 * (docs MMAP.md, "linux-user/mmap.c"), and returns a guest address or 0
 * on success and -errno on failure.  Host errno values equal Linux guest
 * ones, so no translation is needed at the syscall boundary.
 *
 * Usage (the syscall layer):
 *     int64_t r = lu_mmap(a0, a1, a2, a3, a4, a5);
 *     regs->a0 = r;   // guest address or -errno
 */
#ifndef LINUX_USER_MMAP_H
#define LINUX_USER_MMAP_H

#include "uemu/types.h"

/* Protections (mman-common.h). */
#define LU_PROT_NONE            0x0
#define LU_PROT_READ            0x1
#define LU_PROT_WRITE           0x2
#define LU_PROT_EXEC            0x4
#define LU_PROT_SEM             0x8
#define LU_PROT_GROWSDOWN       0x01000000
#define LU_PROT_GROWSUP         0x02000000
/* aarch64 only (arch/arm64 uapi mman.h): the caller's extra known bits. */
#define LU_PROT_BTI             0x10
#define LU_PROT_MTE             0x20

/* Mapping types and flags (mman-common.h, mman.h, linux/mman.h). */
#define LU_MAP_SHARED           0x01
#define LU_MAP_PRIVATE          0x02
#define LU_MAP_SHARED_VALIDATE  0x03
#define LU_MAP_DROPPABLE        0x08
#define LU_MAP_TYPE             0x0f
#define LU_MAP_FIXED            0x10
#define LU_MAP_ANONYMOUS        0x20
#define LU_MAP_GROWSDOWN        0x0100
#define LU_MAP_DENYWRITE        0x0800
#define LU_MAP_EXECUTABLE       0x1000
#define LU_MAP_LOCKED           0x2000
#define LU_MAP_NORESERVE        0x4000
#define LU_MAP_POPULATE         0x008000
#define LU_MAP_NONBLOCK         0x010000
#define LU_MAP_STACK            0x020000
#define LU_MAP_HUGETLB          0x040000
#define LU_MAP_SYNC             0x080000
#define LU_MAP_FIXED_NOREPLACE  0x100000
#define LU_MAP_UNINITIALIZED    0x4000000
#define LU_MAP_HUGE_SHIFT       26
#define LU_MAP_HUGE_MASK        0x3f

#define LU_MREMAP_MAYMOVE       1
#define LU_MREMAP_FIXED         2
#define LU_MREMAP_DONTUNMAP     4

#define LU_MS_ASYNC             1
#define LU_MS_INVALIDATE        2
#define LU_MS_SYNC              4

#define LU_MLOCK_ONFAULT        0x01
#define LU_MCL_CURRENT          1
#define LU_MCL_FUTURE           2
#define LU_MCL_ONFAULT          4

#define LU_MADV_NORMAL          0
#define LU_MADV_RANDOM          1
#define LU_MADV_SEQUENTIAL      2
#define LU_MADV_WILLNEED        3
#define LU_MADV_DONTNEED        4
#define LU_MADV_FREE            8
#define LU_MADV_REMOVE          9
#define LU_MADV_DONTFORK        10
#define LU_MADV_DOFORK          11
#define LU_MADV_MERGEABLE       12
#define LU_MADV_UNMERGEABLE     13
#define LU_MADV_HUGEPAGE        14
#define LU_MADV_NOHUGEPAGE      15
#define LU_MADV_DONTDUMP        16
#define LU_MADV_DODUMP          17
#define LU_MADV_WIPEONFORK      18
#define LU_MADV_KEEPONFORK      19
#define LU_MADV_COLD            20
#define LU_MADV_PAGEOUT         21
#define LU_MADV_POPULATE_READ   22
#define LU_MADV_POPULATE_WRITE  23
#define LU_MADV_DONTNEED_LOCKED 24
#define LU_MADV_COLLAPSE        25
#define LU_MADV_HWPOISON        100
#define LU_MADV_SOFT_OFFLINE    101

/* shmat flags (asm-generic ipc / linux/shm.h). */
#define LU_SHM_RDONLY           010000
#define LU_SHM_RND              020000
#define LU_SHM_REMAP            040000
#define LU_SHM_EXEC             0100000

/*
 * Protection bits mprotect accepts beyond READ/WRITE/EXEC/SEM and the
 * GROWS bits; the ISA's syscall layer sets it once (aarch64:
 * LU_PROT_BTI | LU_PROT_MTE; riscv64: 0).
 */
void lu_mmap_set_extra_prot(int mask);

int64_t lu_mmap(guest_addr addr, guest_addr len, int prot, int flags, int fd,
                uint64_t offset);
int lu_munmap(guest_addr addr, guest_addr len);
int lu_mprotect(guest_addr addr, guest_addr len, int prot);
int64_t lu_mremap(guest_addr old_addr, guest_addr old_len, guest_addr new_len,
                  int flags, guest_addr new_addr);
int lu_msync(guest_addr addr, guest_addr len, int flags);
int lu_madvise(guest_addr addr, guest_addr len, int advice);
/* vec is a host buffer of one byte per guest page (the caller checked it). */
int lu_mincore(guest_addr addr, guest_addr len, unsigned char *vec);
/* mlock2: flags 0 or LU_MLOCK_ONFAULT; mlock is flags 0. */
int lu_mlock(guest_addr addr, guest_addr len, int flags);
int lu_munlock(guest_addr addr, guest_addr len);
int lu_mlockall(int flags);
int lu_munlockall(void);

/*
 * brk: lu_brk_init() is called by the loader with the end of the data
 * segment; lu_brk() returns the new break on success and the old one on
 * failure (the Linux syscall never returns an error).
 */
void lu_brk_init(guest_addr start);
guest_addr lu_brk(guest_addr new_brk);

/* SysV shared memory: shmat returns the guest address or -errno. */
int64_t lu_shmat(int shmid, guest_addr shmaddr, int shmflg);
int lu_shmdt(guest_addr shmaddr);

#endif
