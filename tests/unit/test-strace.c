/*
 * The -strace printers (linux-user/strace*.c), one format letter at a
 * time: names of flags and values, the bits no name covers as a hex
 * remainder, structures read from the tests/unit/sys-fixture guest
 * window, and unreadable guest pointers printed as their address.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/strace.h"
#include "linux-user/syscall-nr.h"
#include "linux-user/syscall.h"
#include "sys-fixture.h"
#include "uemu/linux-user.h"
#include "uemu/log.h"
#include "uemu/options.h"

#define W(off) (sysfx_gwin + (off))
#define BAD W(SYSFX_UNMAPPED)

/* Argument i of a call with these arguments, printed with letter f. */
static const char *argf(char f, int i, uint64_t a0, uint64_t a1, uint64_t a2)
{
    static struct lu_strace_buf b;
    const uint64_t args[6] = { a0, a1, a2, 0, 0, 0 };

    b.len = 0;
    b.text[0] = 0;
    lu_strace_arg(&b, f, args, i);
    return b.text;
}

/* The first argument alone. */
static const char *arg(char f, uint64_t v)
{
    return argf(f, 0, v, 0, 0);
}

/* "0x<address of the unmapped page>" */
static const char *bad_text(void)
{
    static char text[32];
    snprintf(text, sizeof(text), "0x%llx", (unsigned long long)BAD);
    return text;
}

static void put(size_t off, const void *src, size_t len)
{
    memcpy(sysfx_win + off, src, len);
}

static void test_flag_printer(void **state)
{
    (void)state;
    static const struct lu_flag_name names[] = {
        { 0x3, "BOTH" }, { 0x1, "ONE" }, { 0x2, "TWO" }, { 0x10, "HIGH" }, { 0, NULL },
    };
    struct lu_strace_buf b = { .len = 0 };

    lu_strace_flags(&b, 0x13, names, "0");
    assert_string_equal(b.text, "BOTH|HIGH");
    b.len = 0;
    lu_strace_flags(&b, 0x41, names, "0");
    assert_string_equal(b.text, "ONE|0x40");
    b.len = 0;
    lu_strace_flags(&b, 0x80, names, "0");
    assert_string_equal(b.text, "0x80");
    b.len = 0;
    lu_strace_flags(&b, 0, names, "NONE");
    assert_string_equal(b.text, "NONE");
    b.len = 0;
    lu_strace_enum(&b, 16, names);
    assert_string_equal(b.text, "HIGH");
    b.len = 0;
    lu_strace_enum(&b, -7, names);
    assert_string_equal(b.text, "-7");
}

static void test_buffer_truncates(void **state)
{
    (void)state;
    struct lu_strace_buf b = { .len = 0 };
    char chunk[301];

    memset(chunk, 'x', 300);
    chunk[300] = 0;
    for (int i = 0; i < 10; i++)
        lu_strace_put(&b, "%s", chunk);
    assert_int_equal(b.len, sizeof(b.text) - 1);
    assert_int_equal(strlen(b.text), sizeof(b.text) - 1);
}

static void test_files(void **state)
{
    (void)state;
    assert_string_equal(arg('o', 0), "O_RDONLY");
    assert_string_equal(arg('o', 0x40000000 | 02000000), "O_RDONLY|O_CLOEXEC|0x40000000");
    assert_string_equal(arg('o', 01 | 0100 | 0200 | 01000), "O_WRONLY|O_CREAT|O_EXCL|O_TRUNC");
    assert_string_equal(arg('o', 02 | 020200000), "O_TMPFILE|O_RDWR");
    assert_string_equal(arg('o', 04010000), "O_RDONLY|O_SYNC");
    assert_string_equal(arg('o', 010000), "O_RDONLY|O_DSYNC");
    /* aarch64's O_DIRECTORY is 040000, asm-generic's O_DIRECT */
    lu_set_abi(&lu_abi_aarch64);
    assert_string_equal(arg('o', 040000), "O_RDONLY|O_DIRECTORY");
    lu_set_abi(&lu_abi_riscv64);
    assert_string_equal(arg('o', 040000), "O_RDONLY|O_DIRECT");
    assert_string_equal(arg('+', 02000000), "O_CLOEXEC");
    assert_string_equal(arg('+', 0), "0");
    assert_string_equal(arg('+', 04000 | 0x40000000), "O_NONBLOCK|0x40000000");
    assert_string_equal(arg('F', (uint64_t)-100), "AT_FDCWD");
    assert_string_equal(arg('F', 7), "7");
    assert_string_equal(arg('A', 0x100 | 0x1000 | 1), "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH|0x1");
    assert_string_equal(arg('A', 0), "0");
    assert_string_equal(arg('a', 0), "F_OK");
    assert_string_equal(arg('a', 7), "R_OK|W_OK|X_OK");
    assert_string_equal(arg('a', 9), "X_OK|0x8");
    assert_string_equal(arg('M', 0644), "0644");
    assert_string_equal(arg('f', 0), "0");
    assert_string_equal(arg('f', 3), "FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE");
    assert_string_equal(arg('f', 0x10 | 0x80), "FALLOC_FL_ZERO_RANGE|0x80");
    assert_string_equal(arg('D', 1 | 2 | 8), "MFD_CLOEXEC|MFD_ALLOW_SEALING|MFD_NOEXEC_SEAL");
    assert_string_equal(arg('D', 0x100), "0x100");
}

