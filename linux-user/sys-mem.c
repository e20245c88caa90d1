/*
 * Memory system calls: the syscall-ABI face of linux-user/mmap.c, which
 * owns the Linux rules (argument checks, errors, page-table updates).
 * Here only registers become arguments and guest buffers are checked.
 */
#include <sys/shm.h>

#include "linux-user/mmap.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"

int64_t lu_sys_brk(const uint64_t *a)
{
    return (int64_t)lu_brk(a[0]);
}

int64_t lu_sys_mmap(const uint64_t *a)
{
    return lu_mmap(a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5]);
}

int64_t lu_sys_munmap(const uint64_t *a)
{
    return lu_munmap(a[0], a[1]);
}

int64_t lu_sys_mprotect(const uint64_t *a)
{
    return lu_mprotect(a[0], a[1], (int)a[2]);
}

int64_t lu_sys_mremap(const uint64_t *a)
{
    return lu_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

int64_t lu_sys_msync(const uint64_t *a)
{
    return lu_msync(a[0], a[1], (int)a[2]);
}

int64_t lu_sys_madvise(const uint64_t *a)
{
    return lu_madvise(a[0], a[1], (int)a[2]);
}

int64_t lu_sys_mincore(const uint64_t *a)
{
    guest_addr addr = a[0], len = a[1];
    guest_addr glen = ALIGN_UP(len, target_page_size);

    /* The kernel checks the range before it writes the vector: EINVAL and ENOMEM beat EFAULT. */
    if (!IS_ALIGNED(addr, target_page_size))
        return -EINVAL;
    if (!guest_range_valid(addr, len) || (glen && !guest_range_valid(addr, glen)) ||
        (glen && !page_table_check(guest_pages, addr, glen, 0)))
        return -ENOMEM;
    unsigned char *vec = guest_access(a[2], glen / target_page_size, PAGE_WRITE);
    if (!vec)
        return -EFAULT;
    return lu_mincore(addr, len, vec);
}

int64_t lu_sys_mlock(const uint64_t *a)
{
    return lu_mlock(a[0], a[1], 0);
}

int64_t lu_sys_mlock2(const uint64_t *a)
{
    return lu_mlock(a[0], a[1], (int)a[2]);
}

int64_t lu_sys_munlock(const uint64_t *a)
{
    return lu_munlock(a[0], a[1]);
}

int64_t lu_sys_mlockall(const uint64_t *a)
{
    return lu_mlockall((int)a[0]);
}

int64_t lu_sys_munlockall(const uint64_t *a)
{
    (void)a;
    return lu_munlockall();
}

int64_t lu_sys_shmat(const uint64_t *a)
{
    return lu_shmat((int)a[0], a[1], (int)a[2]);
}

int64_t lu_sys_shmdt(const uint64_t *a)
{
    return lu_shmdt(a[0]);
}
