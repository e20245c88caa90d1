/* SysV shared memory through shmget, shmat and shmctl: a private
 * segment attached twice (a write through one attachment is seen
 * through the other), IPC_STAT (size, nattch, cpid), IPC_SET of the
 * mode, a read-only attachment, shmdt, IPC_INFO/SHM_INFO, removal with
 * IPC_RMID while attached, and EINVAL for a segment of size 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

static const char *err(long r)
{
    if (r >= 0)
        return "ok";
    return errno == EINVAL ? "EINVAL" : errno == EIDRM ? "EIDRM" : errno == ENOENT ? "ENOENT" : "other";
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    printf("shmget %s\n", err(id));
    char *a = shmat(id, NULL, 0);
    char *b = shmat(id, NULL, 0);
    printf("attach %d %d distinct %d\n", a != (void *)-1, b != (void *)-1, a != b);
    strcpy(a, "written through a");
    printf("b sees '%s'\n", b);
    b[9999] = 'z';
    printf("a sees last byte '%c'\n", a[9999]);

    struct shmid_ds ds;
    int r = shmctl(id, IPC_STAT, &ds);
    printf("IPC_STAT %d size %zu nattch %lu mode %o cpid match %d\n", r, (size_t)ds.shm_segsz,
           (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777, ds.shm_cpid == getpid());
    ds.shm_perm.mode = 0640;
    printf("IPC_SET %d\n", shmctl(id, IPC_SET, &ds));
    const char *ro = shmat(id, NULL, SHM_RDONLY);
    printf("read-only attach sees '%s'\n", ro);
    printf("shmdt b %d, ro %d\n", shmdt(b), shmdt(ro));
    shmctl(id, IPC_STAT, &ds);
    printf("nattch %lu mode %o\n", (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777);

    struct shminfo si;
    r = shmctl(0, IPC_INFO, (struct shmid_ds *)&si);
    printf("IPC_INFO ok %d shmmax>0 %d\n", r >= 0, si.shmmax > 0);
    struct shm_info sinfo;
    r = shmctl(0, SHM_INFO, (struct shmid_ds *)&sinfo);
    printf("SHM_INFO ok %d used>0 %d\n", r >= 0, sinfo.used_ids > 0);

    printf("IPC_RMID %d\n", shmctl(id, IPC_RMID, NULL));
    printf("still usable '%s'\n", a);
    printf("shmdt a %d\n", shmdt(a));
    printf("stat after rmid %s\n", err(shmctl(id, IPC_STAT, &ds)));
    printf("bad command %s\n", err(shmctl(id, 999, &ds)));
    printf("size 0 %s\n", err(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600)));
    return 0;
}
