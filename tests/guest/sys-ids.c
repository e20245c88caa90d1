/*
 * Process and user identity calls: getpid equals gettid in a
 * single-threaded program, getppid is another process, getpgid(0) and
 * getsid(0) agree with their explicit forms, the real and effective ids
 * agree for a program that is not set-uid, getgroups counts consistently,
 * and set_tid_address returns the thread id.  Values are compared, never
 * printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

int main(void)
{
    gid_t groups[256];
    int n, n2, tidword;
    uid_t r, e, s;

    printf("pid == tid %d\n", getpid() == gettid());
    printf("raw gettid == getpid %d\n", syscall(SYS_gettid) == getpid());
    printf("ppid differs %d positive %d\n", getppid() != getpid(), getppid() > 0);
    printf("pgid %d sid %d\n", getpgid(0) == getpgrp(), getsid(0) == getsid(getpid()));
    printf("uid == euid %d gid == egid %d\n", getuid() == geteuid(), getgid() == getegid());
    printf("getresuid %d", getresuid(&r, &e, &s));
    printf(" agree %d\n", r == getuid() && e == geteuid());
    n = getgroups(0, NULL);
    n2 = getgroups(256, groups);
    printf("getgroups count agrees %d\n", n == n2);
    printf("getpgid bad pid %d", getpgid(-5));
    printf(" errno %d\n", errno);
    printf("set_tid_address == tid %d\n", syscall(SYS_set_tid_address, &tidword) == gettid());
    return 0;
}
