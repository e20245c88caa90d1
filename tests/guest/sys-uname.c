/*
 * uname: the system name is "Linux" and the machine the ISA the program
 * was built for ("riscv64" under an emulator, so riscv64 has its own
 * expected file); the other fields are only checked to be terminated.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(void)
{
    struct utsname u;

    if (uname(&u) != 0)
        return 1;
    printf("sysname %s\n", u.sysname);
    printf("machine %s\n", u.machine);
    printf("release terminated %d nonempty %d\n",
           memchr(u.release, 0, sizeof(u.release)) != NULL, u.release[0] != 0);
    printf("nodename terminated %d\n", memchr(u.nodename, 0, sizeof(u.nodename)) != NULL);
    return 0;
}
