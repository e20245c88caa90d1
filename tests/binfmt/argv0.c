/* Prints what binfmt_misc tests check: argv[0], /proc/self/exe, the rest of argv. */
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

    exe[n < 0 ? 0 : n] = 0;
    printf("argv0=%s\nexe=%s\nargs=", argv[0], exe);
    for (int i = 1; i < argc; i++)
        printf("%s%s", i > 1 ? " " : "", argv[i]);
    printf("\n");
    return 0;
}
