/*
 * The "net" family (see LU_SYSCALL_SET in syscall.h): sockets.
 *
 * Layouts and values: a 64-bit asm-generic guest (riscv64, aarch64) and
 * the x86_64 host agree on every socket number (AF_*, SOCK_*, SOL_*,
 * SO_* - x86's asm/socket.h is asm-generic's), on the MSG_* flags, and
 * on the layouts of struct sockaddr*, cmsghdr (16 bytes, payloads
 * aligned to 8), ucred, linger, timeval and timespec.  What differs:
 *  - pointers: struct msghdr / mmsghdr hold guest addresses, so each is
 *    rebuilt for the host with checked host pointers (name, iovec,
 *    control); control messages themselves travel unchanged, so
 *    SCM_RIGHTS descriptors and SCM_CREDENTIALS need nothing more;
 *  - SOCK_NONBLOCK / SOCK_CLOEXEC are the guest's O_NONBLOCK / O_CLOEXEC
 *    and go through the ABI's open-flag map;
 *  - socket options whose value holds a pointer: struct sock_fprog
 *    (classic BPF filters) is rebuilt; the few others (netfilter table
 *    replacement, TCP zero-copy receive) fail with ENOPROTOOPT and are
 *    reported under -d unimp.  Every other option value is plain data of
 *    the same layout and goes to the host as it is.
 *
 * Calls that may block (connect, accept, send and receive) go through
 * lu_safe_syscall() so that a guest signal interrupts them.  Such a call
 * on a socket with a timeout (SO_RCVTIMEO for receiving and accept,
 * SO_SNDTIMEO for sending and connect) fails with EINTR even under an
 * SA_RESTART handler, as signal(7) says (the kernel's sock_intr_errno):
 * lu_sock_intr, which read and write on sockets use too.
 *
 * Addresses the kernel returns (accept, getsockname, recvfrom) land in a
 * host sockaddr_storage and are copied out truncated to the guest's
 * length, which is then set to the full length, as Linux does.  Guest
 * buffers are checked before the host call, so a bad pointer fails with
 * EFAULT without side effects where Linux may have consumed data first.
 */
#include <linux/filter.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/signal.h"
#include "safe-syscall.h"
#include "syscall-nr.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/page-table.h"

#define LU_SOCK_TYPE_MASK 0xf
#define LU_UIO_MAXIOV     1024
#define LU_SOCKADDR_MAX   ((int)sizeof(struct sockaddr_storage))

/* struct user_msghdr of a 64-bit guest (include/linux/socket.h). */
struct lu_target_msghdr {
    uint64_t name;
    int32_t namelen;
    uint32_t pad1;
    uint64_t iov;
    uint64_t iovlen;
    uint64_t control;
    uint64_t controllen;
    uint32_t flags;
    uint32_t pad2;
};
/* struct mmsghdr: the msghdr, then the byte count the call sets. */
#define LU_MMSGHDR_SIZE   64
#define LU_MMSG_LEN_OFF   56
#define LU_TIMESPEC_SIZE  16
/* struct sock_fprog: u16 len, 6 bytes of padding, the filter's address. */
struct lu_target_fprog {
    uint16_t len;
    uint16_t pad[3];
    uint64_t filter;
};
_Static_assert(sizeof(struct lu_target_msghdr) == 56, "asm-generic struct msghdr");
_Static_assert(sizeof(struct mmsghdr) == LU_MMSGHDR_SIZE, "host struct mmsghdr");
_Static_assert(sizeof(struct sock_fprog) == sizeof(struct lu_target_fprog), "struct sock_fprog");
_Static_assert(sizeof(struct sock_filter) == 8, "struct sock_filter");

/* SOCK_NONBLOCK and SOCK_CLOEXEC of a type or accept4 flags word. */
static int sock_flags_to_host(uint64_t v)
{
    uint32_t w = (uint32_t)v;
    return (int)(w & LU_SOCK_TYPE_MASK) | lu_open_flags_to_host(w & ~(uint32_t)LU_SOCK_TYPE_MASK);
}

