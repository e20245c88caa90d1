/*
 * Links: symlinkat and readlinkat (the length without a terminator, a
 * truncated read into a short buffer, EINVAL on a non-link, a dangling
 * link, readlink of /proc/self/exe ending in the program's name), linkat
 * raising the link count, and opening through a link (ELOOP with
 * O_NOFOLLOW).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int main(int argc, char **argv)
{
    char dir[] = "/tmp/uemu-guest-link-XXXXXX";
    char buf[256];
    const char *base = strrchr(argv[0], '/');
    struct stat st;
    ssize_t n;
    int dfd, fd;

    (void)argc;
    if (!mkdtemp(dir))
        return 1;
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    fd = openat(dfd, "target", O_WRONLY | O_CREAT, 0600);
    if (dfd < 0 || fd < 0)
        return 2;
    T(write(fd, "target data", 11));
    close(fd);
    T(symlinkat("target", dfd, "sym"));
    T(symlinkat("target", dfd, "sym"));
    T(symlinkat("no/such/file", dfd, "dangling"));
    memset(buf, 'X', sizeof(buf));
    n = readlinkat(dfd, "sym", buf, sizeof(buf));
    printf("readlinkat %zd '%.*s' next byte %c\n", n, (int)n, buf, buf[n]);
    n = readlinkat(dfd, "sym", buf, 3);
    printf("short %zd '%.*s'\n", n, (int)n, buf);
    T(readlinkat(dfd, "target", buf, sizeof(buf)));
    T(readlinkat(dfd, "missing", buf, sizeof(buf)));
    T(readlinkat(dfd, "sym", buf, 0));
    n = readlinkat(dfd, "dangling", buf, sizeof(buf));
    printf("dangling %zd '%.*s'\n", n, (int)n, buf);
    T(openat(dfd, "dangling", O_RDONLY));
    T(openat(dfd, "sym", O_RDONLY | O_NOFOLLOW));
    fd = openat(dfd, "sym", O_RDONLY);
    n = read(fd, buf, sizeof(buf));
    printf("through link %zd '%.*s'\n", n, (int)n, buf);
    close(fd);
    T(linkat(dfd, "target", dfd, "hard", 0));
    T(linkat(dfd, "target", dfd, "hard", 0));
    T(linkat(dfd, "sym", dfd, "hard2", AT_SYMLINK_FOLLOW));
    T(fstatat(dfd, "target", &st, 0));
    printf("nlink %lu\n", (unsigned long)st.st_nlink);
    n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("exe ends with argv0 name %d\n",
           n > 0 && base && strlen(buf) >= strlen(base)
               && strcmp(buf + strlen(buf) - strlen(base), base) == 0);
    T(symlinkat("loop", dfd, "loop"));
    T(openat(dfd, "loop", O_RDONLY));
    for (const char *const *p = (const char *const[]){ "target", "sym", "dangling", "hard",
                                                        "hard2", "loop", NULL }; *p; p++)
        T(unlinkat(dfd, *p, 0));
    close(dfd);
    T(rmdir(dir));
    return 0;
}
