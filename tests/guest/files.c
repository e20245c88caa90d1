/*
 * File system calls through stdio and POSIX: create a file in /tmp,
 * write, seek, read back, stat, rename, remove.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[64], path2[80], buf[64];
    struct stat st;
    FILE *f;
    int fd;
    ssize_t n;

    snprintf(path, sizeof(path), "/tmp/uemu-guest-files-%d", (int)getpid());
    snprintf(path2, sizeof(path2), "%s.renamed", path);
    f = fopen(path, "w");
    if (!f)
        return 1;
    fprintf(f, "line one\nline two %d\n", 42);
    fclose(f);
    fd = open(path, O_RDWR);
    if (fd < 0)
        return 2;
    printf("lseek %ld\n", (long)lseek(fd, 5, SEEK_SET));
    n = read(fd, buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = '\0';
    printf("read %zd: %s", n, buf);
    printf("pwrite %zd\n", pwrite(fd, "ONE", 3, 5));
    n = pread(fd, buf, 8, 0);
    buf[n > 0 ? n : 0] = '\0';
    printf("pread %zd: %s\n", n, buf);
    if (fstat(fd, &st) < 0)
        return 3;
    printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    close(fd);
    printf("rename %d\n", rename(path, path2));
    printf("stat old %d\n", stat(path, &st));
    fd = unlink(path2);
    printf("unlink %d %d\n", fd, access(path2, F_OK));
    return 0;
}
