/* shutdown semantics on a unix stream pair and on TCP loopback:
 * SHUT_WR gives the peer EOF while the other direction still works,
 * sending after SHUT_WR fails with EPIPE (MSG_NOSIGNAL, and SIGPIPE
 * ignored for write), SHUT_RD makes reads return 0, a bad "how" is
 * EINVAL and an unconnected TCP socket ENOTCONN. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *err(long r)
{
    if (r >= 0)
        return "ok";
    return errno == EPIPE ? "EPIPE" : errno == EINVAL ? "EINVAL" : errno == ENOTCONN ? "ENOTCONN" : "other";
}

int main(void)
{
    int sv[2];
    char buf[16];

    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGPIPE, SIG_IGN);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    write(sv[0], "abc", 3);
    printf("shutdown wr %d\n", shutdown(sv[0], SHUT_WR));
    ssize_t n = read(sv[1], buf, sizeof(buf));
    ssize_t n2 = read(sv[1], buf, sizeof(buf));
    printf("peer reads %zd then %zd\n", n, n2);
    n = send(sv[0], "x", 1, MSG_NOSIGNAL);
    printf("send after shut_wr %s\n", err(n));
    n = write(sv[0], "x", 1);
    printf("write after shut_wr %s\n", err(n));
    printf("other way %zd", write(sv[1], "back", 4));
    printf(" read %zd\n", read(sv[0], buf, sizeof(buf)));
    printf("shutdown bad how %s\n", err(shutdown(sv[1], 7)));
    close(sv[0]);
    close(sv[1]);

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    printf("shutdown rd %d\n", shutdown(sv[1], SHUT_RD));
    printf("read after shut_rd %zd\n", read(sv[1], buf, sizeof(buf)));
    printf("shutdown rdwr %d\n", shutdown(sv[0], SHUT_RDWR));
    close(sv[0]);
    close(sv[1]);

    int t = socket(AF_INET, SOCK_STREAM, 0);
    printf("tcp unconnected %s\n", err(shutdown(t, SHUT_RDWR)));
    close(t);
    t = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(sa);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    bind(ls, (struct sockaddr *)&sa, sizeof(sa));
    getsockname(ls, (struct sockaddr *)&sa, &len);
    listen(ls, 1);
    connect(t, (struct sockaddr *)&sa, sizeof(sa));
    int s = accept(ls, NULL, NULL);
    printf("tcp shutdown wr %d\n", shutdown(t, SHUT_WR));
    printf("server reads eof %zd\n", read(s, buf, sizeof(buf)));
    write(s, "ok", 2);
    n = read(t, buf, sizeof(buf));
    printf("client still reads %zd '%.2s'\n", n, buf);
    close(s);
    close(t);
    close(ls);
    return 0;
}
