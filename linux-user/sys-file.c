/*
 * File-descriptor system calls: I/O, stat, directory reads, fcntl, ioctl.
 *
 * Most asm-generic structures have the x86_64 host's layout on a 64-bit
 * guest (iovec, statx, linux_dirent64, struct flock, the kernel termios),
 * so the guest buffer goes to the host kernel as it is, once the page
 * table has shown it is accessible.  struct stat differs and is
 * converted.  Names that must exist (open, stat) are looked up through
 * lu_lookup_path(): /proc/self/exe, then the -L prefix; emulated /proc
 * files open as generated memfds (proc.c).  Host calls go through syscall(2) where libc's wrapper would
 * change the kernel's semantics (getdents64, the kernel termios ioctls).
 * Calls that may block (read and write of pipes, sockets and terminals,
 * the open of a FIFO, a lock wait, a terminal drain) go through
 * lu_safe_syscall() so that a guest signal interrupts them without
 * being missed (safe-syscall.h); on a socket with a timeout their EINTR
 * is final (lu_sock_intr).
 *
 * uemu's own descriptor (the -D log, at LOG_FD_MIN or above) is not the
 * guest's.  The guest's soft RLIMIT_NOFILE is lowered to it, so the
 * kernel gives the guest no descriptor from there on (EMFILE; dup3's
 * EBADF and F_DUPFD's EINVAL for a target at or past the limit), as
 * Linux would with that limit; close, close_range, dup, dup3 and fcntl
 * take it for a descriptor that is not open (EBADF), also once the
 * guest has raised its limit again.  A uemu exec'd for a riscv64
 * program gets the limit as this one found it, and hides its own log
 * the same way.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/stat.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "safe-syscall.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/linux-user.h"
#include "uemu/linux-user-path.h"
#include "uemu/log.h"
#include "uemu/page-table.h"

/* struct stat of asm-generic/stat.h (riscv64, aarch64). */
struct lu_target_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
};
_Static_assert(sizeof(struct lu_target_stat) == 128, "asm-generic struct stat is 128 bytes");
_Static_assert(sizeof(struct ifreq) == 40, "struct ifreq");

#define LU_IOV_MAX 1024

/* The soft limit uemu set for the guest (0: none) and the one before. */
static rlim_t hidden_from, soft_before;

void lu_fd_hide_own(void)
{
    struct rlimit rl;
    int fd = log_fileno();

    if (fd < LOG_FD_MIN || getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur <= (rlim_t)fd)
        return;
    soft_before = rl.rlim_cur;
    rl.rlim_cur = (rlim_t)fd;
    if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
        hidden_from = rl.rlim_cur;
}

bool lu_fd_is_own(int64_t fd)
{
    return fd >= 0 && fd == log_fileno();
}

