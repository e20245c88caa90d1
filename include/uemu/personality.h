/*
 * What the ELF loader and the engine need from a guest OS personality
 * (linux-user, bsd-user), without including its headers.
 *
 * The mmap entry points take PROT_* values (identical on Linux, FreeBSD
 * and the host) and return a guest address or -errno with HOST errno
 * values; each personality translates to its guest's errno numbers at
 * its own syscall boundary.
 */
#ifndef UEMU_PERSONALITY_H
#define UEMU_PERSONALITY_H

#include "uemu/types.h"

enum guest_os {
    GUEST_OS_LINUX,
    GUEST_OS_FREEBSD,
};

struct personality_mmap_ops {
    /* Private anonymous mapping; at exactly addr when fixed, else near it. */
    int64_t (*map_anon)(guest_addr addr, guest_addr len, int prot, bool fixed);
    /* Private file mapping at exactly addr (MAP_FIXED | MAP_PRIVATE). */
    int64_t (*map_file)(guest_addr addr, guest_addr len, int prot, int fd,
                        uint64_t offset);
    /* Reserve len bytes aligned to align, inaccessible; returns the start. */
    int64_t (*reserve)(guest_addr hint, guest_addr len, guest_addr align);
    int (*protect)(guest_addr addr, guest_addr len, int prot);
    int (*unmap)(guest_addr addr, guest_addr len);
};

struct personality {
    const char *name;                   /* "linux-user", "bsd-user" */
    enum guest_os os;
    const struct personality_mmap_ops *mmap;
};

extern const struct personality linux_user_personality;
extern const struct personality bsd_user_personality;

#endif
