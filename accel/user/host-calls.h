/*
 * The host calls of the guest-space layer, through one table.
 *
 * guest-space.c and host-page*.c never call mmap, munmap, mprotect,
 * madvise, pread or fstat directly: they go through hp_host.  In the
 * program the table holds the libc functions and never changes.  It exists
 * for tests only: a unit test may replace an entry (for instance with a
 * wrapper that makes the Nth call fail with a chosen errno) to show that
 * a failure half-way leaves the page table equal to the host's mappings.
 * Tests must restore hp_host_default before the next test.
 */
#ifndef UEMU_ACCEL_USER_HOST_CALLS_H
#define UEMU_ACCEL_USER_HOST_CALLS_H

#include <sys/types.h>
#include <sys/stat.h>

struct hp_host_calls {
    void *(*mmap)(void *addr, size_t len, int prot, int flags, int fd,
                  off_t offset);
    int (*munmap)(void *addr, size_t len);
    int (*mprotect)(void *addr, size_t len, int prot);
    int (*madvise)(void *addr, size_t len, int advice);
    ssize_t (*pread)(int fd, void *buf, size_t count, off_t offset);
    int (*fstat)(int fd, struct stat *st);
};

extern struct hp_host_calls hp_host;
extern const struct hp_host_calls hp_host_default;

#endif
