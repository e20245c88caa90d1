/*
 * A signal arriving while the main thread blocks in each kind of system
 * call, for a handler without and with SA_RESTART.  Restartable calls
 * (pipe read, readv and write, wait4, waitid, accept, recv, flock,
 * fcntl F_SETLKW and F_OFD_SETLKW, sem_wait's futex wait) fail with
 * EINTR without SA_RESTART and go on with it (another thread then lets
 * them finish).  Calls Linux never restarts (signal(7)): nanosleep,
 * clock_nanosleep, poll, select, epoll_wait, sigsuspend, msgrcv, semop,
 * a timed futex wait (sem_timedwait) and socket calls on a socket with
 * SO_RCVTIMEO / SO_SNDTIMEO fail with EINTR either way.
 *
 * A helper thread signals the main thread every 10 ms until the call
 * has returned (so a signal that came before the call blocked is
 * followed by one that interrupts it); with SA_RESTART it also releases
 * a restartable call once the handler has run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/msg.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static atomic_int handled, done, restarting;
static pthread_t main_thread;
static int p[2], sv[2], lfd, fa, fb, ep, msq, semid;
static pid_t kid;
static int kid_pipe[2];
static sem_t sem;
static struct sockaddr_un addr;

static void handler(int sig)
{
    (void)sig;
    atomic_fetch_add(&handled, 1);
}

struct call {
    const char *name;
    long (*run)(void);       /* the blocking call: its result, errno set */
    void (*release)(void);   /* makes it finish; NULL: never restarted */
    void (*setup)(void), (*cleanup)(void);
};

static void sleep_ms(int ms)
{
    struct timespec ts = { 0, ms * 1000L * 1000L };
    nanosleep(&ts, NULL);
}

static void *poker(void *arg)
{
    const struct call *c = arg;
    int released = 0;

    while (!atomic_load(&done)) {
        pthread_kill(main_thread, SIGUSR1);
        sleep_ms(10);
        if (c->release && atomic_load(&restarting) && !released && atomic_load(&handled) > 0) {
            released = 1;
            c->release();
        }
    }
    return NULL;
}

static void run_call(const struct call *c, int restart)
{
    struct sigaction sa;
    pthread_t t;
    long r;
    int e;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGUSR1, &sa, NULL);
    if (c->setup)
        c->setup();
    atomic_store(&handled, 0);
    atomic_store(&done, 0);
    atomic_store(&restarting, restart);
    pthread_create(&t, NULL, poker, (void *)c);
    errno = 0;
    r = c->run();
    e = errno;
    atomic_store(&done, 1);
    pthread_join(t, NULL);
    if (r < 0)
        printf("%-22s %-13s: -1 %s, handler ran %d\n", c->name, restart ? "SA_RESTART" : "no SA_RESTART",
               e == EINTR ? "EINTR" : strerror(e), atomic_load(&handled) > 0);
    else
        printf("%-22s %-13s: %ld, handler ran %d\n", c->name, restart ? "SA_RESTART" : "no SA_RESTART",
               r, atomic_load(&handled) > 0);
    fflush(stdout);
    if (c->cleanup)
        c->cleanup();
}

/* Pipes. */
static void pipe_setup(void) { pipe(p); }
static void pipe_cleanup(void) { close(p[0]); close(p[1]); }
static void pipe_release(void) { write(p[1], "xyz", 3); }
static long do_read(void) { char b[8]; return read(p[0], b, sizeof(b)); }
static long do_readv(void)
{
    char b1[2], b2[8];
    struct iovec v[2] = { { b1, sizeof(b1) }, { b2, sizeof(b2) } };
    return readv(p[0], v, 2);
}
static void full_setup(void)
{
    char buf[4096] = { 0 };
    pipe(p);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    while (write(p[1], buf, sizeof(buf)) > 0)
        continue;
    while (write(p[1], buf, 1) > 0)
        continue;
    fcntl(p[1], F_SETFL, 0);
}
static void full_release(void)
{
    char buf[4096];
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    while (read(p[0], buf, sizeof(buf)) > 0)
        continue;
}
static long do_write(void) { return write(p[1], "a", 1); }

