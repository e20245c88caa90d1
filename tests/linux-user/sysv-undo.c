/* SEM_UNDO across processes: a forked child takes semaphores with and
 * without SEM_UNDO and exits; its undo adjustments are applied at exit,
 * the plain operation stays.  Then a child blocks in semop until the
 * parent raises the semaphore, and a message queue passes a message
 * from a child to the parent blocked in msgrcv. */
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

union semun {
    int val;
    unsigned short *array;
};

static int child_status(pid_t pid)
{
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    unsigned short init[2] = { 5, 5 }, v[2];
    union semun u = { .array = init };
    semctl(id, 0, SETALL, u);
    pid_t pid = fork();
    if (pid == 0) {
        struct sembuf ops[2] = { { 0, -2, SEM_UNDO }, { 1, -3, 0 } };
        _exit(semop(id, ops, 2) == 0 && semctl(id, 0, GETVAL) == 3 ? 0 : 1);
    }
    printf("child %d\n", child_status(pid));
    u.array = v;
    semctl(id, 0, GETALL, u);
    printf("after exit: %u (undone) %u (kept)\n", v[0], v[1]);

    u.val = 0;
    semctl(id, 1, SETVAL, u);
    pid = fork();
    if (pid == 0) {
        struct sembuf take = { 1, -1, 0 };
        _exit(semop(id, &take, 1) == 0 ? 0 : 1);
    }
    usleep(100000);
    printf("waiting for the semaphore: %d\n", semctl(id, 1, GETNCNT));
    struct sembuf give = { 1, 1, 0 };
    semop(id, &give, 1);
    printf("child %d, value %d\n", child_status(pid), semctl(id, 1, GETVAL));
    semctl(id, 0, IPC_RMID);

    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    pid = fork();
    if (pid == 0) {
        struct { long type; char text[8]; } m = { 9, "child" };
        usleep(100000);
        _exit(msgsnd(q, &m, 6, 0) == 0 ? 0 : 1);
    }
    struct { long type; char text[8]; } m;
    ssize_t n = msgrcv(q, &m, sizeof(m.text), 0, 0);
    printf("msgrcv %zd type %ld '%s'\n", n, m.type, m.text);
    printf("child %d\n", child_status(pid));
    msgctl(q, IPC_RMID, NULL);
    return 0;
}
