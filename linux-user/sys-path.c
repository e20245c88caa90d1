/*
 * Path system calls: the working directory, creating, linking, renaming,
 * removing and inspecting names.
 *
 * readlink("/proc/self/exe") answers the guest program's absolute path,
 * not uemu's (proc.c).  Calls that look up an existing name (readlink,
 * access) go through the -L prefix (lu_lookup_path); calls that create,
 * remove, rename or change names (mkdir, unlink, rename, link, symlink,
 * chmod, chown, utimes, truncate) and chdir use the guest's path as
 * given, so a guest never modifies the sysroot by accident.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/linux-user-path.h"
#include "uemu/linux-user-proc.h"
#include "uemu/page-table.h"

int64_t lu_sys_getcwd(const uint64_t *a)
{
    void *buf = guest_access(a[0], a[1], PAGE_WRITE);
    if (!buf)
        return -EFAULT;
    /* The raw call returns the length including the NUL, as the guest expects. */
    return lu_host_ret(syscall(SYS_getcwd, buf, (size_t)a[1]));
}

int64_t lu_sys_chdir(const uint64_t *a)
{
    int err;
    const char *path = lu_path_arg(a[0], &err);
    return path ? lu_host_ret(chdir(path)) : err;
}

int64_t lu_sys_fchdir(const uint64_t *a)
{
    return lu_host_ret(fchdir((int)a[0]));
}

int64_t lu_sys_unlinkat(const uint64_t *a)
{
    int err;
    const char *path = lu_path_arg(a[1], &err);
    return path ? lu_host_ret(unlinkat((int)a[0], path, (int)a[2])) : err;
}

int64_t lu_sys_mkdirat(const uint64_t *a)
{
    int err;
    const char *path = lu_path_arg(a[1], &err);
    return path ? lu_host_ret(mkdirat((int)a[0], path, (mode_t)a[2])) : err;
}

int64_t lu_sys_renameat2(const uint64_t *a)
{
    int err;
    const char *from = lu_path_arg(a[1], &err);
    if (!from)
        return err;
    const char *to = lu_path_arg(a[3], &err);
    if (!to)
        return err;
    return lu_host_ret(syscall(SYS_renameat2, (int)a[0], from, (int)a[2], to, (unsigned)a[4]));
}

int64_t lu_sys_symlinkat(const uint64_t *a)
{
    int err;
    const char *target = lu_path_arg(a[0], &err);
    if (!target)
        return err;
    const char *path = lu_path_arg(a[2], &err);
    return path ? lu_host_ret(symlinkat(target, (int)a[1], path)) : err;
}

int64_t lu_sys_linkat(const uint64_t *a)
{
    int err;
    const char *from = lu_path_arg(a[1], &err);
    if (!from)
        return err;
    const char *to = lu_path_arg(a[3], &err);
    return to ? lu_host_ret(linkat((int)a[0], from, (int)a[2], to, (int)a[4])) : err;
}

int64_t lu_sys_readlinkat(const uint64_t *a)
{
    char name[PATH_MAX];
    int err;
    const char *path = lu_path_arg(a[1], &err);
    if (!path)
        return err;
    if ((int64_t)a[3] <= 0)
        return -EINVAL;
    void *buf = guest_access(a[2], a[3], PAGE_WRITE);
    if (!buf)
        return -EFAULT;
    const char *exe = lu_proc_exe_path();
    if (exe && path[0] == '/' && lu_proc_classify(path) == LU_PROC_EXE) {
        size_t n = strlen(exe);
        if (n > a[3])
            n = a[3];           /* readlink truncates silently */
        memcpy(buf, exe, n);
        return (int64_t)n;
    }
    path = lu_path_resolve(path, name, sizeof(name));
    return lu_host_ret(readlinkat((int)a[0], path, buf, a[3]));
}

int64_t lu_sys_faccessat(const uint64_t *a)
{
    char name[PATH_MAX];
    int err;
    const char *path = lu_path_arg(a[1], &err);
    if (!path)
        return err;
    path = lu_lookup_path(path, name, sizeof(name));
    return lu_host_ret(syscall(SYS_faccessat, (int)a[0], path, (int)a[2]));
}

int64_t lu_sys_faccessat2(const uint64_t *a)
{
    char name[PATH_MAX];
    int err;
    const char *path = lu_path_arg(a[1], &err);
    if (!path)
        return err;
    path = lu_lookup_path(path, name, sizeof(name));
    return lu_host_ret(syscall(SYS_faccessat2, (int)a[0], path, (int)a[2], (int)a[3]));
}

int64_t lu_sys_fchmod(const uint64_t *a)
{
    return lu_host_ret(fchmod((int)a[0], (mode_t)a[1]));
}

int64_t lu_sys_fchmodat(const uint64_t *a)
{
    int err;
    const char *path = lu_path_arg(a[1], &err);
    return path ? lu_host_ret(syscall(SYS_fchmodat, (int)a[0], path, (mode_t)a[2])) : err;
}

int64_t lu_sys_fchownat(const uint64_t *a)
{
    int err;
    const char *path = lu_path_arg(a[1], &err);
    return path ? lu_host_ret(fchownat((int)a[0], path, (uid_t)a[2], (gid_t)a[3], (int)a[4])) : err;
}

int64_t lu_sys_utimensat(const uint64_t *a)
{
    const char *path = NULL;
    const void *times = NULL;
    int err;

    /* A NULL path is the kernel's futimens(). */
    if (a[1] && !(path = lu_path_arg(a[1], &err)))
        return err;
    if (a[2] && !(times = guest_access(a[2], 2 * sizeof(struct timespec), PAGE_READ)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_utimensat, (int)a[0], path, times, (int)a[3]));
}

int64_t lu_sys_truncate(const uint64_t *a)
{
    int err;
    const char *path = lu_path_arg(a[0], &err);
    return path ? lu_host_ret(truncate(path, (off_t)a[1])) : err;
}

int64_t lu_sys_umask(const uint64_t *a)
{
    return umask((mode_t)a[0]);
}
