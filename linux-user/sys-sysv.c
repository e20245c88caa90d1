/*
 * The "sysv" family (see LU_SYSCALL_SET in syscall.h): SysV semaphores,
 * message queues, and shmget/shmctl (shmat and shmdt are shm.c's).
 *
 * Layouts: struct ipc64_perm, msqid64_ds, shmid64_ds, shminfo64,
 * shm_info, seminfo, msginfo, sembuf and a message's leading long mtype
 * are the same for a 64-bit asm-generic guest and the x86_64 host, so
 * those buffers go to the host kernel as they are.  struct semid64_ds
 * is not: x86_64's has a padding word after each time field
 * (arch/x86/include/uapi/asm/sembuf.h), asm-generic's has none, so
 * semctl's IPC_STAT family and IPC_SET convert it.  Command numbers
 * (IPC_*, GETVAL.., SEM_STAT..) and flags are equal.  Neither kernel
 * parses an IPC_64 version bit on a 64-bit ABI, so a command arrives as
 * the guest wrote it and the host judges it as the guest's kernel
 * would.
 *
 * The waits (msgsnd, msgrcv, semop, semtimedop) go through
 * lu_safe_syscall() so that a guest signal interrupts them.
 *
 * Order of errors: Linux checks the sizes, ids and flags before it
 * touches a buffer, and some calls act before they copy (msgrcv takes
 * the message off the queue, then faults).  A guest buffer that is not
 * accessible is therefore given to the host kernel as NULL, which no
 * host process maps: the host's own checks run in Linux's order and
 * the copy fails with EFAULT where the guest's kernel would fail.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "safe-syscall.h"
#include "syscall-nr.h"
#include "syscall.h"
#include "uemu/guest-mem.h"
#include "uemu/page-table.h"

#define LU_IPC_PERM_SIZE   48
#define LU_MSQID_DS_SIZE   120
#define LU_SHMID_DS_SIZE   112
#define LU_SHMINFO64_SIZE  72
#define LU_SHM_INFO_SIZE   48
#define LU_SEMINFO_SIZE    40
#define LU_MSGINFO_SIZE    32
#define LU_SEMBUF_SIZE     6
#define LU_TIMESPEC_SIZE   16

/* struct semid64_ds of asm-generic/sembuf.h, 64-bit. */
struct lu_target_semid_ds {
    uint8_t perm[LU_IPC_PERM_SIZE];
    int64_t otime;
    int64_t ctime;
    uint64_t nsems;
    uint64_t unused3, unused4;
};
/* The x86_64 host's struct semid64_ds. */
struct lu_host_semid_ds {
    uint8_t perm[LU_IPC_PERM_SIZE];
    int64_t otime;
    uint64_t unused1;
    int64_t ctime;
    uint64_t unused2;
    uint64_t nsems;
    uint64_t unused3, unused4;
};
_Static_assert(sizeof(struct lu_target_semid_ds) == 88, "asm-generic semid64_ds");
_Static_assert(sizeof(struct lu_host_semid_ds) == sizeof(struct semid_ds), "x86_64 semid64_ds");
_Static_assert(sizeof(struct ipc_perm) == LU_IPC_PERM_SIZE, "ipc64_perm");
_Static_assert(sizeof(struct msqid_ds) == LU_MSQID_DS_SIZE, "msqid64_ds");
_Static_assert(sizeof(struct shmid_ds) == LU_SHMID_DS_SIZE, "shmid64_ds");
_Static_assert(sizeof(struct sembuf) == LU_SEMBUF_SIZE, "struct sembuf");

/* The host pointer for a guest buffer, NULL when it is not accessible
 * (see the top of the file). */
static void *host_buf(uint64_t addr, uint64_t len, unsigned prot)
{
    return guest_access(addr, len, prot);
}

/* How a control command uses its pointer argument. */
enum ctl_arg { CTL_NONE, CTL_IN, CTL_OUT };

struct ctl_cmd {
    int cmd;
    enum ctl_arg arg;
    uint32_t size;
};

static const struct ctl_cmd msgctl_cmds[] = {
    { IPC_RMID, CTL_NONE, 0 },
    { IPC_SET, CTL_IN, LU_MSQID_DS_SIZE },
    { IPC_STAT, CTL_OUT, LU_MSQID_DS_SIZE },
    { MSG_STAT, CTL_OUT, LU_MSQID_DS_SIZE },
    { MSG_STAT_ANY, CTL_OUT, LU_MSQID_DS_SIZE },
    { IPC_INFO, CTL_OUT, LU_MSGINFO_SIZE },
    { MSG_INFO, CTL_OUT, LU_MSGINFO_SIZE },
};

