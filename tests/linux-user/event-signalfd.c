/* signalfd reading blocked signals the kernel keeps pending: an interval
 * timer's SIGALRM, a POSIX timer's real-time signal with its value, and
 * signals the thread sends itself (raise, sigqueue). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static void read_one(int fd)
{
    struct signalfd_siginfo si;
    long r = read(fd, &si, sizeof(si));
    if (r < 0) {
        printf("read: -1 %s\n", strerror(errno));
        return;
    }
    printf("read %ld: signo %s code %d int %d pid ok %d\n", r,
           si.ssi_signo == SIGALRM ? "SIGALRM" : si.ssi_signo == (unsigned)SIGRTMIN + 2 ?
           "SIGRTMIN+2" : "other", si.ssi_code, si.ssi_int, si.ssi_pid == 0);
}

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);

    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    printf("fd ok: %d\n", fd >= 3);
    read_one(fd);

    struct itimerval it = { { 0, 0 }, { 0, 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    struct pollfd p = { fd, POLLIN, 0 };
    show("poll for SIGALRM", poll(&p, 1, 10000));
    read_one(fd);

    struct sigevent sev;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN + 2;
    sev.sigev_value.sival_int = 4242;
    timer_t t;
    show("timer_create", timer_create(CLOCK_MONOTONIC, &sev, &t));
    struct itimerspec ts = { { 0, 0 }, { 0, 1000000 } };
    timer_settime(t, 0, &ts, NULL);
    show("poll for the timer", poll(&p, 1, 10000));
    read_one(fd);
    read_one(fd);
    timer_delete(t);

    /* sent by the thread itself */
    sigset_t usr;
    sigemptyset(&usr);
    sigaddset(&usr, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr, NULL);
    int ufd = signalfd(-1, &usr, SFD_NONBLOCK);
    raise(SIGUSR1);
    struct signalfd_siginfo si;
    long r = read(ufd, &si, sizeof(si));
    printf("raise: %ld signo ok %d code %d pid ok %d\n", r, si.ssi_signo == SIGUSR1,
           si.ssi_code, si.ssi_pid == (unsigned)getpid());
    sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 31337 });
    r = read(ufd, &si, sizeof(si));
    printf("sigqueue: %ld code %d int %d\n", r, si.ssi_code, si.ssi_int);
    show("empty again", read(ufd, &si, sizeof(si)));

    /* the mask can be changed on the same descriptor */
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, SIGALRM);
    show("same fd", signalfd(fd, &only, 0) == fd);
    show("bad mask", syscall(SYS_signalfd4, -1, (void *)16, 8, 0));
    show("bad flags", signalfd(-1, &only, 0x10));
    show("not a signalfd", signalfd(0, &only, 0));
    return 0;
}
