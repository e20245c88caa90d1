/* AF_NETLINK passthrough: a NETLINK_ROUTE socket bound with the kernel
 * choosing the port id (getsockname: nl_pid is this process's pid), an
 * RTM_GETLINK dump read with recvmsg until NLMSG_DONE, and the loopback
 * interface found in it with its flags. */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
    printf("bind %d\n", bind(s, (struct sockaddr *)&sa, sizeof(sa)));
    socklen_t len = sizeof(sa);
    int r = getsockname(s, (struct sockaddr *)&sa, &len);
    printf("getsockname %d len %u family %d pid is ours %d\n", r, len, sa.nl_family,
           sa.nl_pid == (unsigned)getpid());

    struct {
        struct nlmsghdr h;
        struct ifinfomsg i;
    } req = { { sizeof(req), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0 }, { .ifi_family = AF_UNSPEC } };
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    printf("sendto %zd\n", sendto(s, &req, sizeof(req), 0, (struct sockaddr *)&kernel, sizeof(kernel)));

    static char buf[32768];
    int done = 0, found_lo = 0, lo_up = 0, seq_ok = 1;
    while (!done) {
        struct iovec iov = { buf, sizeof(buf) };
        struct sockaddr_nl from;
        struct msghdr msg = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov, .msg_iovlen = 1 };
        ssize_t n = recvmsg(s, &msg, 0);
        if (n <= 0 || from.nl_pid != 0)
            break;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            seq_ok &= h->nlmsg_seq == 1;
            if (h->nlmsg_type == NLMSG_DONE) {
                done = 1;
                break;
            }
            if (h->nlmsg_type != RTM_NEWLINK)
                continue;
            struct ifinfomsg *ifi = NLMSG_DATA(h);
            int alen = (int)IFLA_PAYLOAD(h);
            for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, alen); a = RTA_NEXT(a, alen))
                if (a->rta_type == IFLA_IFNAME && strcmp(RTA_DATA(a), "lo") == 0) {
                    found_lo = 1;
                    lo_up = !!(ifi->ifi_flags & IFF_LOOPBACK);
                }
        }
    }
    printf("done %d seq ok %d lo %d loopback flag %d\n", done, seq_ok, found_lo, lo_up);
    close(s);
    return 0;
}
