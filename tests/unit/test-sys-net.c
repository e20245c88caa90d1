/*
 * The net and sysv system call families and the socket/terminal ioctls,
 * driven through lu_syscall() with guest buffers in a window whose pages
 * have chosen permissions: pointers checked (EFAULT, never a host
 * crash), guest structures rebuilt (msghdr, mmsghdr, sock_fprog,
 * semid64_ds) and results written back where the guest expects them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <unistd.h>

#include "linux-user/syscall-nr.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user.h"
#include "uemu/page-table.h"

#define PG 4096
#define NPAGES 8
#define RO_PAGE 6
#define UNMAPPED 7

static uint8_t *win;
static guest_addr gwin;
static char unimp_msg[256];

static void record_unimp(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(unimp_msg, sizeof(unimp_msg), fmt, ap);
    va_end(ap);
}

static int64_t sys(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5)
{
    const uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
    return lu_syscall(nr, args);
}

static guest_addr at(size_t off)
{
    return gwin + off;
}

static void put64(size_t off, uint64_t v)
{
    memcpy(win + off, &v, 8);
}

static uint64_t get64(size_t off)
{
    uint64_t v;
    memcpy(&v, win + off, 8);
    return v;
}

static uint32_t get32(size_t off)
{
    uint32_t v;
    memcpy(&v, win + off, 4);
    return v;
}

/* Pages 0-5 read/write, page 6 read-only, page 7 unmapped. */
static int setup(void **state)
{
    (void)state;
    struct guest_space_config cfg = { 0 };
    assert_int_equal(guest_space_init(&cfg), 0);
    win = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(win != MAP_FAILED);
    gwin = h2g(win);
    page_table_set(guest_pages, gwin, gwin + RO_PAGE * PG - 1, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    page_table_set(guest_pages, gwin + RO_PAGE * PG, gwin + UNMAPPED * PG - 1, PAGE_VALID | PAGE_READ);
    lu_set_unimp_logger(record_unimp);
    lu_set_abi(&lu_abi_riscv64);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    page_table_clear(guest_pages, gwin, gwin + NPAGES * PG - 1);
    munmap(win, NPAGES * PG);
    guest_space_reset();
    return 0;
}

static void pair(int type, int sv[2])
{
    assert_int_equal(sys(LU_NR_socketpair, AF_UNIX, (uint64_t)type, 0, at(0), 0, 0), 0);
    memcpy(sv, win, 2 * sizeof(int));
}

static void test_socketpair(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(sys(LU_NR_socketpair, AF_UNIX, SOCK_STREAM, 0, at(RO_PAGE * PG), 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_socketpair, AF_UNIX, SOCK_STREAM, 0, at(UNMAPPED * PG - 4), 0, 0), -EFAULT);
    /* asm-generic SOCK_NONBLOCK / SOCK_CLOEXEC are the host's O_ bits. */
    pair(SOCK_STREAM | 04000 | 02000000, sv);
    assert_true(fcntl(sv[0], F_GETFL) & O_NONBLOCK);
    assert_true(fcntl(sv[1], F_GETFD) & FD_CLOEXEC);
    close(sv[0]);
    close(sv[1]);
}

static void test_sockaddr(void **state)
{
    (void)state;
    int s = (int)sys(LU_NR_socket, AF_INET, SOCK_DGRAM, 0, 0, 0, 0);
    assert_true(s >= 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    memcpy(win + 64, &sa, sizeof(sa));
    assert_int_equal(sys(LU_NR_bind, (uint64_t)s, at(64), 200, 0, 0, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_bind, (uint64_t)s, at(UNMAPPED * PG - 8), 16, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_bind, (uint64_t)s, at(64), 16, 0, 0, 0), 0);
    /* A 4-byte room: the address is cut, the length is the full one. */
    memset(win + 128, 0xee, 32);
    uint32_t room = 4;
    memcpy(win + 200, &room, 4);
    assert_int_equal(sys(LU_NR_getsockname, (uint64_t)s, at(128), at(200), 0, 0, 0), 0);
    assert_int_equal(get32(200), 16);
    assert_int_equal(win[128], AF_INET);
    assert_int_equal(win[132], 0xee);
    /* The length pointer read-only, or the address in read-only memory. */
    assert_int_equal(sys(LU_NR_getsockname, (uint64_t)s, at(128), at(RO_PAGE * PG), 0, 0, 0), -EFAULT);
    room = 16;
    memcpy(win + 200, &room, 4);
    assert_int_equal(sys(LU_NR_getsockname, (uint64_t)s, at(RO_PAGE * PG), at(200), 0, 0, 0), -EFAULT);
    room = (uint32_t)-1;
    memcpy(win + 200, &room, 4);
    assert_int_equal(sys(LU_NR_getsockname, (uint64_t)s, at(128), at(200), 0, 0, 0), -EINVAL);
    close(s);
}

/* A guest msghdr at off: name, one iovec (kept at iov), control. */
static void guest_msghdr_iov(size_t off, size_t iov, uint64_t name, int32_t namelen,
                             uint64_t buf, uint64_t len, uint64_t control, uint64_t controllen)
{
    memset(win + off, 0, 56);
    put64(off, name);
    memcpy(win + off + 8, &namelen, 4);
    put64(iov, buf);
    put64(iov + 8, len);
    put64(off + 16, at(iov));
    put64(off + 24, 1);
    put64(off + 32, control);
    put64(off + 40, controllen);
}

/* The same with the iovec right after the msghdr. */
static void guest_msghdr(size_t off, uint64_t name, int32_t namelen, uint64_t buf,
                         uint64_t len, uint64_t control, uint64_t controllen)
{
    guest_msghdr_iov(off, off + 64, name, namelen, buf, len, control, controllen);
}

static void test_sendmsg_recvmsg(void **state)
{
    (void)state;
    int sv[2], p[2];
    pair(SOCK_DGRAM, sv);
    assert_int_equal(pipe(p), 0);

    /* One SCM_RIGHTS message: the control bytes travel unchanged. */
    struct cmsghdr *c = (struct cmsghdr *)(win + 512);
    c->cmsg_len = CMSG_LEN(sizeof(int));
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    memcpy(CMSG_DATA(c), &p[1], sizeof(int));
    memcpy(win + 600, "data!", 5);
    guest_msghdr(0, 0, 0, at(600), 5, at(512), CMSG_SPACE(sizeof(int)));
    assert_int_equal(sys(LU_NR_sendmsg, (uint64_t)sv[0], at(0), 0, 0, 0, 0), 5);

    /* Received: controllen and flags written back; a short buffer sets
     * MSG_TRUNC. */
    guest_msghdr(1024, 0, 0, at(1600), 3, at(1536), 64);
    put64(1024 + 48, 0xffffffff);
    assert_int_equal(sys(LU_NR_recvmsg, (uint64_t)sv[1], at(1024), 0, 0, 0, 0), 3);
    assert_memory_equal(win + 1600, "dat", 3);
    assert_int_equal(get64(1024 + 40), CMSG_SPACE(sizeof(int)));
    assert_int_equal(get32(1024 + 48), MSG_TRUNC);
    int got;
    memcpy(&got, CMSG_DATA((struct cmsghdr *)(win + 1536)), sizeof(int));
    assert_int_equal(write(got, "x", 1), 1);
    close(got);

    /* Bad pointers: the msghdr, the iovec array, a buffer, the control. */
    assert_int_equal(sys(LU_NR_sendmsg, (uint64_t)sv[0], at(UNMAPPED * PG), 0, 0, 0, 0), -EFAULT);
    guest_msghdr(0, 0, 0, at(UNMAPPED * PG), 5, 0, 0);
    assert_int_equal(sys(LU_NR_sendmsg, (uint64_t)sv[0], at(0), 0, 0, 0, 0), -EFAULT);
    guest_msghdr(0, 0, 0, at(600), 5, at(UNMAPPED * PG), 16);
    assert_int_equal(sys(LU_NR_sendmsg, (uint64_t)sv[0], at(0), 0, 0, 0, 0), -EFAULT);
    put64(24, 1025);
    assert_int_equal(sys(LU_NR_sendmsg, (uint64_t)sv[0], at(0), 0, 0, 0, 0), -EMSGSIZE);
    /* recvmsg into a read-only buffer or a read-only msghdr */
    guest_msghdr(1024, 0, 0, at(RO_PAGE * PG), 8, 0, 0);
    assert_int_equal(sys(LU_NR_recvmsg, (uint64_t)sv[1], at(1024), MSG_DONTWAIT, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_recvmsg, (uint64_t)sv[1], at(RO_PAGE * PG), MSG_DONTWAIT, 0, 0, 0), -EFAULT);
    close(sv[0]);
    close(sv[1]);
    close(p[0]);
    close(p[1]);
}

/* sendmmsg stops at the first entry it cannot rebuild and reports the
 * entries before it. */
static void test_mmsg(void **state)
{
    (void)state;
    int sv[2];
    pair(SOCK_DGRAM, sv);
    memcpy(win + 3000, "abcdef", 6);
    guest_msghdr_iov(0, 2048, 0, 0, at(3000), 2, 0, 0);
    guest_msghdr_iov(64, 2064, 0, 0, at(3002), 4, 0, 0);
    /* the third entry's buffer is in the unmapped page */
    guest_msghdr_iov(128, 2080, 0, 0, at(UNMAPPED * PG), 4, 0, 0);
    assert_int_equal(sys(LU_NR_sendmmsg, (uint64_t)sv[0], at(0), 3, 0, 0, 0), 2);
    assert_int_equal(get32(56), 2);
    assert_int_equal(get32(64 + 56), 4);
    assert_int_equal(sys(LU_NR_sendmmsg, (uint64_t)sv[0], at(128), 1, 0, 0, 0), -EFAULT);

    /* recvmmsg: two messages, msg_len each, a bad timeout pointer. */
    guest_msghdr_iov(1024, 2304, 0, 0, at(2000), 16, 0, 0);
    guest_msghdr_iov(1088, 2320, 0, 0, at(2100), 16, 0, 0);
    assert_int_equal(sys(LU_NR_recvmmsg, (uint64_t)sv[1], at(1024), 2, MSG_DONTWAIT,
                         at(UNMAPPED * PG), 0), -EFAULT);
    assert_int_equal(sys(LU_NR_recvmmsg, (uint64_t)sv[1], at(1024), 2, MSG_DONTWAIT, 0, 0), 2);
    assert_int_equal(get32(1024 + 56), 2);
    assert_int_equal(get32(1088 + 56), 4);
    assert_memory_equal(win + 2000, "ab", 2);
    assert_memory_equal(win + 2100, "cdef", 4);
    close(sv[0]);
    close(sv[1]);
}

static void test_sockopt(void **state)
{
    (void)state;
    int s = (int)sys(LU_NR_socket, AF_INET, SOCK_DGRAM, 0, 0, 0, 0);
    int one = 1;
    memcpy(win, &one, 4);
    assert_int_equal(sys(LU_NR_setsockopt, (uint64_t)s, SOL_SOCKET, SO_REUSEADDR, at(0), 4, 0), 0);
    assert_int_equal(sys(LU_NR_setsockopt, (uint64_t)s, SOL_SOCKET, SO_REUSEADDR, at(0), (uint32_t)-1, 0), -EINVAL);
    assert_int_equal(sys(LU_NR_setsockopt, (uint64_t)s, SOL_SOCKET, SO_REUSEADDR, at(UNMAPPED * PG - 2), 4, 0), -EFAULT);
    uint32_t len = 4;
    memcpy(win + 100, &len, 4);
    assert_int_equal(sys(LU_NR_getsockopt, (uint64_t)s, SOL_SOCKET, SO_TYPE, at(104), at(100), 0), 0);
    assert_int_equal(get32(104), SOCK_DGRAM);
    assert_int_equal(sys(LU_NR_getsockopt, (uint64_t)s, SOL_SOCKET, SO_TYPE, at(RO_PAGE * PG), at(100), 0), -EFAULT);

    /* A classic BPF program: the guest's sock_fprog holds a guest address. */
    struct sock_filter code[2] = { BPF_STMT(BPF_RET | BPF_K, 0xffff), BPF_STMT(BPF_RET | BPF_K, 7) };
    memcpy(win + 512, code, sizeof(code));
    memset(win + 256, 0, 16);
    uint16_t n = 2;
    memcpy(win + 256, &n, 2);
    put64(264, at(512));
    assert_int_equal(sys(LU_NR_setsockopt, (uint64_t)s, SOL_SOCKET, SO_ATTACH_FILTER, at(256), 16, 0), 0);
    /* SO_GET_FILTER's length counts instructions. */
    len = 2;
    memcpy(win + 100, &len, 4);
    memset(win + 1024, 0, 16);
    assert_int_equal(sys(LU_NR_getsockopt, (uint64_t)s, SOL_SOCKET, SO_GET_FILTER, at(1024), at(100), 0), 0);
    assert_int_equal(get32(100), 2);
    assert_memory_equal(win + 1024, code, sizeof(code));
    len = 2;
    memcpy(win + 100, &len, 4);
    assert_int_equal(sys(LU_NR_getsockopt, (uint64_t)s, SOL_SOCKET, SO_GET_FILTER,
                         at(RO_PAGE * PG - 8), at(100), 0), -EFAULT);
    put64(264, at(UNMAPPED * PG - 8));
    assert_int_equal(sys(LU_NR_setsockopt, (uint64_t)s, SOL_SOCKET, SO_ATTACH_FILTER, at(256), 16, 0), -EFAULT);

    /* netfilter's table replacement carries pointers: refused, reported */
    unimp_msg[0] = 0;
    assert_int_equal(sys(LU_NR_setsockopt, (uint64_t)s, IPPROTO_IP, 64, at(0), 4, 0), -ENOPROTOOPT);
    assert_string_equal(unimp_msg, "socket option 64 at level 0 carries pointers; not emulated");
    close(s);
}

static void test_ioctl(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write(p[1], "abc", 3), 3);
    assert_int_equal(sys(LU_NR_ioctl, (uint64_t)p[0], FIONREAD, at(8), 0, 0, 0), 0);
    assert_int_equal(get32(8), 3);
    assert_int_equal(sys(LU_NR_ioctl, (uint64_t)p[0], FIONREAD, at(RO_PAGE * PG), 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_ioctl, (uint64_t)p[0], TIOCGWINSZ, at(8), 0, 0, 0), -ENOTTY);
    unimp_msg[0] = 0;
    assert_int_equal(sys(LU_NR_ioctl, (uint64_t)p[0], 0x54ff, 0, 0, 0, 0), -ENOTTY);
    char want[64];
    snprintf(want, sizeof(want), "unimplemented ioctl 0x54ff on fd %d", p[0]);
    assert_string_equal(unimp_msg, want);
    close(p[0]);
    close(p[1]);
}

/* semctl IPC_STAT: the host's semid64_ds (padding after each time)
 * reshaped to asm-generic's: nsems at offset 64, 88 bytes in all. */
static void test_semctl_layout(void **state)
{
    (void)state;
    int id = (int)sys(LU_NR_semget, IPC_PRIVATE, 5, IPC_CREAT | 0600, 0, 0, 0);
    assert_true(id >= 0);
    memset(win, 0xee, 128);
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 0, IPC_STAT, at(0), 0, 0), 0);
    assert_int_equal(get64(64), 5);
    assert_int_equal(get64(48), 0);                 /* sem_otime: no semop yet */
    assert_int_equal(win[88], 0xee);                /* nothing past the structure */
    assert_int_equal(get32(20) & 0777, 0600);       /* ipc64_perm.mode */
    /* IPC_SET reads the guest layout back. */
    uint32_t mode = 0640;
    memcpy(win + 20, &mode, 4);
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 0, IPC_SET, at(0), 0, 0), 0);
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 0, IPC_STAT, at(256), 0, 0), 0);
    assert_int_equal(get32(256 + 20) & 0777, 0640);
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 0, IPC_STAT, at(RO_PAGE * PG), 0, 0), -EFAULT);
    /* GETALL needs room for every semaphore of the set. */
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 0, GETALL, at(RO_PAGE * PG - 8), 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 0, GETALL, at(RO_PAGE * PG - 10), 0, 0), 0);
    /* SETVAL: union semun's int in the low half of the register. */
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 3, SETVAL, 0xdead00000009ull, 0, 0), 0);
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 3, GETVAL, 0, 0, 0), 9);
    /* semop: a bad operations pointer is EFAULT; zero operations EINVAL */
    assert_int_equal(sys(LU_NR_semop, (uint64_t)id, at(UNMAPPED * PG - 2), 1, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_semop, (uint64_t)id, at(0), 0, 0, 0, 0), -EINVAL);
    unimp_msg[0] = 0;
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 0, 1234, 0, 0, 0), -EINVAL);
    assert_string_equal(unimp_msg, "semctl: unknown command 1234");
    assert_int_equal(sys(LU_NR_semctl, (uint64_t)id, 0, IPC_RMID, 0, 0, 0), 0);
}

