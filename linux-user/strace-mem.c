/*
 * -strace: structures a call reads from guest memory, shown by field in
 * the style of strace(1), before the call runs:
 *
 *     ppoll([{fd=3,events=POLLIN},{fd=4,events=POLLOUT}],2,{tv_sec=1,tv_nsec=0},NULL,8)
 *     rt_sigaction(SIGUSR1,{sa_handler=0x10450,sa_mask=[],sa_flags=SA_RESTART},NULL,8)
 *
 * Guest layouts are the 64-bit asm-generic ones.  Each structure is copied
 * with copy_from_guest; one that is not readable prints as its address.
 * Arrays show their first few elements, then "...".
 */
#include <inttypes.h>
#include <string.h>

#include "strace.h"
#include "uemu/guest-mem.h"

#define MAX_ELEMS 8

struct g_timespec {
    int64_t sec, nsec;
};
struct g_pollfd {
    int32_t fd;
    int16_t events, revents;
};
struct g_epoll_event {          /* not packed on riscv64 and aarch64 */
    uint32_t events, pad;
    uint64_t data;
};
struct g_sigaction {            /* linux-user/signal.h: no sa_restorer */
    uint64_t handler, flags, mask;
};
struct g_sigevent {
    uint64_t value;
    int32_t signo, notify;
    int32_t tid;
};
struct g_stack {
    uint64_t sp;
    int32_t flags, pad;
    uint64_t size;
};
struct g_sembuf {
    uint16_t num;
    int16_t op, flg;
};

static const struct lu_flag_name poll_events[] = {
    { 0x1, "POLLIN" }, { 0x2, "POLLPRI" }, { 0x4, "POLLOUT" }, { 0x8, "POLLERR" },
    { 0x10, "POLLHUP" }, { 0x20, "POLLNVAL" }, { 0x40, "POLLRDNORM" },
    { 0x80, "POLLRDBAND" }, { 0x100, "POLLWRNORM" }, { 0x200, "POLLWRBAND" },
    { 0x400, "POLLMSG" }, { 0x1000, "POLLREMOVE" }, { 0x2000, "POLLRDHUP" }, { 0, NULL },
};
static const struct lu_flag_name epoll_events[] = {
    { 0x1, "EPOLLIN" }, { 0x2, "EPOLLPRI" }, { 0x4, "EPOLLOUT" }, { 0x8, "EPOLLERR" },
    { 0x10, "EPOLLHUP" }, { 0x20, "EPOLLNVAL" }, { 0x40, "EPOLLRDNORM" },
    { 0x80, "EPOLLRDBAND" }, { 0x100, "EPOLLWRNORM" }, { 0x200, "EPOLLWRBAND" },
    { 0x400, "EPOLLMSG" }, { 0x2000, "EPOLLRDHUP" }, { 1u << 28, "EPOLLEXCLUSIVE" },
    { 1u << 29, "EPOLLWAKEUP" }, { 1u << 30, "EPOLLONESHOT" }, { 1u << 31, "EPOLLET" },
    { 0, NULL },
};
static const struct lu_flag_name sa_flags[] = {
    { 0x1, "SA_NOCLDSTOP" }, { 0x2, "SA_NOCLDWAIT" }, { 0x4, "SA_SIGINFO" },
    { 0x400, "SA_UNSUPPORTED" }, { 0x800, "SA_EXPOSE_TAGBITS" },
    { 0x04000000, "SA_RESTORER" }, { 0x08000000, "SA_ONSTACK" },
    { 0x10000000, "SA_RESTART" }, { 0x40000000, "SA_NODEFER" },
    { 0x80000000, "SA_RESETHAND" }, { 0, NULL },
};
static const struct lu_flag_name sigev_notify[] = {
    { 0, "SIGEV_SIGNAL" }, { 1, "SIGEV_NONE" }, { 2, "SIGEV_THREAD" },
    { 4, "SIGEV_THREAD_ID" }, { 0, NULL },
};
static const struct lu_flag_name ss_flags[] = {
    { 1, "SS_ONSTACK" }, { 2, "SS_DISABLE" }, { 1u << 31, "SS_AUTODISARM" }, { 0, NULL },
};
static const struct lu_flag_name sem_flags[] = {
    { 04000, "IPC_NOWAIT" }, { 0x1000, "SEM_UNDO" }, { 0, NULL },
};

/* Copy a structure in; false (and the address printed) when unreadable.
 * NULL prints as NULL. */
static bool fetch(struct lu_strace_buf *b, void *dst, uint64_t addr, size_t len)
{
    if (addr && copy_from_guest(dst, addr, len) == 0)
        return true;
    lu_strace_pointer(b, addr);
    return false;
}

