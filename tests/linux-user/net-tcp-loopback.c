/* Loopback TCP in one process: a listener on 127.0.0.1 port 0 (the
 * kernel's choice, read back with getsockname), a blocking connect that
 * the backlog completes, accept4 with the peer's address, data both
 * ways, getpeername on each side, and EOF after the client closes. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    struct sockaddr_in got, peer, cpeer;
    socklen_t len = sizeof(got);
    char buf[128];

    setvbuf(stdout, NULL, _IONBF, 0);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    printf("bind %d\n", bind(ls, (struct sockaddr *)&sa, sizeof(sa)));
    int r = getsockname(ls, (struct sockaddr *)&got, &len);
    printf("getsockname %d len %u\n", r, len);
    printf("family %d addr %s port nonzero %d\n", got.sin_family, inet_ntoa(got.sin_addr),
           got.sin_port != 0);
    printf("listen %d\n", listen(ls, 4));

    int c = socket(AF_INET, SOCK_STREAM, 0);
    printf("connect %d\n", connect(c, (struct sockaddr *)&got, sizeof(got)));
    len = sizeof(peer);
    memset(&peer, 0, sizeof(peer));
    int s = accept4(ls, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
    printf("accept %d len %u family %d addr %s cloexec %d\n", s >= 0, len, peer.sin_family,
           inet_ntoa(peer.sin_addr), !!(fcntl(s, F_GETFD) & FD_CLOEXEC));

    struct sockaddr_in cname;
    len = sizeof(cname);
    getsockname(c, (struct sockaddr *)&cname, &len);
    printf("peer port is client's port %d\n", cname.sin_port == peer.sin_port);
    len = sizeof(cpeer);
    r = getpeername(c, (struct sockaddr *)&cpeer, &len);
    printf("getpeername %d same as listener %d\n", r, cpeer.sin_port == got.sin_port);

    const char *msg = "GET / HTTP/1.0\r\n\r\n";
    printf("send %zd\n", send(c, msg, strlen(msg), 0));
    size_t have = 0;
    while (have < strlen(msg)) {
        ssize_t n = recv(s, buf + have, sizeof(buf) - have, 0);
        if (n <= 0)
            break;
        have += (size_t)n;
    }
    printf("server got %zu bytes, equal %d\n", have, memcmp(buf, msg, have) == 0);
    printf("reply %zd\n", write(s, "HTTP/1.0 200 OK\r\n", 17));
    ssize_t n = read(c, buf, sizeof(buf));
    printf("client got '%.*s'\n", (int)(n > 2 ? n - 2 : 0), buf);
    close(c);
    printf("eof %zd\n", read(s, buf, sizeof(buf)));

    /* accept without an address, and a second connection */
    c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    r = connect(c, (struct sockaddr *)&got, sizeof(got));
    printf("nonblocking connect started %d\n", r == 0 || errno == EINPROGRESS);
    int s2 = accept(ls, NULL, NULL);
    printf("accept NULL %d\n", s2 >= 0);
    close(s2);
    close(c);
    close(s);
    int ls2 = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    bind(ls2, (struct sockaddr *)&sa, sizeof(sa));
    listen(ls2, 1);
    r = accept(ls2, NULL, NULL);
    printf("accept empty %d %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    int idle = socket(AF_INET, SOCK_STREAM, 0);
    r = accept(idle, NULL, NULL);
    printf("accept not listening %d %s\n", r, r < 0 && errno == EINVAL ? "EINVAL" : "?");
    close(idle);
    close(ls2);
    close(ls);
    return 0;
}
