/*
 * The "event" family (see LU_SYSCALL_SET in syscall.h): descriptors
 * that deliver events (eventfd, timerfd, signalfd, inotify), POSIX
 * timers, and setting the clocks (clock_settime, adjtimex,
 * clock_adjtime).
 *
 * Layouts: struct itimerspec, struct sigevent (64 bytes: value, signo,
 * notify, then the thread id or SIGEV_THREAD's fields), struct timex
 * (208 bytes), and what read() returns from these descriptors (a u64
 * count, struct signalfd_siginfo of 128 bytes, struct inotify_event)
 * are the same for an asm-generic 64-bit guest and the x86_64 host, and
 * so are the flag values (EFD_*, TFD_*, SFD_*, IN_*, which equal the
 * open flags O_CLOEXEC and O_NONBLOCK on both, and the inotify event
 * bits).  Checked guest buffers therefore go to the host kernel as they
 * are (timer values through host copies, to keep the kernel's order
 * of errors), and read() needs no help (sys-file.c).
 *
 * Signals: guest signal numbers are the host's, a guest's signal mask
 * is mirrored into the host thread's, and the signals the guest sends,
 * also to itself, go through the host kernel (signal.c).  So a POSIX
 * timer with SIGEV_SIGNAL or SIGEV_THREAD_ID (guest thread ids are host
 * ones) and a signalfd work through the host kernel: the timer's signal
 * reaches signal.c's handler with its siginfo (si_code SI_TIMER, the
 * timer id, the overrun, sigev_value), and a blocked signal pending in
 * the host kernel, wherever it came from, is what the signalfd reads.
 * SIGEV_THREAD is the guest C library's business: glibc turns it into
 * SIGEV_THREAD_ID to a helper thread with its signal 32.
 */
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <time.h>

#include "syscall-nr.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/page-table.h"

#define LU_SIGSET_SIZE   ((size_t)8) /* size_t: syscall() passes it as a long */
#define LU_TIMEX_SIZE    208
_Static_assert(sizeof(struct itimerspec) == 32, "asm-generic itimerspec");
_Static_assert(sizeof(struct sigevent) == 64, "asm-generic sigevent");
_Static_assert(sizeof(struct signalfd_siginfo) == 128, "what read() returns from a signalfd");
_Static_assert(sizeof(struct inotify_event) == 16 &&
               offsetof(struct inotify_event, name) == 16, "what read() returns from inotify");

static int64_t sys_eventfd2(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1]));
}

static int64_t sys_timerfd_create(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_timerfd_create, (int)a[0], (int)a[1]));
}

/*
 * settime(fd or timer, flags, new, old) and gettime(fd or timer, cur):
 * the kernel finds the timer before it writes a result, so a bad
 * output buffer is EFAULT only after the call (the timer is then set
 * all the same, as on Linux); the values go through host copies.
 */
static int64_t settime(long nr, const uint64_t *a)
{
    struct itimerspec nv, ov;

    if (copy_from_guest(&nv, a[2], sizeof(nv)))
        return -EFAULT;
    if (syscall(nr, (int)a[0], (int)a[1], &nv, a[3] ? &ov : NULL) < 0)
        return -errno;
    return a[3] && copy_to_guest(a[3], &ov, sizeof(ov)) ? -EFAULT : 0;
}

static int64_t gettime(long nr, const uint64_t *a)
{
    struct itimerspec cur;

    if (syscall(nr, (int)a[0], &cur) < 0)
        return -errno;
    return copy_to_guest(a[1], &cur, sizeof(cur)) ? -EFAULT : 0;
}

static int64_t sys_timerfd_settime(const uint64_t *a)
{
    return settime(SYS_timerfd_settime, a);
}

static int64_t sys_timerfd_gettime(const uint64_t *a)
{
    return gettime(SYS_timerfd_gettime, a);
}

/* The kernel leaves SIGKILL and SIGSTOP out of the mask itself. */
static int64_t sys_signalfd4(const uint64_t *a)
{
    uint64_t mask;

    if (a[2] != LU_SIGSET_SIZE)
        return -EINVAL;
    if (copy_from_guest(&mask, a[1], sizeof(mask)))
        return -EFAULT;
    return lu_host_ret(syscall(SYS_signalfd4, (int)a[0], &mask, LU_SIGSET_SIZE, (int)a[3]));
}

