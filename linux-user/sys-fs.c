/*
 * The "fs" family (see LU_SYSCALL_SET in syscall.h): file systems and
 * file data (statfs, fallocate, sendfile, copy_file_range, splice,
 * memfd_create, sync, flock, mknodat, file handles, extended
 * attributes, readahead, fadvise, close_range), the scheduler calls
 * (affinity, policy, parameters, sched_attr), membarrier and rseq.
 *
 * Layouts: struct statfs (x86_64 uses asm-generic/statfs.h with 64-bit
 * words, as riscv64 and aarch64 do), struct file_handle, struct
 * sched_param, struct sched_attr, cpu masks (arrays of little-endian
 * longs), loff_t and struct iovec are the same for an asm-generic 64-bit
 * guest and the x86_64 host, and so are the flag values (fallocate
 * modes, SPLICE_F_*, MFD_*, LOCK_*, POSIX_FADV_*, XATTR_*, the
 * CLOSE_RANGE_* bits; open_by_handle_at's open flags are translated).
 * So a checked guest buffer goes to the host kernel as it is.  Where
 * the kernel writes a length it decides (sched_getaffinity), the call
 * writes into a host buffer first and only that length is copied out.
 *
 * Calls that may block for a long time (sendfile, splice, tee,
 * vmsplice, copy_file_range on pipes and sockets, flock) go through
 * lu_safe_syscall(), so a guest signal interrupts them (safe-syscall.h).
 *
 * Names that must exist (statfs, getxattr, listxattr, name_to_handle_at)
 * are looked up through the -L prefix; names that are changed (mknodat,
 * setxattr, removexattr) are used as the guest gave them (sys-path.c).
 *
 * membarrier: the guest's threads are host threads and every guest
 * memory access is a host access made by that thread, so the host's
 * MEMBARRIER_CMD_GLOBAL* and PRIVATE_EXPEDITED commands give the guest
 * the barriers it asks for.  The SYNC_CORE commands promise that other
 * threads execute modified code afterwards, which is the translation
 * cache's business, not the host core's; the RSEQ commands need rseq.
 * Both are left out of MEMBARRIER_CMD_QUERY and refused with EINVAL,
 * as by a kernel without them.
 *
 * rseq is refused with ENOSYS on purpose (a deliberate refusal, so not
 * reported under -d unimp): the kernel would update the area from the
 * host CPU's point of view and restart sequences at host pcs, which
 * means nothing for translated code.  glibc (2.35+) then runs with
 * __rseq_size 0 and sched_getcpu() falls back to getcpu.
 */
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "safe-syscall.h"
#include "syscall-nr.h"
#include "syscall.h"
#include "uemu/log.h"
#include "uemu/guest-mem.h"
#include "uemu/page-table.h"

#define LU_STATFS_SIZE      120
#define LU_SCHED_ATTR_VER0  48     /* SCHED_ATTR_SIZE_VER0 */
#define LU_XATTR_SIZE_MAX   65536  /* linux/limits.h XATTR_SIZE_MAX */
#define LU_XATTR_LIST_MAX   65536  /* XATTR_LIST_MAX */
#define LU_XATTR_NAME_MAX   255
#define LU_MAX_HANDLE_SZ    128    /* fs/fhandle.c MAX_HANDLE_SZ */
#define LU_UIO_MAXIOV       1024
#define LU_CPUMASK_MAX      8192   /* bytes: 65536 CPUs, more than any host has */
_Static_assert(sizeof(struct statfs) == LU_STATFS_SIZE, "x86_64 statfs is asm-generic's");

/* membarrier commands (linux/membarrier.h). */
#define MB_QUERY                      0
#define MB_PRIVATE_EXPEDITED_SYNC_CORE (1 << 5)
#define MB_REGISTER_SYNC_CORE         (1 << 6)
#define MB_PRIVATE_EXPEDITED_RSEQ     (1 << 7)
#define MB_REGISTER_RSEQ              (1 << 8)
#define MB_GET_REGISTRATIONS          (1 << 9)
#define MB_REFUSED (MB_PRIVATE_EXPEDITED_SYNC_CORE | MB_REGISTER_SYNC_CORE | \
                    MB_PRIVATE_EXPEDITED_RSEQ | MB_REGISTER_RSEQ)