/* The soft limit from one value to another, when it is still the first. */
static void move_soft_limit(rlim_t from, rlim_t to)
{
    struct rlimit rl;

    if (hidden_from && getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == from) {
        rl.rlim_cur = to;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

void lu_fd_exec_uemu(bool failed)
{
    if (failed)
        move_soft_limit(soft_before, hidden_from);
    else
        move_soft_limit(hidden_from, soft_before);
}

static int64_t put_stat(uint64_t addr, const struct stat *st)
{
    struct lu_target_stat t = {
        .st_dev = st->st_dev,
        .st_ino = st->st_ino,
        .st_mode = st->st_mode,
        .st_nlink = (uint32_t)st->st_nlink,
        .st_uid = st->st_uid,
        .st_gid = st->st_gid,
        .st_rdev = st->st_rdev,
        .st_size = st->st_size,
        .st_blksize = (int32_t)st->st_blksize,
        .st_blocks = st->st_blocks,
        .st_atime_sec = st->st_atim.tv_sec,
        .st_atime_nsec = (uint64_t)st->st_atim.tv_nsec,
        .st_mtime_sec = st->st_mtim.tv_sec,
        .st_mtime_nsec = (uint64_t)st->st_mtim.tv_nsec,
        .st_ctime_sec = st->st_ctim.tv_sec,
        .st_ctime_nsec = (uint64_t)st->st_ctim.tv_nsec,
    };
    return copy_to_guest(addr, &t, sizeof(t));
}

int64_t lu_sys_read(const uint64_t *a)
{
    void *buf = guest_access(a[1], a[2], PAGE_WRITE);
    if (!buf)
        return -EFAULT;
    return lu_sock_intr((int)a[0], true,
                        lu_safe_syscall(SYS_read, (int)a[0], (long)buf, (long)a[2], 0, 0, 0));
}

int64_t lu_sys_write(const uint64_t *a)
{
    const void *buf = guest_access(a[1], a[2], PAGE_READ);
    if (!buf)
        return -EFAULT;
    return lu_sock_intr((int)a[0], false,
                        lu_safe_syscall(SYS_write, (int)a[0], (long)buf, (long)a[2], 0, 0, 0));
}

int64_t lu_sys_pread64(const uint64_t *a)
{
    void *buf = guest_access(a[1], a[2], PAGE_WRITE);
    if (!buf)
        return -EFAULT;
    return lu_safe_syscall(SYS_pread64, (int)a[0], (long)buf, (long)a[2], (long)a[3], 0, 0);
}

int64_t lu_sys_pwrite64(const uint64_t *a)
{
    const void *buf = guest_access(a[1], a[2], PAGE_READ);
    if (!buf)
        return -EFAULT;
    return lu_safe_syscall(SYS_pwrite64, (int)a[0], (long)buf, (long)a[2], (long)a[3], 0, 0);
}

/*
 * Build a host iovec from the guest's, checking each buffer for the
 * access the kernel will make (write for readv, read for writev).
 */
static int64_t load_iovec(uint64_t addr, uint64_t count, unsigned prot,
                          struct iovec **out)
{
    if (count > LU_IOV_MAX)
        return -EINVAL;
    if (count == 0) {
        *out = NULL;
        return 0;
    }
    const uint64_t *g = guest_access(addr, count * 16, PAGE_READ);
    if (!g)
        return -EFAULT;
    struct iovec *v = calloc(count, sizeof(*v));
    if (!v)
        return -ENOMEM;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t base = g[2 * i], len = g[2 * i + 1];
        if ((int64_t)len < 0) {
            free(v);
            return -EINVAL;
        }
        v[i].iov_base = guest_access(base, len, prot);
        v[i].iov_len = len;
        if (!v[i].iov_base) {
            free(v);
            return -EFAULT;
        }
    }
    *out = v;
    return 0;
}

int64_t lu_sys_readv(const uint64_t *a)
{
    struct iovec *v;
    int64_t r = load_iovec(a[1], a[2], PAGE_WRITE, &v);
    if (r < 0)
        return r;
    r = lu_sock_intr((int)a[0], true,
                     lu_safe_syscall(SYS_readv, (int)a[0], (long)v, (int)a[2], 0, 0, 0));
    free(v);
    return r;
}

int64_t lu_sys_writev(const uint64_t *a)
{
    struct iovec *v;
    int64_t r = load_iovec(a[1], a[2], PAGE_READ, &v);
    if (r < 0)
        return r;
    r = lu_sock_intr((int)a[0], false,
                     lu_safe_syscall(SYS_writev, (int)a[0], (long)v, (int)a[2], 0, 0, 0));
    free(v);
    return r;
}

int64_t lu_sys_openat(const uint64_t *a)
{
    int err;
    char buf[PATH_MAX];
    int64_t fd;
    const char *path = lu_path_arg(a[1], &err);
    if (!path)
        return err;
    int flags = lu_open_flags_to_host(a[2]);
    if (lu_proc_open(path, flags, &fd))
        return fd;
    path = lu_lookup_path(path, buf, sizeof(buf));
    return lu_safe_syscall(SYS_openat, (int)a[0], (long)path, flags, (mode_t)a[3], 0, 0);
}

int64_t lu_sys_close(const uint64_t *a)
{
    if (lu_fd_is_own((int)a[0]))
        return -EBADF;
    return lu_host_ret(close((int)a[0]));
}

int64_t lu_sys_lseek(const uint64_t *a)
{
    return lu_host_ret(lseek((int)a[0], (off_t)a[1], (int)a[2]));
}

int64_t lu_sys_fstat(const uint64_t *a)
{
    struct stat st;
    if (fstat((int)a[0], &st) < 0)
        return -errno;
    return put_stat(a[1], &st);
}

int64_t lu_sys_newfstatat(const uint64_t *a)
{
    struct stat st;
    char buf[PATH_MAX];
    int err;
    const char *path = lu_path_arg(a[1], &err);
    if (!path)
        return err;
    /* lstat of /proc/self/exe sees the link, as on Linux */
    path = a[3] & AT_SYMLINK_NOFOLLOW ? lu_path_resolve(path, buf, sizeof(buf))
                                      : lu_lookup_path(path, buf, sizeof(buf));
    if (fstatat((int)a[0], path, &st, (int)a[3]) < 0)
        return -errno;
    return put_stat(a[2], &st);
}

int64_t lu_sys_statx(const uint64_t *a)
{
    char name[PATH_MAX];
    int err;
    const char *path = lu_path_arg(a[1], &err);
    if (!path)
        return err;
    path = a[2] & AT_SYMLINK_NOFOLLOW ? lu_path_resolve(path, name, sizeof(name))
                                      : lu_lookup_path(path, name, sizeof(name));
    void *buf = guest_access(a[4], sizeof(struct statx), PAGE_WRITE);
    if (!buf)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_statx, (int)a[0], path, (int)a[2], (unsigned)a[3], buf));
}