static void timespec_fields(struct lu_strace_buf *b, const struct g_timespec *ts)
{
    lu_strace_put(b, "{tv_sec=%" PRId64 ",tv_nsec=%" PRId64 "}", ts->sec, ts->nsec);
}

static void timespec_arg(struct lu_strace_buf *b, uint64_t addr)
{
    struct g_timespec ts;

    if (fetch(b, &ts, addr, sizeof(ts)))
        timespec_fields(b, &ts);
}

/* futex's fourth argument: a timeout for the waiting operations, a
 * count (val2) for the others. */
static void futex_arg4(struct lu_strace_buf *b, uint32_t op, uint64_t v)
{
    switch (op & 0x7f) {
    case 0: case 6: case 9: case 11: case 13:     /* WAIT, LOCK_PI, WAIT_BITSET, .. */
        timespec_arg(b, v);
        break;
    default:
        lu_strace_put(b, "%u", (uint32_t)v);
        break;
    }
}

static void itimerspec_arg(struct lu_strace_buf *b, uint64_t addr)
{
    struct g_timespec its[2];

    if (!fetch(b, its, addr, sizeof(its)))
        return;
    lu_strace_put(b, "{it_interval=");
    timespec_fields(b, &its[0]);
    lu_strace_put(b, ",it_value=");
    timespec_fields(b, &its[1]);
    lu_strace_put(b, "}");
}

/* utimensat's two times, with UTIME_NOW / UTIME_OMIT by name. */
static void utimens_arg(struct lu_strace_buf *b, uint64_t addr)
{
    struct g_timespec ts[2];

    if (!fetch(b, ts, addr, sizeof(ts)))
        return;
    lu_strace_put(b, "[");
    for (int i = 0; i < 2; i++) {
        lu_strace_put(b, "%s", i ? "," : "");
        if (ts[i].nsec == (1l << 30) - 1)
            lu_strace_put(b, "UTIME_NOW");
        else if (ts[i].nsec == (1l << 30) - 2)
            lu_strace_put(b, "UTIME_OMIT");
        else
            timespec_fields(b, &ts[i]);
    }
    lu_strace_put(b, "]");
}

/* [SIGINT SIGTERM]; a mostly full set as ~[the signals it lacks]. */
static void sigset_fields(struct lu_strace_buf *b, uint64_t set)
{
    bool inverted = __builtin_popcountll(set) > 32;
    bool first = true;

    if (inverted)
        set = ~set;
    lu_strace_put(b, "%s[", inverted ? "~" : "");
    for (int sig = 1; sig <= 64; sig++) {
        if (!(set & (1ull << (sig - 1))))
            continue;
        lu_strace_put(b, "%s", first ? "" : " ");
        lu_strace_signal(b, sig);
        first = false;
    }
    lu_strace_put(b, "]");
}

static void sigset_arg(struct lu_strace_buf *b, uint64_t addr)
{
    uint64_t set;

    if (fetch(b, &set, addr, sizeof(set)))
        sigset_fields(b, set);
}

static void sigaction_arg(struct lu_strace_buf *b, uint64_t addr)
{
    struct g_sigaction sa;

    if (!fetch(b, &sa, addr, sizeof(sa)))
        return;
    lu_strace_put(b, "{sa_handler=");
    if (sa.handler == 0)
        lu_strace_put(b, "SIG_DFL");
    else if (sa.handler == 1)
        lu_strace_put(b, "SIG_IGN");
    else
        lu_strace_put(b, "0x%" PRIx64, sa.handler);
    lu_strace_put(b, ",sa_mask=");
    sigset_fields(b, sa.mask);
    lu_strace_put(b, ",sa_flags=");
    lu_strace_flags(b, sa.flags, sa_flags, "0");
    lu_strace_put(b, "}");
}

static void sigevent_arg(struct lu_strace_buf *b, uint64_t addr)
{
    struct g_sigevent ev;

    if (!fetch(b, &ev, addr, sizeof(ev)))
        return;
    lu_strace_put(b, "{sigev_value=0x%" PRIx64 ",sigev_signo=", ev.value);
    lu_strace_signal(b, ev.signo);
    lu_strace_put(b, ",sigev_notify=");
    lu_strace_enum(b, ev.notify, sigev_notify);
    if (ev.notify == 4)
        lu_strace_put(b, ",sigev_notify_thread_id=%d", ev.tid);
    lu_strace_put(b, "}");
}

