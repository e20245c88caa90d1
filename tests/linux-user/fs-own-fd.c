/*
 * uemu's own descriptors are out of the guest's reach: the program runs
 * itself again with uemu's log turned on through the environment
 * (UEMU_LOG=strace, UEMU_LOG_FILENAME; a native run ignores them), and
 * that child closes every descriptor from 3 up (close_range), tries
 * dup2 and close on each descriptor up to its RLIMIT_NOFILE, then makes
 * more system calls.  The log must still get the calls made after
 * close_range (natively there is no log: nothing to check).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define LOG "own-fd.log"

static int child(void)
{
    struct rlimit rl;

    if (syscall(SYS_close_range, 3, ~0U, 0) != 0)
        return 1;
    getrlimit(RLIMIT_NOFILE, &rl);
    for (rlim_t fd = 3; fd < rl.rlim_cur && fd < 65536; fd++) {
        if (dup2(1, (int)fd) == (int)fd)
            close((int)fd);
    }
    /* The calls the log must show. */
    chdir("/");
    syscall(SYS_getppid);
    return 0;
}

int main(int argc, char **argv)
{
    char cwd[512], logvar[600], *env[] = { (char *)"UEMU_LOG=strace", logvar, NULL };
    char *args[] = { argv[0], (char *)"child", NULL };
    int st;

    if (argc > 1)
        return child();
    getcwd(cwd, sizeof(cwd));
    snprintf(logvar, sizeof(logvar), "UEMU_LOG_FILENAME=%s/%s", cwd, LOG);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        execve("/proc/self/exe", args, env);
        _exit(127);
    }
    waitpid(p, &st, 0);
    printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    FILE *f = fopen(LOG, "r");
    int seen_close_range = 0, after = 0;
    char line[1024];
    if (f) {
        while (fgets(line, sizeof(line), f)) {
            if (strstr(line, "close_range("))
                seen_close_range = 1;
            else if (seen_close_range && strstr(line, "getppid("))
                after = 1;
        }
        fclose(f);
    }
    printf("log written after close_range: %d\n", !f || (seen_close_range && after));
    return 0;
}