static void test_memory_flags(void **state)
{
    (void)state;
    assert_string_equal(arg('P', 0), "PROT_NONE");
    assert_string_equal(arg('P', 7), "PROT_READ|PROT_WRITE|PROT_EXEC");
    assert_string_equal(arg('P', 1 | 0x10), "PROT_READ|0x10");
    assert_string_equal(arg('m', 0x22), "MAP_PRIVATE|MAP_ANONYMOUS");
    assert_string_equal(arg('m', 0x03 | 0x100000), "MAP_SHARED_VALIDATE|MAP_FIXED_NOREPLACE");
    assert_string_equal(arg('m', 0x01 | 0x10 | 0x20000), "MAP_SHARED|MAP_FIXED|MAP_STACK");
    assert_string_equal(arg('m', 0x02 | 0x80000000u), "MAP_PRIVATE|0x80000000");
}

static void test_event_flags(void **state)
{
    (void)state;
    assert_string_equal(arg('e', 1 | 04000 | 02000000), "EFD_SEMAPHORE|EFD_NONBLOCK|EFD_CLOEXEC");
    assert_string_equal(arg('e', 0), "0");
    assert_string_equal(arg('E', 02000000), "EPOLL_CLOEXEC");
    assert_string_equal(arg('E', 1), "0x1");
    assert_string_equal(arg('k', 1), "EPOLL_CTL_ADD");
    assert_string_equal(arg('k', 3), "EPOLL_CTL_MOD");
    assert_string_equal(arg('k', 4), "4");
    assert_string_equal(arg('n', 04000 | 02000000), "IN_NONBLOCK|IN_CLOEXEC");
    assert_string_equal(arg('N', 0x2 | 0x100 | 0x80000000u), "IN_MODIFY|IN_CREATE|IN_ONESHOT");
    assert_string_equal(arg('N', 0x1000), "0x1000");
    assert_string_equal(arg('t', 04000), "TFD_NONBLOCK");
    assert_string_equal(arg('j', 3), "TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET");
    assert_string_equal(arg('j', 4), "0x4");
    assert_string_equal(arg('b', 1), "TIMER_ABSTIME");
    assert_string_equal(arg('b', 0), "0");
    assert_string_equal(arg('W', 02000000 | 1), "SFD_CLOEXEC|0x1");
    assert_string_equal(arg('c', 0), "CLOCK_REALTIME");
    assert_string_equal(arg('c', 11), "CLOCK_TAI");
    assert_string_equal(arg('c', 10), "10");
    assert_string_equal(arg('c', (uint64_t)-2), "-2");
}

