/*
 * prctl basics: PR_SET_NAME / PR_GET_NAME (15 bytes kept, the rest cut;
 * /proc/self/comm agrees), the name of a forked child; PR_SET_PDEATHSIG
 * / PR_GET_PDEATHSIG (a child told SIGUSR1 when its parent dies gets
 * it); PR_GET_DUMPABLE / PR_SET_DUMPABLE; PR_SET_NO_NEW_PRIVS (one way);
 * PR_SET_CHILD_SUBREAPER (an orphaned grandchild is reparented to us);
 * unknown options and bad arguments fail with EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void comm(const char *what)
{
    char name[32] = { 0 }, proc[32] = { 0 };
    prctl(PR_GET_NAME, name, 0, 0, 0);
    int fd = open("/proc/self/comm", O_RDONLY);
    if (fd < 0 || read(fd, proc, sizeof(proc) - 1) < 0)
        perror("/proc/self/comm");
    if (fd >= 0)
        close(fd);
    proc[strcspn(proc, "\n")] = 0;
    printf("%s: PR_GET_NAME \"%s\" (%zu bytes), /proc/self/comm %s\n", what, name,
           strlen(name), strcmp(name, proc) == 0 ? "agrees" : proc);
}

static void err(const char *what, int r)
{
    printf("%s: %d %s\n", what, r, r < 0 ? strerror(errno) : "");
}

static int wait_status(pid_t p)
{
    int st;
    if (waitpid(p, &st, 0) != p)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int s)
{
    (void)s;
    got_usr1 = 1;
}

int main(void)
{
    int v = -1;

    printf("set name: %d\n", prctl(PR_SET_NAME, "worker-one", 0, 0, 0));
    comm("after set");
    prctl(PR_SET_NAME, "a-name-longer-than-fifteen", 0, 0, 0);
    comm("long name");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        comm("forked child");
        prctl(PR_SET_NAME, "child", 0, 0, 0);
        comm("child renamed");
        fflush(stdout);
        _exit(0);
    }
    wait_status(p);
    comm("parent after child renamed itself");

    printf("PR_GET_PDEATHSIG initially: %d ", prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0));
    printf("-> %d\n", v);
    prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
    prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0);
    printf("PR_GET_PDEATHSIG after set: %d\n", v);
    prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
    err("PR_SET_PDEATHSIG 99", prctl(PR_SET_PDEATHSIG, 99, 0, 0, 0));

    printf("dumpable: %d\n", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    printf("dumpable after clearing: %d\n", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    err("PR_SET_DUMPABLE 7", prctl(PR_SET_DUMPABLE, 7, 0, 0, 0));

    /* Subreaper: the middle child forks a grandchild and dies; the
     * grandchild, told SIGUSR1 on its parent's death, finds us as its
     * new parent. */
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0);
    printf("subreaper: %d\n", v);
    pid_t me = getpid();
    int pfd[2];
    if (pipe(pfd) < 0)
        return 1;
    fflush(stdout);
    p = fork();
    if (p == 0) {
        int ready[2];
        if (pipe(ready) < 0)
            _exit(1);
        pid_t g = fork();
        if (g == 0) {
            sigset_t usr1, old;
            sigemptyset(&usr1);
            sigaddset(&usr1, SIGUSR1);
            sigprocmask(SIG_BLOCK, &usr1, &old);
            signal(SIGUSR1, on_usr1);
            prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
            close(ready[0]);
            close(ready[1]);
            while (!got_usr1)
                sigsuspend(&old);
            char line[64];
            int n = snprintf(line, sizeof(line), "grandchild: SIGUSR1 %d, parent is us %d\n",
                             (int)got_usr1, getppid() == me);
            if (write(pfd[1], line, n) != n)
                _exit(2);
            _exit(0);
        }
        /* The grandchild has set its death signal once ready hits EOF. */
        close(ready[1]);
        char c;
        if (read(ready[0], &c, 1) != 0)
            _exit(3);
        _exit(0);
    }
    close(pfd[1]);
    printf("middle child exited %d\n", wait_status(p));
    char buf[128] = { 0 };
    if (read(pfd[0], buf, sizeof(buf) - 1) < 0)
        perror("read");
    printf("%s", buf);
    int st;
    pid_t g = wait(&st);
    printf("reaped the grandchild: %d, status %d\n", g > 0, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);

    printf("no_new_privs: %d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    err("PR_SET_NO_NEW_PRIVS", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    printf("no_new_privs: %d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    err("PR_SET_NO_NEW_PRIVS 0", prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0));

    err("unknown option 12345", prctl(12345, 0, 0, 0, 0));
    err("PR_GET_NAME to NULL", prctl(PR_GET_NAME, NULL, 0, 0, 0));
    return 0;
}