/* Optional guest buffer of len bytes: *host NULL for guest NULL. */
static bool opt_buf(uint64_t addr, size_t len, unsigned prot, void **host)
{
    *host = NULL;
    return !addr || (*host = guest_access(addr, len, prot)) != NULL;
}

/* A guest name that must exist, as the host sees it (buf: PATH_MAX). */
static const char *existing_path(uint64_t addr, char *buf, int *err)
{
    const char *path = lu_path_arg(addr, err);
    return path ? lu_lookup_path(path, buf, PATH_MAX) : NULL;
}

static int64_t sys_statfs(const uint64_t *a)
{
    char name[PATH_MAX];
    int err;
    const char *path = existing_path(a[0], name, &err);
    if (!path)
        return err;
    void *buf = guest_access(a[1], LU_STATFS_SIZE, PAGE_WRITE);
    return buf ? lu_host_ret(syscall(SYS_statfs, path, buf)) : -EFAULT;
}

static int64_t sys_fstatfs(const uint64_t *a)
{
    void *buf = guest_access(a[1], LU_STATFS_SIZE, PAGE_WRITE);
    return buf ? lu_host_ret(syscall(SYS_fstatfs, (int)a[0], buf)) : -EFAULT;
}

static int64_t sys_fallocate(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_fallocate, (int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3]));
}

static int64_t sys_sendfile(const uint64_t *a)
{
    void *off;
    if (!opt_buf(a[2], sizeof(int64_t), PAGE_READ | PAGE_WRITE, &off))
        return -EFAULT;
    return lu_safe_syscall(SYS_sendfile, (int)a[0], (int)a[1], (long)off, (long)a[3], 0, 0);
}

static int64_t sys_copy_file_range(const uint64_t *a)
{
    void *in, *out;
    if (!opt_buf(a[1], sizeof(int64_t), PAGE_READ | PAGE_WRITE, &in) ||
        !opt_buf(a[3], sizeof(int64_t), PAGE_READ | PAGE_WRITE, &out))
        return -EFAULT;
    return lu_safe_syscall(SYS_copy_file_range, (int)a[0], (long)in, (int)a[2], (long)out,
                           (long)a[4], (unsigned)a[5]);
}

static int64_t sys_splice(const uint64_t *a)
{
    void *in, *out;
    if (!opt_buf(a[1], sizeof(int64_t), PAGE_READ | PAGE_WRITE, &in) ||
        !opt_buf(a[3], sizeof(int64_t), PAGE_READ | PAGE_WRITE, &out))
        return -EFAULT;
    return lu_safe_syscall(SYS_splice, (int)a[0], (long)in, (int)a[2], (long)out,
                           (long)a[4], (unsigned)a[5]);
}

static int64_t sys_tee(const uint64_t *a)
{
    return lu_safe_syscall(SYS_tee, (int)a[0], (int)a[1], (long)a[2], (unsigned)a[3], 0, 0);
}

/*
 * vmsplice: the guest's iovec (the host's layout) with every buffer
 * checked for the way the data goes: read from memory into the write
 * end of a pipe, written to memory from its read end.
 */
static int64_t sys_vmsplice(const uint64_t *a)
{
    int fd = (int)a[0];
    uint64_t n = a[2];
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return -errno;
    if (n > LU_UIO_MAXIOV)
        return -EINVAL;
    const uint64_t *g = guest_access(a[1], n * 2 * sizeof(uint64_t), PAGE_READ);
    if (!g)
        return -EFAULT;
    unsigned prot = (fl & O_ACCMODE) == O_RDONLY ? PAGE_WRITE : PAGE_READ;
    struct iovec v[LU_UIO_MAXIOV];
    for (uint64_t i = 0; i < n; i++) {
        if ((int64_t)g[2 * i + 1] < 0)
            return -EINVAL;
        v[i].iov_len = g[2 * i + 1];
        v[i].iov_base = guest_access(g[2 * i], v[i].iov_len, prot);
        if (!v[i].iov_base)
            return -EFAULT;
    }
    return lu_safe_syscall(SYS_vmsplice, fd, (long)v, (long)n, (unsigned)a[3], 0, 0);
}

