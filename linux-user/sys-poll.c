/*
 * The "poll" family (see LU_SYSCALL_SET in syscall.h): ppoll, pselect6
 * and epoll.  asm-generic has no poll, select or epoll_wait: the guest's
 * libc builds them on ppoll, pselect6 and epoll_pwait.
 *
 * Layouts: struct pollfd, fd_set (an array of little-endian longs) and
 * struct timespec are the host's, so checked guest buffers go to the
 * host kernel as they are.  struct epoll_event is not: x86_64 packs it
 * into 12 bytes, asm-generic keeps the natural 16 (events, 4 bytes of
 * padding, data), so epoll_ctl and the waits convert.  Event bits and
 * EPOLL_CLOEXEC are the same numbers on both sides.
 *
 * Remaining timeouts: ppoll and pselect6 write the time left back into
 * the guest's timespec as Linux does (a failed write is ignored, as
 * there).
 *
 * Signals: the waits are made through lu_safe_syscall(), so a guest
 * signal arriving just before the host call blocks ends it with EINTR
 * (safe-syscall.h).  The guest's temporary mask (signal numbers are the
 * host's) goes to the host call, so the host kernel swaps it in and out
 * atomically around the wait, less the signals the engine must always
 * take (SIGSEGV, SIGBUS); signals the guest blocks wait pending in the
 * host kernel (signal.c), where the temporary mask lets them in.  A
 * signal taken that way is then pending in signal.c but blocked by the
 * thread's own mask; Linux delivers it as the call returns, with the
 * thread's own mask saved in the frame and restored by sigreturn.  That
 * is rt_sigsuspend's behaviour, and signal.c offers it only as that
 * system call: so the guest's temporary mask, still in guest memory, is
 * handed to lu_sys_rt_sigsuspend(), which returns at once because the
 * signal is pending (TODO(#5): a signal.c function for it).
 *
 * Epoll waits hand the host at most LU_EPOLL_BATCH events per call,
 * which Linux allows (maxevents is a maximum).
 */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>

#include "linux-user/signal.h"
#include "safe-syscall.h"
#include "syscall-nr.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/page-table.h"

#define LU_SIGSET_SIZE 8
#define LU_POLLFD_SIZE 8
#define LU_EPOLL_BATCH 1024
/* The kernel's EP_MAX_EVENTS for a 16-byte struct epoll_event. */
#define LU_EP_MAX_EVENTS (0x7fffffff / 16)
/* Signals the host thread never blocks for the guest (signal.c). */
#define HOST_KEEP ((1ull << (SIGSEGV - 1)) | (1ull << (SIGBUS - 1)) | \
                   (1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)))

struct lu_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};
_Static_assert(sizeof(struct lu_epoll_event) == 16, "asm-generic struct epoll_event");
_Static_assert(sizeof(struct epoll_event) == 12, "x86_64 packs struct epoll_event");

/*
 * After a wait with the guest's temporary mask (at guest address addr)
 * ended with EINTR: deliver what that mask let in, as described above.
 * Probing with the temporary mask tells whether anything is pending
 * under it; without that rt_sigsuspend would wait.
 */
static void deliver_under(uint64_t addr, uint64_t mask)
{
    uint64_t own = lu_signal_mask();
    bool waiting;

    /* mask lacks the engine's signals (load_mask): own's stand. */
    if (!(own & ~mask & ~HOST_KEEP))
        return;
    lu_signal_thread_mask(mask | (own & HOST_KEEP));
    waiting = lu_signal_pending();
    lu_signal_thread_mask(own);
    if (waiting) {
        const uint64_t args[6] = { addr, LU_SIGSET_SIZE };
        lu_sys_rt_sigsuspend(args);
    }
}

/* A guest timespec in, for a call that may write the time left back. */
struct opt_time {
    struct timespec ts;
    struct timespec *host;      /* NULL: no timeout given */
};

static int64_t load_time(uint64_t addr, struct opt_time *t)
{
    t->host = NULL;
    if (!addr)
        return 0;
    if (copy_from_guest(&t->ts, addr, sizeof(t->ts)))
        return -EFAULT;
    t->host = &t->ts;
    return 0;
}

/*
 * The guest's temporary signal mask as the host gets it: *host NULL
 * when none was given.
 */
static int64_t load_mask(uint64_t addr, uint64_t size, uint64_t *mask, uint64_t **host)
{
    *host = NULL;
    if (!addr)
        return 0;
    if (size != LU_SIGSET_SIZE)
        return -EINVAL;
    if (copy_from_guest(mask, addr, sizeof(*mask)))
        return -EFAULT;
    *mask &= ~HOST_KEEP;
    *host = mask;
    return 0;
}

