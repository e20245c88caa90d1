/*
 * A "#!" script whose interpreter is this (riscv64) program, exec'd by a
 * forked child: the kernel gives the interpreter [interpreter as written,
 * the #! line's argument, the script's path, the script's arguments].
 * Without a binfmt_misc entry the host kernel refuses the riscv64
 * interpreter, and uemu runs it itself, as the entry would have it run.
 * The interpreter prints what it got and the script's second line.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int interpret(int argc, char **argv)
{
    char self[PATH_MAX], line[256];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    FILE *f;

    if (n < 0)
        return 2;
    self[n] = '\0';
    printf("interpreter: argv[0] is the #! path: %s\n", strcmp(argv[0], self) ? "no" : "yes");
    for (int i = 1; i < argc; i++)
        printf("interpreter: argv[%d] = %s\n", i, argv[i]);
    f = fopen(argv[2], "r");
    if (!f || !fgets(line, sizeof(line), f) || !fgets(line, sizeof(line), f))
        return 3;
    fclose(f);
    printf("interpreter: script says %s", line);
    return 7;
}

int main(int argc, char **argv)
{
    char self[PATH_MAX];
    ssize_t n;
    FILE *f;
    pid_t pid;
    int status;

    if (argc >= 3 && strcmp(argv[1], "the-arg") == 0)
        return interpret(argc, argv);
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n < 0)
        return 1;
    self[n] = '\0';
    f = fopen("script", "w");
    if (!f)
        return 1;
    fprintf(f, "#!%s  the-arg  \nhello from the script\n", self);
    fclose(f);
    chmod("script", 0755);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *args[] = { "./script", "x", "y z", NULL };

        execv("./script", args);
        perror("execv");
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return 1;
    printf("script exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
