/*
 * system() and popen() run the host's /bin/sh: uemu's execve runs any
 * program that is not a riscv64 ELF natively (docs: linux-user
 * sys-exec.c), so the shell and the tools it starts are x86_64 programs.
 * The exit status of system() (exit codes, a shell killed by a
 * signal), popen for reading and for writing, and the shell's output
 * in order with the program's own (flushed before each command).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, int st)
{
    if (st == -1)
        printf("%s: system failed\n", what);
    else if (WIFEXITED(st))
        printf("%s: exit %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: signal %d\n", what, WTERMSIG(st));
    fflush(stdout);
}

int main(void)
{
    fflush(stdout);
    show("true", system("true"));
    show("exit 3", system("echo from sh; exit 3"));
    show("kill -TERM $$", system("kill -TERM $$"));
    show("system(NULL) says a shell exists", system(NULL) ? 0 : 256);

    FILE *p = popen("echo abc def | tr a-z A-Z", "r");
    char line[128] = { 0 };
    if (!p || !fgets(line, sizeof(line), p))
        printf("popen r failed\n");
    printf("popen r: %s", line);
    show("pclose r", pclose(p));

    p = popen("sed 's/^/sed: /' > piped.txt", "w");
    if (!p)
        return 1;
    for (int i = 0; i < 3; i++)
        fprintf(p, "line %d\n", i);
    show("pclose w", pclose(p));
    FILE *f = fopen("piped.txt", "r");
    while (f && fgets(line, sizeof(line), f))
        printf("piped.txt: %s", line);
    if (f)
        fclose(f);

    printf("before wc\n");
    fflush(stdout);
    show("wc", system("printf 'a\\nb\\nc\\n' | wc -l"));
    return 0;
}