/* A child that exits with 5 once told to. */
static void kid_setup(void)
{
    pipe(kid_pipe);
    kid = fork();
    if (kid == 0) {
        char c;
        close(kid_pipe[1]);
        read(kid_pipe[0], &c, 1);
        _exit(5);
    }
    close(kid_pipe[0]);
}
static void kid_release(void) { write(kid_pipe[1], "x", 1); }
static void kid_cleanup(void)
{
    close(kid_pipe[1]);
    waitpid(kid, NULL, 0);
}
static long do_wait4(void)
{
    int st = 0;
    pid_t r = wait4(kid, &st, 0, NULL);
    return r == kid ? WEXITSTATUS(st) : r < 0 ? -1 : 99;
}
static long do_waitid(void)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    if (waitid(P_PID, kid, &si, WEXITED | WNOWAIT) < 0)
        return -1;
    return si.si_pid == kid ? si.si_status : 99;
}

/* A child holding a process lock (fcntl F_SETLK) until told. */
static void lock_kid_setup(void)
{
    int ready[2];
    char c;
    lfd = open("lockfile", O_RDWR | O_CREAT, 0644);
    pipe(kid_pipe);
    pipe(ready);
    kid = fork();
    if (kid == 0) {
        struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
        fcntl(lfd, F_SETLK, &fl);
        close(kid_pipe[1]);
        write(ready[1], "r", 1);
        read(kid_pipe[0], &c, 1);
        _exit(0);
    }
    close(kid_pipe[0]);
    read(ready[0], &c, 1);
    close(ready[0]);
    close(ready[1]);
}
static void lock_kid_cleanup(void)
{
    kid_cleanup();
    close(lfd);
}
static long do_setlkw(void)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    return fcntl(lfd, F_SETLKW, &fl);
}

/* Two open file descriptions of one file: OFD locks and flock. */
static void two_setup(void)
{
    fa = open("lockfile2", O_RDWR | O_CREAT, 0644);
    fb = open("lockfile2", O_RDWR);
}
static void two_cleanup(void) { close(fa); close(fb); }
static void ofd_setup(void)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    two_setup();
    fcntl(fa, F_OFD_SETLK, &fl);
}
static void ofd_release(void)
{
    struct flock fl = { .l_type = F_UNLCK, .l_whence = SEEK_SET };
    fcntl(fa, F_OFD_SETLK, &fl);
}
static long do_ofd_setlkw(void)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    return fcntl(fb, F_OFD_SETLKW, &fl);
}
static void flock_setup(void) { two_setup(); flock(fa, LOCK_EX); }
static void flock_release(void) { flock(fa, LOCK_UN); }
static long do_flock(void) { return flock(fb, LOCK_EX); }

/* Sockets. */
static void sp_setup(void) { socketpair(AF_UNIX, SOCK_STREAM, 0, sv); }
static void sp_cleanup(void) { close(sv[0]); close(sv[1]); }
static void sp_release(void) { send(sv[1], "abcd", 4, 0); }
static long do_recv(void) { char b[8]; return recv(sv[0], b, sizeof(b), 0); }
static long do_sock_read(void) { char b[8]; return read(sv[0], b, sizeof(b)); }
static void sp_timeo_setup(void)
{
    struct timeval tv = { 20, 0 };
    sp_setup();
    setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}
