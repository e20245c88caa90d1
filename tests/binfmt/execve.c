/*
 * A guest program that runs another: "execve PROG ARGV0 [ARGS...]" prints
 * one line of its own, then execs PROG with argv [ARGV0, ARGS...] and the
 * same environment.  binfmt tests check what the exec'ed program prints.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: execve PROG ARGV0 [ARGS...]\n");
        return 2;
    }
    printf("parent: exec %s\n", argv[1]);
    fflush(stdout);
    execv(argv[1], argv + 2);
    fprintf(stderr, "execve: %s: %s\n", argv[1], strerror(errno));
    return 127;
}
