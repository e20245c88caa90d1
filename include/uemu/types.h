/*
 * Basic types shared by every part of uemu.
 *
 * guest_addr is a guest virtual address.  Every guest uemu supports is
 * 64-bit, so a guest address is always a uint64_t; keeping a name for it
 * says which integers are guest addresses and which are host ones.
 */
#ifndef UEMU_TYPES_H
#define UEMU_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t guest_addr;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define ALIGN_UP(x, a) ALIGN_DOWN((x) + (a) - 1, (a))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

#endif
