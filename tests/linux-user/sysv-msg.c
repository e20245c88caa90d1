/* SysV message queues: messages of several types, msgrcv by exact type,
 * the first message (type 0), the lowest type up to a bound (negative
 * type), MSG_EXCEPT, IPC_NOWAIT on an empty selection (ENOMSG), E2BIG
 * for a short buffer and MSG_NOERROR truncating, IPC_STAT counts,
 * IPC_SET of msg_qbytes, IPC_INFO, and EIDRM/EINVAL after IPC_RMID. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

struct msg {
    long type;
    char text[32];
};

static const char *err(long r)
{
    if (r >= 0)
        return "ok";
    return errno == ENOMSG ? "ENOMSG" : errno == E2BIG ? "E2BIG" : errno == EINVAL ? "EINVAL"
         : errno == EIDRM ? "EIDRM" : errno == EAGAIN ? "EAGAIN" : "other";
}

static void put(int q, long type, const char *text)
{
    struct msg m = { .type = type };
    strcpy(m.text, text);
    printf("msgsnd %ld '%s' %d\n", type, text, msgsnd(q, &m, strlen(text) + 1, 0));
}

static void get(int q, long type, int flags, size_t size)
{
    struct msg m = { 0 };
    ssize_t n = msgrcv(q, &m, size, type, flags);
    if (n < 0)
        printf("msgrcv type %ld: %s\n", type, err(n));
    else
        printf("msgrcv type %ld: %zd bytes, type %ld '%.*s'\n", type, n, m.type, (int)n, m.text);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    printf("msgget %s\n", err(q));
    put(q, 3, "three");
    put(q, 1, "one");
    put(q, 2, "two");
    put(q, 5, "five");
    put(q, 1, "one again");

    struct msqid_ds ds;
    int r = msgctl(q, IPC_STAT, &ds);
    printf("IPC_STAT %d qnum %lu cbytes %lu mode %o lspid match %d\n", r, (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, ds.msg_perm.mode & 0777, ds.msg_lspid == getpid());
    get(q, 2, 0, 32);
    get(q, 0, 0, 32);
    get(q, -4, 0, 32);
    get(q, 3, MSG_EXCEPT, 32);
    get(q, 7, IPC_NOWAIT, 32);
    get(q, 1, 0, 2);
    get(q, 1, MSG_NOERROR, 2);
    get(q, 0, IPC_NOWAIT, 32);
    struct msg bad = { .type = 0 };
    printf("type 0 send %s\n", err(msgsnd(q, &bad, 1, 0)));
    msgctl(q, IPC_STAT, &ds);
    printf("empty qnum %lu lrpid match %d\n", (unsigned long)ds.msg_qnum, ds.msg_lrpid == getpid());
    ds.msg_qbytes = 4096;
    printf("IPC_SET %d\n", msgctl(q, IPC_SET, &ds));
    msgctl(q, IPC_STAT, &ds);
    printf("qbytes %lu\n", (unsigned long)ds.msg_qbytes);
    struct msginfo mi;
    r = msgctl(q, IPC_INFO, (struct msqid_ds *)&mi);
    printf("IPC_INFO ok %d msgmax>0 %d\n", r >= 0, mi.msgmax > 0);
    printf("IPC_RMID %d\n", msgctl(q, IPC_RMID, NULL));
    printf("send after rmid %s\n", err(msgsnd(q, &bad, 1, IPC_NOWAIT)));
    return 0;
}
