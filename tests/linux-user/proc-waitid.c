/*
 * waitid and the siginfo it fills: CLD_EXITED / CLD_KILLED with si_pid,
 * si_uid, si_status and si_signo; WSTOPPED (CLD_STOPPED) and WCONTINUED
 * (CLD_CONTINUED) for a child stopped and continued by SIGSTOP/SIGCONT;
 * WNOWAIT leaving the child waitable; WNOHANG with nothing to report
 * (returns 0, si_pid 0); P_PGID, P_ALL and P_PIDFD (pidfd_open); bytes
 * of siginfo_t beyond the SIGCHLD fields left alone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static const char *code_name(int c)
{
    switch (c) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED";
    case CLD_STOPPED: return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    case 0: return "0";
    }
    return "?";
}

static void show(const char *what, int r, const siginfo_t *si, pid_t expect)
{
    printf("%-16s r=%d signo=%s code=%s pid=%s uid=%s status=%d\n", what, r,
           si->si_signo == SIGCHLD ? "SIGCHLD" : si->si_signo ? "?" : "0",
           code_name(si->si_code),
           si->si_pid == expect ? "child" : si->si_pid == 0 ? "0" : "other",
           si->si_uid == getuid() ? "mine" : "other", si->si_status);
}

static pid_t spawn(int code, int pgrp_leader)
{
    fflush(stdout);
    pid_t p = fork();
    if (p < 0) {
        perror("fork");
        exit(1);
    }
    if (p == 0) {
        if (pgrp_leader)
            setpgid(0, 0);
        if (code < 0)
            for (;;)
                pause();
        _exit(code);
    }
    if (pgrp_leader)
        setpgid(p, p);
    return p;
}

int main(void)
{
    siginfo_t si;
    int r;

    pid_t p = spawn(5, 0);
    memset(&si, 0, sizeof(si));
    r = waitid(P_PID, p, &si, WEXITED | WNOWAIT);
    show("WNOWAIT", r, &si, p);
    memset(&si, 0, sizeof(si));
    r = waitid(P_PID, p, &si, WEXITED);
    show("exited", r, &si, p);

    p = spawn(-1, 0);
    memset(&si, 0, sizeof(si));
    r = waitid(P_PID, p, &si, WEXITED | WNOHANG);
    show("WNOHANG", r, &si, p);

    kill(p, SIGSTOP);
    memset(&si, 0, sizeof(si));
    r = waitid(P_PID, p, &si, WSTOPPED);
    show("stopped", r, &si, p);
    kill(p, SIGCONT);
    memset(&si, 0, sizeof(si));
    r = waitid(P_PID, p, &si, WCONTINUED);
    show("continued", r, &si, p);
    kill(p, SIGUSR1);
    memset(&si, 0, sizeof(si));
    r = waitid(P_PID, p, &si, WEXITED);
    show("killed", r, &si, p);

    /* A process group of its own. */
    p = spawn(9, 1);
    memset(&si, 0, sizeof(si));
    r = waitid(P_PGID, p, &si, WEXITED);
    show("P_PGID", r, &si, p);

    p = spawn(11, 0);
    memset(&si, 0xa5, sizeof(si));
    r = waitid(P_ALL, 0, &si, WEXITED);
    show("P_ALL", r, &si, p);
    const unsigned char *b = (const unsigned char *)&si;
    int kept = 1;
    for (size_t i = 32; i < sizeof(si); i++)
        kept &= b[i] == 0xa5;
    printf("bytes past si_status untouched: %d, si_errno %d\n", kept, si.si_errno);

    p = spawn(-1, 0);
    int pidfd = (int)syscall(SYS_pidfd_open, p, 0);
    if (pidfd < 0) {
        printf("pidfd_open: %s\n", strerror(errno));
    } else {
        syscall(SYS_pidfd_send_signal, pidfd, SIGTERM, NULL, 0);
        memset(&si, 0, sizeof(si));
        r = waitid(P_PIDFD, pidfd, &si, WEXITED);
        show("P_PIDFD", r, &si, p);
        close(pidfd);
    }

    errno = 0;
    r = waitid(P_ALL, 0, &si, WEXITED);
    printf("no child: r=%d %s\n", r, strerror(errno));
    errno = 0;
    r = waitid(P_ALL, 0, &si, 0);
    printf("no options: r=%d %s\n", r, strerror(errno));
    errno = 0;
    r = waitid(7, 0, &si, WEXITED);
    printf("bad idtype: r=%d %s\n", r, strerror(errno));
    return 0;
}