static int64_t sys_memfd_create(const uint64_t *a)
{
    int err;
    const char *name = guest_string(a[0], 250, &err);
    if (!name)
        return err == -ENAMETOOLONG ? -EINVAL : err;
    return lu_host_ret(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

static int64_t sys_sync(const uint64_t *a)
{
    (void)a;
    sync();
    return 0;
}

static int64_t sys_syncfs(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_syncfs, (int)a[0]));
}

static int64_t sys_sync_file_range(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_sync_file_range, (int)a[0], (off_t)a[1], (off_t)a[2],
                               (unsigned)a[3]));
}

static int64_t sys_flock(const uint64_t *a)
{
    return lu_safe_syscall(SYS_flock, (int)a[0], (int)a[1], 0, 0, 0, 0);
}

static int64_t sys_mknodat(const uint64_t *a)
{
    int err;
    const char *path = lu_path_arg(a[1], &err);
    if (!path)
        return err;
    return lu_host_ret(syscall(SYS_mknodat, (int)a[0], path, (mode_t)a[2], (unsigned)a[3]));
}

/* struct file_handle { u32 handle_bytes; int handle_type; u8 f_handle[]; } */
static int64_t sys_name_to_handle_at(const uint64_t *a)
{
    char name[PATH_MAX];
    uint32_t bytes;
    int err;
    const char *path = existing_path(a[1], name, &err);
    if (!path)
        return err;
    if (copy_from_guest(&bytes, a[2], sizeof(bytes)))
        return -EFAULT;
    if (bytes > LU_MAX_HANDLE_SZ)
        return -EINVAL;
    void *fh = guest_access(a[2], 8 + bytes, PAGE_READ | PAGE_WRITE);
    void *mnt = guest_access(a[3], sizeof(int), PAGE_WRITE);
    if (!fh || !mnt)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_name_to_handle_at, (int)a[0], path, fh, mnt, (int)a[4]));
}

static int64_t sys_open_by_handle_at(const uint64_t *a)
{
    uint32_t bytes;
    if (copy_from_guest(&bytes, a[1], sizeof(bytes)))
        return -EFAULT;
    if (bytes == 0 || bytes > LU_MAX_HANDLE_SZ)
        return -EINVAL;
    void *fh = guest_access(a[1], 8 + bytes, PAGE_READ);
    if (!fh)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_open_by_handle_at, (int)a[0], fh,
                               lu_open_flags_to_host(a[2])));
}

/* ---- extended attributes ---- */

static const char *xattr_name(uint64_t addr, int *err)
{
    const char *n = guest_string(addr, LU_XATTR_NAME_MAX + 1, err);
    if (!n && *err == -ENAMETOOLONG)
        *err = -ERANGE;
    return n;
}

/*
 * The three spellings of each xattr call: by path following links, by
 * path not following them (l*), by descriptor (f*).  The table row says
 * which host call and whether the name must exist.
 */
enum xkind { X_PATH, X_LPATH, X_FD };

static int64_t xattr_set(const uint64_t *a, enum xkind k)
{
    int err;
    const char *path = NULL;
    if (k != X_FD && !(path = lu_path_arg(a[0], &err)))
        return err;
    const char *name = xattr_name(a[1], &err);
    if (!name)
        return err;
    if (a[3] > LU_XATTR_SIZE_MAX)
        return -E2BIG;
    const void *val = guest_access(a[2], a[3], PAGE_READ);
    if (!val)
        return -EFAULT;
    long nr = k == X_PATH ? SYS_setxattr : k == X_LPATH ? SYS_lsetxattr : SYS_fsetxattr;
    if (k == X_FD)
        return lu_host_ret(syscall(nr, (int)a[0], name, val, (size_t)a[3], (int)a[4]));
    return lu_host_ret(syscall(nr, path, name, val, (size_t)a[3], (int)a[4]));
}