static const struct ctl_cmd shmctl_cmds[] = {
    { IPC_RMID, CTL_NONE, 0 },
    { SHM_LOCK, CTL_NONE, 0 },
    { SHM_UNLOCK, CTL_NONE, 0 },
    { IPC_SET, CTL_IN, LU_SHMID_DS_SIZE },
    { IPC_STAT, CTL_OUT, LU_SHMID_DS_SIZE },
    { SHM_STAT, CTL_OUT, LU_SHMID_DS_SIZE },
    { SHM_STAT_ANY, CTL_OUT, LU_SHMID_DS_SIZE },
    { IPC_INFO, CTL_OUT, LU_SHMINFO64_SIZE },
    { SHM_INFO, CTL_OUT, LU_SHM_INFO_SIZE },
};

/* msgctl and shmctl: a command of the table with its buffer as is. */
static int64_t do_ctl(long nr, const char *name, const struct ctl_cmd *cmds, size_t n,
                      const uint64_t *a)
{
    int cmd = (int)a[1];
    for (size_t i = 0; i < n; i++) {
        if (cmds[i].cmd != cmd)
            continue;
        void *buf = NULL;
        if (cmds[i].arg != CTL_NONE)
            buf = host_buf(a[2], cmds[i].size, cmds[i].arg == CTL_IN ? PAGE_READ : PAGE_WRITE);
        return lu_host_ret(syscall(nr, (int)a[0], cmd, buf));
    }
    lu_report_unimp("%s: unknown command %d", name, cmd);
    return -EINVAL;
}

static int64_t sys_msgget(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_msgget, (key_t)a[0], (int)a[1]));
}

/* A message is its long mtype and then msgsz bytes of text. */
static int64_t sys_msgsnd(const uint64_t *a)
{
    void *msg = a[2] > SIZE_MAX - 8 ? NULL : host_buf(a[1], a[2] + 8, PAGE_READ);
    return lu_safe_syscall(SYS_msgsnd, (int)a[0], (long)msg, (long)a[2], (int)a[3], 0, 0);
}

static int64_t sys_msgrcv(const uint64_t *a)
{
    void *msg = a[2] > SIZE_MAX - 8 ? NULL : host_buf(a[1], a[2] + 8, PAGE_WRITE);
    return lu_safe_syscall(SYS_msgrcv, (int)a[0], (long)msg, (long)a[2], (long)a[3], (int)a[4], 0);
}

static int64_t sys_msgctl(const uint64_t *a)
{
    return do_ctl(SYS_msgctl, "msgctl", msgctl_cmds, ARRAY_SIZE(msgctl_cmds), a);
}

static int64_t sys_shmget(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_shmget, (key_t)a[0], (size_t)a[1], (int)a[2]));
}

static int64_t sys_shmctl(const uint64_t *a)
{
    return do_ctl(SYS_shmctl, "shmctl", shmctl_cmds, ARRAY_SIZE(shmctl_cmds), a);
}

