/*
 * The initial Linux stack: argc, argv, envp and auxv laid out as the
 * kernel does, read back through the guest page table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "uemu/elfload.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user.h"
#include "uemu/page-table.h"
#include "uemu/personality.h"

static int setup(void **state)
{
    (void)state;
    struct guest_space_config cfg = { 0 };
    assert_int_equal(guest_space_init(&cfg), 0);
    lu_set_abi(&lu_abi_riscv64);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    guest_space_reset();
    return 0;
}

static uint64_t rd64(guest_addr a)
{
    uint64_t v;
    memcpy(&v, g2h(a), 8);
    return v;
}

/* Value of auxv entry type, or ~0 when absent. */
static uint64_t auxv_get(guest_addr auxv, uint64_t type)
{
    for (;; auxv += 16) {
        uint64_t t = rd64(auxv);
        if (t == type)
            return rd64(auxv + 8);
        if (t == 0)
            return ~0ull;
    }
}

static const struct elf_load_info exe = {
    .entry = 0x10450, .phdr = 0x10040, .phnum = 9, .phentsize = 56,
};

static void test_layout(void **state)
{
    (void)state;
    char *argv[] = { "prog", "one", "", "three", NULL };
    char *envp[] = { "A=1", "PATH=/bin", NULL };
    struct lu_initial_stack st;

    assert_int_equal(lu_build_stack(&exe, NULL, 0, 4, argv, envp, "/path/prog", &st), 0);
    assert_int_equal(st.sp % 16, 0);
    assert_int_equal(st.stack_high - st.stack_low, LU_DEFAULT_STACK_SIZE);
    assert_true(st.sp > st.stack_low && st.sp < st.stack_high);
    /* The guard page below the stack is mapped but inaccessible. */
    unsigned guard = page_table_get(guest_pages, st.stack_low - 1);
    assert_int_equal(guard & (PAGE_VALID | PAGE_RWX), PAGE_VALID);
    assert_int_equal(page_table_get(guest_pages, st.sp) & PAGE_RWX, PAGE_READ | PAGE_WRITE);

    assert_int_equal(rd64(st.sp), 4);
    assert_int_equal(st.argv, st.sp + 8);
    for (int i = 0; i < 4; i++)
        assert_string_equal((char *)g2h(rd64(st.argv + 8 * i)), argv[i]);
    assert_int_equal(rd64(st.argv + 32), 0);
    assert_int_equal(st.envp, st.argv + 40);
    assert_string_equal((char *)g2h(rd64(st.envp)), "A=1");
    assert_string_equal((char *)g2h(rd64(st.envp + 8)), "PATH=/bin");
    assert_int_equal(rd64(st.envp + 16), 0);
    assert_int_equal(st.auxv, st.envp + 24);

    assert_int_equal(auxv_get(st.auxv, 3), 0x10040);     /* AT_PHDR */
    assert_int_equal(auxv_get(st.auxv, 4), 56);          /* AT_PHENT */
    assert_int_equal(auxv_get(st.auxv, 5), 9);           /* AT_PHNUM */
    assert_int_equal(auxv_get(st.auxv, 6), 4096);        /* AT_PAGESZ */
    assert_int_equal(auxv_get(st.auxv, 7), 0);           /* AT_BASE: static */
    assert_int_equal(auxv_get(st.auxv, 9), 0x10450);     /* AT_ENTRY */
    assert_int_equal(auxv_get(st.auxv, 11), getuid());   /* AT_UID */
    assert_int_equal(auxv_get(st.auxv, 16), 0x112d);     /* AT_HWCAP: IMAFDC */
    assert_int_equal(auxv_get(st.auxv, 17), sysconf(_SC_CLK_TCK));
    assert_int_equal(auxv_get(st.auxv, 15), ~0ull);      /* riscv64 has no AT_PLATFORM */
    uint64_t random = auxv_get(st.auxv, 25);
    assert_int_equal(random, st.random);
    assert_true(random + 16 <= st.stack_high && random > st.sp);
    assert_string_equal((char *)g2h(auxv_get(st.auxv, 31)), "/path/prog");  /* AT_EXECFN */
    /* The strings sit above the vectors, execfn highest. */
    assert_true(st.execfn + strlen("/path/prog") + 1 == st.stack_high);
}

static void test_interp_and_platform(void **state)
{
    (void)state;
    struct elf_load_info interp = { .load_bias = 0x4000000000ull };
    char *argv[] = { "p", NULL };
    char *envp[] = { NULL };
    struct lu_initial_stack st;

    lu_set_abi(&lu_abi_aarch64);
    assert_int_equal(lu_build_stack(&exe, &interp, 64 * 1024, 1, argv, envp, "p", &st), 0);
    assert_int_equal(st.stack_high - st.stack_low, 64 * 1024);
    assert_int_equal(auxv_get(st.auxv, 7), 0x4000000000ull);   /* AT_BASE */
    assert_string_equal((char *)g2h(auxv_get(st.auxv, 15)), "aarch64");
    assert_int_equal(rd64(st.envp), 0);
    lu_set_abi(&lu_abi_riscv64);
}

static void test_e2big(void **state)
{
    (void)state;
    size_t n = 20000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'x', n);
    big[n] = 0;
    char *argv[] = { big, NULL };
    char *envp[] = { NULL };
    struct lu_initial_stack st;
    /* 20 kB of strings do not fit a quarter of a 64 KiB stack. */
    assert_int_equal(lu_build_stack(&exe, NULL, 64 * 1024, 1, argv, envp, "p", &st), -E2BIG);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_interp_and_platform),
        cmocka_unit_test(test_e2big),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
