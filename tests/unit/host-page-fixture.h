/*
 * Fixture for the host-page layer's unit tests (test-host-page*.c).
 *
 * Every test runs once per configuration: HPS 4, 16 and 64 KiB, each with
 * guest_base 0 and no reservation, and with reserved_va.  The setup
 * initialises the guest space, takes the mmap lock and provides a free
 * window of HPF_WIN_SIZE bytes at hpf_win (64 KiB aligned) to work in.
 *
 * Failure injection: hpf_fail_at(n, err) makes the nth host call of the
 * layer from now on (mmap, munmap, mprotect, madvise, pread, fstat,
 * counted together) fail with err.
 */
#ifndef UEMU_TESTS_HOST_PAGE_FIXTURE_H
#define UEMU_TESTS_HOST_PAGE_FIXTURE_H

#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/maps-check.h"
#include "uemu/types.h"

#define HPF_SLOT (64 * 1024ull)         /* the largest HPS tested */
#define HPF_WIN_SIZE (32 * HPF_SLOT)
#define HPF_RVA_SIZE (64 * 1024 * 1024ull)
#define HPF_FILE_SIZE (1024 * 1024ull)

struct hpf_config {
    const char *name;
    guest_addr hps;
    bool rva;
};

extern guest_addr hpf_win;

/* Run each of tests under every configuration; returns failures. */
int hpf_run(const char *group, const struct CMUnitTest *tests, size_t n);

/* Guest address of 64 KiB slot k of the window. */
static inline guest_addr hpf_slot(unsigned k)
{
    return hpf_win + k * HPF_SLOT;
}

/* The page table and the host agree over the window. */
#define HPF_CHECK() assert_int_equal(maps_check(hpf_win, HPF_WIN_SIZE, 0), 0)

void hpf_fail_at(int n, int err);
/* Every host call from now on fails with err. */
void hpf_fail_all(int err);
/* Stop injecting; true when the planned failure happened. */
bool hpf_inject_off(void);
/* Host calls made since hpf_fail_at / hpf_count_reset. */
int hpf_calls(void);
int hpf_preads(void);
void hpf_count_reset(void);

/* A temporary file of HPF_FILE_SIZE bytes, byte i == hpf_file_byte(i). */
int hpf_file(void);
uint8_t hpf_file_byte(uint64_t off);

/* len bytes at guest g equal the file's bytes from off. */
bool hpf_is_file(guest_addr g, size_t len, uint64_t off);
/* len bytes at guest g all equal v. */
bool hpf_all(guest_addr g, size_t len, uint8_t v);

#endif
