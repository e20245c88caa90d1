/*
 * -strace: sockets.  Address families, socket types, protocols, option
 * names by level, and the structures sockets take, in the style of
 * strace(1):
 *
 *     socket(AF_INET,SOCK_STREAM|SOCK_CLOEXEC,IPPROTO_TCP) = 3
 *     connect(3,{sa_family=AF_INET,sin_port=htons(80),sin_addr=inet_addr("127.0.0.1")},16)
 *     setsockopt(3,SOL_SOCKET,SO_REUSEADDR,[1],4) = 0
 *
 * Values are those of asm-generic/socket.h and the linux/ headers (the
 * x86_64 host shares them).
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

#include "strace.h"
#include "uemu/guest-mem.h"

#define END { 0, NULL }

static const struct lu_flag_name families[] = {
    { 0, "AF_UNSPEC" }, { 1, "AF_UNIX" }, { 2, "AF_INET" }, { 3, "AF_AX25" },
    { 4, "AF_IPX" }, { 5, "AF_APPLETALK" }, { 9, "AF_X25" }, { 10, "AF_INET6" },
    { 15, "AF_KEY" }, { 16, "AF_NETLINK" }, { 17, "AF_PACKET" }, { 29, "AF_CAN" },
    { 31, "AF_BLUETOOTH" }, { 38, "AF_ALG" }, { 40, "AF_VSOCK" }, { 44, "AF_XDP" }, END,
};
static const struct lu_flag_name sock_types[] = {
    { 1, "SOCK_STREAM" }, { 2, "SOCK_DGRAM" }, { 3, "SOCK_RAW" }, { 4, "SOCK_RDM" },
    { 5, "SOCK_SEQPACKET" }, { 6, "SOCK_DCCP" }, { 10, "SOCK_PACKET" }, END,
};
static const struct lu_flag_name sock_type_flags[] = {
    { 04000, "SOCK_NONBLOCK" }, { 02000000, "SOCK_CLOEXEC" }, END,
};
static const struct lu_flag_name ip_protocols[] = {
    { 0, "IPPROTO_IP" }, { 1, "IPPROTO_ICMP" }, { 2, "IPPROTO_IGMP" }, { 6, "IPPROTO_TCP" },
    { 17, "IPPROTO_UDP" }, { 41, "IPPROTO_IPV6" }, { 58, "IPPROTO_ICMPV6" },
    { 132, "IPPROTO_SCTP" }, { 136, "IPPROTO_UDPLITE" }, { 255, "IPPROTO_RAW" },
    { 262, "IPPROTO_MPTCP" }, END,
};
static const struct lu_flag_name levels[] = {
    { 0, "SOL_IP" }, { 1, "SOL_SOCKET" }, { 6, "SOL_TCP" }, { 17, "SOL_UDP" },
    { 41, "SOL_IPV6" }, END,
};
static const struct lu_flag_name socket_options[] = {
    { 1, "SO_DEBUG" }, { 2, "SO_REUSEADDR" }, { 3, "SO_TYPE" }, { 4, "SO_ERROR" },
    { 5, "SO_DONTROUTE" }, { 6, "SO_BROADCAST" }, { 7, "SO_SNDBUF" }, { 8, "SO_RCVBUF" },
    { 9, "SO_KEEPALIVE" }, { 10, "SO_OOBINLINE" }, { 11, "SO_NO_CHECK" },
    { 12, "SO_PRIORITY" }, { 13, "SO_LINGER" }, { 14, "SO_BSDCOMPAT" },
    { 15, "SO_REUSEPORT" }, { 16, "SO_PASSCRED" }, { 17, "SO_PEERCRED" },
    { 18, "SO_RCVLOWAT" }, { 19, "SO_SNDLOWAT" }, { 20, "SO_RCVTIMEO" },
    { 21, "SO_SNDTIMEO" }, { 25, "SO_BINDTODEVICE" }, { 26, "SO_ATTACH_FILTER" },
    { 27, "SO_DETACH_FILTER" }, { 28, "SO_PEERNAME" }, { 29, "SO_TIMESTAMP" },
    { 30, "SO_ACCEPTCONN" }, { 31, "SO_PEERSEC" }, { 32, "SO_SNDBUFFORCE" },
    { 33, "SO_RCVBUFFORCE" }, { 34, "SO_PASSSEC" }, { 36, "SO_MARK" },
    { 38, "SO_PROTOCOL" }, { 39, "SO_DOMAIN" }, { 40, "SO_RXQ_OVFL" },
    { 46, "SO_BUSY_POLL" }, { 49, "SO_INCOMING_CPU" }, { 57, "SO_COOKIE" },
    { 59, "SO_PEERGROUPS" }, { 60, "SO_ZEROCOPY" }, { 61, "SO_TXTIME" },
    { 62, "SO_BINDTOIFINDEX" }, { 66, "SO_RCVTIMEO_NEW" }, { 67, "SO_SNDTIMEO_NEW" },
    { 71, "SO_NETNS_COOKIE" }, { 76, "SO_PASSPIDFD" }, { 77, "SO_PEERPIDFD" }, END,
};
static const struct lu_flag_name tcp_options[] = {
    { 1, "TCP_NODELAY" }, { 2, "TCP_MAXSEG" }, { 3, "TCP_CORK" }, { 4, "TCP_KEEPIDLE" },
    { 5, "TCP_KEEPINTVL" }, { 6, "TCP_KEEPCNT" }, { 7, "TCP_SYNCNT" },
    { 8, "TCP_LINGER2" }, { 9, "TCP_DEFER_ACCEPT" }, { 10, "TCP_WINDOW_CLAMP" },
    { 11, "TCP_INFO" }, { 12, "TCP_QUICKACK" }, { 13, "TCP_CONGESTION" },
    { 14, "TCP_MD5SIG" }, { 18, "TCP_USER_TIMEOUT" }, { 19, "TCP_REPAIR" },
    { 23, "TCP_FASTOPEN" }, { 24, "TCP_TIMESTAMP" }, { 25, "TCP_NOTSENT_LOWAT" },
    { 30, "TCP_FASTOPEN_CONNECT" }, { 31, "TCP_ULP" }, END,
};
static const struct lu_flag_name ip_options[] = {
    { 1, "IP_TOS" }, { 2, "IP_TTL" }, { 3, "IP_HDRINCL" }, { 4, "IP_OPTIONS" },
    { 8, "IP_PKTINFO" }, { 10, "IP_MTU_DISCOVER" }, { 11, "IP_RECVERR" },
    { 12, "IP_RECVTTL" }, { 13, "IP_RECVTOS" }, { 15, "IP_FREEBIND" },
    { 19, "IP_TRANSPARENT" }, { 24, "IP_BIND_ADDRESS_NO_PORT" },
    { 32, "IP_MULTICAST_IF" }, { 33, "IP_MULTICAST_TTL" }, { 34, "IP_MULTICAST_LOOP" },
    { 35, "IP_ADD_MEMBERSHIP" }, { 36, "IP_DROP_MEMBERSHIP" }, END,
};
static const struct lu_flag_name ipv6_options[] = {
    { 16, "IPV6_UNICAST_HOPS" }, { 17, "IPV6_MULTICAST_IF" },
    { 18, "IPV6_MULTICAST_HOPS" }, { 19, "IPV6_MULTICAST_LOOP" },
    { 20, "IPV6_ADD_MEMBERSHIP" }, { 21, "IPV6_DROP_MEMBERSHIP" },
    { 25, "IPV6_RECVERR" }, { 26, "IPV6_V6ONLY" }, { 49, "IPV6_RECVPKTINFO" },
    { 50, "IPV6_PKTINFO" }, { 67, "IPV6_TCLASS" }, END,
};
static const struct lu_flag_name msg_flags[] = {
    { 0x1, "MSG_OOB" }, { 0x2, "MSG_PEEK" }, { 0x4, "MSG_DONTROUTE" },
    { 0x8, "MSG_CTRUNC" }, { 0x10, "MSG_PROXY" }, { 0x20, "MSG_TRUNC" },
    { 0x40, "MSG_DONTWAIT" }, { 0x80, "MSG_EOR" }, { 0x100, "MSG_WAITALL" },
    { 0x200, "MSG_FIN" }, { 0x400, "MSG_SYN" }, { 0x800, "MSG_CONFIRM" },
    { 0x1000, "MSG_RST" }, { 0x2000, "MSG_ERRQUEUE" }, { 0x4000, "MSG_NOSIGNAL" },
    { 0x8000, "MSG_MORE" }, { 0x10000, "MSG_WAITFORONE" }, { 0x40000, "MSG_BATCH" },
    { 0x4000000, "MSG_ZEROCOPY" }, { 0x20000000, "MSG_FASTOPEN" },
    { 0x40000000, "MSG_CMSG_CLOEXEC" }, END,
};
static const struct lu_flag_name shutdown_hows[] = {
    { 0, "SHUT_RD" }, { 1, "SHUT_WR" }, { 2, "SHUT_RDWR" }, END,
};

/* Guest struct msghdr (64-bit) and struct iovec. */
struct g_msghdr {
    uint64_t name;
    uint32_t namelen, pad;
    uint64_t iov, iovlen, control, controllen;
    int32_t flags, pad2;
};
struct g_iovec {
    uint64_t base, len;
};