/* A guest address given to the kernel: NULL for a NULL guest pointer
 * (the host kernel then judges the length as Linux would). */
static int64_t addr_in(uint64_t addr, uint64_t len, const void **host)
{
    *host = NULL;
    if (!addr)
        return 0;
    if ((int32_t)len < 0 || (int32_t)len > LU_SOCKADDR_MAX)
        return -EINVAL;
    *host = guest_access(addr, (uint32_t)len, PAGE_READ);
    return *host ? 0 : -EFAULT;
}

/*
 * The guest's room for an address the kernel returns: *room is its
 * length, -1 when an optional address pointer is NULL (nothing to copy
 * out).
 */
static int64_t addr_out_room(uint64_t addr, uint64_t lenp, bool optional, int32_t *room)
{
    *room = -1;
    if (optional && !addr)
        return 0;
    if (copy_from_guest(room, lenp, sizeof(*room)) < 0 ||
        !guest_access(lenp, sizeof(*room), PAGE_WRITE))
        return -EFAULT;
    return *room < 0 ? -EINVAL : 0;
}

/* Copy a returned address out, truncated to the room, and its length. */
static int64_t addr_out(uint64_t addr, uint64_t lenp, int32_t room,
                        const struct sockaddr_storage *ss, socklen_t len)
{
    if (room < 0)
        return 0;
    size_t n = (size_t)room < len ? (size_t)room : len;
    if (copy_to_guest(addr, ss, n) < 0)
        return -EFAULT;
    int32_t full = (int32_t)len;
    return copy_to_guest(lenp, &full, sizeof(full));
}

static int64_t sys_socket(const uint64_t *a)
{
    return lu_host_ret(socket((int)a[0], sock_flags_to_host(a[1]), (int)a[2]));
}

static int64_t sys_socketpair(const uint64_t *a)
{
    int sv[2];
    if (!guest_access(a[3], sizeof(sv), PAGE_WRITE))
        return -EFAULT;
    if (socketpair((int)a[0], sock_flags_to_host(a[1]), (int)a[2], sv) < 0)
        return -errno;
    return copy_to_guest(a[3], sv, sizeof(sv));
}

int64_t lu_sock_intr(int fd, bool recv, int64_t r)
{
    struct timeval tv;
    socklen_t len = sizeof(tv);

    if (r == -EINTR &&
        getsockopt(fd, SOL_SOCKET, recv ? SO_RCVTIMEO : SO_SNDTIMEO, &tv, &len) == 0 &&
        (tv.tv_sec || tv.tv_usec))
        lu_signal_no_restart();
    return r;
}

static int64_t sys_bind(const uint64_t *a)
{
    const void *sa;
    int64_t r = addr_in(a[1], a[2], &sa);
    return r < 0 ? r : lu_host_ret(bind((int)a[0], sa, (socklen_t)a[2]));
}

static int64_t sys_connect(const uint64_t *a)
{
    const void *sa;
    int64_t r = addr_in(a[1], a[2], &sa);
    if (r < 0)
        return r;
    r = lu_safe_syscall(SYS_connect, (int)a[0], (long)sa, (socklen_t)a[2], 0, 0, 0);
    return lu_sock_intr((int)a[0], false, r);
}

static int64_t sys_listen(const uint64_t *a)
{
    return lu_host_ret(listen((int)a[0], (int)a[1]));
}

static int64_t sys_shutdown(const uint64_t *a)
{
    return lu_host_ret(shutdown((int)a[0], (int)a[1]));
}

/* accept and accept4: the peer's address as Linux copies it out; a
 * failed copy closes the new descriptor, as the kernel drops it. */