static int64_t sys_inotify_init1(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_inotify_init1, (int)a[0]));
}

/* The watched name must exist: looked up through the -L prefix. */
static int64_t sys_inotify_add_watch(const uint64_t *a)
{
    char buf[PATH_MAX];
    int err;
    const char *path = lu_path_arg(a[1], &err);
    if (!path)
        return err;
    path = lu_lookup_path(path, buf, sizeof(buf));
    return lu_host_ret(syscall(SYS_inotify_add_watch, (int)a[0], path, (uint32_t)a[2]));
}

static int64_t sys_inotify_rm_watch(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_inotify_rm_watch, (int)a[0], (int)a[1]));
}

/*
 * A NULL sigevent is the kernel's SIGALRM default.  The new id
 * (__kernel_timer_t, an int) is copied out last; when that fails the
 * timer is deleted again, as the kernel does.
 */
static int64_t sys_timer_create(const uint64_t *a)
{
    struct sigevent sev;
    int id;

    if (a[1] && copy_from_guest(&sev, a[1], sizeof(sev)))
        return -EFAULT;
    if (syscall(SYS_timer_create, (clockid_t)a[0], a[1] ? &sev : NULL, &id) < 0)
        return -errno;
    if (copy_to_guest(a[2], &id, sizeof(id))) {
        syscall(SYS_timer_delete, id);
        return -EFAULT;
    }
    return 0;
}

static int64_t sys_timer_settime(const uint64_t *a)
{
    return settime(SYS_timer_settime, a);
}

static int64_t sys_timer_gettime(const uint64_t *a)
{
    return gettime(SYS_timer_gettime, a);
}

static int64_t sys_timer_getoverrun(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_timer_getoverrun, (int)a[0]));
}

static int64_t sys_timer_delete(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_timer_delete, (int)a[0]));
}

static int64_t sys_clock_settime(const uint64_t *a)
{
    const void *ts = guest_access(a[1], sizeof(struct timespec), PAGE_READ);
    return ts ? lu_host_ret(syscall(SYS_clock_settime, (clockid_t)a[0], ts)) : -EFAULT;
}

/* struct timex is read and written back (the clock's state). */
static int64_t sys_adjtimex(const uint64_t *a)
{
    void *tx = guest_access(a[0], LU_TIMEX_SIZE, PAGE_READ | PAGE_WRITE);
    return tx ? lu_host_ret(syscall(SYS_adjtimex, tx)) : -EFAULT;
}

static int64_t sys_clock_adjtime(const uint64_t *a)
{
    void *tx = guest_access(a[1], LU_TIMEX_SIZE, PAGE_READ | PAGE_WRITE);
    return tx ? lu_host_ret(syscall(SYS_clock_adjtime, (clockid_t)a[0], tx)) : -EFAULT;
}

LU_SYSCALL_SET(event,
    { LU_NR_eventfd2, sys_eventfd2, "ue" },
    { LU_NR_timerfd_create, sys_timerfd_create, "ct" },
    { LU_NR_timerfd_settime, sys_timerfd_settime, "djJp" },
    { LU_NR_timerfd_gettime, sys_timerfd_gettime, "dp" },
    { LU_NR_signalfd4, sys_signalfd4, "dGuW" },
    { LU_NR_inotify_init1, sys_inotify_init1, "n" },
    { LU_NR_inotify_add_watch, sys_inotify_add_watch, "dsN" },
    { LU_NR_inotify_rm_watch, sys_inotify_rm_watch, "dd" },
    { LU_NR_timer_create, sys_timer_create, "cvp" },
    { LU_NR_timer_settime, sys_timer_settime, "dbJp" },
    { LU_NR_timer_gettime, sys_timer_gettime, "dp" },
    { LU_NR_timer_getoverrun, sys_timer_getoverrun, "d" },
    { LU_NR_timer_delete, sys_timer_delete, "d" },
    { LU_NR_clock_settime, sys_clock_settime, "cT" },
    { LU_NR_adjtimex, sys_adjtimex, "p" },
    { LU_NR_clock_adjtime, sys_clock_adjtime, "cp" },
);