int64_t lu_sys_getdents64(const uint64_t *a)
{
    void *buf = guest_access(a[1], a[2], PAGE_WRITE);
    if (!buf)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_getdents64, (int)a[0], buf, (unsigned)a[2]));
}

int64_t lu_sys_dup(const uint64_t *a)
{
    if (lu_fd_is_own((int)a[0]))
        return -EBADF;
    return lu_host_ret(dup((int)a[0]));
}

int64_t lu_sys_dup3(const uint64_t *a)
{
    if (lu_fd_is_own((int)a[0]) || lu_fd_is_own((int)a[1]))
        return -EBADF;
    return lu_host_ret(dup3((int)a[0], (int)a[1], (int)a[2]));
}

int64_t lu_sys_pipe2(const uint64_t *a)
{
    int fds[2];
    if (!guest_access(a[0], sizeof(fds), PAGE_WRITE))
        return -EFAULT;
    if (pipe2(fds, (int)a[1]) < 0)
        return -errno;
    return copy_to_guest(a[0], fds, sizeof(fds));
}

int64_t lu_sys_ftruncate(const uint64_t *a)
{
    return lu_host_ret(ftruncate((int)a[0], (off_t)a[1]));
}

int64_t lu_sys_fsync(const uint64_t *a)
{
    return lu_host_ret(fsync((int)a[0]));
}

int64_t lu_sys_fdatasync(const uint64_t *a)
{
    return lu_host_ret(fdatasync((int)a[0]));
}

/* fcntl commands: how the third argument is used. */
enum fcntl_arg { FA_INT, FA_NONE, FA_FLOCK_READ, FA_FLOCK_RW };

static const struct {
    int cmd;
    enum fcntl_arg arg;
} fcntl_cmds[] = {
    { F_DUPFD, FA_INT },          { F_DUPFD_CLOEXEC, FA_INT },
    { F_GETFD, FA_NONE },         { F_SETFD, FA_INT },
    { F_GETLK, FA_FLOCK_RW },     { F_SETLK, FA_FLOCK_READ },
    { F_SETLKW, FA_FLOCK_READ },  { F_OFD_GETLK, FA_FLOCK_RW },
    { F_OFD_SETLK, FA_FLOCK_READ }, { F_OFD_SETLKW, FA_FLOCK_READ },
    { F_GETOWN, FA_NONE },        { F_SETOWN, FA_INT },
    { F_GETPIPE_SZ, FA_NONE },    { F_SETPIPE_SZ, FA_INT },
    { F_ADD_SEALS, FA_INT },      { F_GET_SEALS, FA_NONE },
    { F_GETLEASE, FA_NONE },      { F_SETLEASE, FA_INT },
    { F_NOTIFY, FA_INT },         { F_GETSIG, FA_NONE },
    { F_SETSIG, FA_INT },
};

int64_t lu_sys_fcntl(const uint64_t *a)
{
    int fd = (int)a[0], cmd = (int)a[1];

    if (lu_fd_is_own(fd))
        return -EBADF;
    if (cmd == F_GETFL) {
        int r = fcntl(fd, cmd);
        return r < 0 ? -errno : lu_open_flags_to_guest(r);
    }
    if (cmd == F_SETFL)
        return lu_host_ret(fcntl(fd, cmd, lu_open_flags_to_host(a[2])));

    for (size_t i = 0; i < ARRAY_SIZE(fcntl_cmds); i++) {
        if (fcntl_cmds[i].cmd != cmd)
            continue;
        switch (fcntl_cmds[i].arg) {
        case FA_NONE:
            return lu_host_ret(fcntl(fd, cmd));
        case FA_INT:
            return lu_host_ret(fcntl(fd, cmd, (long)a[2]));
        case FA_FLOCK_READ:
        case FA_FLOCK_RW: {
            /* asm-generic struct flock has the host's 64-bit layout. */
            unsigned prot = fcntl_cmds[i].arg == FA_FLOCK_RW ? PAGE_READ | PAGE_WRITE : PAGE_READ;
            void *fl = guest_access(a[2], sizeof(struct flock), prot);
            if (!fl)
                return -EFAULT;
            if (cmd == F_SETLKW || cmd == F_OFD_SETLKW)
                return lu_safe_syscall(SYS_fcntl, fd, cmd, (long)fl, 0, 0, 0);
            return lu_host_ret(fcntl(fd, cmd, fl));
        }
        }
    }
    lu_report_unimp("unimplemented fcntl command %d", cmd);
    return -EINVAL;
}

