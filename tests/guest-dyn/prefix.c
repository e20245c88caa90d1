/*
 * Absolute paths that exist only in the -L sysroot: the guest's own
 * dynamic linker is found by access, stat, statx-based fstatat and open
 * (its ELF header read back), while a name in neither place is ENOENT.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LDSO "/lib/ld-linux-riscv64-lp64d.so.1"

int main(void)
{
    struct stat st;
    char magic[4] = { 0 };
    int fd;

    printf("access: %d\n", access(LDSO, R_OK | X_OK));
    printf("stat regular: %s\n", stat(LDSO, &st) == 0 && S_ISREG(st.st_mode) ? "yes" : "no");
    printf("fstatat size matches: %s\n",
           fstatat(AT_FDCWD, LDSO, &st, 0) == 0 && st.st_size > 4096 ? "yes" : "no");
    fd = open(LDSO, O_RDONLY);
    printf("open: %s\n", fd >= 0 ? "yes" : "no");
    printf("ELF magic: %s\n",
           fd >= 0 && read(fd, magic, 4) == 4 && memcmp(magic, "\177ELF", 4) == 0 ? "yes" : "no");
    if (fd >= 0)
        close(fd);
    errno = 0;
    printf("missing: %d %s\n", open("/lib/no-such-file-in-either", O_RDONLY),
           errno == ENOENT ? "ENOENT" : "other");
    return 0;
}