static void test_process_flags(void **state)
{
    (void)state;
    assert_string_equal(arg('C', 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x80000),
                        "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SETTLS");
    assert_string_equal(arg('C', 0x4000 | 0x100 | 17), "CLONE_VM|CLONE_VFORK|SIGCHLD");
    assert_string_equal(arg('C', 17), "SIGCHLD");
    assert_string_equal(arg('C', 0), "0");
    assert_string_equal(arg('C', 0x100000000ull | 0x100), "CLONE_VM|0x100000000");
    assert_string_equal(arg('X', 0), "FUTEX_WAIT");
    assert_string_equal(arg('X', 9 | 128 | 256),
                        "FUTEX_WAIT_BITSET|FUTEX_PRIVATE_FLAG|FUTEX_CLOCK_REALTIME");
    assert_string_equal(arg('X', 1 | 128), "FUTEX_WAKE|FUTEX_PRIVATE_FLAG");
    assert_string_equal(arg('X', 99 | 0x200), "99|0x200");
    int64_t ts[2] = { 3, 4 };
    put(0, ts, sizeof(ts));
    assert_string_equal(argf('=', 3, 0, 0, 0), "NULL");             /* FUTEX_WAIT */
    {
        const uint64_t args[6] = { 0, 9 | 128, 1, W(0), 0, 0 };   /* WAIT_BITSET */
        struct lu_strace_buf b = { .len = 0 };
        lu_strace_arg(&b, '=', args, 3);
        assert_string_equal(b.text, "{tv_sec=3,tv_nsec=4}");
    }
    {
        const uint64_t args[6] = { 0, 4 | 128, 1, 7, 0, 0 };      /* CMP_REQUEUE: val2 */
        struct lu_strace_buf b = { .len = 0 };
        lu_strace_arg(&b, '=', args, 3);
        assert_string_equal(b.text, "7");
    }
    assert_string_equal(arg('w', 0), "0");
    assert_string_equal(arg('w', 1 | 2 | 0x40000000), "WNOHANG|WUNTRACED|__WALL");
    assert_string_equal(arg('w', 0x10), "0x10");
    assert_string_equal(arg('!', 1), "P_PID");
    assert_string_equal(arg('!', 9), "9");
    assert_string_equal(arg('r', 15), "PR_SET_NAME");
    assert_string_equal(arg('r', 0x59616d61), "PR_SET_PTRACER");
    assert_string_equal(arg('r', 1000), "1000");
    assert_string_equal(arg('y', 1), "SCHED_FIFO");
    assert_string_equal(arg('y', 3 | 0x40000000), "SCHED_BATCH|SCHED_RESET_ON_FORK");
    assert_string_equal(arg('y', 4), "4");
    assert_string_equal(arg('i', 0x5401), "TCGETS");
    assert_string_equal(arg('i', 0x5413), "TIOCGWINSZ");
    assert_string_equal(arg('i', 0x541B), "FIONREAD");
    assert_string_equal(arg('i', 0x5421), "FIONBIO");
    assert_string_equal(arg('i', 0x80045430), "TIOCGPTN");
    assert_string_equal(arg('i', 0xc0de), "0xc0de");
}

static void test_more_calls(void **state)
{
    (void)state;
    assert_string_equal(arg('1', 1030), "F_DUPFD_CLOEXEC");
    assert_string_equal(arg('1', 2000), "2000");
    assert_string_equal(argf('2', 2, 3, 4, 04000 | 02000000), "O_NONBLOCK|O_CLOEXEC");
    assert_string_equal(argf('2', 2, 3, 4, 0), "0");
    assert_string_equal(argf('2', 2, 3, 2, 1), "FD_CLOEXEC");
    assert_string_equal(argf('2', 2, 3, 0, 10), "10");
    assert_string_equal(argf('2', 2, 3, 10, 34), "SIGRT_2");
    assert_string_equal(argf('2', 2, 3, 1033, 0x1 | 0x8 | 0x40), "F_SEAL_SEAL|F_SEAL_WRITE|0x40");
    assert_string_equal(argf('2', 2, 3, 1024, 1), "F_WRLCK");
    assert_string_equal(argf('2', 2, 3, 1, 0), "0x0");
    assert_string_equal(argf('2', 2, 3, 6, 0), "NULL");
    assert_string_equal(arg('3', 2), "RENAME_EXCHANGE");
    assert_string_equal(arg('4', 0x7ff | 0x800), "STATX_BASIC_STATS|STATX_BTIME");
    assert_string_equal(arg('4', 0x1 | 0x200 | 0x80000000u), "STATX_TYPE|STATX_SIZE|0x80000000");
    assert_string_equal(arg('6', 1 | 2), "MREMAP_MAYMOVE|MREMAP_FIXED");
    assert_string_equal(arg('7', 4), "MADV_DONTNEED");
    assert_string_equal(arg('7', 5), "5");
    assert_string_equal(arg('8', 2), "SEEK_END");
    assert_string_equal(arg('9', 4 | 2), "MS_INVALIDATE|MS_SYNC");
    assert_string_equal(arg('0', 1 | 2), "MCL_CURRENT|MCL_FUTURE");
    assert_string_equal(arg('^', 2 | 4), "LOCK_EX|LOCK_NB");
    assert_string_equal(arg('*', 7), "RLIMIT_NOFILE");
    assert_string_equal(arg('*', 16), "16");
    assert_string_equal(arg('-', 2), "ITIMER_PROF");

    struct { uint64_t sp; int32_t flags, pad; uint64_t size; } ss = { 0x8000, 2, 0, 65536 };
    put(0, &ss, sizeof(ss));
    assert_string_equal(arg('5', W(0)), "{ss_sp=0x8000,ss_flags=SS_DISABLE,ss_size=65536}");
    ss.sp = 0;
    ss.flags = (int32_t)(1u << 31) | 4;
    put(0, &ss, sizeof(ss));
    assert_string_equal(arg('5', W(0)), "{ss_sp=NULL,ss_flags=SS_AUTODISARM|0x4,ss_size=65536}");
    assert_string_equal(arg('5', BAD), bad_text());
}