static int64_t sys_semget(const uint64_t *a)
{
    return lu_host_ret(syscall(SYS_semget, (key_t)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_semop(const uint64_t *a)
{
    void *sops = host_buf(a[1], (uint64_t)(unsigned)a[2] * LU_SEMBUF_SIZE, PAGE_READ);
    return lu_safe_syscall(SYS_semop, (int)a[0], (long)sops, (unsigned)a[2], 0, 0, 0);
}

/* The timeout is read before anything else, as Linux does. */
static int64_t sys_semtimedop(const uint64_t *a)
{
    const void *ts = NULL;
    if (a[3] && !(ts = guest_access(a[3], LU_TIMESPEC_SIZE, PAGE_READ)))
        return -EFAULT;
    void *sops = host_buf(a[1], (uint64_t)(unsigned)a[2] * LU_SEMBUF_SIZE, PAGE_READ);
    return lu_safe_syscall(SYS_semtimedop, (int)a[0], (long)sops, (unsigned)a[2], (long)ts, 0, 0);
}

static int64_t semctl_host(int id, int num, int cmd, unsigned long arg)
{
    return lu_host_ret(syscall(SYS_semctl, id, num, cmd, arg));
}

/* IPC_STAT, SEM_STAT, SEM_STAT_ANY: the host's semid64_ds reshaped. */
static int64_t semctl_stat(int id, int num, int cmd, uint64_t addr)
{
    struct lu_host_semid_ds h;
    int64_t r = semctl_host(id, num, cmd, (unsigned long)&h);
    if (r < 0)
        return r;
    struct lu_target_semid_ds g = {
        .otime = h.otime, .ctime = h.ctime, .nsems = h.nsems,
    };
    memcpy(g.perm, h.perm, sizeof(g.perm));
    return copy_to_guest(addr, &g, sizeof(g)) < 0 ? -EFAULT : r;
}

static int64_t semctl_set(int id, int num, uint64_t addr)
{
    struct lu_target_semid_ds g;
    if (copy_from_guest(&g, addr, sizeof(g)) < 0)
        return -EFAULT;
    struct lu_host_semid_ds h = {
        .otime = g.otime, .ctime = g.ctime, .nsems = g.nsems,
    };
    memcpy(h.perm, g.perm, sizeof(h.perm));
    return semctl_host(id, num, IPC_SET, (unsigned long)&h);
}

/*
 * The number of semaphores in set id.  IPC_STAT needs read permission,
 * which SETALL does not: a set the caller may alter but not read is
 * then looked up with SEM_STAT_ANY, which takes the set's index (the
 * id's low 15 bits, 24 with ipcmni_extend) and returns its id.
 */
static int64_t sem_count(int id, uint64_t *nsems)
{
    static const int index_bits[] = { 15, 24 };
    struct lu_host_semid_ds h = { .nsems = 0 };
    int64_t r = semctl_host(id, 0, IPC_STAT, (unsigned long)&h);

    for (size_t i = 0; r == -EACCES && i < ARRAY_SIZE(index_bits); i++) {
        int64_t found = semctl_host(id & ((1 << index_bits[i]) - 1), 0, SEM_STAT_ANY,
                                    (unsigned long)&h);
        if (found == id)
            r = 0;
    }
    *nsems = h.nsems;
    return r;
}

/* GETALL and SETALL: one unsigned short per semaphore of the set. */
static int64_t semctl_all(int id, int num, int cmd, uint64_t addr)
{
    uint64_t nsems;
    int64_t r = sem_count(id, &nsems);
    if (r < 0)
        return r;
    void *vals = host_buf(addr, nsems * sizeof(uint16_t), cmd == GETALL ? PAGE_WRITE : PAGE_READ);
    return semctl_host(id, num, cmd, (unsigned long)vals);
}

/* The fourth argument is union semun, passed by value in a register. */
static int64_t sys_semctl(const uint64_t *a)
{
    int id = (int)a[0], num = (int)a[1], cmd = (int)a[2];

    switch (cmd) {
    case IPC_RMID:
    case GETPID:
    case GETVAL:
    case GETNCNT:
    case GETZCNT:
        return semctl_host(id, num, cmd, 0);
    case SETVAL:
        return semctl_host(id, num, cmd, (unsigned long)(unsigned)a[3]);
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY:
        return semctl_stat(id, num, cmd, a[3]);
    case IPC_SET:
        return semctl_set(id, num, a[3]);
    case IPC_INFO:
    case SEM_INFO:
        return semctl_host(id, num, cmd,
                           (unsigned long)host_buf(a[3], LU_SEMINFO_SIZE, PAGE_WRITE));
    case GETALL:
    case SETALL:
        return semctl_all(id, num, cmd, a[3]);
    }
    lu_report_unimp("semctl: unknown command %d", cmd);
    return -EINVAL;
}

LU_SYSCALL_SET(sysv,
    { LU_NR_semget, sys_semget, "KdI" },
    { LU_NR_semctl, sys_semctl, "ddzx" },
    { LU_NR_semop, sys_semop, "dOu" },
    { LU_NR_semtimedop, sys_semtimedop, "dOuT" },
    { LU_NR_msgget, sys_msgget, "KI" },
    { LU_NR_msgsnd, sys_msgsnd, "dpuq" },
    { LU_NR_msgrcv, sys_msgrcv, "dpulq" },
    { LU_NR_msgctl, sys_msgctl, "dzp" },
    { LU_NR_shmget, sys_shmget, "KuI" },
    { LU_NR_shmctl, sys_shmctl, "dzp" });