/*
 * The kernel reads the value into its own buffer and copies it out
 * last, so a bad buffer is EFAULT only when there is something to copy
 * (ENODATA, ERANGE and the rest come first), and only the value's
 * length is copied: an inaccessible guest buffer gets a host bounce
 * buffer and the copy decides.
 */
static int64_t xattr_out(long nr, int fd, const char *path, const char *name,
                         uint64_t addr, size_t size)
{
    void *buf = guest_access(addr, size, PAGE_WRITE), *bounce = NULL;
    long r;

    if (!buf && !(buf = bounce = malloc(size ? size : 1)))
        return -ENOMEM;
    if (path && name)
        r = syscall(nr, path, name, buf, size);
    else if (path)
        r = syscall(nr, path, buf, size);
    else if (name)
        r = syscall(nr, fd, name, buf, size);
    else
        r = syscall(nr, fd, buf, size);
    r = lu_host_ret(r);
    if (bounce && r > 0 && copy_to_guest(addr, bounce, (size_t)r))
        r = -EFAULT;
    free(bounce);
    return r;
}

static int64_t xattr_get(const uint64_t *a, enum xkind k)
{
    char buf[PATH_MAX];
    int err;
    const char *path = NULL;
    if (k != X_FD && !(path = existing_path(a[0], buf, &err)))
        return err;
    const char *name = xattr_name(a[1], &err);
    if (!name)
        return err;
    size_t size = a[3] > LU_XATTR_SIZE_MAX ? LU_XATTR_SIZE_MAX : a[3];
    long nr = k == X_PATH ? SYS_getxattr : k == X_LPATH ? SYS_lgetxattr : SYS_fgetxattr;
    return xattr_out(nr, (int)a[0], path, name, a[2], size);
}

static int64_t xattr_list(const uint64_t *a, enum xkind k)
{
    char buf[PATH_MAX];
    int err;
    const char *path = NULL;
    if (k != X_FD && !(path = existing_path(a[0], buf, &err)))
        return err;
    size_t size = a[2] > LU_XATTR_LIST_MAX ? LU_XATTR_LIST_MAX : a[2];
    long nr = k == X_PATH ? SYS_listxattr : k == X_LPATH ? SYS_llistxattr : SYS_flistxattr;
    return xattr_out(nr, (int)a[0], path, NULL, a[1], size);
}

static int64_t xattr_remove(const uint64_t *a, enum xkind k)
{
    int err;
    const char *path = NULL;
    if (k != X_FD && !(path = lu_path_arg(a[0], &err)))
        return err;
    const char *name = xattr_name(a[1], &err);
    if (!name)
        return err;
    long nr = k == X_PATH ? SYS_removexattr : k == X_LPATH ? SYS_lremovexattr : SYS_fremovexattr;
    if (k == X_FD)
        return lu_host_ret(syscall(nr, (int)a[0], name));
    return lu_host_ret(syscall(nr, path, name));
}

#define XATTR_CALLS(op)                                                          \
    static int64_t sys_##op##xattr(const uint64_t *a) { return xattr_##op(a, X_PATH); }   \
    static int64_t sys_l##op##xattr(const uint64_t *a) { return xattr_##op(a, X_LPATH); } \
    static int64_t sys_f##op##xattr(const uint64_t *a) { return xattr_##op(a, X_FD); }
XATTR_CALLS(set)
XATTR_CALLS(get)
XATTR_CALLS(list)
XATTR_CALLS(remove)
#undef XATTR_CALLS

static int64_t sys_readahead(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_readahead, (int)a[0], (off_t)a[1], (size_t)a[2]));
}

static int64_t sys_fadvise64(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_fadvise64, (int)a[0], (off_t)a[1], (off_t)a[2], (int)a[3]));
}