static void test_signals(void **state)
{
    (void)state;
    assert_string_equal(arg('g', 9), "SIGKILL");
    assert_string_equal(arg('g', 17), "SIGCHLD");
    assert_string_equal(arg('g', 31), "SIGSYS");
    assert_string_equal(arg('g', 32), "SIGRT_0");
    assert_string_equal(arg('g', 64), "SIGRT_32");
    assert_string_equal(arg('g', 0), "0");
    assert_string_equal(arg('g', 65), "65");
    assert_string_equal(arg('h', 0), "SIG_BLOCK");
    assert_string_equal(arg('h', 2), "SIG_SETMASK");
    assert_string_equal(arg('h', 3), "3");

    uint64_t set = (1ull << 1) | (1ull << 14) | (1ull << 33);    /* INT TERM RT_2 */
    put(0, &set, 8);
    assert_string_equal(arg('G', W(0)), "[SIGINT SIGTERM SIGRT_2]");
    set = 0;
    put(0, &set, 8);
    assert_string_equal(arg('G', W(0)), "[]");
    set = ~((1ull << 8) | (1ull << 18));
    put(0, &set, 8);
    assert_string_equal(arg('G', W(0)), "~[SIGKILL SIGSTOP]");
    assert_string_equal(arg('G', 0), "NULL");
    assert_string_equal(arg('G', BAD), bad_text());

    uint64_t act[3] = { 0, 0x10000000 | 0x4 | 0x100, 1ull << 9 };
    put(64, act, sizeof(act));
    assert_string_equal(arg('S', W(64)),
                        "{sa_handler=SIG_DFL,sa_mask=[SIGUSR1],sa_flags=SA_SIGINFO|SA_RESTART|0x100}");
    act[0] = 1;
    act[1] = 0;
    put(64, act, sizeof(act));
    assert_string_equal(arg('S', W(64)), "{sa_handler=SIG_IGN,sa_mask=[SIGUSR1],sa_flags=0}");
    act[0] = 0x4000;
    put(64, act, sizeof(act));
    assert_string_equal(arg('S', W(64)), "{sa_handler=0x4000,sa_mask=[SIGUSR1],sa_flags=0}");
    /* a sigaction reaching into the unmapped page */
    char want[32];
    snprintf(want, sizeof(want), "0x%llx", (unsigned long long)(BAD - 8));
    assert_string_equal(arg('S', BAD - 8), want);
}

