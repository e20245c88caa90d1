/* SysV semaphores: a private set of three, SETALL/GETALL, SETVAL and
 * GETVAL, semop with several operations at once (all or none),
 * IPC_NOWAIT giving EAGAIN, SEM_UNDO operations, wait-for-zero,
 * semtimedop timing out, IPC_STAT (nsems, mode, otime set by semop) and
 * IPC_SET of the mode, SETALL on a set that may be altered but not
 * read, GETPID, GETNCNT/GETZCNT, IPC_INFO/SEM_INFO, and EINVAL after
 * IPC_RMID. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <time.h>
#include <unistd.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *info;
};

static const char *err(int r)
{
    if (r >= 0)
        return "ok";
    return errno == EAGAIN ? "EAGAIN" : errno == EACCES ? "EACCES" : errno == EINVAL ? "EINVAL" : errno == ERANGE ? "ERANGE"
         : errno == EFBIG ? "EFBIG" : errno == EIDRM ? "EIDRM" : "other";
}

static void show(int id, const char *what)
{
    unsigned short v[3] = { 9, 9, 9 };
    union semun u = { .array = v };
    int r = semctl(id, 0, GETALL, u);
    printf("%s: GETALL %d -> %u %u %u\n", what, r, v[0], v[1], v[2]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    printf("semget %s\n", err(id));
    show(id, "new set");
    unsigned short init[3] = { 1, 2, 3 };
    union semun u = { .array = init };
    printf("SETALL %d\n", semctl(id, 0, SETALL, u));
    show(id, "after SETALL");
    u.val = 7;
    printf("SETVAL %d\n", semctl(id, 2, SETVAL, u));
    printf("GETVAL %d %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL), semctl(id, 2, GETVAL));

    struct semid_ds ds;
    u.buf = &ds;
    int r = semctl(id, 0, IPC_STAT, u);
    printf("IPC_STAT %d nsems %lu mode %o otime %d uid match %d\n", r, (unsigned long)ds.sem_nsems,
           ds.sem_perm.mode & 0777, ds.sem_otime != 0, ds.sem_perm.uid == getuid());

    struct sembuf ops[2] = { { 0, -1, 0 }, { 1, +2, SEM_UNDO } };
    printf("semop two %d\n", semop(id, ops, 2));
    show(id, "after semop");
    struct sembuf take = { 0, -1, IPC_NOWAIT };
    printf("semop nowait %s\n", err(semop(id, &take, 1)));
    struct sembuf both[2] = { { 1, -1, IPC_NOWAIT }, { 0, -1, IPC_NOWAIT } };
    printf("all or none %s\n", err(semop(id, both, 2)));
    show(id, "unchanged");
    struct sembuf zero = { 0, 0, 0 };
    printf("wait for zero %d\n", semop(id, &zero, 1));
    struct sembuf undo = { 2, -3, SEM_UNDO };
    printf("semop undo %d\n", semop(id, &undo, 1));
    show(id, "after undo op");
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    r = semtimedop(id, &take, 1, &ts);
    printf("semtimedop nowait %s\n", err(r));
    take.sem_flg = 0;
    r = semtimedop(id, &take, 1, &ts);
    printf("semtimedop timeout %s\n", err(r));
    struct sembuf big = { 1, 32767, 0 };
    printf("over SEMVMX %s\n", err(semop(id, &big, 1)));
    printf("GETPID match %d\n", semctl(id, 0, GETPID) == getpid());
    printf("GETNCNT %d GETZCNT %d\n", semctl(id, 0, GETNCNT), semctl(id, 0, GETZCNT));
    u.buf = &ds;
    semctl(id, 0, IPC_STAT, u);
    printf("otime now set %d\n", ds.sem_otime != 0);
    ds.sem_perm.mode = 0640;
    printf("IPC_SET %d\n", semctl(id, 0, IPC_SET, u));
    semctl(id, 0, IPC_STAT, u);
    printf("mode now %o nsems %lu\n", ds.sem_perm.mode & 0777, (unsigned long)ds.sem_nsems);

    struct seminfo si;
    u.info = &si;
    r = semctl(id, 0, IPC_INFO, u);
    printf("IPC_INFO ok %d semmsl>0 %d\n", r >= 0, si.semmsl > 0);
    r = semctl(id, 0, SEM_INFO, u);
    printf("SEM_INFO ok %d\n", r >= 0);
    printf("bad command %s\n", err(semctl(id, 0, 1234)));
    struct sembuf badnum = { 5, 1, 0 };
    printf("bad semnum %s\n", err(semop(id, &badnum, 1)));
    /* The owner's bits write-only: SETALL may alter what GETVAL may not
     * read (root passes both checks). */
    ds.sem_perm.mode = 0200;
    u.buf = &ds;
    semctl(id, 0, IPC_SET, u);
    unsigned short w[3] = { 4, 5, 9 };
    u.array = w;
    printf("SETALL write-only %s\n", err(semctl(id, 0, SETALL, u)));
    printf("GETVAL write-only %s\n", err(semctl(id, 2, GETVAL)));
    ds.sem_perm.mode = 0600;
    u.buf = &ds;
    semctl(id, 0, IPC_SET, u);
    printf("value now %d\n", semctl(id, 2, GETVAL));
    printf("IPC_RMID %d\n", semctl(id, 0, IPC_RMID));
    printf("after rmid %s\n", err(semctl(id, 0, GETVAL)));
    return 0;
}