/* struct termios2 (asm-generic/termbits.h: the kernel termios and two
 * speeds), which glibc's <termios.h> cannot be included beside. */
struct lu_termios2 {
    uint32_t flags[4];
    uint8_t line, cc[19];
    uint32_t ispeed, ospeed;
};
_Static_assert(sizeof(struct lu_termios2) == 44, "struct termios2");
#define LU_TCGETS2  _IOR('T', 0x2A, struct lu_termios2)
#define LU_TCSETS2  _IOW('T', 0x2B, struct lu_termios2)
#define LU_TCSETSW2 _IOW('T', 0x2C, struct lu_termios2)
#define LU_TCSETSF2 _IOW('T', 0x2D, struct lu_termios2)

/*
 * Terminal, generic file and socket ioctls whose numbers and argument
 * layouts are the same for asm-generic guests and the x86_64 host.  size: bytes the
 * argument points to (0: the argument is a plain value or unused).
 */
static const struct {
    unsigned long req;
    uint32_t size;
    unsigned prot;
} ioctls[] = {
    { TCGETS, 36, PAGE_WRITE },       /* struct termios (kernel): 4*4 + 1 + 19 */
    { TCSETS, 36, PAGE_READ },
    { TCSETSW, 36, PAGE_READ },
    { TCSETSF, 36, PAGE_READ },
    { TIOCGWINSZ, 8, PAGE_WRITE },
    { TIOCSWINSZ, 8, PAGE_READ },
    { TIOCGPGRP, 4, PAGE_WRITE },
    { TIOCSPGRP, 4, PAGE_READ },
    { TIOCGSID, 4, PAGE_WRITE },
    { TIOCOUTQ, 4, PAGE_WRITE },
    { FIONREAD, 4, PAGE_WRITE },
    { FIONBIO, 4, PAGE_READ },
    { FIOASYNC, 4, PAGE_READ },
    { TIOCGPTN, 4, PAGE_WRITE },      /* pseudo-terminals: ptsname, unlockpt */
    { TIOCSPTLCK, 4, PAGE_READ },
    { TIOCGPTPEER, 0, 0 },
    { FIOCLEX, 0, 0 },
    { FIONCLEX, 0, 0 },
    { TIOCSCTTY, 0, 0 },
    { TIOCNOTTY, 0, 0 },
    { TCFLSH, 0, 0 },
    { TCXONC, 0, 0 },
    { TCSBRK, 0, 0 },
    { LU_TCGETS2, 44, PAGE_WRITE },
    { LU_TCSETS2, 44, PAGE_READ },
    { LU_TCSETSW2, 44, PAGE_READ },
    { LU_TCSETSF2, 44, PAGE_READ },
    { SIOCATMARK, 4, PAGE_WRITE },    /* sockets (SIOCINQ, SIOCOUTQ: FIONREAD, TIOCOUTQ) */
    { FIOGETOWN, 4, PAGE_WRITE },
    { FIOSETOWN, 4, PAGE_READ },
    { SIOCGPGRP, 4, PAGE_WRITE },
    { SIOCSPGRP, 4, PAGE_READ },
    { SIOCGIFNAME, 40, PAGE_READ | PAGE_WRITE },  /* struct ifreq, no pointers */
    { SIOCGIFINDEX, 40, PAGE_READ | PAGE_WRITE },
    { SIOCGIFFLAGS, 40, PAGE_READ | PAGE_WRITE },
    { SIOCGIFMTU, 40, PAGE_READ | PAGE_WRITE },
    { SIOCGIFADDR, 40, PAGE_READ | PAGE_WRITE },
    { SIOCGIFHWADDR, 40, PAGE_READ | PAGE_WRITE },
};

int64_t lu_sys_ioctl(const uint64_t *a)
{
    for (size_t i = 0; i < ARRAY_SIZE(ioctls); i++) {
        if (ioctls[i].req != a[1])
            continue;
        if (ioctls[i].size == 0)
            return lu_safe_syscall(SYS_ioctl, (int)a[0], (long)ioctls[i].req, (long)a[2], 0, 0, 0);
        void *p = guest_access(a[2], ioctls[i].size, ioctls[i].prot);
        if (!p)
            return -EFAULT;
        return lu_safe_syscall(SYS_ioctl, (int)a[0], (long)ioctls[i].req, (long)p, 0, 0, 0);
    }
    lu_report_unimp("unimplemented ioctl 0x%" PRIx64 " on fd %d", a[1], (int)a[0]);
    return -ENOTTY;
}
