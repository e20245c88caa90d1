/*
 * fork/exec/wait three levels deep, each level the same riscv64 program
 * re-executed through /proc/self/exe with its level as argument: level
 * N forks, the child execs level N + 1 (with an environment variable
 * and a pipe inherited across the exec), and level N reports what its
 * child exited with.  The deepest level exits with a status the levels
 * above fold into their own.  Level 3 also reads /proc/self/exe and
 * argv[0] to see the exec'ed program is itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEPTH 3

static void say(int level, const char *fmt, const char *s, int v)
{
    printf("%*slevel %d: ", level * 2, "", level);
    printf(fmt, s, v);
    printf("\n");
    fflush(stdout);
}

int main(int argc, char **argv)
{
    int level = argc > 1 ? atoi(argv[1]) : 0;
    const char *env = getenv("CHAIN_PATH");
    char path[256];

    snprintf(path, sizeof(path), "%s/%d", env ? env : "", level);
    say(level, "CHAIN_PATH %s, argc %d", path, argc);
    if (level == DEPTH) {
        char self[4096], self0[4096];
        ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
        self[n > 0 ? n : 0] = 0;
        if (!realpath(argv[0], self0))
            strcpy(self0, "?");
        say(level, "/proc/self/exe is argv[0]: %s%d", "", strcmp(self, self0) == 0);
        /* The write end of the pipe level 0 made is open here. */
        int fd = atoi(argv[2]);
        say(level, "pipe write %s%d", "", (int)write(fd, "deep", 4));
        return 40 + level;
    }
    setenv("CHAIN_PATH", path, 1);
    int pfd[2] = { -1, -1 };
    if (level == 0 && pipe(pfd) < 0)
        return 1;
    char next[16], fdarg[16];
    snprintf(next, sizeof(next), "%d", level + 1);
    snprintf(fdarg, sizeof(fdarg), "%d", level == 0 ? pfd[1] : atoi(argv[2]));
    fflush(stdout);
    pid_t p = fork();
    if (p < 0) {
        perror("fork");
        return 1;
    }
    if (p == 0) {
        char *args[] = { argv[0], next, fdarg, NULL };
        execv("/proc/self/exe", args);
        say(level, "execv failed: %s%d", strerror(errno), 0);
        _exit(127);
    }
    int st;
    if (waitpid(p, &st, 0) != p) {
        perror("waitpid");
        return 1;
    }
    say(level, "child exited %s%d", "", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    if (level == 0) {
        char buf[8] = { 0 };
        close(pfd[1]);
        ssize_t n = read(pfd[0], buf, sizeof(buf) - 1);
        say(level, "read from level 3: %s (%d bytes)", buf, (int)n);
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) + 1 : 99;
}
