/* sendmsg/recvmsg with several iovecs: a gathered datagram scattered
 * over differently sized buffers, MSG_TRUNC in msg_flags when it does
 * not fit, the sender's address returned in msg_name between bound
 * abstract unix datagram sockets (msg_namelen updated), sendmsg to an
 * explicit msg_name, and a bad iovec pointer (EFAULT). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static socklen_t abstract(struct sockaddr_un *sa, const char *name)
{
    memset(sa, 0, sizeof(*sa));
    sa->sun_family = AF_UNIX;
    memcpy(sa->sun_path + 1, name, strlen(name));
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
}

int main(void)
{
    char tag[32];
    struct sockaddr_un sa, sb, from;
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(tag, sizeof(tag), "uemu-net-msg-%d", (int)getpid());
    char na[40], nb[40];
    snprintf(na, sizeof(na), "%s-a", tag);
    snprintf(nb, sizeof(nb), "%s-b", tag);
    socklen_t la = abstract(&sa, na), lb = abstract(&sb, nb);
    int a = socket(AF_UNIX, SOCK_DGRAM, 0), b = socket(AF_UNIX, SOCK_DGRAM, 0);
    printf("bind %d %d\n", bind(a, (struct sockaddr *)&sa, la), bind(b, (struct sockaddr *)&sb, lb));

    struct iovec out[3] = { { "alpha-", 6 }, { "beta-", 5 }, { "gamma", 5 } };
    struct msghdr m = { .msg_name = &sb, .msg_namelen = lb, .msg_iov = out, .msg_iovlen = 3 };
    printf("sendmsg %zd\n", sendmsg(a, &m, 0));

    char b1[3], b2[7], b3[20];
    struct iovec in[3] = { { b1, sizeof(b1) }, { b2, sizeof(b2) }, { b3, sizeof(b3) } };
    memset(&from, 0, sizeof(from));
    struct msghdr r = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = in, .msg_iovlen = 3 };
    ssize_t n = recvmsg(b, &r, 0);
    printf("recvmsg %zd: '%.3s' '%.7s' '%.*s' flags 0x%x\n", n, b1, b2, (int)(n - 10), b3, r.msg_flags);
    printf("from a: namelen ok %d name ok %d\n", r.msg_namelen == la,
           memcmp(from.sun_path + 1, na, strlen(na)) == 0);

    printf("sendmsg again %zd\n", sendmsg(a, &m, 0));
    struct iovec small[2] = { { b1, sizeof(b1) }, { b2, 2 } };
    struct msghdr r2 = { .msg_iov = small, .msg_iovlen = 2 };
    n = recvmsg(b, &r2, 0);
    printf("truncated recvmsg %zd '%.3s%.2s' MSG_TRUNC %d\n", n, b1, b2, !!(r2.msg_flags & MSG_TRUNC));

    struct iovec *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct msghdr m3 = { .msg_name = &sb, .msg_namelen = lb, .msg_iov = bad, .msg_iovlen = 1 };
    n = sendmsg(a, &m3, 0);
    printf("bad iovec %zd %s\n", n, n < 0 && errno == EFAULT ? "EFAULT" : "?");
    m3.msg_iov = out;
    m3.msg_iovlen = 2000;
    n = sendmsg(a, &m3, 0);
    printf("too many iovecs %zd %s\n", n, n < 0 && errno == EMSGSIZE ? "EMSGSIZE" : "?");
    n = recvmsg(b, &r2, MSG_DONTWAIT);
    printf("nothing queued %zd %s\n", n, n < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    close(a);
    close(b);
    return 0;
}
