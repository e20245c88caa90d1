/* UDP over loopback: two sockets on kernel-chosen ports, sendto and
 * recvfrom with the sender's address, a connected socket with send and
 * recv, MSG_PEEK, MSG_TRUNC, a zero-length datagram, and recvfrom with
 * an address buffer shorter than the address (truncated, full length
 * reported). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int udp(struct sockaddr_in *name)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(*name);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        getsockname(s, (struct sockaddr *)name, &len) < 0)
        perror("udp");
    return s;
}

int main(void)
{
    struct sockaddr_in na, nb, from;
    socklen_t len;
    char buf[64];

    setvbuf(stdout, NULL, _IONBF, 0);
    int a = udp(&na), b = udp(&nb);
    printf("ports differ %d\n", na.sin_port != nb.sin_port);
    printf("sendto %zd\n", sendto(a, "ping", 4, 0, (struct sockaddr *)&nb, sizeof(nb)));
    len = sizeof(from);
    ssize_t n = recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
    printf("recvfrom %zd '%.*s' len %u from a %d\n", n, (int)n, buf, len,
           from.sin_port == na.sin_port && from.sin_addr.s_addr == na.sin_addr.s_addr);

    printf("connect %d\n", connect(a, (struct sockaddr *)&nb, sizeof(nb)));
    printf("send %zd\n", send(a, "connected", 9, 0));
    n = recv(b, buf, sizeof(buf), MSG_PEEK);
    printf("peek %zd '%.*s'\n", n, (int)n, buf);
    n = recv(b, buf, 4, MSG_TRUNC);
    printf("trunc %zd '%.4s'\n", n, buf);
    printf("empty datagram %zd\n", send(a, "", 0, 0));
    len = sizeof(from);
    n = recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
    printf("got empty %zd\n", n);

    sendto(b, "short", 5, 0, (struct sockaddr *)&na, sizeof(na));
    memset(&from, 0, sizeof(from));
    len = 4;
    n = recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
    printf("short addr %zd len %u family %d port kept %d\n", n, len, from.sin_family,
           from.sin_port == nb.sin_port);
    n = recvfrom(a, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL);
    printf("nothing %zd %s\n", n, n < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    n = sendto(b, "x", 1, 0, (struct sockaddr *)&na, 3);
    printf("short sendto addr %zd %s\n", n, n < 0 && errno == EINVAL ? "EINVAL" : "?");
    n = sendto(b, "x", 1, 0, (struct sockaddr *)&na, 200);
    printf("long sendto addr %zd %s\n", n, n < 0 && errno == EINVAL ? "EINVAL" : "?");
    close(a);
    close(b);
    return 0;
}