static int64_t do_accept(const uint64_t *a, int flags)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    int32_t room;
    int64_t r = addr_out_room(a[1], a[2], true, &room);
    if (r < 0)
        return r;
    long fd = lu_safe_syscall(SYS_accept4, (int)a[0], room < 0 ? 0 : (long)&ss,
                              room < 0 ? 0 : (long)&len, flags, 0, 0);
    if (fd < 0)
        return lu_sock_intr((int)a[0], true, fd);
    r = addr_out(a[1], a[2], room, &ss, len);
    if (r < 0) {
        close((int)fd);
        return r;
    }
    return fd;
}

static int64_t sys_accept(const uint64_t *a)
{
    return do_accept(a, 0);
}

static int64_t sys_accept4(const uint64_t *a)
{
    return do_accept(a, sock_flags_to_host(a[3]));
}

/* getsockname and getpeername: the address is not optional. */
static int64_t do_getname(const uint64_t *a, bool peer)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    int32_t room;
    int64_t r = addr_out_room(a[1], a[2], false, &room);
    if (r < 0)
        return r;
    int h = peer ? getpeername((int)a[0], (struct sockaddr *)&ss, &len)
                 : getsockname((int)a[0], (struct sockaddr *)&ss, &len);
    if (h < 0)
        return -errno;
    return addr_out(a[1], a[2], room, &ss, len);
}

static int64_t sys_getsockname(const uint64_t *a)
{
    return do_getname(a, false);
}

static int64_t sys_getpeername(const uint64_t *a)
{
    return do_getname(a, true);
}

static int64_t sys_sendto(const uint64_t *a)
{
    const void *buf = guest_access(a[1], a[2], PAGE_READ);
    const void *sa;
    if (!buf)
        return -EFAULT;
    int64_t r = addr_in(a[4], a[5], &sa);
    if (r < 0)
        return r;
    r = lu_safe_syscall(SYS_sendto, (int)a[0], (long)buf, (long)a[2], (int)a[3], (long)sa,
                        sa ? (socklen_t)a[5] : 0);
    return lu_sock_intr((int)a[0], false, r);
}

static int64_t sys_recvfrom(const uint64_t *a)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    int32_t room;
    void *buf = guest_access(a[1], a[2], PAGE_WRITE);
    if (!buf)
        return -EFAULT;
    int64_t r = addr_out_room(a[4], a[5], true, &room);
    if (r < 0)
        return r;
    long n = lu_safe_syscall(SYS_recvfrom, (int)a[0], (long)buf, (long)a[2], (int)a[3],
                             room < 0 ? 0 : (long)&ss, room < 0 ? 0 : (long)&len);
    if (n < 0)
        return lu_sock_intr((int)a[0], true, n);
    r = addr_out(a[4], a[5], room, &ss, len);
    return r < 0 ? r : n;
}

/*
 * Socket options that need more than a checked buffer.  FPROG: the
 * value is a struct sock_fprog whose filter pointer is rebuilt (for
 * PACKET_FANOUT_DATA only when the length says it is one; otherwise it
 * is a BPF program's descriptor).  FILTER_ARRAY: SO_GET_FILTER's length
 * counts sock_filter entries, not bytes.  REFUSE: a pointer inside a
 * structure uemu does not rebuild.
 */
enum opt_kind { OPT_FPROG, OPT_FILTER_ARRAY, OPT_REFUSE };

struct opt_rule {
    int level, name;
    bool set;                   /* setsockopt's rule, else getsockopt's */
    enum opt_kind kind;
};

static const struct opt_rule opt_rules[] = {
    { SOL_SOCKET, SO_ATTACH_FILTER, true, OPT_FPROG },
    { SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, true, OPT_FPROG },
    { SOL_PACKET, 22 /* PACKET_FANOUT_DATA */, true, OPT_FPROG },
    { SOL_SOCKET, SO_GET_FILTER, false, OPT_FILTER_ARRAY },
    { IPPROTO_IP, 64 /* IPT_SO_SET_REPLACE */, true, OPT_REFUSE },
    { IPPROTO_IPV6, 64 /* IP6T_SO_SET_REPLACE */, true, OPT_REFUSE },
    { IPPROTO_IP, 96 /* ARPT_SO_SET_REPLACE */, true, OPT_REFUSE },
    { IPPROTO_IP, 128 /* EBT_SO_SET_ENTRIES */, true, OPT_REFUSE },
    { IPPROTO_IP, 129 /* EBT_SO_SET_COUNTERS */, true, OPT_REFUSE },
    { IPPROTO_IP, 129 /* EBT_SO_GET_ENTRIES */, false, OPT_REFUSE },
    { IPPROTO_IP, 131 /* EBT_SO_GET_INIT_ENTRIES */, false, OPT_REFUSE },
    { IPPROTO_TCP, 35 /* TCP_ZEROCOPY_RECEIVE */, false, OPT_REFUSE },
};

