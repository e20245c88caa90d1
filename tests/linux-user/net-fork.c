/* A forked TCP client and server over loopback: the parent listens on a
 * kernel-chosen port, the child connects, sends a request and reads the
 * reply; then a blocking recv in the parent is interrupted by SIGALRM
 * (EINTR without SA_RESTART) and restarted with SA_RESTART until the
 * child's late message arrives. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void arm(int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(sa);
    char buf[64];
    int sv[2];

    setvbuf(stdout, NULL, _IONBF, 0);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) || getsockname(ls, (struct sockaddr *)&sa, &len) ||
        listen(ls, 1) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c, (struct sockaddr *)&sa, sizeof(sa)))
            _exit(10);
        send(c, "request", 7, 0);
        ssize_t n = recv(c, buf, 5, MSG_WAITALL);
        close(c);
        /* wait for the parent's go, then send late */
        char go;
        if (n != 5 || memcmp(buf, "reply", 5) || read(sv[1], &go, 1) != 1)
            _exit(11);
        usleep(150000);
        write(sv[1], "late", 4);
        _exit(0);
    }
    int s = accept(ls, NULL, NULL);
    ssize_t n = recv(s, buf, 7, MSG_WAITALL);
    printf("server got %zd '%.*s'\n", n, (int)n, buf);
    send(s, "reply", 5, 0);
    close(s);

    arm(0);
    n = recv(sv[0], buf, sizeof(buf), 0);
    printf("recv without SA_RESTART %zd %s, alarms %d\n", n, n < 0 && errno == EINTR ? "EINTR" : "?",
           (int)alarms);
    arm(1);
    write(sv[0], "g", 1);
    n = recv(sv[0], buf, sizeof(buf), 0);
    printf("recv with SA_RESTART %zd '%.*s', alarms %d\n", n, (int)(n > 0 ? n : 0), buf, (int)alarms);
    int st;
    waitpid(pid, &st, 0);
    printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return 0;
}
