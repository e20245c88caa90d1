/*
 * lu_exec_build_argv: the command line a guest execve of a guest program
 * re-runs uemu with (options carried over, -0 argv0, --, path, the
 * guest's arguments), checked entry by entry without exec'ing.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "uemu/linux-user-exec.h"

static void check_argv(char **got, int n, const char *const *want)
{
    int i;

    for (i = 0; want[i]; i++) {
        assert_true(i < n);
        assert_string_equal(got[i], want[i]);
    }
    assert_int_equal(n, i);
    assert_null(got[n]);
}

static void test_no_options(void **state)
{
    struct uemu_options o = { .action = UEMU_ACTION_RUN };
    char *gargv[] = { "child", "a", "b c", NULL };
    char *out[32];
    static const char *const want[] = {
        "/opt/uemu", "-0", "child", "--", "/tmp/prog", "a", "b c", NULL
    };

    (void)state;
    lu_exec_set_options(&o, "/opt/uemu");
    check_argv(out, lu_exec_build_argv("/tmp/prog", gargv, 3, out, 32), want);
}

static void test_options_carried(void **state)
{
    struct uemu_options o = {
        .action = UEMU_ACTION_RUN,
        .ld_prefix = "/usr/riscv64-linux-gnu",
        .backend = UEMU_BACKEND_TCI,
        .cpu_model = "rv64",
        .log_mask = LOG_IN_ASM | LOG_PAGE | LOG_STRACE,
        .log_file = "/tmp/log",
        .strace = true,
        .argv0 = "not-carried",
    };
    char *gargv[] = { "name", "x", NULL };
    char *out[32];
    static const char *const want[] = {
        "/opt/uemu", "-L", "/usr/riscv64-linux-gnu", "-backend", "tci", "-cpu", "rv64",
        "-d", "in_asm,page,strace", "-D", "/tmp/log", "-strace", "-0", "name", "--",
        "/bin/p", "x", NULL
    };

    (void)state;
    lu_exec_set_options(&o, "/opt/uemu");
    check_argv(out, lu_exec_build_argv("/bin/p", gargv, 2, out, 32), want);

    o.backend = UEMU_BACKEND_JIT;
    o.log_mask = 0;
    o.log_file = NULL;
    o.strace = false;
    o.cpu_model = NULL;
    o.ld_prefix = NULL;
    lu_exec_set_options(&o, "/opt/uemu");
    static const char *const want_jit[] = {
        "/opt/uemu", "-backend", "jit", "-0", "name", "--", "/bin/p", "x", NULL
    };
    check_argv(out, lu_exec_build_argv("/bin/p", gargv, 2, out, 32), want_jit);
}

static void test_empty_argv(void **state)
{
    struct uemu_options o = { .action = UEMU_ACTION_RUN };
    char *gargv[] = { NULL };
    char *out[8];
    static const char *const want[] = { "/opt/uemu", "-0", "", "--", "/p", NULL };

    (void)state;
    lu_exec_set_options(&o, "/opt/uemu");
    check_argv(out, lu_exec_build_argv("/p", gargv, 0, out, 8), want);
}

static void test_errors(void **state)
{
    struct uemu_options o = { .action = UEMU_ACTION_RUN };
    char *gargv[] = { "p", "1", "2", NULL };
    char *out[8];

    (void)state;
    lu_exec_set_options(&o, "/opt/uemu");
    /* 5 fixed entries + 2 arguments + NULL: 8 fit, 7 do not. */
    assert_int_equal(lu_exec_build_argv("/p", gargv, 3, out, 8), 7);
    assert_int_equal(lu_exec_build_argv("/p", gargv, 3, out, 7), -E2BIG);
    lu_exec_set_options(&o, NULL);
    assert_int_equal(lu_exec_build_argv("/p", gargv, 3, out, 8), -ENOEXEC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_options),
        cmocka_unit_test(test_options_carried),
        cmocka_unit_test(test_empty_argv),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
