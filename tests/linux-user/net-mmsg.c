/* sendmmsg/recvmmsg over a unix datagram pair: three messages out in
 * one call (msg_len set for each), received in one call into a vector
 * of four (three arrive; msg_len and MSG_TRUNC per entry), a zero-length
 * vector, and recvmmsg with MSG_DONTWAIT on an empty socket. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    int sv[2];
    const char *words[3] = { "first", "second message", "3rd" };
    struct iovec out[3];
    struct mmsghdr om[3];

    setvbuf(stdout, NULL, _IONBF, 0);
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
        return 1;
    memset(om, 0, sizeof(om));
    for (int i = 0; i < 3; i++) {
        out[i].iov_base = (void *)words[i];
        out[i].iov_len = strlen(words[i]);
        om[i].msg_hdr.msg_iov = &out[i];
        om[i].msg_hdr.msg_iovlen = 1;
        om[i].msg_len = 999;
    }
    int n = sendmmsg(sv[0], om, 3, 0);
    printf("sendmmsg %d: lens %u %u %u\n", n, om[0].msg_len, om[1].msg_len, om[2].msg_len);

    char bufs[4][8];
    struct iovec in[4];
    struct mmsghdr im[4];
    memset(im, 0, sizeof(im));
    memset(bufs, 0, sizeof(bufs));
    for (int i = 0; i < 4; i++) {
        in[i].iov_base = bufs[i];
        in[i].iov_len = sizeof(bufs[i]);
        im[i].msg_hdr.msg_iov = &in[i];
        im[i].msg_hdr.msg_iovlen = 1;
        im[i].msg_len = 999;
    }
    struct timespec ts = { 5, 0 };
    n = recvmmsg(sv[1], im, 4, MSG_DONTWAIT, &ts);
    printf("recvmmsg %d\n", n);
    for (int i = 0; i < 4; i++)
        printf("  %d: len %u '%.8s' trunc %d\n", i, im[i].msg_len, bufs[i],
               !!(im[i].msg_hdr.msg_flags & MSG_TRUNC));
    printf("empty vector %d\n", sendmmsg(sv[0], om, 0, 0));
    n = recvmmsg(sv[1], im, 4, MSG_DONTWAIT, NULL);
    printf("nothing %d %s\n", n, n < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    /* MSG_WAITFORONE: returns once one message is there */
    send(sv[0], "solo", 4, 0);
    n = recvmmsg(sv[1], im, 4, MSG_WAITFORONE, NULL);
    printf("waitforone %d len %u '%.4s'\n", n, im[0].msg_len, bufs[0]);
    return 0;
}
