/*
 * A program that execs itself through /proc/self/exe: the second
 * run gets exactly the argv and environment given to execve (argv[0]
 * included, empty and spaced arguments kept), is the same program, and
 * its exit status is the process's.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static void self_exe(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);

    buf[n < 0 ? 0 : n] = 0;
}

static int child(int argc, char **argv)
{
    char exe[PATH_MAX];

    self_exe(exe, sizeof(exe));
    printf("child: argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        if (i != 2)
            printf("child: argv[%d]=\"%s\"\n", i, argv[i]);
    printf("child: the same program: %s\n", strcmp(exe, argv[2]) == 0 ? "yes" : "no");
    for (char **e = environ; *e; e++)
        printf("child: env %s\n", *e);
    return 7;
}

int main(int argc, char **argv)
{
    char exe[PATH_MAX];

    if (argc > 2 && strcmp(argv[1], "child") == 0)
        return child(argc, argv);
    self_exe(exe, sizeof(exe));
    char *args[] = { "renamed", "child", exe, "two words", "", "last", NULL };
    char *env[] = { "EXECSELF=hello", "EMPTY=", NULL };
    printf("parent: argc=%d\n", argc);
    fflush(stdout);
    execve("/proc/self/exe", args, env);
    fprintf(stderr, "execve: %s\n", strerror(errno));
    return 127;
}