static void stack_arg(struct lu_strace_buf *b, uint64_t addr)
{
    struct g_stack ss;

    if (!fetch(b, &ss, addr, sizeof(ss)))
        return;
    lu_strace_put(b, "{ss_sp=");
    lu_strace_pointer(b, ss.sp);
    lu_strace_put(b, ",ss_flags=");
    lu_strace_flags(b, (uint32_t)ss.flags, ss_flags, "0");
    lu_strace_put(b, ",ss_size=%" PRIu64 "}", ss.size);
}

static void sched_param_arg(struct lu_strace_buf *b, uint64_t addr)
{
    int32_t prio;

    if (fetch(b, &prio, addr, sizeof(prio)))
        lu_strace_put(b, "{sched_priority=%d}", prio);
}

static void pollfd_array_arg(struct lu_strace_buf *b, uint64_t addr, uint64_t count)
{
    struct g_pollfd fds[MAX_ELEMS];
    size_t n = count < MAX_ELEMS ? (size_t)count : MAX_ELEMS;

    if (count == 0) {               /* nothing to read: the address */
        lu_strace_pointer(b, addr);
        return;
    }
    if (!fetch(b, fds, addr, n * sizeof(fds[0])))
        return;
    lu_strace_put(b, "[");
    for (size_t i = 0; i < n; i++) {
        lu_strace_put(b, "%s{fd=%d,events=", i ? "," : "", fds[i].fd);
        lu_strace_flags(b, (uint16_t)fds[i].events, poll_events, "0");
        lu_strace_put(b, "}");
    }
    lu_strace_put(b, "%s]", count > n ? ",..." : "");
}

/* The descriptors of an fd_set below nfds, as [3 4]. */
static void fd_set_arg(struct lu_strace_buf *b, uint64_t addr, int64_t nfds)
{
    uint64_t words[16];             /* FD_SETSIZE 1024 */
    size_t bits = nfds < 0 ? 0 : nfds > 1024 ? 1024 : (size_t)nfds;
    size_t len = (bits + 63) / 64 * 8;
    bool first = true;

    if (len == 0) {                 /* nfds 0: no descriptor to show */
        lu_strace_pointer(b, addr);
        return;
    }
    if (!fetch(b, words, addr, len))
        return;
    lu_strace_put(b, "[");
    for (size_t fd = 0; fd < bits; fd++) {
        if (words[fd / 64] & (1ull << (fd % 64))) {
            lu_strace_put(b, "%s%zu", first ? "" : " ", fd);
            first = false;
        }
    }
    lu_strace_put(b, "]");
}

static void epoll_event_arg(struct lu_strace_buf *b, uint64_t addr)
{
    struct g_epoll_event ev;

    if (!fetch(b, &ev, addr, sizeof(ev)))
        return;
    lu_strace_put(b, "{events=");
    lu_strace_flags(b, ev.events, epoll_events, "0");
    lu_strace_put(b, ",data=0x%" PRIx64 "}", ev.data);
}

static void sembuf_array_arg(struct lu_strace_buf *b, uint64_t addr, uint64_t count)
{
    struct g_sembuf ops[MAX_ELEMS];
    size_t n = count < MAX_ELEMS ? (size_t)count : MAX_ELEMS;

    if (count == 0) {
        lu_strace_pointer(b, addr);
        return;
    }
    if (!fetch(b, ops, addr, n * sizeof(ops[0])))
        return;
    lu_strace_put(b, "[");
    for (size_t i = 0; i < n; i++) {
        lu_strace_put(b, "%s{sem_num=%u,sem_op=%d,sem_flg=", i ? "," : "", ops[i].num,
                      ops[i].op);
        lu_strace_flags(b, (uint16_t)ops[i].flg, sem_flags, "0");
        lu_strace_put(b, "}");
    }
    lu_strace_put(b, "%s]", count > n ? ",..." : "");
}

bool lu_strace_mem_arg(struct lu_strace_buf *b, char f, const uint64_t args[6], int i)
{
    uint64_t v = args[i], next = i < 5 ? args[i + 1] : 0;

    switch (f) {
    case 'T': timespec_arg(b, v); break;
    case '=': futex_arg4(b, (uint32_t)args[1], v); break;
    case 'J': itimerspec_arg(b, v); break;
    case 'U': utimens_arg(b, v); break;
    case 'G': sigset_arg(b, v); break;
    case 'S': sigaction_arg(b, v); break;
    case 'v': sigevent_arg(b, v); break;
    case 'Y': sched_param_arg(b, v); break;
    case '5': stack_arg(b, v); break;
    case '[': pollfd_array_arg(b, v, (uint32_t)next); break;
    case '{': fd_set_arg(b, v, (int)args[0]); break;
    case '}': epoll_event_arg(b, v); break;
    case 'O': sembuf_array_arg(b, v, (uint32_t)next); break;
    default: return false;
    }
    return true;
}
