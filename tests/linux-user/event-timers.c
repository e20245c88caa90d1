/* POSIX timers: SIGEV_SIGNAL to a handler (with the timer's value in
 * siginfo), SIGEV_SIGNAL taken by sigwaitinfo, SIGEV_THREAD_ID to the
 * calling thread, SIGEV_NONE read back with timer_gettime, the default
 * sigevent, overruns and errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits, code_ok, value_ok;

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static void on_timer(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    hits++;
    code_ok = si->si_code == SI_TIMER;
    value_ok = si->si_value.sival_int == 99;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 1, &sa, NULL);

    /* 1. periodic timer to a handler: wait for three signals */
    struct sigevent sev;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN + 1;
    sev.sigev_value.sival_int = 99;
    timer_t t1;
    show("create", timer_create(CLOCK_MONOTONIC, &sev, &t1));
    struct itimerspec it = { { 0, 1000000 }, { 0, 1000000 } }, cur;
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &block, &old);
    show("settime", timer_settime(t1, 0, &it, NULL));
    while (hits < 3)
        sigsuspend(&old);
    it = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
    timer_settime(t1, 0, &it, NULL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("handler: hits >= 3 %d, SI_TIMER %d, value %d\n", hits >= 3, code_ok, value_ok);
    show("overrun", timer_getoverrun(t1) >= 0);
    show("delete", timer_delete(t1));
    show("delete again", timer_delete(t1));

    /* 2. blocked signal taken with sigwaitinfo */
    sigset_t w;
    sigemptyset(&w);
    sigaddset(&w, SIGRTMIN + 3);
    sigprocmask(SIG_BLOCK, &w, NULL);
    sev.sigev_signo = SIGRTMIN + 3;
    sev.sigev_value.sival_ptr = (void *)0x1234;
    timer_t t2;
    timer_create(CLOCK_REALTIME, &sev, &t2);
    it = (struct itimerspec){ { 0, 0 }, { 0, 500000 } };
    timer_settime(t2, 0, &it, NULL);
    siginfo_t si;
    int s = sigwaitinfo(&w, &si);
    printf("sigwaitinfo: SIGRTMIN+%d code %d ptr %p overrun %d timerid ok %d\n",
           s - SIGRTMIN, si.si_code, si.si_value.sival_ptr, si.si_overrun,
           si.si_timerid >= 0);
    timer_delete(t2);

    /* 3. SIGEV_THREAD_ID to this thread */
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGRTMIN + 3;
    sev._sigev_un._tid = gettid();
    timer_t t3;
    show("create thread id", timer_create(CLOCK_MONOTONIC, &sev, &t3));
    timer_settime(t3, 0, &it, NULL);
    s = sigwaitinfo(&w, &si);
    printf("thread id: SIGRTMIN+%d code %d\n", s - SIGRTMIN, si.si_code);
    timer_delete(t3);
    sev._sigev_un._tid = 1;
    show("thread id of another process", timer_create(CLOCK_MONOTONIC, &sev, &t3));

    /* 4. SIGEV_NONE: nothing delivered, the time left is readable */
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_NONE;
    timer_t t4;
    show("create none", timer_create(CLOCK_MONOTONIC, &sev, &t4));
    it = (struct itimerspec){ { 1, 0 }, { 50, 0 } };
    timer_settime(t4, 0, &it, NULL);
    show("gettime", timer_gettime(t4, &cur));
    printf("none: value in (40,50]: %d interval %ld\n",
           cur.it_value.tv_sec >= 40 && cur.it_value.tv_sec <= 50, (long)cur.it_interval.tv_sec);
    struct itimerspec prev;
    it = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
    show("disarm with old", timer_settime(t4, 0, &it, &prev));
    printf("old interval %ld\n", (long)prev.it_interval.tv_sec);
    timer_gettime(t4, &cur);
    printf("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    timer_delete(t4);

    /* 5. the default sigevent: SIGALRM */
    timer_t t5;
    show("create default", syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &t5));
    sigset_t alrm;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    it = (struct itimerspec){ { 0, 0 }, { 0, 100000 } };
    syscall(SYS_timer_settime, (long)(int)(long)t5, 0, &it, NULL);
    s = sigwaitinfo(&alrm, &si);
    printf("default: %s code %d\n", s == SIGALRM ? "SIGALRM" : "other", si.si_code);

    /* errors */
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = 100;
    show("bad signal", timer_create(CLOCK_MONOTONIC, &sev, &t4));
    sev.sigev_signo = SIGUSR1;
    show("bad clock", timer_create(99, &sev, &t4));
    show("bad sigevent", syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)16, &t4));
    show("bad id pointer", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, (void *)16));
    show("settime bad id", syscall(SYS_timer_settime, 12345, 0, &it, NULL));
    show("gettime bad buffer", syscall(SYS_timer_gettime, 0, (void *)16));
    return 0;
}
