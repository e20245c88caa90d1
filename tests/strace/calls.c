/*
 * One call of each kind -strace decodes, made with raw syscall() so that
 * no libc changes them.  Every structure lives in a page mapped at the
 * fixed address BASE, so the printed addresses are the same on every run;
 * calls that would give varying results (new SysV ids, child pids) are
 * made with arguments the kernel rejects, which decodes them just the same.
 * The calls between close(-100) and close(-101) are compared by `run`.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BASE 0x70000000ul
#define AT(off) ((void *)(BASE + (off)))

struct g_timespec {
    int64_t sec, nsec;
};

static void put(unsigned long off, const void *src, size_t len)
{
    memcpy(AT(off), src, len);
}

static void put_ts(unsigned long off, int64_t sec, int64_t nsec)
{
    struct g_timespec ts = { sec, nsec };
    put(off, &ts, sizeof(ts));
}

static void put_u64(unsigned long off, uint64_t v)
{
    put(off, &v, 8);
}

static void put_u32(unsigned long off, uint32_t v)
{
    put(off, &v, 4);
}

/* Descriptors the calls return, for the calls after them. */
static long file, evfd, tfd, ifd, epfd, pipe_rd, pipe_wr, listener, client, server, udp;

static void files(void)
{
    syscall(SYS_openat, AT_FDCWD, "/nonexistent", O_RDONLY | O_CLOEXEC | 0x40000000, 0);
    file = syscall(SYS_openat, AT_FDCWD, "f1", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    syscall(SYS_fallocate, file, 0x02 | 0x100, 0L, 4096L);  /* PUNCH_HOLE without KEEP_SIZE */
    put_ts(0, 0, (1l << 30) - 1);                        /* UTIME_NOW */
    put_ts(16, 0, (1l << 30) - 2);                       /* UTIME_OMIT */
    syscall(SYS_utimensat, AT_FDCWD, "f1", AT(0), 0);
    put_ts(0, 1, 2);
    syscall(SYS_utimensat, AT_FDCWD, "f1", AT(0), AT_SYMLINK_NOFOLLOW);
    syscall(SYS_faccessat, AT_FDCWD, "f1", R_OK | W_OK);
    syscall(SYS_faccessat, AT_FDCWD, "nope", F_OK);
    syscall(SYS_mkdirat, AT_FDCWD, "d1", 0755);
    syscall(SYS_unlinkat, AT_FDCWD, "d1", AT_REMOVEDIR);
    syscall(SYS_statfs, ".", AT(0x800));
    syscall(SYS_statfs, "/nonexistent", AT(0x800));
    syscall(SYS_memfd_create, "m", 0x1 | 0x2);
    syscall(SYS_memfd_create, "m", 0x100);
    syscall(SYS_fcntl, file, F_SETFL, O_APPEND | O_NONBLOCK);
    syscall(SYS_fcntl, file, F_SETFD, FD_CLOEXEC);
    syscall(SYS_fcntl, file, F_DUPFD_CLOEXEC, 20);
    syscall(SYS_lseek, file, 0L, SEEK_END);
    syscall(SYS_flock, file, LOCK_EX | LOCK_NB);
    syscall(SYS_renameat2, AT_FDCWD, "f1", AT_FDCWD, "f1", 1 | 2); /* NOREPLACE|EXCHANGE */
    syscall(SYS_statx, AT_FDCWD, "f1", AT_SYMLINK_NOFOLLOW, 0x7ff, AT(0x4000));
}

static void events(void)
{
    evfd = syscall(SYS_eventfd2, 0, O_NONBLOCK | O_CLOEXEC);
    tfd = syscall(SYS_timerfd_create, 1, O_CLOEXEC);
    put_ts(0, 0, 0);
    put_ts(16, 100, 5);
    syscall(SYS_timerfd_settime, tfd, 0, AT(0), NULL);
    syscall(SYS_timerfd_settime, tfd, 1 | 2, AT(0x10000), NULL);        /* unmapped */
    syscall(SYS_timerfd_gettime, tfd, AT(0x100));
    put_u64(0x200, (1ull << (SIGUSR1 - 1)) | (1ull << (SIGTERM - 1)));
    syscall(SYS_signalfd4, -1, AT(0x200), 8, O_NONBLOCK | O_CLOEXEC);
    ifd = syscall(SYS_inotify_init1, O_CLOEXEC);
    syscall(SYS_inotify_add_watch, ifd, ".", 0x100 | 0x200 | 0x01000000);
    epfd = syscall(SYS_epoll_create1, O_CLOEXEC);
    put_u32(0x300, 0x1 | (1u << 31));                                 /* EPOLLIN|EPOLLET */
    put_u64(0x308, 0x1234);
    syscall(SYS_epoll_ctl, epfd, 1, evfd, AT(0x300));
    syscall(SYS_epoll_ctl, epfd, 1, evfd, AT(0x10000));
    syscall(SYS_epoll_pwait, epfd, AT(0x400), 4, 0, NULL, 8);
    syscall(SYS_epoll_ctl, epfd, 2, evfd, NULL);
}

static void polls(void)
{
    syscall(SYS_pipe2, AT(0x500), O_CLOEXEC);
    pipe_rd = ((int32_t *)AT(0x500))[0];
    pipe_wr = ((int32_t *)AT(0x500))[1];
    struct { int32_t fd; int16_t events, revents; } fds[2] = {
        { (int32_t)pipe_rd, 0x1, 0 }, { (int32_t)pipe_wr, 0x4, 0 },
    };
    put(0x600, fds, sizeof(fds));
    put_ts(0x700, 0, 0);
    syscall(SYS_ppoll, AT(0x600), 2, AT(0x700), NULL, 8);
    syscall(SYS_ppoll, AT(0x10000), 1, NULL, NULL, 8);
    put_u64(0x800, 1ull << pipe_rd);
    put_u64(0x808, 1ull << pipe_wr);
    syscall(SYS_pselect6, pipe_wr + 1, AT(0x800), AT(0x808), NULL, AT(0x700), NULL);
}

static void sockets(void)
{
    put_u32(0x900, 1);
    listener = syscall(SYS_socket, 1, SOCK_STREAM | SOCK_NONBLOCK, 0);
    uint8_t sun[7] = { 1, 0, 's', 'o', 'c', 'k', 0 };                 /* AF_UNIX "sock" */
    put(0xa00, sun, sizeof(sun));
    syscall(SYS_bind, listener, AT(0xa00), 7);
    syscall(SYS_listen, listener, 1);
    client = syscall(SYS_socket, 1, SOCK_STREAM | SOCK_CLOEXEC, 0);
    syscall(SYS_setsockopt, client, 1, 2, AT(0x900), 4);              /* SO_REUSEADDR */
    put_u32(0x908, 4);
    syscall(SYS_getsockopt, client, 1, 3, AT(0x904), AT(0x908));      /* SO_TYPE */
    syscall(SYS_connect, client, AT(0xa00), 7);
    server = syscall(SYS_accept4, listener, NULL, NULL, SOCK_CLOEXEC);
    put(0xb00, "hello", 5);
    uint64_t iov[2] = { BASE + 0xb00, 5 };
    put(0xb10, iov, sizeof(iov));
    uint64_t msg[7] = { 0, 0, BASE + 0xb10, 1, 0, 0, 0 };
    put(0xc00, msg, sizeof(msg));
    syscall(SYS_sendmsg, client, AT(0xc00), MSG_NOSIGNAL);
    uint64_t riov[2] = { BASE + 0xd00, 64 };
    put(0xb20, riov, sizeof(riov));
    uint64_t rmsg[7] = { 0, 0, BASE + 0xb20, 1, BASE + 0xe00, 64, 0 };
    put(0xc40, rmsg, sizeof(rmsg));
    syscall(SYS_recvmsg, server, AT(0xc40), MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    syscall(SYS_shutdown, client, SHUT_WR);
    udp = syscall(SYS_socket, 2, SOCK_DGRAM, 17);
    syscall(SYS_setsockopt, udp, 6, 1, AT(0x900), 4);                /* SOL_TCP TCP_NODELAY */
    syscall(SYS_setsockopt, udp, 0, 2, AT(0x900), 4);                /* SOL_IP IP_TTL */
    uint8_t sin[16] = { 2, 0, 0x1f, 0x90, 127, 0, 0, 1 };             /* 127.0.0.1:8080 */
    put(0xa40, sin, sizeof(sin));
    syscall(SYS_connect, -1, AT(0xa40), 16);
    uint8_t sin6[28] = { 10, 0, 0, 80 };                             /* [::1]:80 */
    sin6[23] = 1;
    put(0xa80, sin6, sizeof(sin6));
    syscall(SYS_connect, -1, AT(0xa80), 28);
    syscall(SYS_connect, -1, AT(0x10000), 16);
    syscall(SYS_socket, 99, 0x100000 | 1, 0);
}

static void sysv(void)
{
    syscall(SYS_semget, 0, -1, 01000 | 0600);
    struct { uint16_t num; int16_t op, flg; } sop = { 0, 1, 0x1000 | 04000 };
    put(0xf00, &sop, sizeof(sop));
    syscall(SYS_semop, -1, AT(0xf00), 1);
    syscall(SYS_semctl, -1, 0, 0x100 | 0, 0);                        /* IPC_64|IPC_RMID */
    syscall(SYS_msgget, 0x7e57babe, 02000 | 0644);
    syscall(SYS_msgsnd, -1, AT(0xf10), 8, 04000);
    syscall(SYS_msgctl, -1, 2, AT(0xf20));
    syscall(SYS_shmget, 0, 0, 01000 | 02000 | 0600);
    syscall(SYS_shmat, -1, NULL, 010000 | 020000);
}

static void clocks_and_sched(void)
{
    syscall(SYS_clock_gettime, 1, AT(0x100));
    syscall(SYS_clock_getres, 7, AT(0x100));
    put_ts(0x700, 0, 1000);
    syscall(SYS_clock_nanosleep, 1, 0, AT(0x700), NULL);
    put_ts(0x700, 0, 0);
    syscall(SYS_clock_nanosleep, 0, 1, AT(0x700), NULL);
    syscall(SYS_clock_gettime, 77, AT(0x100));
    struct { uint64_t value; int32_t signo, notify; int32_t tid; } sev = { 0x42, SIGUSR2, 0, 0 };
    put(0x1000, &sev, sizeof(sev));
    syscall(SYS_timer_create, 1, AT(0x1000), AT(0x1100));
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_get_priority_max, 1);
    put_u32(0x1200, 0);
    syscall(SYS_sched_setscheduler, 0, 3, AT(0x1200));
    syscall(SYS_sched_setscheduler, 0, 0 | 0x40000000, AT(0x1200));
    syscall(SYS_sched_setparam, 0, AT(0x1200));
}

static void control(void)
{
    syscall(SYS_ioctl, 0, 0x5401, AT(0x1300));                       /* TCGETS */
    syscall(SYS_ioctl, pipe_rd, 0x5402, AT(0x1300));                 /* TCSETS */
    syscall(SYS_ioctl, pipe_rd, 0x5413, AT(0x1300));                 /* TIOCGWINSZ */
    syscall(SYS_ioctl, pipe_rd, 0x541B, AT(0x1300));                 /* FIONREAD */
    put_u32(0x1310, 1);
    syscall(SYS_ioctl, pipe_rd, 0x5421, AT(0x1310));                 /* FIONBIO */
    syscall(SYS_ioctl, pipe_rd, 0x1234abcd, 0);
    syscall(SYS_prctl, 15, "strace-test", 0, 0, 0);                  /* PR_SET_NAME */
    syscall(SYS_prctl, 16, AT(0x1400), 0, 0, 0);                     /* PR_GET_NAME */
    syscall(SYS_prctl, 1, SIGTERM, 0, 0, 0);                         /* PR_SET_PDEATHSIG */
    syscall(SYS_prctl, 0x7fff, 0, 0, 0, 0);
    put_u32(0x1500, 0);
    syscall(SYS_futex, AT(0x1500), 1 | 128, 1, NULL, NULL, 0);       /* WAKE|PRIVATE */
    put_ts(0x700, 0, 0);
    syscall(SYS_futex, AT(0x1500), 9 | 128 | 256, 1, AT(0x700), NULL, ~0u);
    syscall(SYS_futex, AT(0x1500), 0, 0, AT(0x10000), NULL, 0);       /* bad timeout */
    syscall(SYS_clone, 0x10000 | SIGCHLD, NULL, NULL, NULL, NULL);   /* THREAD without SIGHAND */
    syscall(SYS_wait4, -1, AT(0x1600), 1 | 2, NULL);
    syscall(SYS_waitid, 0, 0, AT(0x1700), 4 | 1, NULL);
}

static void signals(void)
{
    put_u64(0x1800, 1ull << (SIGUSR1 - 1));
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, AT(0x1800), NULL, 8);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
    syscall(SYS_rt_sigpending, AT(0x1808), 8);
    put_ts(0x700, 0, 0);
    syscall(SYS_rt_sigtimedwait, AT(0x1800), NULL, AT(0x700), 8);
    syscall(SYS_kill, 0x7fffffff, SIGKILL);
    syscall(SYS_kill, 0, 99);
    uint64_t act[3] = { 1, 0x10000000, (1ull << (SIGINT - 1)) | (1ull << (SIGQUIT - 1)) };
    put(0x1900, act, sizeof(act));
    syscall(SYS_rt_sigaction, SIGUSR2, AT(0x1900), AT(0x1a00), 8);
    uint64_t act2[3] = { 0x12340, 0x4 | 0x08000000, ~0ull & ~((1ull << 8) | (1ull << 18)) };
    put(0x1940, act2, sizeof(act2));
    syscall(SYS_rt_sigaction, 34, AT(0x1940), NULL, 8);
    syscall(SYS_rt_sigaction, SIGUSR1, AT(0x10000), NULL, 8);
    struct { uint64_t sp; int32_t flags, pad; uint64_t size; } ss = { 0, 2, 0, 0 };
    put(0x1b00, &ss, sizeof(ss));
    syscall(SYS_sigaltstack, AT(0x1b00), AT(0x1b40));
    syscall(SYS_getitimer, 2, AT(0x1b80));
    put_u64(0x1800, 0);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, AT(0x1800), NULL, 8);
}

static void memory(void)
{
    void *p = AT(0x20000);
    syscall(SYS_mmap, p, 4096, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    syscall(SYS_mprotect, p, 4096, PROT_READ | PROT_EXEC);
    syscall(SYS_mprotect, p, 4096, PROT_READ | 0x10);
    syscall(SYS_madvise, p, 4096, MADV_DONTNEED);
    syscall(SYS_msync, p, 4096, MS_SYNC | MS_INVALIDATE);
    syscall(SYS_mprotect, p, 4096, PROT_NONE);
    syscall(SYS_getrlimit, RLIMIT_NOFILE, AT(0x1c00));
    syscall(SYS_munmap, p, 4096);
}

int main(void)
{
    if (mmap(AT(0), 0x10000, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != AT(0))
        return 1;
    syscall(SYS_close, -100);
    files();
    events();
    polls();
    sockets();
    sysv();
    clocks_and_sched();
    control();
    signals();
    memory();
    syscall(SYS_close, -101);
    return 0;
}
