/* getsockopt/setsockopt round trips for common options at SOL_SOCKET,
 * IPPROTO_TCP, IPPROTO_IP and IPPROTO_IPV6 (int values, struct linger,
 * struct timeval; a receive timeout expiring), a short option buffer,
 * a negative length (EINVAL), unknown options (ENOPROTOOPT) and a
 * non-socket (ENOTSOCK), a
 * classic BPF filter attached and read back (SO_GET_FILTER counts
 * instructions). */
#include <errno.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void roundtrip(int s, int level, int name, const char *what, int set)
{
    int v = -1;
    socklen_t len = sizeof(v);
    int r1 = setsockopt(s, level, name, &set, sizeof(set));
    int r2 = getsockopt(s, level, name, &v, &len);
    printf("%s set %d -> %d, %d (len %u)\n", what, r1, r2, v, len);
}

static void get_int(int s, int level, int name, const char *what)
{
    int v = -1;
    socklen_t len = sizeof(v);
    int r = getsockopt(s, level, name, &v, &len);
    printf("%s %d: %d\n", what, r, v);
}

static const char *err(int r)
{
    if (r == 0)
        return "0";
    return errno == EINVAL ? "EINVAL" : errno == ENOPROTOOPT ? "ENOPROTOOPT"
         : errno == ENOTSOCK ? "ENOTSOCK" : errno == EFAULT ? "EFAULT" : "other";
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int t = socket(AF_INET, SOCK_STREAM, 0);
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    int t6 = socket(AF_INET6, SOCK_STREAM, 0);

    roundtrip(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR", 1);
    roundtrip(t, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", 1);
    roundtrip(t, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF", 8192);
    roundtrip(t, SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF", 16384);
    roundtrip(t, SOL_SOCKET, SO_OOBINLINE, "SO_OOBINLINE", 1);
    roundtrip(t, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY", 1);
    roundtrip(t, IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE", 77);
    roundtrip(u, IPPROTO_IP, IP_TTL, "IP_TTL", 9);
    roundtrip(u, SOL_SOCKET, SO_BROADCAST, "SO_BROADCAST", 1);
    if (t6 >= 0)
        roundtrip(t6, IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY", 1);
    get_int(t, SOL_SOCKET, SO_TYPE, "SO_TYPE tcp");
    get_int(u, SOL_SOCKET, SO_TYPE, "SO_TYPE udp");
    get_int(t, SOL_SOCKET, SO_ERROR, "SO_ERROR");
    get_int(t, SOL_SOCKET, SO_DOMAIN, "SO_DOMAIN");
    get_int(u, SOL_SOCKET, SO_PROTOCOL, "SO_PROTOCOL");
    get_int(t, SOL_SOCKET, SO_ACCEPTCONN, "SO_ACCEPTCONN");

    struct linger lg = { 1, 5 }, lg2;
    socklen_t len = sizeof(lg2);
    int r1 = setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    int r2 = getsockopt(t, SOL_SOCKET, SO_LINGER, &lg2, &len);
    printf("SO_LINGER %d %d: onoff %d linger %d len %u\n", r1, r2, lg2.l_onoff, lg2.l_linger, len);

    struct timeval tv = { 2, 500000 }, tv2;
    len = sizeof(tv2);
    r1 = setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    r2 = getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv2, &len);
    printf("SO_RCVTIMEO %d %d: %ld.%06ld len %u\n", r1, r2, (long)tv2.tv_sec, (long)tv2.tv_usec, len);
    tv.tv_sec = 0;
    tv.tv_usec = 20000;
    setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    char c;
    ssize_t n = recv(u, &c, 1, 0);
    printf("recv with SO_RCVTIMEO %zd %s\n", n, n < 0 && (errno == EAGAIN) ? "EAGAIN" : "?");
    tv.tv_usec = 250000;
    r1 = setsockopt(u, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    len = sizeof(tv2);
    r2 = getsockopt(u, SOL_SOCKET, SO_SNDTIMEO, &tv2, &len);
    printf("SO_SNDTIMEO %d %d: %ld.%06ld\n", r1, r2, (long)tv2.tv_sec, (long)tv2.tv_usec);

    /* a one-byte buffer: the kernel truncates the int */
    unsigned char small = 0xee;
    len = 1;
    r1 = getsockopt(t, SOL_SOCKET, SO_TYPE, &small, &len);
    printf("short buffer %d len %u byte %d\n", r1, len, small);
    int v = 1;
    r1 = setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, (socklen_t)-1);
    printf("negative optlen %s\n", err(r1));
    r1 = setsockopt(t, SOL_SOCKET, 12345, &v, sizeof(v));
    printf("unknown option %s\n", err(r1));
    len = sizeof(v);
    r1 = getsockopt(t, IPPROTO_TCP, 9999, &v, &len);
    printf("unknown tcp option %s\n", err(r1));
    r1 = setsockopt(1, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
    printf("not a socket %s\n", err(r1));

    struct sock_filter code[] = {
        BPF_STMT(BPF_RET | BPF_K, 0xffff),
        BPF_STMT(BPF_RET | BPF_K, 0),
    };
    struct sock_fprog prog = { 2, code };
    r1 = setsockopt(u, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
    struct sock_filter back[4];
    memset(back, 0, sizeof(back));
    len = 4;
    r2 = getsockopt(u, SOL_SOCKET, SO_GET_FILTER, back, &len);
    printf("filter %s, read back %d: %u insns, k %u %u\n", err(r1), r2, len, back[0].k, back[1].k);
    prog.filter = (struct sock_filter *)16;
    r1 = setsockopt(u, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
    printf("filter at a bad address %s\n", err(r1));
    printf("detach %d\n", setsockopt(u, SOL_SOCKET, SO_DETACH_FILTER, &v, sizeof(v)));
    return 0;
}
