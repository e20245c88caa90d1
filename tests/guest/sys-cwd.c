/*
 * getcwd, chdir and fchdir: the working directory follows chdir into a
 * fresh temporary directory and back with fchdir, relative paths resolve
 * against it, getcwd with a buffer too small (ERANGE) or size 0 (EINVAL
 * from the raw syscall), chdir to a missing path or a file, and the raw
 * syscall's return value (the length including the terminator).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long rv)
{
    int e = errno;

    if (rv < 0)
        printf("%s = %ld errno %d\n", what, rv, e);
    else
        printf("%s = %ld\n", what, rv);
}
#define T(expr) show(#expr, (long)(expr))

int main(void)
{
    char dir[] = "/tmp/uemu-guest-cwd-XXXXXX";
    char buf[4096], small[4];
    int home, fd;
    struct stat st;

    if (!mkdtemp(dir))
        return 1;
    home = open(".", O_RDONLY | O_DIRECTORY);
    T(chdir(dir));
    if (!getcwd(buf, sizeof(buf)))
        return 2;
    printf("cwd is the new dir %d\n", strcmp(buf, dir) == 0);
    T(syscall(SYS_getcwd, buf, sizeof(buf)) == (long)strlen(dir) + 1);
    T(mkdir("sub", 0700));
    T(chdir("sub"));
    if (!getcwd(buf, sizeof(buf)))
        return 3;
    printf("relative: ends with /sub %d\n", strcmp(buf + strlen(dir), "/sub") == 0);
    T(chdir(".."));
    fd = open("file", O_WRONLY | O_CREAT, 0600);
    T(fd >= 0);
    close(fd);
    printf("file in dir %d\n", stat("file", &st) == 0 && S_ISREG(st.st_mode));
    T(chdir("file"));
    T(chdir("missing"));
    T(getcwd(small, sizeof(small)) == NULL);
    T(errno);
    T(syscall(SYS_getcwd, buf, 0));
    T(syscall(SYS_getcwd, 8, sizeof(buf)));
    T(fchdir(home));
    if (!getcwd(buf, sizeof(buf)))
        return 4;
    printf("back home %d\n", strcmp(buf, dir) != 0);
    T(fchdir(99));
    T(unlink(strcat(strcpy(buf, dir), "/file")));
    T(rmdir(strcat(strcpy(buf, dir), "/sub")));
    T(rmdir(dir));
    return 0;
}
