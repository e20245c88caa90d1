/*
 * A tiny script interpreter for "#!" scripts, built for riscv64 so that
 * the kernel hands it to binfmt_misc.  Run as "interp SCRIPT [ARGS...]"
 * (what the kernel makes of "#!/path/interp" in SCRIPT), it reads SCRIPT
 * line by line:
 *
 *     # comment           (the #! line too)
 *     echo WORDS...       print WORDS
 *     args                print its own argv[0], /proc/self/exe and argv[1..]
 *     exec PROG ARGS...   exec PROG with argv [PROG, ARGS...] (words split on spaces)
 *     exit N              stop with status N
 *
 * Anything else is an error (status 2).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_WORDS 32

static void print_args(int argc, char **argv)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

    exe[n < 0 ? 0 : n] = 0;
    printf("interp argv0=%s\ninterp exe=%s\ninterp args=", argv[0], exe);
    for (int i = 1; i < argc; i++)
        printf("%s%s", i > 1 ? " " : "", argv[i]);
    printf("\n");
}

static int run_exec(char *rest)
{
    char *words[MAX_WORDS + 1], *save = NULL;
    int n = 0;

    for (char *w = strtok_r(rest, " ", &save); w && n < MAX_WORDS; w = strtok_r(NULL, " ", &save))
        words[n++] = w;
    if (n == 0) {
        fprintf(stderr, "interp: exec needs a program\n");
        return 2;
    }
    words[n] = NULL;
    fflush(stdout);
    execv(words[0], words);
    fprintf(stderr, "interp: exec %s: %s\n", words[0], strerror(errno));
    return 127;
}

int main(int argc, char **argv)
{
    char line[1024];
    FILE *f;

    if (argc < 2) {
        fprintf(stderr, "usage: interp SCRIPT [ARGS...]\n");
        return 2;
    }
    f = fopen(argv[1], "r");
    if (!f) {
        fprintf(stderr, "interp: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = 0;
        if (line[0] == '#' || line[0] == 0)
            continue;
        if (strncmp(line, "echo ", 5) == 0) {
            printf("%s\n", line + 5);
        } else if (strcmp(line, "args") == 0) {
            print_args(argc, argv);
        } else if (strncmp(line, "exec ", 5) == 0) {
            fclose(f);
            return run_exec(line + 5);
        } else if (strncmp(line, "exit ", 5) == 0) {
            fclose(f);
            return atoi(line + 5);
        } else {
            fprintf(stderr, "interp: %s: unknown command '%s'\n", argv[1], line);
            fclose(f);
            return 2;
        }
    }
    fclose(f);
    return 0;
}
