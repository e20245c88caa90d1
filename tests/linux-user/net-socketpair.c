/* socketpair: a stream pair (bytes, partial reads, EOF on close) and a
 * datagram pair (message boundaries, MSG_TRUNC), SOCK_CLOEXEC and
 * SOCK_NONBLOCK as descriptor flags, EAGAIN on an empty nonblocking
 * socket. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

static void stream(void)
{
    int sv[2];
    char buf[64];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
        perror("socketpair");
        return;
    }
    printf("stream write %zd\n", write(sv[0], "hello, ", 7));
    printf("stream send %zd\n", send(sv[0], "world", 5, 0));
    ssize_t n = recv(sv[1], buf, 4, 0);
    printf("stream recv4 %zd '%.*s'\n", n, (int)n, buf);
    n = read(sv[1], buf, sizeof(buf));
    printf("stream read %zd '%.*s'\n", n, (int)n, buf);
    printf("reverse %zd\n", write(sv[1], "back", 4));
    n = read(sv[0], buf, sizeof(buf));
    printf("reverse read %zd '%.*s'\n", n, (int)n, buf);
    close(sv[0]);
    printf("eof %zd\n", read(sv[1], buf, sizeof(buf)));
    close(sv[1]);
}

static void dgram(void)
{
    int sv[2];
    char buf[64];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0) {
        perror("socketpair");
        return;
    }
    send(sv[0], "one", 3, 0);
    send(sv[0], "second", 6, 0);
    send(sv[0], "3", 1, 0);
    ssize_t n = recv(sv[1], buf, sizeof(buf), 0);
    printf("dgram %zd '%.*s'\n", n, (int)n, buf);
    n = recv(sv[1], buf, 3, MSG_TRUNC);
    printf("dgram trunc %zd '%.3s'\n", n, buf);
    n = recv(sv[1], buf, sizeof(buf), 0);
    printf("dgram %zd '%.*s'\n", n, (int)n, buf);
    n = recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT);
    printf("empty %zd %s\n", n, n < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    close(sv[0]);
    close(sv[1]);
}

static void flags(void)
{
    int sv[2];
    char c;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) != 0) {
        perror("socketpair flags");
        return;
    }
    for (int i = 0; i < 2; i++)
        printf("fd%d cloexec %d nonblock %d\n", i, !!(fcntl(sv[i], F_GETFD) & FD_CLOEXEC),
               !!(fcntl(sv[i], F_GETFL) & O_NONBLOCK));
    ssize_t n = read(sv[0], &c, 1);
    printf("nonblocking read %zd %s\n", n, n < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    close(sv[0]);
    close(sv[1]);
    int r = socketpair(AF_INET, SOCK_STREAM, 0, sv);
    printf("inet socketpair %d %s\n", r, r < 0 && errno == EOPNOTSUPP ? "EOPNOTSUPP" : "?");
    int *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r = socketpair(AF_UNIX, SOCK_STREAM, 0, none);
    printf("inaccessible vector %d %s\n", r, r < 0 && errno == EFAULT ? "EFAULT" : "?");
    r = socketpair(AF_UNIX, SOCK_STREAM, 0, ro);
    printf("bad vector %d %s\n", r, r < 0 && errno == EFAULT ? "EFAULT" : "?");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    stream();
    dgram();
    flags();
    return 0;
}