static int64_t sys_ppoll(const uint64_t *a)
{
    uint32_t nfds = (uint32_t)a[1];
    struct opt_time t;
    uint64_t mask, *hmask;
    struct rlimit rl;
    int64_t r;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && nfds > rl.rlim_cur)
        return -EINVAL;
    void *fds = guest_access(a[0], (size_t)nfds * LU_POLLFD_SIZE, PAGE_READ | PAGE_WRITE);
    if (!fds)
        return -EFAULT;
    if ((r = load_time(a[2], &t)) < 0 || (r = load_mask(a[3], a[4], &mask, &hmask)) < 0)
        return r;
    r = lu_safe_syscall(SYS_ppoll, (long)fds, nfds, (long)t.host, (long)hmask,
                        LU_SIGSET_SIZE, 0);
    if (r == -EINTR && hmask)
        deliver_under(a[3], mask);
    if (t.host)
        copy_to_guest(a[2], t.host, sizeof(*t.host));
    return r;
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
static int64_t sys_pselect6(const uint64_t *a)
{
    int n = (int)a[0];
    void *sets[3];
    uint64_t sig[2] = { 0, 0 }, mask, *hmask = NULL;
    struct opt_time t;
    int64_t r;

    if (n < 0)
        return -EINVAL;
    size_t bytes = ((size_t)n + 63) / 64 * 8;
    for (int i = 0; i < 3; i++) {
        sets[i] = NULL;
        if (a[1 + i] && !(sets[i] = guest_access(a[1 + i], bytes, PAGE_READ | PAGE_WRITE)))
            return -EFAULT;
    }
    if ((r = load_time(a[4], &t)) < 0)
        return r;
    if (a[5] && copy_from_guest(sig, a[5], sizeof(sig)))
        return -EFAULT;
    if ((r = load_mask(sig[0], sig[1], &mask, &hmask)) < 0)
        return r;
    const long hsig[2] = { (long)hmask, LU_SIGSET_SIZE };
    r = lu_safe_syscall(SYS_pselect6, n, (long)sets[0], (long)sets[1], (long)sets[2],
                        (long)t.host, (long)(hmask ? hsig : NULL));
    if (r == -EINTR && hmask)
        deliver_under(sig[0], mask);
    if (t.host)
        copy_to_guest(a[4], t.host, sizeof(*t.host));
    return r;
}

static int64_t sys_epoll_create1(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_epoll_create1, (int)a[0]));
}

/* The event is read only for the operations that take one (not DEL). */
static int64_t sys_epoll_ctl(const uint64_t *a)
{
    struct lu_epoll_event g;
    struct epoll_event h, *hp = NULL;

    if ((int)a[1] != EPOLL_CTL_DEL) {
        if (copy_from_guest(&g, a[3], sizeof(g)))
            return -EFAULT;
        h.events = g.events;
        h.data.u64 = g.data;
        hp = &h;
    }
    return lu_host_ret(syscall(SYS_epoll_ctl, (int)a[0], (int)a[1], (int)a[2], hp));
}

/*
 * An event array that is not writable whole: Linux writes it only when
 * it has events (a wait that finds none returns 0 whatever the array's
 * address), and fails with EFAULT then, leaving the events ready.  So
 * the wait here is a poll of the epoll descriptor itself, which
 * consumes nothing: ready is EFAULT.
 */
static int64_t epoll_wait_no_array(int epfd, int timeout_ms, const struct timespec *ts,
                                   const uint64_t *hmask, uint64_t guest_set, uint64_t mask)
{
    struct pollfd pfd = { .fd = epfd, .events = POLLIN };
    struct timespec t;
    int64_t r;

    if (!ts && timeout_ms >= 0) {
        t = (struct timespec){ timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000 };
        ts = &t;
    }
    r = lu_safe_syscall(SYS_ppoll, (long)&pfd, 1, (long)ts, (long)hmask, LU_SIGSET_SIZE, 0);
    if (r == -EINTR && hmask)
        deliver_under(guest_set, mask);
    if (r > 0)
        return pfd.revents & POLLNVAL ? -EBADF : -EFAULT;
    return r;
}

/*
 * Both waits; timeout_ms is used when ts is NULL (epoll_pwait).
 */
static int64_t epoll_wait_common(const uint64_t *a, int timeout_ms, const struct timespec *ts)
{
    int max = (int)a[2];
    uint64_t mask, *hmask;
    int64_t r;

    if (max <= 0 || max > LU_EP_MAX_EVENTS)
        return -EINVAL;
    struct lu_epoll_event *out = guest_access(a[1], (size_t)max * sizeof(*out), PAGE_WRITE);
    if ((r = load_mask(a[4], a[5], &mask, &hmask)) < 0)
        return r;
    if (!out)
        return epoll_wait_no_array((int)a[0], timeout_ms, ts, hmask, a[4], mask);
    int n = max < LU_EPOLL_BATCH ? max : LU_EPOLL_BATCH;
    struct epoll_event *ev = malloc((size_t)n * sizeof(*ev));
    if (!ev)
        return -ENOMEM;
    if (ts)
        r = lu_safe_syscall(SYS_epoll_pwait2, (int)a[0], (long)ev, n, (long)ts, (long)hmask,
                            LU_SIGSET_SIZE);
    else
        r = lu_safe_syscall(SYS_epoll_pwait, (int)a[0], (long)ev, n, timeout_ms, (long)hmask,
                            LU_SIGSET_SIZE);
    if (r == -EINTR && hmask)
        deliver_under(a[4], mask);
    for (int64_t i = 0; i < r; i++) {
        out[i].events = ev[i].events;
        out[i].pad = 0;
        out[i].data = ev[i].data.u64;
    }
    free(ev);
    return r;
}

static int64_t sys_epoll_pwait(const uint64_t *a)
{
    return epoll_wait_common(a, (int)a[3], NULL);
}

/* A NULL timeout waits for ever: epoll_pwait's -1. */
static int64_t sys_epoll_pwait2(const uint64_t *a)
{
    struct timespec ts;

    if (!a[3])
        return epoll_wait_common(a, -1, NULL);
    if (copy_from_guest(&ts, a[3], sizeof(ts)))
        return -EFAULT;
    return epoll_wait_common(a, 0, &ts);
}

LU_SYSCALL_SET(poll,
    { LU_NR_ppoll, sys_ppoll, "[uTGu" },
    { LU_NR_pselect6, sys_pselect6, "d{{{Tp" },
    { LU_NR_epoll_create1, sys_epoll_create1, "E" },
    { LU_NR_epoll_ctl, sys_epoll_ctl, "dkd}" },
    { LU_NR_epoll_pwait, sys_epoll_pwait, "dpddGu" },
    { LU_NR_epoll_pwait2, sys_epoll_pwait2, "dpdTGu" },
);
