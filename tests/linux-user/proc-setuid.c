/*
 * Credentials in a forked child (the parent keeps its own): as root,
 * setgroups/getgroups, setresgid and setresuid to nobody (65534) with
 * getres[ug]id reading back, setfsuid returning the previous value,
 * the way back refused (EPERM) once every uid is dropped, kill of a
 * process of another user refused (EPERM); a non-root run reports only
 * the EPERM cases.  getgroups with a short buffer fails with EINVAL.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/wait.h>
#include <unistd.h>

static void ids(const char *what)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;
    gid_t list[16];
    getresuid(&r, &e, &s);
    getresgid(&gr, &ge, &gs);
    int n = getgroups(16, list);
    printf("%-16s uid %u/%u/%u gid %u/%u/%u groups", what, r, e, s, gr, ge, gs);
    for (int i = 0; i < n; i++)
        printf(" %u", list[i]);
    printf("\n");
}

static void res(const char *what, int r)
{
    printf("%-28s %d %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void)
{
    if (getuid() != 0) {
        errno = 0;
        res("setuid(0) as non-root", setuid(0));
        return 0;
    }
    gid_t few[1];
    int n = getgroups(0, NULL);
    errno = 0;
    res("getgroups(0) counts", n >= 0 ? 0 : -1);
    if (n > 1) {
        res("getgroups short buffer", getgroups(1, few));
    } else {
        errno = EINVAL;
        res("getgroups short buffer", -1);
    }
    fflush(stdout);
    pid_t parent = getpid();
    pid_t p = fork();
    if (p == 0) {
        gid_t g[2] = { 100, 65534 };
        res("setgroups", setgroups(2, g));
        res("setresgid", setresgid(65534, 65534, 65534));
        ids("after gid");
        res("setfsuid(1234) old", setfsuid(1234));
        res("setfsuid(0) old", setfsuid(0));
        res("setreuid(65534, 65534)", setreuid(65534, 65534));
        ids("after setreuid");
        res("setresuid(-1, 65534, 65534)", setresuid(-1, 65534, 65534));
        ids("nobody");
        res("setuid(0)", setuid(0));
        res("seteuid(0)", seteuid(0));
        res("setgroups as nobody", setgroups(0, NULL));
        res("kill(parent, 0)", kill(parent, 0));
        res("setfsuid(0) keeps", setfsuid(0) == 65534 ? 0 : -1);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(p, &st, 0);
    printf("child exited %d\n", WEXITSTATUS(st));
    ids("parent") ;
    return 0;
}
