/*
 * The process name: at start it is the program's file name (its first 15
 * bytes), as PR_GET_NAME, /proc/self/comm and the comm field of
 * /proc/self/stat report it; after PR_SET_NAME all three give the new
 * name.  Names are compared, not printed: the native build's file name
 * differs from the riscv64 one.
 */
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

static void show(const char *want, const char *when)
{
    char name[17] = { 0 }, comm[64] = { 0 }, stat[512] = { 0 }, *open_paren, *close_paren;
    FILE *f;

    prctl(PR_GET_NAME, name, 0, 0, 0);
    f = fopen("/proc/self/comm", "r");
    if (f) {
        if (fgets(comm, sizeof(comm), f))
            comm[strcspn(comm, "\n")] = '\0';
        fclose(f);
    }
    f = fopen("/proc/self/stat", "r");
    if (f) {
        if (!fgets(stat, sizeof(stat), f))
            stat[0] = '\0';
        fclose(f);
    }
    open_paren = strchr(stat, '(');
    close_paren = strrchr(stat, ')');
    if (open_paren && close_paren > open_paren)
        *close_paren = '\0';
    printf("%s: PR_GET_NAME %s, /proc/self/comm %s, /proc/self/stat %s\n", when,
           strcmp(name, want) ? "differs" : "right", strcmp(comm, want) ? "differs" : "right",
           open_paren && strcmp(open_paren + 1, want) == 0 ? "right" : "differs");
}

int main(int argc, char **argv)
{
    char want[16];

    (void)argc;
    snprintf(want, sizeof(want), "%s", basename(argv[0]));
    show(want, "at start");
    prctl(PR_SET_NAME, "renamed-guest", 0, 0, 0);
    show("renamed-guest", "after PR_SET_NAME");
    return 0;
}
