/* memfd_create: flags, names, shared mappings and seals. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

int main(void)
{
    char name[300], link[64], target[128] = { 0 };
    int fd = memfd_create("uemu-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);

    printf("fd ok: %d\n", fd >= 3);
    printf("cloexec: %d\n", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    readlink(link, target, sizeof(target) - 1);
    printf("name: %.*s\n", (int)strcspn(target, " "), target);
    show("ftruncate", ftruncate(fd, 8192));

    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("mmap ok: %d\n", m != MAP_FAILED);
    strcpy(m + 4096, "written through the mapping");
    char buf[64] = { 0 };
    show("pread", pread(fd, buf, 27, 4096));
    printf("read back: %s\n", buf);
    show("pwrite", pwrite(fd, "and through write", 17, 100));
    printf("mapping sees: %.17s\n", m + 100);

    show("seal grow", fcntl(fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK));
    show("get seals", fcntl(fd, F_GET_SEALS));
    show("grow", ftruncate(fd, 16384));
    show("shrink", ftruncate(fd, 10));
    show("seal write busy", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    munmap(m, 8192);
    show("seal write", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    show("write sealed", pwrite(fd, "x", 1, 0));
    show("seal seal", fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
    show("seal more", fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE));

    int plain = memfd_create("plain", 0);
    printf("plain cloexec: %d\n", (fcntl(plain, F_GETFD) & FD_CLOEXEC) != 0);
    show("plain seal", fcntl(plain, F_ADD_SEALS, F_SEAL_WRITE));
    memset(name, 'n', sizeof(name));
    name[249] = 0;
    int r = memfd_create(name, 0);
    printf("249-byte name: %d\n", r >= 0);
    name[249] = 'n';
    name[250] = 0;
    show("250-byte name", memfd_create(name, 0));
    show("bad flags", memfd_create("x", 0x100));
    show("bad name", memfd_create((const char *)16, 0));
    return 0;
}
