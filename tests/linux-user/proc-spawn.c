/*
 * posix_spawn / posix_spawnp: the program itself with arguments and an
 * environment, file actions (open a file as stdout, dup2, close),
 * attributes (a new process group, a signal mask, default signal
 * actions) and a host program found on PATH (sh -c).  The error for a
 * program that cannot be run is in proc-vfork-shared.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void reap(const char *what, int r, pid_t p)
{
    int st;
    if (r != 0) {
        printf("%s: posix_spawn failed: %s\n", what, strerror(r));
        return;
    }
    if (waitpid(p, &st, 0) != p)
        perror("waitpid");
    printf("%s: exited %d\n", what, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    fflush(stdout);
}

static int child(char **argv)
{
    sigset_t m;
    struct sigaction sa;
    sigprocmask(SIG_SETMASK, NULL, &m);
    sigaction(SIGUSR1, NULL, &sa);
    printf("child %s: SPAWN_VAR=%s pgrp-leader=%d usr2-blocked=%d usr1-default=%d\n", argv[1],
           getenv("SPAWN_VAR") ? getenv("SPAWN_VAR") : "(unset)", getpgid(0) == getpid(),
           sigismember(&m, SIGUSR2), sa.sa_handler == SIG_DFL);
    return 30 + (int)strlen(argv[1]);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return child(argv);

    pid_t p;
    int r;
    char *plain[] = { argv[0], (char *)"plain", NULL };
    fflush(stdout);
    r = posix_spawn(&p, "/proc/self/exe", NULL, NULL, plain, environ);
    reap("plain", r, p);

    /* Output into a file, an environment of its own, attributes. */
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t mask, def;
    char *env[] = { (char *)"SPAWN_VAR=hello", NULL };
    char *attrs[] = { argv[0], (char *)"with-attributes", NULL };
    signal(SIGUSR1, SIG_IGN);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 5, "out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 5, 1);
    posix_spawn_file_actions_addclose(&fa, 5);
    posix_spawnattr_init(&at);
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    sigemptyset(&def);
    sigaddset(&def, SIGUSR1);
    posix_spawnattr_setsigmask(&at, &mask);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setpgroup(&at, 0);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                  POSIX_SPAWN_SETSIGDEF);
    r = posix_spawn(&p, "/proc/self/exe", &fa, &at, attrs, env);
    reap("attributes", r, p);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    char buf[256] = { 0 };
    int fd = open("out.txt", O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
        perror("out.txt");
    printf("out.txt: %s", buf);

    /* A host program through PATH. */
    char *sh[] = { (char *)"sh", (char *)"-c", (char *)"exit 6", NULL };
    r = posix_spawnp(&p, "sh", NULL, NULL, sh, environ);
    reap("sh -c 'exit 6'", r, p);

    return 0;
}
