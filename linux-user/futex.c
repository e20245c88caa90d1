/*
 * futex(2) for guest threads.  Guest memory is host memory at
 * guest_base + addr and every guest thread is a host thread, so each
 * operation is the host's own on the host address of the guest word:
 * waiters and wakers meet in the host kernel, private futexes included
 * (one process), and PI futexes find their owner by tid (guest tid =
 * host tid).  struct timespec has the same layout on both sides.
 *
 * The arguments are (uaddr, op, val, timeout or val2, uaddr2, val3);
 * the fourth is a pointer only for the waiting operations.  Waits go
 * through the safe-syscall path so a guest signal arriving before the
 * host call blocks interrupts it (-EINTR; the cpu loop restarts it for
 * an SA_RESTART handler as the kernel's -ERESTARTSYS does, except a
 * FUTEX_WAIT or FUTEX_WAIT_BITSET with a timeout, whose
 * -ERESTART_RESTARTBLOCK is EINTR once a handler ran).
 */
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/signal.h"
#include "safe-syscall.h"
#include "syscall.h"
#include "thread.h"
#include "uemu/guest-mem.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"

/* include/uapi/linux/futex.h */
enum {
    FUTEX_WAIT, FUTEX_WAKE, FUTEX_FD, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE,
    FUTEX_WAKE_OP, FUTEX_LOCK_PI, FUTEX_UNLOCK_PI, FUTEX_TRYLOCK_PI,
    FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET, FUTEX_WAIT_REQUEUE_PI,
    FUTEX_CMP_REQUEUE_PI, FUTEX_LOCK_PI2,
};
#define FUTEX_PRIVATE_FLAG   128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK       (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

/* Per command: the fourth argument is a timeout pointer; uaddr2 is used;
 * the call may block. */
#define T 1
#define U2 2
#define B 4
static const uint8_t futex_args[] = {
    [FUTEX_WAIT] = T | B,           [FUTEX_WAKE] = 0,
    [FUTEX_REQUEUE] = U2,           [FUTEX_CMP_REQUEUE] = U2,
    [FUTEX_WAKE_OP] = U2,           [FUTEX_LOCK_PI] = T | B,
    [FUTEX_UNLOCK_PI] = 0,          [FUTEX_TRYLOCK_PI] = 0,
    [FUTEX_WAIT_BITSET] = T | B,    [FUTEX_WAKE_BITSET] = 0,
    [FUTEX_WAIT_REQUEUE_PI] = T | U2 | B, [FUTEX_CMP_REQUEUE_PI] = U2,
    [FUTEX_LOCK_PI2] = T | B,
};
#undef T
#undef U2
#undef B

/* The host address of a futex word: 4-byte aligned guest memory. */
static void *word(uint64_t addr)
{
    if (addr & 3)
        return NULL;
    return guest_access(addr, 4, PAGE_READ);
}

int64_t lu_sys_futex(const uint64_t *a)
{
    int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
    void *uaddr, *uaddr2 = NULL;
    uintptr_t fourth = a[3];
    uint8_t how;

    if (cmd < 0 || cmd >= (int)sizeof(futex_args) || cmd == FUTEX_FD) {
        lu_report_unimp("futex operation %d", cmd);
        return -ENOSYS;
    }
    how = futex_args[cmd];
    if (!(uaddr = word(a[0])))
        return a[0] & 3 ? -EINVAL : -EFAULT;
    if ((how & 2) && !(uaddr2 = word(a[4])))
        return a[4] & 3 ? -EINVAL : -EFAULT;
    if ((how & 1) && a[3]) {
        void *ts = guest_access(a[3], 16, PAGE_READ);

        if (!ts)
            return -EFAULT;
        fourth = (uintptr_t)ts;
    }
    if (how & 4) {
        long r = lu_safe_syscall(SYS_futex, (long)uaddr, op, (long)(uint32_t)a[2], (long)fourth,
                                 (long)uaddr2, (long)(uint32_t)a[5]);

        if (r == -EINTR && a[3] && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET))
            lu_signal_no_restart();
        return r;
    }
    return lu_host_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], fourth, uaddr2,
                               (uint32_t)a[5]));
}

int64_t lu_futex_wake(uint64_t addr, int n)
{
    void *w = word(addr);

    if (!w)
        return -EFAULT;
    return lu_host_ret(syscall(SYS_futex, w, FUTEX_WAKE, n, NULL, NULL, 0));
}
