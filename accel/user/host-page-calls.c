/*
 * The host-call table of the guest-space layer (see host-calls.h): the
 * libc functions, replaceable by unit tests for failure injection only.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "accel/user/host-calls.h"

const struct hp_host_calls hp_host_default = {
    .mmap = mmap,
    .munmap = munmap,
    .mprotect = mprotect,
    .madvise = madvise,
    .pread = pread,
    .fstat = fstat,
};

struct hp_host_calls hp_host = {
    .mmap = mmap,
    .munmap = munmap,
    .mprotect = mprotect,
    .madvise = madvise,
    .pread = pread,
    .fstat = fstat,
};