static void test_time_structures(void **state)
{
    (void)state;
    int64_t ts[4] = { 1, 500, 2, (1l << 30) - 2 };
    char want[64];

    put(0, ts, sizeof(ts));
    assert_string_equal(arg('T', W(0)), "{tv_sec=1,tv_nsec=500}");
    assert_string_equal(arg('T', 0), "NULL");
    assert_string_equal(arg('T', BAD), bad_text());
    assert_string_equal(arg('J', W(0)),
                        "{it_interval={tv_sec=1,tv_nsec=500},it_value={tv_sec=2,tv_nsec=1073741822}}");
    assert_string_equal(arg('U', W(0)), "[{tv_sec=1,tv_nsec=500},UTIME_OMIT]");
    ts[1] = (1l << 30) - 1;
    put(0, ts, sizeof(ts));
    assert_string_equal(arg('U', W(0)), "[UTIME_NOW,UTIME_OMIT]");
    assert_string_equal(arg('U', 0), "NULL");
    /* two timespecs whose second one lies on the unmapped page */
    snprintf(want, sizeof(want), "0x%llx", (unsigned long long)(BAD - 16));
    assert_string_equal(arg('U', BAD - 16), want);

    struct { uint64_t value; int32_t signo, notify, tid; } ev = { 0x99, 14, 4, 1234 };
    put(128, &ev, sizeof(ev));
    assert_string_equal(arg('v', W(128)), "{sigev_value=0x99,sigev_signo=SIGALRM,"
                                          "sigev_notify=SIGEV_THREAD_ID,sigev_notify_thread_id=1234}");
    ev.notify = 7;
    put(128, &ev, sizeof(ev));
    assert_string_equal(arg('v', W(128)), "{sigev_value=0x99,sigev_signo=SIGALRM,sigev_notify=7}");
    int32_t prio = 42;
    put(192, &prio, 4);
    assert_string_equal(arg('Y', W(192)), "{sched_priority=42}");
    assert_string_equal(arg('Y', BAD), bad_text());
}

static void test_poll_structures(void **state)
{
    (void)state;
    struct { int32_t fd; int16_t events, revents; } fds[10];
    char want[64];

    for (int i = 0; i < 10; i++)
        fds[i] = (typeof(fds[0])){ i, (int16_t)(i == 1 ? 0x4 | 0x2000 : 0x1), 0 };
    fds[2].events = (int16_t)0x8000;
    put(0, fds, sizeof(fds));
    assert_string_equal(argf('[', 0, W(0), 2, 0), "[{fd=0,events=POLLIN},{fd=1,events=POLLOUT|POLLRDHUP}]");
    assert_string_equal(argf('[', 0, W(8 * 2), 1, 0), "[{fd=2,events=0x8000}]");
    assert_string_equal(argf('[', 0, W(0), 10, 0),
                        "[{fd=0,events=POLLIN},{fd=1,events=POLLOUT|POLLRDHUP},{fd=2,events=0x8000},"
                        "{fd=3,events=POLLIN},{fd=4,events=POLLIN},{fd=5,events=POLLIN},"
                        "{fd=6,events=POLLIN},{fd=7,events=POLLIN},...]");
    snprintf(want, sizeof(want), "0x%llx", (unsigned long long)W(0));
    assert_string_equal(argf('[', 0, W(0), 0, 0), want);
    assert_string_equal(argf('[', 0, BAD, 1, 0), bad_text());

    uint64_t set[2] = { (1ull << 3) | (1ull << 63), 1ull << 4 };   /* 3 63 68 */
    put(256, set, sizeof(set));
    assert_string_equal(argf('{', 1, 69, W(256), 0), "[3 63 68]");
    assert_string_equal(argf('{', 1, 64, W(256), 0), "[3 63]");
    assert_string_equal(argf('{', 1, 4, 0, 0), "NULL");
    snprintf(want, sizeof(want), "0x%llx", (unsigned long long)W(256));
    assert_string_equal(argf('{', 1, 0, W(256), 0), want);          /* nfds 0 */
    assert_string_equal(argf('{', 1, 4, BAD, 0), bad_text());

    struct { uint32_t events, pad; uint64_t data; } ev = { 0x1 | 0x4 | (1u << 31) | 0x1000, 0, 7 };
    put(512, &ev, sizeof(ev));
    assert_string_equal(arg('}', W(512)), "{events=EPOLLIN|EPOLLOUT|EPOLLET|0x1000,data=0x7}");
    assert_string_equal(arg('}', BAD), bad_text());
}

static void test_sysv(void **state)
{
    (void)state;
    assert_string_equal(arg('K', 0), "IPC_PRIVATE");
    assert_string_equal(arg('K', 0x1234), "0x1234");
    assert_string_equal(arg('I', 01000 | 0600), "IPC_CREAT|0600");
    assert_string_equal(arg('I', 0640), "0640");
    assert_string_equal(arg('I', 01000 | 02000 | 0100000 | 0600), "IPC_CREAT|IPC_EXCL|0x8000|0600");
    assert_string_equal(arg('H', 010000 | 040000), "SHM_RDONLY|SHM_REMAP");
    assert_string_equal(arg('H', 0), "0");
    assert_string_equal(arg('z', 0), "IPC_RMID");
    assert_string_equal(arg('z', 0x100 | 2), "IPC_64|IPC_STAT");
    assert_string_equal(arg('z', 12), "12");
    assert_string_equal(arg('q', 04000 | 010000), "IPC_NOWAIT|MSG_NOERROR");
    struct { uint16_t num; int16_t op, flg; } ops[2] = { { 1, -1, 0x1000 }, { 2, 0, 04000 | 1 } };
    put(0, ops, sizeof(ops));
    assert_string_equal(argf('O', 1, 5, W(0), 2), "[{sem_num=1,sem_op=-1,sem_flg=SEM_UNDO},"
                                                  "{sem_num=2,sem_op=0,sem_flg=IPC_NOWAIT|0x1}]");
    assert_string_equal(argf('O', 1, 5, BAD, 1), bad_text());
}

