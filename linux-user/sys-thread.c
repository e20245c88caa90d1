/*
 * The "thread" family of system calls (issue #5); see LU_SYSCALL_SET in
 * syscall.h.  Being filled in: a number not listed here returns ENOSYS.
 */
#include "syscall.h"

LU_SYSCALL_SET(thread);
