/*
 * Fixture for the host-page layer's tests (see host-page-fixture.h):
 * configurations, the working window, failure injection through
 * hp_host, and a temporary file with known contents.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/user/host-calls.h"
#include "tests/unit/host-page-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/mmap-lock.h"

static const struct hpf_config hpf_configs[] = {
    { "hps4k", 4096, false },
    { "hps16k", 16384, false },
    { "hps64k", 65536, false },
    { "hps4k-rva", 4096, true },
    { "hps16k-rva", 16384, true },
    { "hps64k-rva", 65536, true },
};

guest_addr hpf_win;
static int hpf_fd = -1;

static int inj_at, inj_err, inj_calls, inj_preads;
static bool inj_hit, inj_all;

static bool inj_fail(void)
{
    if (++inj_calls == inj_at || (inj_all && inj_at)) {
        inj_hit = true;
        errno = inj_err;
        return true;
    }
    return false;
}

static void *inj_mmap(void *a, size_t l, int p, int f, int fd, off_t o)
{
    return inj_fail() ? MAP_FAILED : mmap(a, l, p, f, fd, o);
}

static int inj_munmap(void *a, size_t l)
{
    return inj_fail() ? -1 : munmap(a, l);
}

static int inj_mprotect(void *a, size_t l, int p)
{
    return inj_fail() ? -1 : mprotect(a, l, p);
}

static int inj_madvise(void *a, size_t l, int adv)
{
    return inj_fail() ? -1 : madvise(a, l, adv);
}

static ssize_t inj_pread(int fd, void *b, size_t c, off_t o)
{
    inj_preads++;
    return inj_fail() ? -1 : pread(fd, b, c, o);
}

static int inj_fstat(int fd, struct stat *st)
{
    return inj_fail() ? -1 : fstat(fd, st);
}

static const struct hp_host_calls inj_calls_table = {
    .mmap = inj_mmap,
    .munmap = inj_munmap,
    .mprotect = inj_mprotect,
    .madvise = inj_madvise,
    .pread = inj_pread,
    .fstat = inj_fstat,
};

void hpf_fail_all(int err)
{
    hpf_fail_at(1, err);
    inj_all = true;
}

void hpf_fail_at(int n, int err)
{
    inj_all = false;
    inj_at = n;
    inj_err = err;
    inj_hit = false;
    inj_calls = 0;
    inj_preads = 0;
}

bool hpf_inject_off(void)
{
    inj_at = 0;
    inj_all = false;
    return inj_hit;
}

int hpf_calls(void)
{
    return inj_calls;
}

int hpf_preads(void)
{
    return inj_preads;
}

void hpf_count_reset(void)
{
    inj_calls = 0;
    inj_preads = 0;
}

uint8_t hpf_file_byte(uint64_t off)
{
    return (uint8_t)(off * 7 + (off >> 12) * 13 + 1);
}

int hpf_file(void)
{
    if (hpf_fd >= 0) {
        return hpf_fd;
    }
    char path[] = "/tmp/uemu-hpf-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        return -1;
    }
    unlink(path);
    uint8_t *buf = malloc(HPF_FILE_SIZE);
    if (!buf) {
        close(fd);
        return -1;
    }
    for (uint64_t i = 0; i < HPF_FILE_SIZE; i++) {
        buf[i] = hpf_file_byte(i);
    }
    bool ok = write(fd, buf, HPF_FILE_SIZE) == (ssize_t)HPF_FILE_SIZE;
    free(buf);
    if (!ok) {
        close(fd);
        return -1;
    }
    hpf_fd = fd;
    return fd;
}

bool hpf_is_file(guest_addr g, size_t len, uint64_t off)
{
    const uint8_t *p = g2h(g);

    for (size_t i = 0; i < len; i++) {
        if (p[i] != hpf_file_byte(off + i)) {
            return false;
        }
    }
    return true;
}

bool hpf_all(guest_addr g, size_t len, uint8_t v)
{
    const uint8_t *p = g2h(g);

    for (size_t i = 0; i < len; i++) {
        if (p[i] != v) {
            return false;
        }
    }
    return true;
}

static int hpf_setup(void **state)
{
    const struct hpf_config *c = *state;
    struct guest_space_config cfg = {
        .host_page_size = c->hps,
        .reserved_va = c->rva ? HPF_RVA_SIZE : 0,
    };

    guest_space_reset();
    if (guest_space_init(&cfg) != 0) {
        return -1;
    }
    hp_host = inj_calls_table;
    hpf_fail_at(0, 0);
    mmap_lock();
    int64_t g = hp_find_free(0, HPF_WIN_SIZE, HPF_SLOT);
    if (g < 0) {
        mmap_unlock();
        return -1;
    }
    hp_unreserve(g, HPF_WIN_SIZE);
    hpf_win = g;
    return 0;
}

static int hpf_teardown(void **state)
{
    (void)state;
    hpf_inject_off();
    hp_host = hp_host_default;
    hp_set_invalidate_hook(NULL);
    while (mmap_lock_held()) {
        mmap_unlock();
    }
    guest_space_reset();
    return 0;
}

int hpf_run(const char *group, const struct CMUnitTest *tests, size_t n)
{
    size_t nc = ARRAY_SIZE(hpf_configs), total = n * nc;
    struct CMUnitTest *all = calloc(total, sizeof(*all));

    if (!all) {
        return 1;
    }
    for (size_t c = 0; c < nc; c++) {
        for (size_t i = 0; i < n; i++) {
            struct CMUnitTest *t = &all[c * n + i];
            char *name;
            if (asprintf(&name, "%s@%s", tests[i].name,
                         hpf_configs[c].name) < 0) {
                return 1;
            }
            t->name = name;
            t->test_func = tests[i].test_func;
            t->setup_func = hpf_setup;
            t->teardown_func = hpf_teardown;
            t->initial_state = (void *)&hpf_configs[c];
        }
    }
    int ret = _cmocka_run_group_tests(group, all, total, NULL, NULL);
    for (size_t i = 0; i < total; i++) {
        free((char *)all[i].name);
    }
    free(all);
    return ret;
}
