/*
 * readlink /proc/self/exe and /proc/<pid>/exe (the program, absolute),
 * /proc/self/cmdline (argv, NUL-separated), /proc/self/stat's pid, comm,
 * ppid and startstack, /proc/self/auxv against getauxval, and the
 * riscv64 /proc/cpuinfo.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static size_t slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    size_t n;

    if (!f)
        return 0;
    n = fread(buf, 1, len, f);
    fclose(f);
    return n;
}

int main(int argc, char **argv)
{
    static char buf[65536];
    char self[PATH_MAX], link[PATH_MAX], path[64], want[4096];
    ssize_t n;
    size_t len = 0;

    if (!realpath(argv[0], self))
        return 2;
    n = readlink("/proc/self/exe", link, sizeof(link) - 1);
    link[n > 0 ? n : 0] = '\0';
    printf("exe absolute: %s\n", link[0] == '/' ? "yes" : "no");
    printf("exe is argv[0]: %s\n", strcmp(link, self) == 0 ? "yes" : "no");
    snprintf(path, sizeof(path), "/proc/%d/exe", (int)getpid());
    n = readlink(path, link, sizeof(link) - 1);
    link[n > 0 ? n : 0] = '\0';
    printf("pid exe is argv[0]: %s\n", strcmp(link, self) == 0 ? "yes" : "no");
    printf("exe opens as ELF: %s\n",
           slurp("/proc/self/exe", buf, 4) == 4 && memcmp(buf, "\177ELF", 4) == 0 ? "yes" : "no");

    for (int i = 0; i < argc; i++) {
        memcpy(want + len, argv[i], strlen(argv[i]) + 1);
        len += strlen(argv[i]) + 1;
    }
    n = (ssize_t)slurp("/proc/self/cmdline", buf, sizeof(buf));
    printf("cmdline is argv: %s\n", (size_t)n == len && memcmp(buf, want, len) == 0 ? "yes" : "no");

    n = (ssize_t)slurp("/proc/self/stat", buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = '\0';
    int pid = 0, ppid = 0;
    char comm[64] = "", state = 0;
    unsigned long long f[32] = { 0 };
    sscanf(buf, "%d (%63[^)]) %c %d", &pid, comm, &state, &ppid);
    char *p = strrchr(buf, ')') + 2;
    for (int i = 3; i <= 28 && p; i++) {   /* f[i - 3] holds field i */
        f[i - 3] = strtoull(p, &p, 10);
        if (i == 3)
            f[0] = 0, p = strchr(p, ' ');
    }
    const char *base = strrchr(self, '/') + 1;
    printf("stat pid: %s\n", pid == getpid() ? "yes" : "no");
    printf("stat comm: %s\n", strncmp(comm, base, 15) == 0 ? "yes" : "no");
    printf("stat state R: %s\n", state == 'R' ? "yes" : "no");
    printf("stat ppid: %s\n", ppid == getppid() ? "yes" : "no");
    unsigned long long startstack = f[28 - 3];
    printf("stat startstack above argv: %s\n",
           startstack && startstack < (unsigned long long)(uintptr_t)argv &&
           (unsigned long long)(uintptr_t)argv - startstack == 8 ? "yes" : "no");

    n = (ssize_t)slurp("/proc/self/auxv", buf, sizeof(buf));
    int good = n > 0 && n % 16 == 0, seen = 0;
    for (ssize_t i = 0; good && i < n; i += 16) {
        unsigned long t, v;
        memcpy(&t, buf + i, 8);
        memcpy(&v, buf + i + 8, 8);
        if (t == AT_NULL)
            break;
        if (t == AT_PHDR || t == AT_ENTRY || t == AT_BASE || t == AT_RANDOM) {
            good &= getauxval(t) == v;
            seen++;
        }
    }
    printf("auxv matches getauxval: %s\n", good && seen == 4 ? "yes" : "no");

    n = (ssize_t)slurp("/proc/cpuinfo", buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = '\0';
    printf("cpuinfo has hart 0 and an rv64 isa: %s\n",
           strstr(buf, "hart\t\t: 0\n") && strstr(buf, "isa\t\t: rv64") ? "yes" : "no");
    return 0;
}