static void test_socket_values(void **state)
{
    (void)state;
    assert_string_equal(arg('B', 2), "AF_INET");
    assert_string_equal(arg('B', 10), "AF_INET6");
    assert_string_equal(arg('B', 77), "77");
    assert_string_equal(arg('L', 1 | 04000 | 02000000), "SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC");
    assert_string_equal(arg('L', 2 | 0x100), "SOCK_DGRAM|0x100");
    assert_string_equal(arg('L', 9), "9");
    assert_string_equal(arg('R', 0), "0");
    assert_string_equal(arg('R', 04000), "SOCK_NONBLOCK");
    assert_string_equal(argf('V', 2, 2, 1, 6), "IPPROTO_TCP");
    assert_string_equal(argf('V', 2, 10, 2, 17), "IPPROTO_UDP");
    assert_string_equal(argf('V', 2, 10, 2, 200), "200");
    assert_string_equal(argf('V', 2, 1, 1, 0), "0");
    assert_string_equal(argf('V', 2, 16, 3, 9), "9");
    assert_string_equal(arg('$', 1), "SOL_SOCKET");
    assert_string_equal(arg('$', 6), "SOL_TCP");
    assert_string_equal(arg('$', 280), "280");
    assert_string_equal(argf('%', 2, 3, 1, 2), "SO_REUSEADDR");
    assert_string_equal(argf('%', 2, 3, 1, 20), "SO_RCVTIMEO");
    assert_string_equal(argf('%', 2, 3, 6, 1), "TCP_NODELAY");
    assert_string_equal(argf('%', 2, 3, 0, 2), "IP_TTL");
    assert_string_equal(argf('%', 2, 3, 41, 26), "IPV6_V6ONLY");
    assert_string_equal(argf('%', 2, 3, 1, 999), "999");
    assert_string_equal(argf('%', 2, 3, 280, 1), "1");
    int32_t one = 1;
    put(0, &one, 4);
    assert_string_equal(argf('&', 1, 0, W(0), 4), "[1]");
    char want[64];
    snprintf(want, sizeof(want), "0x%llx", (unsigned long long)W(0));
    assert_string_equal(argf('&', 1, 0, W(0), 8), want);
    assert_string_equal(argf('&', 1, 0, BAD, 4), bad_text());
    assert_string_equal(arg('#', 0x40 | 0x4000), "MSG_DONTWAIT|MSG_NOSIGNAL");
    assert_string_equal(arg('#', 0x80000000u), "0x80000000");
    assert_string_equal(arg('~', 2), "SHUT_RDWR");
    assert_string_equal(arg('~', 3), "3");
}

