/*
 * Private to the -strace files: the text buffer a line is built in and
 * the argument printers, one format letter each.
 *
 * A system call's format string (strace.c's table for the calls of
 * syscall.c, the strace field of LU_SYSCALL_SET for the families) has one
 * letter per argument.  Printers that need another argument (an array's
 * count, a sockaddr's length, the option names of a socket level) find it
 * in args[].  A printer that reads guest memory copies it through
 * copy_from_guest and prints the bare address when that fails.
 *
 * Plain values (strace.c):
 *   d int  l long  u unsigned  x hex  p pointer  s string  M mode (octal)
 *   Z prctl's second argument (by the option, the first)
 * Flags and names (strace-flags.c; values of the asm-generic headers):
 *   o open flags   + open flags without the access mode (pipe2, dup3)
 *   F dirfd (AT_FDCWD)   A AT_* flags   a access mode
 *   P PROT_*   m MAP_*   f FALLOC_FL_*   D MFD_*   e EFD_*   E EPOLL_CLOEXEC
 *   k EPOLL_CTL_*   n IN_CLOEXEC..   N IN_* mask   t TFD_CLOEXEC..
 *   j TFD_TIMER_*   b TIMER_ABSTIME   W SFD_*   c CLOCK_*   C CLONE_*
 *   X FUTEX_*   w WNOHANG..   ! P_ALL..   i ioctl request   r PR_*   y SCHED_*
 *   g signal   h SIG_BLOCK..   K IPC key   I IPC_CREAT..|mode
 *   H SHM_RDONLY..   z IPC_RMID..   q IPC_NOWAIT|MSG_*   R SOCK_* flags
 *   1 F_* fcntl command   2 fcntl argument (by the command before it)
 *   3 RENAME_*   4 STATX_* mask   6 MREMAP_*   7 MADV_*   8 SEEK_*
 *   9 MS_*   0 MCL_*   ^ LOCK_*   * RLIMIT_*   - ITIMER_*
 * Structures in guest memory (strace-mem.c):
 *   T timespec   = futex's timeout (or val2, by the operation two before)
 *   J itimerspec   U utimensat times   G sigset   S sigaction   v sigevent
 *   Y sched_param   5 stack_t   [ pollfd array (count next)
 *   { fd_set (nfds = first argument)   } epoll_event
 *   O sembuf array (count next)
 * Sockets (strace-net.c):
 *   B AF_*   L SOCK_* type   V protocol (family = first argument)
 *   Q sockaddr (length next)   @ msghdr   # MSG_*   $ socket level
 *   % option name (level = previous)   & option value (length next)
 *   ~ SHUT_*
 */
#ifndef LINUX_USER_STRACE_H
#define LINUX_USER_STRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One line of -strace output; text past the end is dropped. */
struct lu_strace_buf {
    char text[2048];
    size_t len;
};

void lu_strace_put(struct lu_strace_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A flag word's bits, or one value of an enumeration. */
struct lu_flag_name {
    uint64_t bit;
    const char *name;
};

/* Flags as A|B|0x40 (the bits no name covers in hex), zero when none is
 * set.  A table ends with a NULL name; multi-bit flags come before the
 * flags they contain. */
void lu_strace_flags(struct lu_strace_buf *b, uint64_t v, const struct lu_flag_name *names,
                     const char *zero);
/* An enumeration value by name, in decimal when it has none. */
void lu_strace_enum(struct lu_strace_buf *b, int64_t v, const struct lu_flag_name *names);
void lu_strace_signal(struct lu_strace_buf *b, int sig);
/* len bytes in quotes, " and \ escaped, other unprintable bytes in
 * octal ("a\12b"); at most 64 of them, then "...". */
void lu_strace_quoted(struct lu_strace_buf *b, const char *s, size_t len);
void lu_strace_pointer(struct lu_strace_buf *b, uint64_t addr);

/*
 * Argument i of a call with format letter f; false when this file has no
 * printer for f.  lu_strace_arg tries them all and falls back to hex.
 */
bool lu_strace_flags_arg(struct lu_strace_buf *b, char f, const uint64_t args[6], int i);
bool lu_strace_mem_arg(struct lu_strace_buf *b, char f, const uint64_t args[6], int i);
bool lu_strace_net_arg(struct lu_strace_buf *b, char f, const uint64_t args[6], int i);
void lu_strace_arg(struct lu_strace_buf *b, char f, const uint64_t args[6], int i);

/* A whole call and its result, as lu_strace_enter / lu_strace_exit log
 * them (without the leading thread id and the newline). */
void lu_strace_format_call(struct lu_strace_buf *b, int64_t nr, const uint64_t args[6]);
void lu_strace_format_ret(struct lu_strace_buf *b, int64_t nr, int64_t ret);

/* ENOENT for 2, NULL for a number without a name. */
const char *lu_errno_name(int e);

#endif