/* Around uemu's own descriptor (sys-file.c), which is not the guest's. */
static int64_t sys_close_range(const uint64_t *a)
{
    unsigned first = (unsigned)a[0], last = (unsigned)a[1], flags = (unsigned)a[2];
    int own = log_fileno();
    long r = 0;

    if (!lu_fd_is_own(own) || first > last || (unsigned)own < first || (unsigned)own > last)
        return lu_host_ret(syscall(SYS_close_range, first, last, flags));
    if ((unsigned)own > first)
        r = syscall(SYS_close_range, first, (unsigned)own - 1, flags);
    if (r == 0 && (unsigned)own < last)
        r = syscall(SYS_close_range, (unsigned)own + 1, last, flags);
    return lu_host_ret(r);
}

/* ---- scheduler ---- */

/* The kernel checks len (at least the CPU count's bytes, a multiple
 * of 8) and writes min(len, its mask size), which it returns. */
static int64_t sys_sched_getaffinity(const uint64_t *a)
{
    uint8_t mask[LU_CPUMASK_MAX];
    size_t len = a[1] > LU_CPUMASK_MAX ? LU_CPUMASK_MAX : a[1];
    long r = syscall(SYS_sched_getaffinity, (pid_t)a[0], len, mask);
    if (r < 0)
        return -errno;
    return copy_to_guest(a[2], mask, (size_t)r) ? -EFAULT : r;
}

/* The kernel reads min(len, its mask size) bytes. */
static int64_t sys_sched_setaffinity(const uint64_t *a)
{
    size_t len = a[1] > LU_CPUMASK_MAX ? LU_CPUMASK_MAX : a[1];
    const void *mask = guest_access(a[2], len, PAGE_READ);
    if (!mask)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_sched_setaffinity, (pid_t)a[0], len, mask));
}

/* A struct sched_param argument (one int) as the host's: the kernel
 * says EINVAL for NULL and EFAULT for a bad pointer. */
static int64_t sched_param_arg(uint64_t addr, unsigned prot, void **p)
{
    if (!addr)
        return -EINVAL;
    *p = guest_access(addr, sizeof(int), prot);
    return *p ? 0 : -EFAULT;
}

static int64_t sys_sched_getparam(const uint64_t *a)
{
    void *p;
    int64_t err = sched_param_arg(a[1], PAGE_WRITE, &p);

    return err ? err : lu_host_ret(syscall(SYS_sched_getparam, (pid_t)a[0], p));
}

static int64_t sys_sched_setparam(const uint64_t *a)
{
    void *p;
    int64_t err = sched_param_arg(a[1], PAGE_READ, &p);

    return err ? err : lu_host_ret(syscall(SYS_sched_setparam, (pid_t)a[0], p));
}

static int64_t sys_sched_setscheduler(const uint64_t *a)
{
    void *p;
    int64_t err = sched_param_arg(a[2], PAGE_READ, &p);

    return err ? err : lu_host_ret(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], p));
}

static int64_t sys_sched_getscheduler(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

static int64_t sys_sched_get_priority_max(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_sched_get_priority_max, (int)a[0]));
}

static int64_t sys_sched_get_priority_min(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_sched_get_priority_min, (int)a[0]));
}

static int64_t sys_sched_rr_get_interval(const uint64_t *a)
{
    struct timespec ts;
    if (syscall(SYS_sched_rr_get_interval, (pid_t)a[0], &ts) < 0)
        return -errno;
    return copy_to_guest(a[1], &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* struct sched_attr starts with its own size (0: the first version). */
static int64_t sys_sched_setattr(const uint64_t *a)
{
    uint32_t size;
    if (!a[1])
        return -EINVAL;
    if (copy_from_guest(&size, a[1], sizeof(size)))
        return -EFAULT;
    if (size == 0)
        size = LU_SCHED_ATTR_VER0;
    if (size > 4096)
        return -E2BIG;     /* more than a page: sched_copy_attr refuses it */
    const void *attr = guest_access(a[1], size, PAGE_READ);
    if (!attr)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_sched_setattr, (pid_t)a[0], attr, (unsigned)a[2]));
}

static int64_t sys_sched_getattr(const uint64_t *a)
{
    size_t size = a[2];
    if (!a[1] || size > 4096 || size < LU_SCHED_ATTR_VER0)
        return -EINVAL;
    void *attr = guest_access(a[1], size, PAGE_WRITE);
    if (!attr)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_sched_getattr, (pid_t)a[0], attr, (unsigned)size,
                               (unsigned)a[3]));
}

