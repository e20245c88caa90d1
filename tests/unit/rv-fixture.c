/*
 * The riscv64 engine test fixture (rv-fixture.h): maps RVT_CODE (rwx)
 * and RVT_DATA (rw) through the Linux mmap backend, so the page table
 * says what the engine may fetch.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/mman.h>

#include "tests/unit/rv-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/personality.h"
#include "uemu/riscv64.h"

struct exec_cpu *rvt_cpu;
struct rv_cpu *rvt_env;

void rvt_setup(void)
{
    struct guest_space_config cfg = { 0 };
    const struct personality_mmap_ops *ops = linux_user_personality.mmap;

    assert_int_equal(guest_space_init(&cfg), 0);
    assert_int_equal(ops->map_anon(RVT_CODE, RVT_AREA,
                                   PROT_READ | PROT_WRITE | PROT_EXEC, true),
                     (int64_t)RVT_CODE);
    assert_int_equal(ops->map_anon(RVT_DATA, RVT_AREA, PROT_READ | PROT_WRITE, true),
                     (int64_t)RVT_DATA);
    assert_int_equal(exec_init(NULL), 0);
    exec_flush_all();
    rvt_cpu = exec_cpu_new(&rv_frontend);
    assert_non_null(rvt_cpu);
    rvt_env = exec_cpu_env(rvt_cpu);
    rvt_env->res_addr = ~0ull;
}

void rvt_teardown(void)
{
    exec_cpu_free(rvt_cpu);
    rvt_cpu = NULL;
    exec_flush_all();
    guest_space_reset();
}

bool rvt_backend(const char *name)
{
    if (exec_init(name) < 0)
        return false;
    exec_flush_all();
    return true;
}

void rvt_load(const uint32_t *words, size_t n)
{
    uint32_t brk = RVT_EBREAK;

    memcpy(g2h(RVT_CODE), words, n * 4);
    memcpy(g2h(RVT_CODE + n * 4), &brk, 4);
    exec_flush_all();
}

void rvt_load16(const uint16_t *parcels, size_t n)
{
    uint32_t brk = RVT_EBREAK;

    memcpy(g2h(RVT_CODE), parcels, n * 2);
    memcpy(g2h(RVT_CODE + n * 2), &brk, 4);
    exec_flush_all();
}

int rvt_run(void)
{
    rvt_env->pc = RVT_CODE;
    return exec_cpu_exec(rvt_cpu);
}
