/*
 * Host errno to FreeBSD errno: the one translation table of the FreeBSD
 * personality, applied once at the syscall boundary (bu_sys_* and the
 * syscall layer).  FreeBSD numbers from sys/sys/errno.h; 1..34 agree
 * with Linux, the rest differ.  Host errors without a FreeBSD
 * counterpart become EINVAL.
 */
#include <errno.h>

#include "bsd-user/mmap.h"

#define BU_EINVAL 22

static const unsigned char bu_errno_table[] = {
    [EPERM] = 1,            [ENOENT] = 2,           [ESRCH] = 3,
    [EINTR] = 4,            [EIO] = 5,              [ENXIO] = 6,
    [E2BIG] = 7,            [ENOEXEC] = 8,          [EBADF] = 9,
    [ECHILD] = 10,          [EDEADLK] = 11,         [ENOMEM] = 12,
    [EACCES] = 13,          [EFAULT] = 14,          [ENOTBLK] = 15,
    [EBUSY] = 16,           [EEXIST] = 17,          [EXDEV] = 18,
    [ENODEV] = 19,          [ENOTDIR] = 20,         [EISDIR] = 21,
    [EINVAL] = 22,          [ENFILE] = 23,          [EMFILE] = 24,
    [ENOTTY] = 25,          [ETXTBSY] = 26,         [EFBIG] = 27,
    [ENOSPC] = 28,          [ESPIPE] = 29,          [EROFS] = 30,
    [EMLINK] = 31,          [EPIPE] = 32,           [EDOM] = 33,
    [ERANGE] = 34,          [EAGAIN] = 35,          [EINPROGRESS] = 36,
    [EALREADY] = 37,        [ENOTSOCK] = 38,        [EDESTADDRREQ] = 39,
    [EMSGSIZE] = 40,        [EPROTOTYPE] = 41,      [ENOPROTOOPT] = 42,
    [EPROTONOSUPPORT] = 43, [ESOCKTNOSUPPORT] = 44, [EOPNOTSUPP] = 45,
    [EPFNOSUPPORT] = 46,    [EAFNOSUPPORT] = 47,    [EADDRINUSE] = 48,
    [EADDRNOTAVAIL] = 49,   [ENETDOWN] = 50,        [ENETUNREACH] = 51,
    [ENETRESET] = 52,       [ECONNABORTED] = 53,    [ECONNRESET] = 54,
    [ENOBUFS] = 55,         [EISCONN] = 56,         [ENOTCONN] = 57,
    [ESHUTDOWN] = 58,       [ETOOMANYREFS] = 59,    [ETIMEDOUT] = 60,
    [ECONNREFUSED] = 61,    [ELOOP] = 62,           [ENAMETOOLONG] = 63,
    [EHOSTDOWN] = 64,       [EHOSTUNREACH] = 65,    [ENOTEMPTY] = 66,
    [EUSERS] = 68,          [EDQUOT] = 69,          [ESTALE] = 70,
    [EREMOTE] = 71,         [ENOLCK] = 77,          [ENOSYS] = 78,
    [EIDRM] = 82,           [ENOMSG] = 83,          [EOVERFLOW] = 84,
    [ECANCELED] = 85,       [EILSEQ] = 86,          [ENODATA] = 87,
    [EBADMSG] = 89,         [EMULTIHOP] = 90,       [ENOLINK] = 91,
    [EPROTO] = 92,          [ENOTRECOVERABLE] = 95, [EOWNERDEAD] = 96,
};

int bu_errno_from_host(int host_errno)
{
    if (host_errno <= 0 || (unsigned)host_errno >= ARRAY_SIZE(bu_errno_table) ||
        bu_errno_table[host_errno] == 0)
        return BU_EINVAL;
    return bu_errno_table[host_errno];
}

int64_t bu_result_from_host(int64_t r)
{
    /* Guest addresses are below 2^63, so a negative result is an error. */
    if (r < 0 && r >= -4095)
        return -(int64_t)bu_errno_from_host((int)-r);
    return r;
}
