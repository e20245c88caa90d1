/*
 * /proc/self/maps as the guest sees it: main() in an r-x mapping named
 * after the program itself, a stack variable in [stack], a malloc'ed
 * brk block in [heap], and the same answers through /proc/<pid>/maps.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int check(const char *maps, unsigned long addr, const char *perms, const char *name)
{
    FILE *f = fopen(maps, "r");
    char line[4096];
    int found = 0;

    if (!f)
        return 0;
    while (fgets(line, sizeof(line), f)) {
        unsigned long lo, hi;
        char p[8], path[PATH_MAX] = "";
        if (sscanf(line, "%lx-%lx %7s %*x %*x:%*x %*u %4095s", &lo, &hi, p, path) < 3)
            continue;
        if (addr >= lo && addr < hi) {
            found = strncmp(p, perms, strlen(perms)) == 0 && strcmp(path, name) == 0;
            break;
        }
    }
    fclose(f);
    return found;
}

int main(int argc, char **argv)
{
    char self[PATH_MAX], pidmaps[64];
    int local = 0;
    void *heap = malloc(100);

    (void)argc;
    if (!realpath(argv[0], self))
        return 2;
    snprintf(pidmaps, sizeof(pidmaps), "/proc/%d/maps", (int)getpid());
    printf("main in r-xp %s: %s\n", "self", check("/proc/self/maps", (unsigned long)&main, "r-xp", self) ? "yes" : "no");
    printf("local in rw-p [stack]: %s\n", check("/proc/self/maps", (unsigned long)&local, "rw-p", "[stack]") ? "yes" : "no");
    printf("malloc in rw-p [heap]: %s\n", check("/proc/self/maps", (unsigned long)heap, "rw-p", "[heap]") ? "yes" : "no");
    printf("pid maps main: %s\n", check(pidmaps, (unsigned long)&main, "r-xp", self) ? "yes" : "no");
    printf("smaps main: %s\n", check("/proc/self/smaps", (unsigned long)&main, "r-xp", self) ? "yes" : "no");
    free(heap);
    return 0;
}
