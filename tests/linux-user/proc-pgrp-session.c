/*
 * Process groups and sessions: a child moves into a group of its own
 * (setpgid from both sides, as shells do to avoid the race), a second
 * child joins that group, kill(-pgid) reaches both and nobody else;
 * getpgid/getsid of self and of a child; setsid makes a new session
 * (getsid == pid, no controlling terminal: /dev/tty fails with ENXIO),
 * fails with EPERM for a group leader; setpgid into another session's
 * group fails with EPERM, on a non-child with ESRCH, a negative pgid
 * with EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t fork_or_die(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p < 0) {
        perror("fork");
        exit(1);
    }
    return p;
}

static void status(const char *what, pid_t p)
{
    int st;
    if (waitpid(p, &st, 0) != p)
        perror("waitpid");
    if (WIFSIGNALED(st))
        printf("%s: killed by %s\n", what, strsignal(WTERMSIG(st)));
    else
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

static const char *rel(pid_t v, pid_t self, pid_t parent)
{
    return v == self ? "self" : v == parent ? "parent" : "other";
}

int main(void)
{
    pid_t me = getpid();

    printf("own pgid is %s's\n", getpgid(0) == getpgrp() ? "getpgrp" : "?");
    printf("getsid(0) == getsid(me): %d\n", getsid(0) == getsid(me));

    /* Two children in a new group led by the first; both wait for a signal. */
    pid_t a = fork_or_die();
    if (a == 0) {
        setpgid(0, 0);
        pause();
        _exit(1);
    }
    setpgid(a, a);
    pid_t b = fork_or_die();
    if (b == 0) {
        setpgid(0, a);
        pause();
        _exit(2);
    }
    setpgid(b, a);
    printf("child a: pgid %s\n", getpgid(a) == a ? "a" : "?");
    printf("child b: pgid %s\n", getpgid(b) == a ? "a" : "?");
    printf("our pgid unchanged: %d\n", getpgid(0) != a);
    printf("getsid(child) is ours: %d\n", getsid(a) == getsid(0));
    errno = 0;
    int r = setpgid(1, 0);
    printf("setpgid(1, 0): %d %s\n", r, strerror(errno));
    errno = 0;
    r = setpgid(a, -1);
    printf("setpgid(a, -1): %d %s\n", r, strerror(errno));
    /* Both have SIGTERM's default action, wherever they are. */
    signal(SIGTERM, SIG_IGN);
    if (kill(-a, SIGTERM) < 0)
        perror("kill group");
    status("a", a);
    status("b", b);
    errno = 0;
    r = kill(-a, SIGTERM);
    printf("kill of the empty group: %d %s\n", r, strerror(errno));
    signal(SIGTERM, SIG_DFL);

    /* A new session. */
    int res[2];
    if (pipe(res) < 0)
        return 1;
    pid_t s = fork_or_die();
    if (s == 0) {
        pid_t sid = setsid();
        pid_t self = getpid();
        char line[256];
        int n = snprintf(line, sizeof(line),
                         "setsid: %s, getsid %s, pgid %s, ppid %s\n",
                         rel(sid, self, me), rel(getsid(0), self, me),
                         rel(getpgid(0), self, me), rel(getppid(), self, me));
        errno = 0;
        r = setsid();
        n += snprintf(line + n, sizeof(line) - n, "second setsid: %d %s\n", r, strerror(errno));
        errno = 0;
        r = open("/dev/tty", O_RDWR);
        n += snprintf(line + n, sizeof(line) - n, "open /dev/tty: %d %s\n", r, strerror(errno));
        errno = 0;
        r = setpgid(0, getpgid(me));
        n += snprintf(line + n, sizeof(line) - n, "join parent's group: %d %s\n", r,
                      strerror(errno));
        if (write(res[1], line, n) != n)
            _exit(5);
        _exit(0);
    }
    close(res[1]);
    char buf[512];
    ssize_t n = read(res[0], buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("%s", buf);
    status("session leader", s);
    errno = 0;
    r = getsid(s);
    printf("getsid of reaped child: %d %s\n", r, strerror(errno));
    return 0;
}
