/* IPv6 over loopback: UDP between two sockets bound to ::1 on
 * kernel-chosen ports (sockaddr_in6 returned by getsockname and
 * recvfrom), and a TCP connection from an IPv4 client to a dual-stack
 * listener, whose peer address is the IPv4-mapped ::ffff:127.0.0.1.
 * Without IPv6 on the machine it says so (the native run does too). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT }, b6, from;
    socklen_t len = sizeof(b6);
    char buf[64], text[INET6_ADDRSTRLEN];

    setvbuf(stdout, NULL, _IONBF, 0);
    int a = socket(AF_INET6, SOCK_DGRAM, 0), b = socket(AF_INET6, SOCK_DGRAM, 0);
    if (a < 0 || bind(a, (struct sockaddr *)&a6, sizeof(a6)) < 0) {
        printf("no ipv6\n");
        return 0;
    }
    b6 = a6;
    bind(b, (struct sockaddr *)&b6, sizeof(b6));
    getsockname(b, (struct sockaddr *)&b6, &len);
    printf("getsockname len %u family %d port nonzero %d\n", len, b6.sin6_family, b6.sin6_port != 0);
    len = sizeof(a6);
    getsockname(a, (struct sockaddr *)&a6, &len);
    printf("sendto %zd\n", sendto(a, "six", 3, 0, (struct sockaddr *)&b6, sizeof(b6)));
    len = sizeof(from);
    ssize_t n = recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
    inet_ntop(AF_INET6, &from.sin6_addr, text, sizeof(text));
    printf("recvfrom %zd '%.*s' len %u from %s port match %d\n", n, (int)n, buf, len, text,
           from.sin6_port == a6.sin6_port);
    close(a);
    close(b);

    struct sockaddr_in6 any = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT };
    int ls = socket(AF_INET6, SOCK_STREAM, 0), off = 0;
    setsockopt(ls, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
    len = sizeof(any);
    if (bind(ls, (struct sockaddr *)&any, sizeof(any)) || getsockname(ls, (struct sockaddr *)&any, &len) ||
        listen(ls, 1))
        return 1;
    struct sockaddr_in v4 = { .sin_family = AF_INET, .sin_port = any.sin6_port,
                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int c = socket(AF_INET, SOCK_STREAM, 0);
    printf("connect v4 to dual stack %d\n", connect(c, (struct sockaddr *)&v4, sizeof(v4)));
    len = sizeof(from);
    int s = accept(ls, (struct sockaddr *)&from, &len);
    inet_ntop(AF_INET6, &from.sin6_addr, text, sizeof(text));
    printf("accept %d len %u peer %s\n", s >= 0, len, text);
    close(c);
    close(s);
    close(ls);
    return 0;
}
