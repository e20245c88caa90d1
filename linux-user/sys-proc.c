/*
 * Process, identity, time and resource system calls.
 *
 * The structures these pass (timespec, timeval, rlimit, rusage, tms,
 * sysinfo, new_utsname) have the x86_64 host's layout for a 64-bit
 * asm-generic guest, so checked guest buffers go straight to the host.
 * exit, exit_group and the thread calls are in sys-thread.c.
 */
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "safe-syscall.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/log.h"
#include "uemu/page-table.h"

int64_t lu_sys_getpid(const uint64_t *a)
{
    (void)a;
    return getpid();
}

int64_t lu_sys_getppid(const uint64_t *a)
{
    (void)a;
    return getppid();
}

int64_t lu_sys_gettid(const uint64_t *a)
{
    (void)a;
    return gettid();
}

int64_t lu_sys_getuid(const uint64_t *a)
{
    (void)a;
    return getuid();
}

int64_t lu_sys_geteuid(const uint64_t *a)
{
    (void)a;
    return geteuid();
}

int64_t lu_sys_getgid(const uint64_t *a)
{
    (void)a;
    return getgid();
}

int64_t lu_sys_getegid(const uint64_t *a)
{
    (void)a;
    return getegid();
}

static int64_t put_three_ids(const uint64_t *a, const uint32_t ids[3])
{
    for (int i = 0; i < 3; i++)
        if (!guest_access(a[i], 4, PAGE_WRITE))
            return -EFAULT;
    for (int i = 0; i < 3; i++)
        copy_to_guest(a[i], &ids[i], 4);
    return 0;
}

int64_t lu_sys_getresuid(const uint64_t *a)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) < 0)
        return -errno;
    return put_three_ids(a, (const uint32_t[3]){ r, e, s });
}

int64_t lu_sys_getresgid(const uint64_t *a)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) < 0)
        return -errno;
    return put_three_ids(a, (const uint32_t[3]){ r, e, s });
}

int64_t lu_sys_uname(const uint64_t *a)
{
    struct utsname u;
    if (!guest_access(a[0], sizeof(u), PAGE_WRITE))
        return -EFAULT;
    if (uname(&u) < 0)
        return -errno;
    snprintf(u.machine, sizeof(u.machine), "%s", lu_cur_abi->uname_machine);
    return copy_to_guest(a[0], &u, sizeof(u));
}

int64_t lu_sys_sysinfo(const uint64_t *a)
{
    void *p = guest_access(a[0], sizeof(struct sysinfo), PAGE_WRITE);
    return p ? lu_host_ret(sysinfo(p)) : -EFAULT;
}

int64_t lu_sys_times(const uint64_t *a)
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (a[0] && copy_to_guest(a[0], &t, sizeof(t)) < 0)
        return -EFAULT;
    return r;
}

int64_t lu_sys_getrlimit(const uint64_t *a)
{
    void *p = guest_access(a[1], sizeof(struct rlimit), PAGE_WRITE);
    return p ? lu_host_ret(syscall(SYS_getrlimit, (int)a[0], p)) : -EFAULT;
}

int64_t lu_sys_setrlimit(const uint64_t *a)
{
    void *p = guest_access(a[1], sizeof(struct rlimit), PAGE_READ);
    return p ? lu_host_ret(syscall(SYS_setrlimit, (int)a[0], p)) : -EFAULT;
}

int64_t lu_sys_prlimit64(const uint64_t *a)
{
    void *newp = NULL, *oldp = NULL;

    if (a[2] && !(newp = guest_access(a[2], sizeof(struct rlimit), PAGE_READ)))
        return -EFAULT;
    if (a[3] && !(oldp = guest_access(a[3], sizeof(struct rlimit), PAGE_WRITE)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_prlimit64, (pid_t)a[0], (int)a[1], newp, oldp));
}

int64_t lu_sys_getrusage(const uint64_t *a)
{
    void *p = guest_access(a[1], sizeof(struct rusage), PAGE_WRITE);
    return p ? lu_host_ret(getrusage((int)a[0], p)) : -EFAULT;
}

int64_t lu_sys_clock_gettime(const uint64_t *a)
{
    void *p = guest_access(a[1], sizeof(struct timespec), PAGE_WRITE);
    return p ? lu_host_ret(syscall(SYS_clock_gettime, (clockid_t)a[0], p)) : -EFAULT;
}

int64_t lu_sys_clock_getres(const uint64_t *a)
{
    void *p = NULL;
    if (a[1] && !(p = guest_access(a[1], sizeof(struct timespec), PAGE_WRITE)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_clock_getres, (clockid_t)a[0], p));
}

int64_t lu_sys_gettimeofday(const uint64_t *a)
{
    void *tv = NULL, *tz = NULL;
    if (a[0] && !(tv = guest_access(a[0], sizeof(struct timeval), PAGE_WRITE)))
        return -EFAULT;
    if (a[1] && !(tz = guest_access(a[1], sizeof(struct timezone), PAGE_WRITE)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_gettimeofday, tv, tz));
}

int64_t lu_sys_nanosleep(const uint64_t *a)
{
    const void *req = guest_access(a[0], sizeof(struct timespec), PAGE_READ);
    void *rem = NULL;
    if (!req)
        return -EFAULT;
    if (a[1] && !(rem = guest_access(a[1], sizeof(struct timespec), PAGE_WRITE)))
        return -EFAULT;
    return lu_safe_syscall(SYS_nanosleep, (long)req, (long)rem, 0, 0, 0, 0);
}

int64_t lu_sys_clock_nanosleep(const uint64_t *a)
{
    const void *req = guest_access(a[2], sizeof(struct timespec), PAGE_READ);
    void *rem = NULL;
    if (!req)
        return -EFAULT;
    if (a[3] && !(rem = guest_access(a[3], sizeof(struct timespec), PAGE_WRITE)))
        return -EFAULT;
    return lu_safe_syscall(SYS_clock_nanosleep, (long)(clockid_t)a[0], (long)(int)a[1],
                           (long)req, (long)rem, 0, 0);
}

int64_t lu_sys_getrandom(const uint64_t *a)
{
    void *buf = guest_access(a[0], a[1], PAGE_WRITE);
    return buf ? lu_host_ret(getrandom(buf, a[1], (unsigned)a[2])) : -EFAULT;
}

int64_t lu_sys_sched_yield(const uint64_t *a)
{
    (void)a;
    return lu_host_ret(sched_yield());
}

int64_t lu_sys_getcpu(const uint64_t *a)
{
    void *cpu = NULL, *node = NULL;
    if (a[0] && !(cpu = guest_access(a[0], 4, PAGE_WRITE)))
        return -EFAULT;
    if (a[1] && !(node = guest_access(a[1], 4, PAGE_WRITE)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_getcpu, cpu, node, NULL));
}

int64_t lu_sys_getpgid(const uint64_t *a)
{
    return lu_host_ret(getpgid((pid_t)a[0]));
}

int64_t lu_sys_getsid(const uint64_t *a)
{
    return lu_host_ret(getsid((pid_t)a[0]));
}

int64_t lu_sys_setpgid(const uint64_t *a)
{
    return lu_host_ret(setpgid((pid_t)a[0], (pid_t)a[1]));
}

int64_t lu_sys_setsid(const uint64_t *a)
{
    (void)a;
    return lu_host_ret(setsid());
}
