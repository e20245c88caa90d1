/*
 * Shared by the system call family tests (test-sys-*.c): a small guest
 * window whose pages have chosen permissions, calls through lu_syscall()
 * as the cpu loop makes them, and the -strace line of one call.
 *
 * Window: pages 0-5 read/write, page 6 read-only, page 7 unmapped.
 */
#ifndef TESTS_UNIT_SYS_FIXTURE_H
#define TESTS_UNIT_SYS_FIXTURE_H

#include <stdint.h>

#include "uemu/types.h"

#define SYSFX_PG 4096
#define SYSFX_RO (6 * SYSFX_PG)     /* offset of the read-only page */
#define SYSFX_UNMAPPED (7 * SYSFX_PG)

extern uint8_t *sysfx_win;          /* host memory of the window */
extern guest_addr sysfx_gwin;       /* its guest address */
extern char sysfx_unimp[256];       /* last -d unimp message, "" after sysfx_setup */

/* cmocka group setup and teardown. */
int sysfx_setup(void **state);
int sysfx_teardown(void **state);

int64_t sysfx_call(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5);

/* The call's -strace line without the leading pid (static buffer). */
const char *sysfx_strace(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                         uint64_t a4, uint64_t a5);

#endif