static void test_sockaddr(void **state)
{
    (void)state;
    uint8_t sin[16] = { 2, 0, 0x00, 0x50, 10, 1, 2, 3 };
    put(0, sin, sizeof(sin));
    assert_string_equal(argf('Q', 1, 3, W(0), 16),
                        "{sa_family=AF_INET,sin_port=htons(80),sin_addr=inet_addr(\"10.1.2.3\")}");
    uint8_t sin6[28] = { 10, 0, 0x1f, 0x90, 0, 0, 0, 5, 0xfe, 0x80 };
    sin6[23] = 1;
    sin6[24] = 2;
    put(64, sin6, sizeof(sin6));
    assert_string_equal(argf('Q', 1, 3, W(64), 28),
                        "{sa_family=AF_INET6,sin6_port=htons(8080),sin6_flowinfo=htonl(5),"
                        "inet_pton(AF_INET6,\"fe80::1\"),sin6_scope_id=2}");
    put(128, "\1\0/tmp/sock\0", 12);
    assert_string_equal(argf('Q', 1, 3, W(128), 12), "{sa_family=AF_UNIX,sun_path=\"/tmp/sock\"}");
    assert_string_equal(argf('Q', 1, 3, W(128), 110), "{sa_family=AF_UNIX,sun_path=\"/tmp/sock\"}");
    put(128, "\1\0a\"\n", 5);
    assert_string_equal(argf('Q', 1, 3, W(128), 5), "{sa_family=AF_UNIX,sun_path=\"a\\\"\\12\"}");
    put(192, "\1\0\0abs", 6);
    assert_string_equal(argf('Q', 1, 3, W(192), 6), "{sa_family=AF_UNIX,sun_path=@\"abs\"}");
    uint8_t nl[12] = { 16, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0 };
    put(256, nl, sizeof(nl));
    assert_string_equal(argf('Q', 1, 3, W(256), 12), "{sa_family=AF_NETLINK,nl_pid=7,nl_groups=0x00000001}");
    uint8_t other[4] = { 44, 0, 1, 2 };
    put(320, other, sizeof(other));
    assert_string_equal(argf('Q', 1, 3, W(320), 4), "{sa_family=AF_XDP}");
    char want[64];
    snprintf(want, sizeof(want), "0x%llx", (unsigned long long)W(0));
    assert_string_equal(argf('Q', 1, 3, W(0), 1), want);   /* shorter than a family */
    assert_string_equal(argf('Q', 1, 3, 0, 0), "NULL");
    assert_string_equal(argf('Q', 1, 3, BAD, 16), bad_text());
    /* a short AF_INET address shows the family only */
    assert_string_equal(argf('Q', 1, 3, W(0), 4), "{sa_family=AF_INET}");
}

static void test_msghdr(void **state)
{
    (void)state;
    uint64_t iov[10];
    for (int i = 0; i < 5; i++) {
        iov[2 * i] = 0x1000 * (i + 1);
        iov[2 * i + 1] = i + 1;
    }
    put(0, iov, sizeof(iov));
    uint64_t msg[7] = { 0x5000, 16, W(0), 5, 0, 0, 0x40 };
    put(256, msg, sizeof(msg));
    assert_string_equal(arg('@', W(256)),
                        "{msg_name=0x5000,msg_namelen=16,msg_iov=[{iov_base=0x1000,iov_len=1},"
                        "{iov_base=0x2000,iov_len=2},{iov_base=0x3000,iov_len=3},"
                        "{iov_base=0x4000,iov_len=4},...],msg_iovlen=5,msg_control=NULL,"
                        "msg_controllen=0,msg_flags=MSG_DONTWAIT}");
    msg[2] = BAD;
    msg[3] = 1;
    put(256, msg, sizeof(msg));
    char want[512];
    snprintf(want, sizeof(want),
             "{msg_name=0x5000,msg_namelen=16,msg_iov=%s,msg_iovlen=1,msg_control=NULL,"
             "msg_controllen=0,msg_flags=MSG_DONTWAIT}", bad_text());
    assert_string_equal(arg('@', W(256)), want);
    assert_string_equal(arg('@', BAD), bad_text());
    assert_string_equal(arg('@', 0), "NULL");
}

static void test_prctl_argument(void **state)
{
    (void)state;
    put(0, "worker", 7);
    assert_string_equal(argf('Z', 1, 15, W(0), 0), "\"worker\"");
    assert_string_equal(argf('Z', 1, 15, BAD, 0), bad_text());
    char long_name[100];
    memset(long_name, 'n', 99);
    long_name[99] = 0;
    put(0, long_name, 100);
    assert_string_equal(argf('Z', 1, 15, W(0), 0),
                        "\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\"...");
    assert_string_equal(argf('Z', 1, 1, 9, 0), "SIGKILL");
    assert_string_equal(argf('Z', 1, 16, 0, 0), "NULL");
    assert_string_equal(argf('Z', 1, 4, 1, 0), "0x1");
}