static const struct opt_rule *find_opt_rule(int level, int name, bool set)
{
    for (size_t i = 0; i < ARRAY_SIZE(opt_rules); i++)
        if (opt_rules[i].level == level && opt_rules[i].name == name && opt_rules[i].set == set)
            return &opt_rules[i];
    return NULL;
}

static int64_t refuse_opt(int level, int name)
{
    lu_report_unimp("socket option %d at level %d carries pointers; not emulated", name, level);
    return -ENOPROTOOPT;
}

static int64_t set_fprog(int fd, int level, int name, uint64_t optval)
{
    struct lu_target_fprog g;
    if (copy_from_guest(&g, optval, sizeof(g)) < 0)
        return -EFAULT;
    struct sock_fprog h = {
        .len = g.len,
        .filter = guest_access(g.filter, (size_t)g.len * sizeof(struct sock_filter), PAGE_READ),
    };
    if (!h.filter)
        return -EFAULT;
    return lu_host_ret(setsockopt(fd, level, name, &h, sizeof(h)));
}

static int64_t sys_setsockopt(const uint64_t *a)
{
    int fd = (int)a[0], level = (int)a[1], name = (int)a[2], len = (int)a[4];
    if (len < 0)
        return -EINVAL;
    const struct opt_rule *rule = find_opt_rule(level, name, true);
    if (rule && rule->kind == OPT_REFUSE)
        return refuse_opt(level, name);
    if (rule && rule->kind == OPT_FPROG && len == (int)sizeof(struct sock_fprog))
        return set_fprog(fd, level, name, a[3]);
    const void *val = guest_access(a[3], (size_t)len, PAGE_READ);
    if (!val)
        return -EFAULT;
    return lu_host_ret(setsockopt(fd, level, name, val, (socklen_t)len));
}

static int64_t sys_getsockopt(const uint64_t *a)
{
    int fd = (int)a[0], level = (int)a[1], name = (int)a[2];
    int32_t len;
    if (copy_from_guest(&len, a[4], sizeof(len)) < 0 ||
        !guest_access(a[4], sizeof(len), PAGE_WRITE))
        return -EFAULT;
    if (len < 0)
        return -EINVAL;
    const struct opt_rule *rule = find_opt_rule(level, name, false);
    if (rule && rule->kind == OPT_REFUSE)
        return refuse_opt(level, name);
    size_t bytes = (size_t)len;
    if (rule && rule->kind == OPT_FILTER_ARRAY)
        bytes *= sizeof(struct sock_filter);
    void *val = guest_access(a[3], bytes, PAGE_WRITE);
    if (!val)
        return -EFAULT;
    socklen_t hlen = (socklen_t)len;
    if (getsockopt(fd, level, name, val, &hlen) < 0)
        return -errno;
    len = (int32_t)hlen;
    return copy_to_guest(a[4], &len, sizeof(len));
}

/*
 * A guest msghdr rebuilt for the host: name, iovec buffers and control
 * checked for the access the kernel makes (write when receiving).  The
 * name length is clamped to a sockaddr_storage as the kernel clamps it.
 * *iov is the allocated host iovec (free it), NULL when there is none.
 */