/* ---- membarrier, rseq ---- */

static int64_t sys_membarrier(const uint64_t *a)
{
    int cmd = (int)a[0];
    long r;

    if (cmd & MB_REFUSED)
        return -EINVAL;
    r = syscall(SYS_membarrier, cmd, (unsigned)a[1], (int)a[2]);
    if (r < 0)
        return -errno;
    if (cmd == MB_QUERY || cmd == MB_GET_REGISTRATIONS)
        r &= ~MB_REFUSED;
    return r;
}

static int64_t sys_rseq(const uint64_t *a)
{
    (void)a;
    return -ENOSYS;
}

LU_SYSCALL_SET(fs,
    { LU_NR_statfs, sys_statfs, "sp" },
    { LU_NR_fstatfs, sys_fstatfs, "dp" },
    { LU_NR_fallocate, sys_fallocate, "dfll" },
    { LU_NR_sendfile, sys_sendfile, "ddpu" },
    { LU_NR_copy_file_range, sys_copy_file_range, "dpdpux" },
    { LU_NR_splice, sys_splice, "dpdpux" },
    { LU_NR_tee, sys_tee, "ddux" },
    { LU_NR_vmsplice, sys_vmsplice, "dpux" },
    { LU_NR_memfd_create, sys_memfd_create, "sD" },
    { LU_NR_sync, sys_sync, "" },
    { LU_NR_syncfs, sys_syncfs, "d" },
    { LU_NR_sync_file_range, sys_sync_file_range, "dllx" },
    { LU_NR_flock, sys_flock, "d^" },
    { LU_NR_mknodat, sys_mknodat, "FsMx" },
    { LU_NR_name_to_handle_at, sys_name_to_handle_at, "FsppA" },
    { LU_NR_open_by_handle_at, sys_open_by_handle_at, "dpo" },
    { LU_NR_setxattr, sys_setxattr, "sspux" },
    { LU_NR_lsetxattr, sys_lsetxattr, "sspux" },
    { LU_NR_fsetxattr, sys_fsetxattr, "dspux" },
    { LU_NR_getxattr, sys_getxattr, "sspu" },
    { LU_NR_lgetxattr, sys_lgetxattr, "sspu" },
    { LU_NR_fgetxattr, sys_fgetxattr, "dspu" },
    { LU_NR_listxattr, sys_listxattr, "spu" },
    { LU_NR_llistxattr, sys_llistxattr, "spu" },
    { LU_NR_flistxattr, sys_flistxattr, "dpu" },
    { LU_NR_removexattr, sys_removexattr, "ss" },
    { LU_NR_lremovexattr, sys_lremovexattr, "ss" },
    { LU_NR_fremovexattr, sys_fremovexattr, "ds" },
    { LU_NR_readahead, sys_readahead, "dlu" },
    { LU_NR_fadvise64, sys_fadvise64, "dlld" },
    { LU_NR_close_range, sys_close_range, "uux" },
    { LU_NR_sched_getaffinity, sys_sched_getaffinity, "dup" },
    { LU_NR_sched_setaffinity, sys_sched_setaffinity, "dup" },
    { LU_NR_sched_getparam, sys_sched_getparam, "dp" },
    { LU_NR_sched_setparam, sys_sched_setparam, "dY" },
    { LU_NR_sched_setscheduler, sys_sched_setscheduler, "dyY" },
    { LU_NR_sched_getscheduler, sys_sched_getscheduler, "d" },
    { LU_NR_sched_get_priority_max, sys_sched_get_priority_max, "y" },
    { LU_NR_sched_get_priority_min, sys_sched_get_priority_min, "y" },
    { LU_NR_sched_rr_get_interval, sys_sched_rr_get_interval, "dp" },
    { LU_NR_sched_setattr, sys_sched_setattr, "dpx" },
    { LU_NR_sched_getattr, sys_sched_getattr, "dpux" },
    { LU_NR_membarrier, sys_membarrier, "xxd" },
    { LU_NR_rseq, sys_rseq, "pudx" },
);