#define MAX_IOV 4

static void sock_type_arg(struct lu_strace_buf *b, uint64_t v)
{
    uint32_t t = (uint32_t)v;

    lu_strace_enum(b, t & 0xf, sock_types);
    if (t & ~0xfu) {
        lu_strace_put(b, "|");
        lu_strace_flags(b, t & ~0xfu, sock_type_flags, "0");
    }
}

static void protocol_arg(struct lu_strace_buf *b, int family, int proto)
{
    if (family == 2 || family == 10)
        lu_strace_enum(b, proto, ip_protocols);
    else
        lu_strace_put(b, "%d", proto);
}

static void option_name_arg(struct lu_strace_buf *b, int level, int name)
{
    switch (level) {
    case 1: lu_strace_enum(b, name, socket_options); break;
    case 0: lu_strace_enum(b, name, ip_options); break;
    case 6: lu_strace_enum(b, name, tcp_options); break;
    case 41: lu_strace_enum(b, name, ipv6_options); break;
    default: lu_strace_put(b, "%d", name); break;
    }
}

/* An int-sized option value as [1]; anything else as its address. */
static void option_value_arg(struct lu_strace_buf *b, uint64_t addr, uint64_t len)
{
    int32_t v;

    if ((uint32_t)len == 4 && addr && copy_from_guest(&v, addr, 4) == 0)
        lu_strace_put(b, "[%d]", v);
    else
        lu_strace_pointer(b, addr);
}