static int64_t msg_load(uint64_t gaddr, bool recv, struct msghdr *h, struct iovec **iov)
{
    struct lu_target_msghdr g;
    unsigned prot = recv ? PAGE_WRITE : PAGE_READ;

    *iov = NULL;
    if (copy_from_guest(&g, gaddr, sizeof(g)) < 0 ||
        (recv && !guest_access(gaddr, sizeof(g), PAGE_WRITE)))
        return -EFAULT;
    memset(h, 0, sizeof(*h));
    if (g.namelen < 0)
        return -EINVAL;
    if (g.name) {
        int32_t nl = g.namelen > LU_SOCKADDR_MAX ? LU_SOCKADDR_MAX : g.namelen;
        h->msg_name = guest_access(g.name, (size_t)nl, prot);
        if (!h->msg_name)
            return -EFAULT;
        h->msg_namelen = recv ? (socklen_t)g.namelen : (socklen_t)nl;
    }
    if (g.iovlen > LU_UIO_MAXIOV)
        return -EMSGSIZE;
    if (g.iovlen) {
        const uint64_t *gv = guest_access(g.iov, g.iovlen * 16, PAGE_READ);
        if (!gv)
            return -EFAULT;
        struct iovec *v = calloc(g.iovlen, sizeof(*v));
        if (!v)
            return -ENOMEM;
        for (uint64_t i = 0; i < g.iovlen; i++) {
            uint64_t ent[2];
            memcpy(ent, gv + 2 * i, sizeof(ent));
            if ((int64_t)ent[1] < 0) {
                free(v);
                return -EINVAL;
            }
            v[i].iov_base = guest_access(ent[0], ent[1], prot);
            v[i].iov_len = ent[1];
            if (!v[i].iov_base) {
                free(v);
                return -EFAULT;
            }
        }
        *iov = v;
        h->msg_iov = v;
        h->msg_iovlen = g.iovlen;
    }
    if (g.controllen) {
        h->msg_control = guest_access(g.control, g.controllen, prot);
        if (!h->msg_control) {
            free(*iov);
            *iov = NULL;
            return -EFAULT;
        }
        h->msg_controllen = g.controllen;
    }
    h->msg_flags = (int)g.flags;
    return 0;
}

/* What recvmsg reports back in the guest's msghdr: the address length
 * (when there is an address buffer), the control length and the flags. */
static int msg_store(uint64_t gaddr, const struct msghdr *h)
{
    struct lu_target_msghdr g;
    if (copy_from_guest(&g, gaddr, sizeof(g)) < 0)
        return -EFAULT;
    if (g.name)
        g.namelen = (int32_t)h->msg_namelen;
    g.controllen = h->msg_controllen;
    g.flags = (uint32_t)h->msg_flags;
    return copy_to_guest(gaddr, &g, sizeof(g));
}

static int64_t sys_sendmsg(const uint64_t *a)
{
    struct msghdr h;
    struct iovec *iov;
    int64_t r = msg_load(a[1], false, &h, &iov);
    if (r < 0)
        return r;
    r = lu_safe_syscall(SYS_sendmsg, (int)a[0], (long)&h, (int)a[2], 0, 0, 0);
    free(iov);
    return lu_sock_intr((int)a[0], false, r);
}

static int64_t sys_recvmsg(const uint64_t *a)
{
    struct msghdr h;
    struct iovec *iov;
    int64_t r = msg_load(a[1], true, &h, &iov);
    if (r < 0)
        return r;
    r = lu_safe_syscall(SYS_recvmsg, (int)a[0], (long)&h, (int)a[2], 0, 0, 0);
    if (r >= 0 && msg_store(a[1], &h) < 0)
        r = -EFAULT;
    free(iov);
    return lu_sock_intr((int)a[0], true, r);
}

/*
 * sendmmsg and recvmmsg.  The vector is cut at the first entry that
 * cannot be rebuilt: the entries before it go to the host (Linux
 * handles them before it meets the bad one and reports their count);
 * a bad first entry is the call's error.  At most UIO_MAXIOV entries
 * are passed (Linux clamps sendmmsg there; recvmmsg may always return
 * fewer messages than asked for).
 */
