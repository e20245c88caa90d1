/*
 * The guest window and call helpers of sys-fixture.h.  Linked into
 * every unit test; only the test-sys-*.c tests use it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sys-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user.h"
#include "uemu/log.h"
#include "uemu/options.h"
#include "uemu/page-table.h"

#define NPAGES 8

uint8_t *sysfx_win;
guest_addr sysfx_gwin;
char sysfx_unimp[256];

static void record_unimp(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sysfx_unimp, sizeof(sysfx_unimp), fmt, ap);
    va_end(ap);
}

int sysfx_setup(void **state)
{
    (void)state;
    struct guest_space_config cfg = { 0 };
    assert_int_equal(guest_space_init(&cfg), 0);
    sysfx_win = mmap(NULL, NPAGES * SYSFX_PG, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(sysfx_win != MAP_FAILED);
    sysfx_gwin = h2g(sysfx_win);
    page_table_set(guest_pages, sysfx_gwin, sysfx_gwin + SYSFX_RO - 1,
                   PAGE_VALID | PAGE_READ | PAGE_WRITE);
    page_table_set(guest_pages, sysfx_gwin + SYSFX_RO, sysfx_gwin + SYSFX_UNMAPPED - 1,
                   PAGE_VALID | PAGE_READ);
    sysfx_unimp[0] = 0;
    lu_set_unimp_logger(record_unimp);
    lu_set_abi(&lu_abi_riscv64);
    return 0;
}

int sysfx_teardown(void **state)
{
    (void)state;
    page_table_clear(guest_pages, sysfx_gwin, sysfx_gwin + NPAGES * SYSFX_PG - 1);
    munmap(sysfx_win, NPAGES * SYSFX_PG);
    guest_space_reset();
    lu_set_unimp_logger(NULL);
    return 0;
}

int64_t sysfx_call(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5)
{
    const uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
    return lu_syscall(nr, args);
}

const char *sysfx_strace(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                         uint64_t a4, uint64_t a5)
{
    static char line[1024];
    char log[] = "/tmp/uemu-strace-XXXXXX";
    int fd = mkstemp(log);

    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(log_open(log, LOG_STRACE), 0);
    sysfx_call(nr, a0, a1, a2, a3, a4, a5);
    log_close();
    FILE *f = fopen(log, "r");
    assert_non_null(f);
    size_t n = fread(line, 1, sizeof(line) - 1, f);
    line[n] = 0;
    fclose(f);
    unlink(log);
    char *sp = strchr(line, ' ');
    return sp ? sp + 1 : line;
}
