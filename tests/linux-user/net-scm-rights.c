/* SCM_RIGHTS: the write end of a pipe and a second descriptor sent over
 * a unix stream socket in one control message; the receiver writes
 * through the received descriptor and the data comes out of the pipe.
 * MSG_CMSG_CLOEXEC marks the received descriptors close-on-exec; a
 * control buffer too small for them sets MSG_CTRUNC. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static int send_fds(int sock, const int *fds, int n)
{
    char data = 'F';
    struct iovec iov = { &data, 1 };
    union {
        char buf[CMSG_SPACE(4 * sizeof(int))];
        struct cmsghdr align;
    } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                          .msg_controllen = CMSG_SPACE((size_t)n * sizeof(int)) };
    memset(u.buf, 0, sizeof(u.buf));
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN((size_t)n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, (size_t)n * sizeof(int));
    return (int)sendmsg(sock, &msg, 0);
}

/* Receive up to 4 descriptors into fds; returns how many. */
static int recv_fds(int sock, int *fds, size_t room, int flags, int *msg_flags)
{
    char data;
    struct iovec iov = { &data, 1 };
    union {
        char buf[CMSG_SPACE(4 * sizeof(int))];
        struct cmsghdr align;
    } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                          .msg_controllen = room };
    if (recvmsg(sock, &msg, flags) != 1)
        return -1;
    *msg_flags = msg.msg_flags;
    int n = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        printf("cmsg level %d type %d len %zu\n", c->cmsg_level, c->cmsg_type, (size_t)c->cmsg_len);
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            n = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            memcpy(fds, CMSG_DATA(c), (size_t)n * sizeof(int));
        }
    }
    return n;
}

int main(void)
{
    int sv[2], p[2], got[4], flags;
    char buf[32];

    setvbuf(stdout, NULL, _IONBF, 0);
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || pipe(p))
        return 1;
    int devnull = open("/dev/null", O_WRONLY);
    int two[2] = { p[1], devnull };
    printf("sendmsg %d\n", send_fds(sv[0], two, 2));
    int n = recv_fds(sv[1], got, CMSG_SPACE(4 * sizeof(int)), MSG_CMSG_CLOEXEC, &flags);
    printf("received %d fds, new numbers %d, flags 0x%x\n", n,
           n == 2 && got[0] != p[1] && got[1] != devnull, flags);
    for (int i = 0; i < n; i++)
        printf("fd %d cloexec %d\n", i, !!(fcntl(got[i], F_GETFD) & FD_CLOEXEC));
    close(p[1]);
    printf("write through %zd\n", write(got[0], "via passed fd", 13));
    close(got[0]);
    ssize_t r = read(p[0], buf, sizeof(buf));
    printf("pipe read %zd '%.*s'\n", r, (int)r, buf);
    printf("pipe eof %zd\n", read(p[0], buf, sizeof(buf)));
    close(got[1]);

    /* no CLOEXEC without the flag */
    int one[1] = { devnull };
    printf("sendmsg %d\n", send_fds(sv[0], one, 1));
    n = recv_fds(sv[1], got, CMSG_SPACE(sizeof(int)), 0, &flags);
    printf("received %d, cloexec %d, flags 0x%x\n", n, !!(fcntl(got[0], F_GETFD) & FD_CLOEXEC), flags);
    close(got[0]);

    /* a closed descriptor cannot be sent */
    printf("send closed fd %d\n", send_fds(sv[0], two, 2));

    /* room for one descriptor, two sent: MSG_CTRUNC */
    int dup2nd[2] = { devnull, devnull };
    printf("sendmsg %d\n", send_fds(sv[0], dup2nd, 2));
    n = recv_fds(sv[1], got, CMSG_LEN(sizeof(int)), 0, &flags);
    printf("truncated: received %d, MSG_CTRUNC %d\n", n, !!(flags & MSG_CTRUNC));
    for (int i = 0; i < n; i++)
        close(got[i]);
    return 0;
}