static int64_t do_mmsg(const uint64_t *a, bool recv)
{
    unsigned vlen = (unsigned)a[2] > LU_UIO_MAXIOV ? LU_UIO_MAXIOV : (unsigned)a[2];
    void *timeout = NULL;
    int64_t r = 0;

    if (recv && a[4] && !(timeout = guest_access(a[4], LU_TIMESPEC_SIZE, PAGE_READ | PAGE_WRITE)))
        return -EFAULT;
    if (vlen == 0)
        return recv ? lu_safe_syscall(SYS_recvmmsg, (int)a[0], 0, 0, (unsigned)a[3], (long)timeout, 0)
                    : lu_safe_syscall(SYS_sendmmsg, (int)a[0], 0, 0, (unsigned)a[3], 0, 0);
    struct mmsghdr *m = calloc(vlen, sizeof(*m));
    struct iovec **iovs = calloc(vlen, sizeof(*iovs));
    if (!m || !iovs) {
        free(m);
        free(iovs);
        return -ENOMEM;
    }
    unsigned n = 0;
    for (; n < vlen; n++) {
        uint64_t ent = a[1] + (uint64_t)n * LU_MMSGHDR_SIZE;
        r = msg_load(ent, recv, &m[n].msg_hdr, &iovs[n]);
        if (r == 0 && !guest_access(ent + LU_MMSG_LEN_OFF, 4, PAGE_WRITE))
            r = -EFAULT;
        if (r < 0)
            break;
    }
    if (n > 0) {
        r = recv ? lu_safe_syscall(SYS_recvmmsg, (int)a[0], (long)m, n, (unsigned)a[3], (long)timeout, 0)
                 : lu_safe_syscall(SYS_sendmmsg, (int)a[0], (long)m, n, (unsigned)a[3], 0, 0);
        for (int64_t i = 0; i < r; i++) {
            uint64_t ent = a[1] + (uint64_t)i * LU_MMSGHDR_SIZE;
            if ((recv && msg_store(ent, &m[i].msg_hdr) < 0) ||
                copy_to_guest(ent + LU_MMSG_LEN_OFF, &m[i].msg_len, 4) < 0) {
                r = i ? i : -EFAULT;
                break;
            }
        }
    }
    for (unsigned i = 0; i < vlen; i++)
        free(iovs[i]);
    free(iovs);
    free(m);
    return r;
}

static int64_t sys_sendmmsg(const uint64_t *a)
{
    return do_mmsg(a, false);
}

static int64_t sys_recvmmsg(const uint64_t *a)
{
    return do_mmsg(a, true);
}

LU_SYSCALL_SET(net,
    { LU_NR_socket, sys_socket, "BLV" },
    { LU_NR_socketpair, sys_socketpair, "BLVp" },
    { LU_NR_bind, sys_bind, "dQu" },
    { LU_NR_listen, sys_listen, "dd" },
    { LU_NR_accept, sys_accept, "dpp" },
    { LU_NR_accept4, sys_accept4, "dppR" },
    { LU_NR_connect, sys_connect, "dQu" },
    { LU_NR_getsockname, sys_getsockname, "dpp" },
    { LU_NR_getpeername, sys_getpeername, "dpp" },
    { LU_NR_sendto, sys_sendto, "dpu#Qu" },
    { LU_NR_recvfrom, sys_recvfrom, "dpu#pp" },
    { LU_NR_setsockopt, sys_setsockopt, "d$%&u" },
    { LU_NR_getsockopt, sys_getsockopt, "d$%pp" },
    { LU_NR_shutdown, sys_shutdown, "d~" },
    { LU_NR_sendmsg, sys_sendmsg, "d@#" },
    { LU_NR_recvmsg, sys_recvmsg, "d@#" },
    { LU_NR_sendmmsg, sys_sendmmsg, "dpu#" },
    { LU_NR_recvmmsg, sys_recvmmsg, "dpu#T" });