static void sp_full_setup(void)
{
    char buf[4096] = { 0 };
    sp_timeo_setup();
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    while (send(sv[0], buf, sizeof(buf), 0) > 0)
        continue;
    while (send(sv[0], buf, 1, 0) > 0)
        continue;
    fcntl(sv[0], F_SETFL, 0);
}
static long do_send(void) { return send(sv[0], "a", 1, 0); }
static void listen_setup(void)
{
    lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    strcpy(addr.sun_path, "sock");
    unlink("sock");
    bind(lfd, (struct sockaddr *)&addr, sizeof(addr));
    listen(lfd, 4);
}
static void listen_release(void)
{
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&addr, sizeof(addr));
    close(c);
}
static void listen_cleanup(void) { close(lfd); unlink("sock"); }
static long do_accept(void)
{
    int c = accept(lfd, NULL, NULL);
    if (c < 0)
        return -1;
    close(c);
    return 0;
}
static void listen_timeo_setup(void)
{
    struct timeval tv = { 20, 0 };
    listen_setup();
    setsockopt(lfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/* Futex waits through semaphores. */
static void sem_setup(void) { sem_init(&sem, 0, 0); }
static void sem_release(void) { sem_post(&sem); }
static void sem_cleanup(void) { sem_destroy(&sem); }
static long do_sem_wait(void) { return sem_wait(&sem); }
static long do_sem_timedwait(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 20;
    return sem_timedwait(&sem, &ts);
}

/* Never restarted. */
static long do_nanosleep(void)
{
    struct timespec ts = { 20, 0 };
    return nanosleep(&ts, NULL);
}
static long do_clock_nanosleep(void)
{
    struct timespec ts = { 20, 0 };
    int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
    errno = r;
    return r ? -1 : 0;
}
static long do_poll(void)
{
    struct pollfd pf = { p[0], POLLIN, 0 };
    return poll(&pf, 1, 20000);
}
static long do_select(void)
{
    fd_set rs;
    struct timeval tv = { 20, 0 };
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    return select(p[0] + 1, &rs, NULL, NULL, &tv);
}
static void ep_setup(void)
{
    struct epoll_event ev = { .events = EPOLLIN };
    pipe_setup();
    ep = epoll_create1(0);
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
}
static void ep_cleanup(void) { close(ep); pipe_cleanup(); }
static long do_epoll(void)
{
    struct epoll_event ev;
    return epoll_wait(ep, &ev, 1, 20000);
}
static long do_sigsuspend(void)
{
    sigset_t none;
    sigemptyset(&none);
    return sigsuspend(&none);
}
static void msg_setup(void) { msq = msgget(IPC_PRIVATE, 0600); }
static void msg_cleanup(void) { msgctl(msq, IPC_RMID, NULL); }
static long do_msgrcv(void)
{
    struct { long type; char text[8]; } m;
    return msgrcv(msq, &m, sizeof(m.text), 0, 0);
}
static void sem_v_setup(void) { semid = semget(IPC_PRIVATE, 1, 0600); }
static void sem_v_cleanup(void) { semctl(semid, 0, IPC_RMID); }
static long do_semop(void)
{
    struct sembuf op = { 0, -1, 0 };
    return semop(semid, &op, 1);
}

static const struct call calls[] = {
    { "read pipe", do_read, pipe_release, pipe_setup, pipe_cleanup },
    { "readv pipe", do_readv, pipe_release, pipe_setup, pipe_cleanup },
    { "write full pipe", do_write, full_release, full_setup, pipe_cleanup },
    { "wait4", do_wait4, kid_release, kid_setup, kid_cleanup },
    { "waitid", do_waitid, kid_release, kid_setup, kid_cleanup },
    { "fcntl F_SETLKW", do_setlkw, kid_release, lock_kid_setup, lock_kid_cleanup },
    { "fcntl F_OFD_SETLKW", do_ofd_setlkw, ofd_release, ofd_setup, two_cleanup },
    { "flock", do_flock, flock_release, flock_setup, two_cleanup },
    { "recv", do_recv, sp_release, sp_setup, sp_cleanup },
    { "read socket", do_sock_read, sp_release, sp_setup, sp_cleanup },
    { "accept", do_accept, listen_release, listen_setup, listen_cleanup },
    { "sem_wait", do_sem_wait, sem_release, sem_setup, sem_cleanup },
    { "recv SO_RCVTIMEO", do_recv, NULL, sp_timeo_setup, sp_cleanup },
    { "read SO_RCVTIMEO", do_sock_read, NULL, sp_timeo_setup, sp_cleanup },
    { "send SO_SNDTIMEO", do_send, NULL, sp_full_setup, sp_cleanup },
    { "accept SO_RCVTIMEO", do_accept, NULL, listen_timeo_setup, listen_cleanup },
    { "sem_timedwait", do_sem_timedwait, NULL, sem_setup, sem_cleanup },
    { "nanosleep", do_nanosleep, NULL, NULL, NULL },
    { "clock_nanosleep", do_clock_nanosleep, NULL, NULL, NULL },
    { "poll", do_poll, NULL, pipe_setup, pipe_cleanup },
    { "select", do_select, NULL, pipe_setup, pipe_cleanup },
    { "epoll_wait", do_epoll, NULL, ep_setup, ep_cleanup },
    { "sigsuspend", do_sigsuspend, NULL, NULL, NULL },
    { "msgrcv", do_msgrcv, NULL, msg_setup, msg_cleanup },
    { "semop", do_semop, NULL, sem_v_setup, sem_v_cleanup },
};

int main(void)
{
    main_thread = pthread_self();
    for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
        run_call(&calls[i], 0);
        run_call(&calls[i], 1);
    }
    return 0;
}
