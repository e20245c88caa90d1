/* Credentials on a unix socket pair: SO_PEERCRED (uid and gid match
 * ours, pid is ours: both ends are this process), SO_PASSCRED read back,
 * and an SCM_CREDENTIALS message received with SO_PASSCRED on. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    int sv[2], on = 1, val = -1;
    struct ucred cr;
    socklen_t len = sizeof(cr);

    setvbuf(stdout, NULL, _IONBF, 0);
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
        return 1;
    int r = getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len);
    printf("SO_PEERCRED %d len %u uid match %d gid match %d pid match %d\n", r, len,
           cr.uid == getuid(), cr.gid == getgid(), cr.pid == getpid());
    len = sizeof(val);
    getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &val, &len);
    printf("SO_PASSCRED initially %d\n", val);
    printf("set SO_PASSCRED %d\n", setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
    len = sizeof(val);
    getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &val, &len);
    printf("SO_PASSCRED now %d\n", val);

    send(sv[0], "hi", 2, 0);
    char data[8];
    struct iovec iov = { data, sizeof(data) };
    union {
        char buf[CMSG_SPACE(sizeof(struct ucred))];
        struct cmsghdr align;
    } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                          .msg_controllen = sizeof(u.buf) };
    ssize_t n = recvmsg(sv[1], &msg, 0);
    printf("recvmsg %zd controllen %zu\n", n, (size_t)msg.msg_controllen);
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (c && c->cmsg_type == SCM_CREDENTIALS) {
        memcpy(&cr, CMSG_DATA(c), sizeof(cr));
        printf("SCM_CREDENTIALS len %zu uid match %d pid match %d\n", (size_t)c->cmsg_len,
               cr.uid == getuid(), cr.pid == getpid());
    } else {
        printf("no credentials\n");
    }
    return 0;
}