static void sockaddr_fields(struct lu_strace_buf *b, const uint8_t *sa, size_t len)
{
    uint16_t family;
    char text[INET6_ADDRSTRLEN];

    memcpy(&family, sa, 2);
    lu_strace_put(b, "{sa_family=");
    lu_strace_enum(b, family, families);
    if (family == 2 && len >= 8) {
        uint16_t port;
        memcpy(&port, sa + 2, 2);
        inet_ntop(AF_INET, sa + 4, text, sizeof(text));
        lu_strace_put(b, ",sin_port=htons(%u),sin_addr=inet_addr(\"%s\")", ntohs(port), text);
    } else if (family == 10 && len >= 24) {
        uint16_t port;
        uint32_t flow, scope = 0;
        memcpy(&port, sa + 2, 2);
        memcpy(&flow, sa + 4, 4);
        if (len >= 28)
            memcpy(&scope, sa + 24, 4);
        inet_ntop(AF_INET6, sa + 8, text, sizeof(text));
        lu_strace_put(b, ",sin6_port=htons(%u),sin6_flowinfo=htonl(%u),"
                      "inet_pton(AF_INET6,\"%s\"),sin6_scope_id=%u",
                      ntohs(port), ntohl(flow), text, scope);
    } else if (family == 1 && len > 2) {
        const char *path = (const char *)sa + 2;
        size_t n = strnlen(path + (path[0] == 0), len - 2 - (path[0] == 0));
        /* An abstract name starts with a NUL: @name, as ss(8) shows it. */
        lu_strace_put(b, ",sun_path=%s", path[0] ? "" : "@");
        lu_strace_quoted(b, path + (path[0] == 0), n);
    } else if (family == 16 && len >= 12) {
        uint32_t pid, groups;
        memcpy(&pid, sa + 4, 4);
        memcpy(&groups, sa + 8, 4);
        lu_strace_put(b, ",nl_pid=%u,nl_groups=0x%08x", pid, groups);
    }
    lu_strace_put(b, "}");
}