static void test_results(void **state)
{
    (void)state;
    struct lu_strace_buf b = { .len = 0 };

    lu_strace_format_ret(&b, LU_NR_openat, -2);
    assert_string_equal(b.text, " = -1 ENOENT (No such file or directory)");
    b.len = 0;
    lu_strace_format_ret(&b, LU_NR_openat, -133);
    assert_string_equal(b.text, " = -1 EHWPOISON (Memory page has hardware error)");
    b.len = 0;
    lu_strace_format_ret(&b, LU_NR_read, -600);
    assert_string_equal(b.text, " = -1 errno=600 (Unknown error 600)");
    b.len = 0;
    lu_strace_format_ret(&b, LU_NR_mmap, 0x40000000);
    assert_string_equal(b.text, " = 0x40000000");
    b.len = 0;
    lu_strace_format_ret(&b, LU_NR_read, 12);
    assert_string_equal(b.text, " = 12");
    assert_string_equal(lu_errno_name(1), "EPERM");
    assert_string_equal(lu_errno_name(11), "EAGAIN");
    assert_null(lu_errno_name(0));
    assert_null(lu_errno_name(134));
    assert_null(lu_errno_name(-1));
}

static void test_whole_calls(void **state)
{
    (void)state;
    struct lu_strace_buf b = { .len = 0 };
    const uint64_t kill_args[6] = { 7, 15 };
    const uint64_t sock_args[6] = { 2, 1 | 02000000, 6 };
    const uint64_t raw_args[6] = { 1, 2, 3, 4, 5, 6 };

    lu_strace_format_call(&b, LU_NR_kill, kill_args);
    assert_string_equal(b.text, "kill(7,SIGTERM)");
    b.len = 0;
    lu_strace_format_call(&b, LU_NR_socket, sock_args);
    assert_string_equal(b.text, "socket(AF_INET,SOCK_STREAM|SOCK_CLOEXEC,IPPROTO_TCP)");
    b.len = 0;
    lu_strace_format_call(&b, 4000, raw_args);
    assert_string_equal(b.text, "syscall_4000(0x1,0x2,0x3,0x4,0x5,0x6)");
}

static sem_t entered, go_on;
static int other_tid;

/* A call that blocks while the main thread makes one of its own. */
static void *blocked_call(void *arg)
{
    (void)arg;
    const uint64_t args[6] = { 0 };
    other_tid = (int)gettid();
    lu_strace_enter(LU_NR_getppid, args);
    sem_post(&entered);
    sem_wait(&go_on);
    lu_strace_exit(LU_NR_getppid, 5);
    return NULL;
}

static void test_threads_interleaved(void **state)
{
    (void)state;
    char log[] = "/tmp/uemu-strace-XXXXXX";
    int fd = mkstemp(log);
    const uint64_t close_args[6] = { 9999 };
    const uint64_t exit_args[6] = { 3 };
    pthread_t t;
    char got[1024], want[1024];

    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(log_open(log, LOG_STRACE), 0);
    sem_init(&entered, 0, 0);
    sem_init(&go_on, 0, 0);
    assert_int_equal(pthread_create(&t, NULL, blocked_call, NULL), 0);
    sem_wait(&entered);
    lu_strace_enter(LU_NR_close, close_args);
    lu_strace_exit(LU_NR_close, -9);
    sem_post(&go_on);
    pthread_join(t, NULL);
    lu_strace_enter(LU_NR_exit_group, exit_args);
    log_close();
    FILE *f = fopen(log, "r");
    assert_non_null(f);
    size_t n = fread(got, 1, sizeof(got) - 1, f);
    got[n] = 0;
    fclose(f);
    unlink(log);
    int me = (int)gettid();
    snprintf(want, sizeof(want),
             "%d getppid() <unfinished ...>\n"
             "%d close(9999) = -1 EBADF (Bad file descriptor)\n"
             "%d <... getppid resumed> = 5\n"
             "%d exit_group(3) = ?\n",
             other_tid, me, other_tid, me);
    assert_string_equal(got, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flag_printer),
        cmocka_unit_test(test_buffer_truncates),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_memory_flags),
        cmocka_unit_test(test_event_flags),
        cmocka_unit_test(test_process_flags),
        cmocka_unit_test(test_more_calls),
        cmocka_unit_test(test_signals),
        cmocka_unit_test(test_time_structures),
        cmocka_unit_test(test_poll_structures),
        cmocka_unit_test(test_sysv),
        cmocka_unit_test(test_socket_values),
        cmocka_unit_test(test_sockaddr),
        cmocka_unit_test(test_msghdr),
        cmocka_unit_test(test_prctl_argument),
        cmocka_unit_test(test_results),
        cmocka_unit_test(test_whole_calls),
        cmocka_unit_test(test_threads_interleaved),
    };
    return cmocka_run_group_tests(tests, sysfx_setup, sysfx_teardown);
}
