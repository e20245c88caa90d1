/*
 * execve failures come back to the caller with the kernel's errno and
 * the process carries on: a missing file (ENOENT), a file without
 * execute permission (EACCES), a directory (EACCES), an empty path
 * (ENOENT), a path through a regular file (ENOTDIR), an executable file
 * no binary handler knows (ENOEXEC), a bad pointer (EFAULT).  Then a
 * successful execve of the program itself with an argument.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static void try(const char *what, const char *path)
{
    char *argv[] = { (char *)"x", NULL };
    errno = 0;
    int r = execve(path, argv, environ);
    printf("%-22s r=%d errno=%s\n", what, r, strerrorname_np(errno));
}

static void make_file(const char *name, const char *text, mode_t mode)
{
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || close(fd) < 0)
        perror(name);
    chmod(name, mode);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        printf("re-executed with %s\n", argv[1]);
        return 0;
    }
    make_file("plain", "not a program\n", 0644);
    make_file("garbage", "\x01\x02\x03\x04 not any known format\n", 0755);
    mkdir("dir", 0755);
    try("missing file", "./no-such-program");
    try("missing directory", "/no-such-dir/prog");
    try("not executable", "./plain");
    try("directory", "./dir");
    try("empty path", "");
    try("through a file", "./plain/x");
    try("unknown format", "./garbage");
    const char *volatile null_path = NULL;
    try("NULL path", null_path);
    fflush(stdout);
    char *again[] = { argv[0], (char *)"level-1", NULL };
    execv("/proc/self/exe", again);
    perror("execv /proc/self/exe");
    return 1;
}
