/*
 * binfmt_misc invocation: argv rewriting for preserve-argv0 and detection
 * from the interpreter's name.  (AT_FLAGS and AT_EXECFD come from the
 * kernel; tests/binfmt/run exercises them for real.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "uemu/binfmt.h"

static void test_preserve_argv0_rewrites(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/prog", "prog-name", "a", NULL };
    struct binfmt_invocation b = { .preserve_argv0 = true, .exec_fd = -1 };
    char **g;
    int n = binfmt_guest_argv(&b, 3, argv, &g);
    assert_int_equal(n, 2);
    assert_string_equal(g[0], "prog-name");
    assert_string_equal(g[1], "a");
    assert_null(g[2]);
}

static void test_plain_keeps_argv(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/prog", "a", NULL };
    struct binfmt_invocation b = { .preserve_argv0 = false, .exec_fd = -1 };
    char **g;
    assert_int_equal(binfmt_guest_argv(&b, 2, argv, &g), 2);
    assert_ptr_equal(g, argv);
    /* P with only the path (argv[0] lost): nothing to shift. */
    b.preserve_argv0 = true;
    assert_int_equal(binfmt_guest_argv(&b, 1, argv, &g), 1);
    assert_ptr_equal(g, argv);
}

static void test_detect(void **state)
{
    (void)state;
    struct binfmt_invocation b;
    /* A test binary is not started by binfmt_misc: no exec fd, no P. */
    binfmt_detect(&b, "/usr/bin/uemu-riscv64");
    assert_int_equal(b.exec_fd, -1);
    assert_false(b.preserve_argv0);
    binfmt_detect(&b, "/usr/bin/uemu-riscv64-binfmt-P");
    assert_true(b.preserve_argv0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_preserve_argv0_rewrites),
        cmocka_unit_test(test_plain_keeps_argv),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