static void test_msg(void **state)
{
    (void)state;
    int q = (int)sys(LU_NR_msgget, IPC_PRIVATE, IPC_CREAT | 0600, 0, 0, 0, 0);
    assert_true(q >= 0);
    put64(0, 4);
    memcpy(win + 8, "hello", 5);
    assert_int_equal(sys(LU_NR_msgsnd, (uint64_t)q, at(0), 5, 0, 0, 0), 0);
    assert_int_equal(sys(LU_NR_msgsnd, (uint64_t)q, at(UNMAPPED * PG - 8), 5, 0, 0, 0), -EFAULT);
    /* msqid64_ds is the host's: qnum at offset 80 */
    assert_int_equal(sys(LU_NR_msgctl, (uint64_t)q, IPC_STAT, at(256), 0, 0, 0), 0);
    assert_int_equal(get64(256 + 80), 1);
    /* msgrcv into read-only memory: Linux dequeues, then faults */
    assert_int_equal(sys(LU_NR_msgrcv, (uint64_t)q, at(RO_PAGE * PG), 16, 0, 0, 0), -EFAULT);
    assert_int_equal(sys(LU_NR_msgrcv, (uint64_t)q, at(512), 16, 0, IPC_NOWAIT, 0), -ENOMSG);
    assert_int_equal(sys(LU_NR_msgctl, (uint64_t)q, IPC_RMID, 0, 0, 0, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_socketpair),
        cmocka_unit_test(test_sockaddr),
        cmocka_unit_test(test_sendmsg_recvmsg),
        cmocka_unit_test(test_mmsg),
        cmocka_unit_test(test_sockopt),
        cmocka_unit_test(test_ioctl),
        cmocka_unit_test(test_semctl_layout),
        cmocka_unit_test(test_msg),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