/* A sockaddr of len bytes (the next argument). */
static void sockaddr_arg(struct lu_strace_buf *b, uint64_t addr, uint64_t len)
{
    uint8_t sa[128];
    size_t n = (uint32_t)len > sizeof(sa) ? sizeof(sa) : (uint32_t)len;

    if (!addr || n < 2 || copy_from_guest(sa, addr, n) != 0) {
        lu_strace_pointer(b, addr);
        return;
    }
    sockaddr_fields(b, sa, n);
}

static void iovec_array(struct lu_strace_buf *b, uint64_t addr, uint64_t count)
{
    struct g_iovec iov[MAX_IOV];
    size_t n = count < MAX_IOV ? (size_t)count : MAX_IOV;

    if (!addr || copy_from_guest(iov, addr, n * sizeof(iov[0])) != 0) {
        lu_strace_pointer(b, addr);
        return;
    }
    lu_strace_put(b, "[");
    for (size_t i = 0; i < n; i++)
        lu_strace_put(b, "%s{iov_base=0x%" PRIx64 ",iov_len=%" PRIu64 "}", i ? "," : "",
                      iov[i].base, iov[i].len);
    lu_strace_put(b, "%s]", count > n ? ",..." : "");
}

/* The header of a message (the data itself is not shown). */
static void msghdr_arg(struct lu_strace_buf *b, uint64_t addr)
{
    struct g_msghdr m;

    if (!addr || copy_from_guest(&m, addr, sizeof(m)) != 0) {
        lu_strace_pointer(b, addr);
        return;
    }
    lu_strace_put(b, "{msg_name=");
    lu_strace_pointer(b, m.name);
    lu_strace_put(b, ",msg_namelen=%u,msg_iov=", m.namelen);
    iovec_array(b, m.iov, m.iovlen);
    lu_strace_put(b, ",msg_iovlen=%" PRIu64 ",msg_control=", m.iovlen);
    lu_strace_pointer(b, m.control);
    lu_strace_put(b, ",msg_controllen=%" PRIu64 ",msg_flags=", m.controllen);
    lu_strace_flags(b, (uint32_t)m.flags, msg_flags, "0");
    lu_strace_put(b, "}");
}

bool lu_strace_net_arg(struct lu_strace_buf *b, char f, const uint64_t args[6], int i)
{
    uint64_t v = args[i], next = i < 5 ? args[i + 1] : 0;

    switch (f) {
    case 'B': lu_strace_enum(b, (int)v, families); break;
    case 'L': sock_type_arg(b, v); break;
    case 'V': protocol_arg(b, (int)args[0], (int)v); break;
    case 'Q': sockaddr_arg(b, v, next); break;
    case '@': msghdr_arg(b, v); break;
    case '#': lu_strace_flags(b, (uint32_t)v, msg_flags, "0"); break;
    case '$': lu_strace_enum(b, (int)v, levels); break;
    case '%': option_name_arg(b, i > 0 ? (int)args[i - 1] : -1, (int)v); break;
    case '&': option_value_arg(b, v, next); break;
    case '~': lu_strace_enum(b, (int)v, shutdown_hows); break;
    default: return false;
    }
    return true;
}
