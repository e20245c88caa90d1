/*
 * Tests for accel/user/options.c: every option, its environment
 * equivalent, the command line winning over the environment, the guest
 * environment edits, the help texts and every error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config-host.h"
#include "uemu/options.h"

#define MAXARGS 32

struct run {
    struct uemu_options o;
    char err[256];
    int r;
    char *argv[MAXARGS];
    char *envp[MAXARGS];
};

/*
 * Parse a command line and an environment, each a NULL-terminated list
 * of strings; the argument lists must outlive the options (they do:
 * string literals).
 */
static void parse(struct run *run, const char *const *args, const char *const *env)
{
    int argc = 0, envc = 0;

    memset(run, 0, sizeof(*run));
    while (args[argc]) {
        run->argv[argc] = (char *)args[argc];
        argc++;
    }
    while (env && env[envc]) {
        run->envp[envc] = (char *)env[envc];
        envc++;
    }
    run->r = options_parse(&run->o, argc, run->argv, run->envp, run->err,
                           sizeof(run->err));
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void parse_ok(struct run *run, const char *const *args, const char *const *env)
{
    parse(run, args, env);
    if (run->r != 0) {
        fail_msg("unexpected error: %s", run->err);
    }
}

/* The parse fails with a message containing want. */
static void parse_err(const char *const *args, const char *const *env, const char *want)
{
    struct run run;

    parse(&run, args, env);
    assert_int_equal(run.r, -1);
    if (!strstr(run.err, want)) {
        fail_msg("error '%s' lacks '%s'", run.err, want);
    }
    assert_null(strchr(run.err, '\n'));
    assert_null(run.o.guest_env);
}

static size_t env_count(char **env)
{
    size_t n = 0;

    while (env[n]) {
        n++;
    }
    return n;
}

static const char *env_get(char **env, const char *name)
{
    size_t len = strlen(name);

    for (size_t i = 0; env[i]; i++) {
        if (strncmp(env[i], name, len) == 0 && env[i][len] == '=') {
            return env[i] + len + 1;
        }
    }
    return NULL;
}

static void test_defaults(void **state)
{
    struct run run;

    (void)state;
    parse_ok(&run, ARGS("uemu", "prog", "a", "-L"), ARGS("HOME=/root", "X=1"));
    assert_int_equal(run.o.action, UEMU_ACTION_RUN);
    assert_int_equal(run.o.forced_isa, GUEST_ISA_NONE);
    assert_int_equal(run.o.prog_argc, 3);
    assert_string_equal(run.o.prog_argv[0], "prog");
    assert_string_equal(run.o.prog_argv[2], "-L");
    assert_null(run.o.prog_argv[3]);
    assert_null(run.o.ld_prefix);
    assert_null(run.o.argv0);
    assert_null(run.o.cpu_model);
    assert_null(run.o.log_file);
    assert_int_equal(run.o.log_mask, 0);
    assert_int_equal(run.o.page_size, 0);
    assert_int_equal(run.o.reserved_va, 0);
    assert_false(run.o.have_guest_base);
    assert_int_equal(run.o.stack_size, 0);
    assert_false(run.o.strace);
    assert_false(run.o.probe);
    assert_int_equal(run.o.backend, UEMU_BACKEND_DEFAULT);
    assert_int_equal(env_count(run.o.guest_env), 2);
    assert_string_equal(run.o.guest_env[0], "HOME=/root");
    assert_string_equal(run.o.guest_env[1], "X=1");
    options_free(&run.o);
}

static void test_every_option(void **state)
{
    struct run run;

    (void)state;
    parse_ok(&run, ARGS("uemu", "-L", "/sysroot", "-0", "name", "-cpu", "rv64",
                        "-d", "in_asm,op,op_opt,out_asm,exec,cpu,page,unimp,guest_errors,profile",
                        "-D", "log.gz", "-p", "64k", "-R", "1G", "-B", "0x7f0000000000",
                        "-s", "8M", "-strace", "-backend", "tci", "-probe", "prog"), NULL);
    assert_string_equal(run.o.ld_prefix, "/sysroot");
    assert_string_equal(run.o.argv0, "name");
    assert_string_equal(run.o.cpu_model, "rv64");
    assert_int_equal(run.o.log_mask, LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM |
                     LOG_EXEC | LOG_CPU | LOG_PAGE | LOG_UNIMP | LOG_GUEST_ERRORS |
                     LOG_PROFILE | LOG_STRACE);
    assert_string_equal(run.o.log_file, "log.gz");
    assert_int_equal(run.o.page_size, 65536);
    assert_int_equal(run.o.reserved_va, 1ull << 30);
    assert_true(run.o.have_guest_base);
    assert_int_equal(run.o.guest_base, 0x7f0000000000ull);
    assert_int_equal(run.o.stack_size, 8ull << 20);
    assert_true(run.o.strace);
    assert_int_equal(run.o.backend, UEMU_BACKEND_TCI);
    assert_true(run.o.probe);
    assert_int_equal(run.o.prog_argc, 1);
    assert_string_equal(run.o.prog_argv[0], "prog");
    options_free(&run.o);
}

static void test_double_dash(void **state)
{
    struct run run;

    (void)state;
    parse_ok(&run, ARGS("uemu", "--cpu", "max", "--strace", "--d", "strace",
                        "--", "-prog", "x"), NULL);
    assert_string_equal(run.o.cpu_model, "max");
    assert_true(run.o.strace);
    assert_int_equal(run.o.log_mask, LOG_STRACE);
    assert_int_equal(run.o.prog_argc, 2);
    assert_string_equal(run.o.prog_argv[0], "-prog");
    options_free(&run.o);
}

static void test_d_strace_sets_strace(void **state)
{
    struct run run;

    (void)state;
    parse_ok(&run, ARGS("uemu", "-d", "strace", "p"), NULL);
    assert_true(run.o.strace);
    options_free(&run.o);
    parse_ok(&run, ARGS("uemu", "-strace", "-d", "page", "p"), NULL);
    assert_true(run.o.strace);
    assert_int_equal(run.o.log_mask, LOG_PAGE | LOG_STRACE);
    options_free(&run.o);
}

static void test_backend_jit(void **state)
{
    struct run run;

    (void)state;
#ifdef CONFIG_JIT
    parse_ok(&run, ARGS("uemu", "-backend", "jit", "p"), NULL);
    assert_int_equal(run.o.backend, UEMU_BACKEND_JIT);
    options_free(&run.o);
#else
    (void)run;
    parse_err(ARGS("uemu", "-backend", "jit", "p"), NULL, "built without the JIT");
#endif
}

static void test_env_equivalents(void **state)
{
    struct run run;

    (void)state;
    parse_ok(&run, ARGS("uemu", "prog"),
             ARGS("UEMU_LD_PREFIX=/gnemul", "UEMU_ARGV0=zero", "UEMU_CPU=max",
                  "UEMU_LOG=page,exec", "UEMU_LOG_FILENAME=/tmp/l", "UEMU_PAGESIZE=16384",
                  "UEMU_RESERVED_VA=0x100000", "UEMU_GUEST_BASE=4096",
                  "UEMU_STACK_SIZE=1m", "UEMU_STRACE=", "UEMU_BACKEND=tci"));
    assert_string_equal(run.o.ld_prefix, "/gnemul");
    assert_string_equal(run.o.argv0, "zero");
    assert_string_equal(run.o.cpu_model, "max");
    assert_int_equal(run.o.log_mask, LOG_PAGE | LOG_EXEC | LOG_STRACE);
    assert_string_equal(run.o.log_file, "/tmp/l");
    assert_int_equal(run.o.page_size, 16384);
    assert_int_equal(run.o.reserved_va, 0x100000);
    assert_true(run.o.have_guest_base);
    assert_int_equal(run.o.guest_base, 4096);
    assert_int_equal(run.o.stack_size, 1 << 20);
    assert_true(run.o.strace);
    assert_int_equal(run.o.backend, UEMU_BACKEND_TCI);
    /* The UEMU_* variables stay in the guest environment, as qemu's do. */
    assert_string_equal(env_get(run.o.guest_env, "UEMU_CPU"), "max");
    options_free(&run.o);
}

static void test_command_line_wins(void **state)
{
    struct run run;

#ifdef CONFIG_JIT
    const char *cmd_backend = "jit", *env_backend = "UEMU_BACKEND=tci";
    const enum uemu_backend want_backend = UEMU_BACKEND_JIT;
#else
    /* Without the JIT only tci is accepted: the command line still wins. */
    const char *cmd_backend = "tci", *env_backend = "UEMU_BACKEND=tci";
    const enum uemu_backend want_backend = UEMU_BACKEND_TCI;
#endif

    (void)state;
    parse_ok(&run, ARGS("uemu", "-L", "/cmd", "-cpu", "rv64", "-p", "8k", "-s", "2M",
                        "-d", "cpu", "-backend", cmd_backend, "-0", "cmd", "prog"),
             ARGS("UEMU_LD_PREFIX=/env", "UEMU_CPU=max", "UEMU_PAGESIZE=65536",
                  "UEMU_STACK_SIZE=1M", "UEMU_LOG=exec", env_backend,
                  "UEMU_ARGV0=env"));
    assert_string_equal(run.o.ld_prefix, "/cmd");
    assert_string_equal(run.o.cpu_model, "rv64");
    assert_int_equal(run.o.page_size, 8192);
    assert_int_equal(run.o.stack_size, 2 << 20);
    assert_int_equal(run.o.log_mask, LOG_CPU);
    assert_int_equal(run.o.backend, want_backend);
    assert_string_equal(run.o.argv0, "cmd");
    options_free(&run.o);
}

static void test_guest_env_edits(void **state)
{
    struct run run;

    (void)state;
    parse_ok(&run, ARGS("uemu", "-E", "C=3", "-U", "A", "-E", "B=9", "-E", "L=x,y",
                        "-U", "X", "prog"),
             ARGS("A=1", "B=2", "UEMU_SET_ENV=X=1,Y=2,A=5", "UEMU_UNSET_ENV=B,NONE"));
    /* Env first: A=5 set, X, Y added, B removed; then -E C, -U A, -E B, -E L, -U X. */
    assert_null(env_get(run.o.guest_env, "A"));
    assert_string_equal(env_get(run.o.guest_env, "B"), "9");
    assert_string_equal(env_get(run.o.guest_env, "C"), "3");
    assert_null(env_get(run.o.guest_env, "X"));
    assert_string_equal(env_get(run.o.guest_env, "Y"), "2");
    assert_string_equal(env_get(run.o.guest_env, "L"), "x,y");
    assert_int_equal(env_count(run.o.guest_env), 6);
    options_free(&run.o);
}

static void test_many_env_vars(void **state)
{
    static char names[200][16];
    char *envp[201];
    char *argv[] = { "uemu", "-E", "NEW=1", "p", NULL };
    struct uemu_options o;
    char err[256];

    (void)state;
    for (int i = 0; i < 200; i++) {
        snprintf(names[i], sizeof(names[i]), "V%d=%d", i, i);
        envp[i] = names[i];
    }
    envp[200] = NULL;
    assert_int_equal(options_parse(&o, 4, argv, envp, err, sizeof(err)), 0);
    assert_int_equal(env_count(o.guest_env), 201);
    assert_string_equal(env_get(o.guest_env, "V199"), "199");
    assert_string_equal(env_get(o.guest_env, "NEW"), "1");
    options_free(&o);
}

static void test_forced_isa(void **state)
{
    struct run run;

    (void)state;
    parse_ok(&run, ARGS("/usr/bin/uemu-riscv64", "-cpu", "rv64", "p"), NULL);
    assert_int_equal(run.o.forced_isa, GUEST_ISA_RISCV64);
    options_free(&run.o);
    parse_ok(&run, ARGS("uemu-aarch64", "p"), NULL);
    assert_int_equal(run.o.forced_isa, GUEST_ISA_AARCH64);
    options_free(&run.o);
    parse_ok(&run, ARGS("./uemu-x86", "p"), NULL);
    assert_int_equal(run.o.forced_isa, GUEST_ISA_NONE);
    options_free(&run.o);
    parse_err(ARGS("uemu-aarch64", "-cpu", "rv64", "p"), NULL, "unknown cpu model 'rv64'");
}

static void test_actions(void **state)
{
    const struct {
        const char *const *args;
        enum uemu_action action;
    } cases[] = {
        { ARGS("uemu", "-h"), UEMU_ACTION_HELP },
        { ARGS("uemu", "-help"), UEMU_ACTION_HELP },
        { ARGS("uemu", "--help", "-bogus"), UEMU_ACTION_HELP },
        { ARGS("uemu", "-version"), UEMU_ACTION_VERSION },
        { ARGS("uemu", "--version"), UEMU_ACTION_VERSION },
        { ARGS("uemu", "-cpu", "help"), UEMU_ACTION_CPU_HELP },
        { ARGS("uemu", "-d", "help"), UEMU_ACTION_LOG_HELP },
        { ARGS("uemu", "-d", "in_asm,help"), UEMU_ACTION_LOG_HELP },
    };
    struct run run;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        parse_ok(&run, cases[i].args, NULL);
        assert_int_equal(run.o.action, cases[i].action);
        options_free(&run.o);
    }
    parse_ok(&run, ARGS("uemu", "-d", "help"), ARGS("UEMU_LOG=help"));
    assert_int_equal(run.o.action, UEMU_ACTION_LOG_HELP);
    options_free(&run.o);
}

static void test_errors(void **state)
{
    const struct {
        const char *const *args;
        const char *const *env;
        const char *want;
    } cases[] = {
        { ARGS("uemu"), NULL, "no program given" },
        { ARGS("uemu", "-probe"), NULL, "no program given" },
        { ARGS("uemu", "--"), NULL, "no program given" },
        { ARGS("uemu", "-bogus", "p"), NULL, "unknown option '-bogus'" },
        { ARGS("uemu", "-", "p"), NULL, "unknown option '-'" },
        { ARGS("uemu", "---cpu", "max", "p"), NULL, "unknown option '---cpu'" },
        { ARGS("uemu", "-L"), NULL, "option -L needs an argument (path)" },
        { ARGS("uemu", "-cpu"), NULL, "option -cpu needs an argument (model)" },
        { ARGS("uemu", "-L", "", "p"), NULL, "empty path for -L" },
        { ARGS("uemu", "-E", "novalue", "p"), NULL, "-E needs var=value, not 'novalue'" },
        { ARGS("uemu", "-E", "=x", "p"), NULL, "-E needs var=value" },
        { ARGS("uemu", "-U", "A=1", "p"), NULL, "-U needs a variable name, not 'A=1'" },
        { ARGS("uemu", "-U", "", "p"), NULL, "-U needs a variable name" },
        { ARGS("uemu", "-cpu", "cortex-a72", "p"), NULL,
          "unknown cpu model 'cortex-a72' for -cpu ('-cpu help' lists them)" },
        { ARGS("uemu", "-d", "bogus", "p"), NULL,
          "unknown log item 'bogus' for -d ('-d help' lists them)" },
        { ARGS("uemu", "-d", "in_asm,", "p"), NULL, "unknown log item ''" },
        { ARGS("uemu", "-d", "", "p"), NULL, "unknown log item ''" },
        { ARGS("uemu", "-D", "", "p"), NULL, "empty log file name for -D" },
        { ARGS("uemu", "-p", "3000", "p"), NULL, "bad page size '3000' for -p" },
        { ARGS("uemu", "-p", "2048", "p"), NULL, "bad page size '2048'" },
        { ARGS("uemu", "-p", "2M", "p"), NULL, "bad page size '2M'" },
        { ARGS("uemu", "-p", "abc", "p"), NULL, "bad page size 'abc'" },
        { ARGS("uemu", "-p", "-4096", "p"), NULL, "bad page size '-4096'" },
        { ARGS("uemu", "-R", "4097", "p"), NULL, "bad reserved size '4097' for -R" },
        { ARGS("uemu", "-R", "256T", "p"), NULL, "bad reserved size '256T'" },
        { ARGS("uemu", "-R", "1P", "p"), NULL, "bad size '1P' for -R" },
        { ARGS("uemu", "-R", "1kk", "p"), NULL, "bad size '1kk' for -R" },
        { ARGS("uemu", "-R", "99999999999999999999", "p"), NULL, "bad size" },
        { ARGS("uemu", "-R", "0x100000000000000G", "p"), NULL, "bad size" },
        { ARGS("uemu", "-B", "xyz", "p"), NULL, "bad address 'xyz' for -B" },
        { ARGS("uemu", "-B", "0x1001", "p"), NULL,
          "guest base '0x1001' for -B is not a multiple of 4096" },
        { ARGS("uemu", "-B", "12junk", "p"), NULL, "bad address '12junk'" },
        { ARGS("uemu", "-s", "0", "p"), NULL, "bad stack size '0' for -s" },
        { ARGS("uemu", "-s", "2T", "p"), NULL, "bad stack size '2T'" },
        { ARGS("uemu", "-s", "12Q", "p"), NULL, "bad size '12Q' for -s" },
        { ARGS("uemu", "-backend", "llvm", "p"), NULL,
          "unknown backend 'llvm' for -backend: jit or tci" },
        { ARGS("uemu", "p"), ARGS("UEMU_PAGESIZE=5"), "bad page size '5' for UEMU_PAGESIZE" },
        { ARGS("uemu", "p"), ARGS("UEMU_SET_ENV=A=1,novalue"),
          "UEMU_SET_ENV needs var=value, not 'novalue'" },
        { ARGS("uemu", "p"), ARGS("UEMU_UNSET_ENV=A,,B"), "UEMU_UNSET_ENV needs a variable name" },
        { ARGS("uemu", "p"), ARGS("UEMU_CPU=bogus"), "unknown cpu model 'bogus' for UEMU_CPU" },
        { ARGS("uemu", "p"), ARGS("UEMU_LOG=nope"), "unknown log item 'nope' for UEMU_LOG" },
        { ARGS("uemu", "p"), ARGS("UEMU_RESERVED_VA=x"), "bad size 'x' for UEMU_RESERVED_VA" },
        { ARGS("uemu", "p"), ARGS("UEMU_GUEST_BASE=0x10"), "for UEMU_GUEST_BASE is not a multiple" },
        { ARGS("uemu", "p"), ARGS("UEMU_STACK_SIZE=0"), "bad stack size '0' for UEMU_STACK_SIZE" },
        { ARGS("uemu", "p"), ARGS("UEMU_BACKEND=x"), "unknown backend 'x' for UEMU_BACKEND" },
        { ARGS("uemu", "p"), ARGS("UEMU_LD_PREFIX="), "empty path for UEMU_LD_PREFIX" },
        { ARGS("uemu", "p"), ARGS("UEMU_LOG_FILENAME="), "empty log file name for UEMU_LOG_FILENAME" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        parse_err(cases[i].args, cases[i].env, cases[i].want);
    }
}

static void test_bad_env_value_fails_even_if_overridden(void **state)
{
    (void)state;
    /* A bad environment value is an error even when the command line sets it too. */
    parse_err(ARGS("uemu", "-p", "4096", "p"), ARGS("UEMU_PAGESIZE=3"), "UEMU_PAGESIZE");
}

static void test_parse_size(void **state)
{
    static const struct {
        const char *s;
        int r;
        uint64_t v;
    } cases[] = {
        { "0", 0, 0 }, { "4096", 0, 4096 }, { "4k", 0, 4096 }, { "4K", 0, 4096 },
        { "3m", 0, 3 << 20 }, { "2G", 0, 2ull << 30 }, { "1T", 0, 1ull << 40 },
        { "0x1000", 0, 0x1000 }, { "0x10k", 0, 0x4000 },
        { "", -1, 0 }, { "k", -1, 0 }, { "-1", -1, 0 }, { " 1", -1, 0 },
        { "1x", -1, 0 }, { "1kb", -1, 0 }, { "16777216T", -1, 0 },
        { "18446744073709551616", -1, 0 },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint64_t v = 12345;

        assert_int_equal(options_parse_size(cases[i].s, &v), cases[i].r);
        assert_int_equal(v, cases[i].r == 0 ? cases[i].v : 12345);
    }
}

static void test_cpu_models(void **state)
{
    (void)state;
    assert_string_equal(options_cpu_models(GUEST_ISA_RISCV64)[0], "rv64");
    assert_string_equal(options_cpu_models(GUEST_ISA_RISCV64)[1], "max");
    assert_null(options_cpu_models(GUEST_ISA_RISCV64)[2]);
    assert_string_equal(options_cpu_models(GUEST_ISA_AARCH64)[0], "max");
    assert_null(options_cpu_models(GUEST_ISA_AARCH64)[1]);
    assert_true(options_cpu_model_valid(GUEST_ISA_AARCH64, "max"));
    assert_false(options_cpu_model_valid(GUEST_ISA_AARCH64, "rv64"));
    assert_false(options_cpu_model_valid(GUEST_ISA_NONE, "max"));
}

/* Text printed by fn(f, arg) into a malloc'd string. */
static char *capture(void (*fn)(FILE *, enum guest_isa), enum guest_isa isa)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    fn(f, isa);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void usage_adapter(FILE *f, enum guest_isa isa) { (void)isa; options_print_usage(f); }
static void version_adapter(FILE *f, enum guest_isa isa) { (void)isa; options_print_version(f); }
static void log_adapter(FILE *f, enum guest_isa isa) { (void)isa; options_print_log_items(f); }

static void test_help_texts(void **state)
{
    static const char *const in_usage[] = {
        "-h, -help", "-version", "-L path", "-E var=value", "-U var", "-0 argv0",
        "-cpu model", "-d item[,...]", "-D logfile", "-p pagesize", "-R size",
        "-B address", "-s size", "-strace", "-backend jit|tci", "-probe",
        "UEMU_LD_PREFIX", "UEMU_SET_ENV", "UEMU_UNSET_ENV", "UEMU_ARGV0", "UEMU_CPU",
        "UEMU_LOG ", "UEMU_LOG_FILENAME", "UEMU_PAGESIZE", "UEMU_RESERVED_VA",
        "UEMU_GUEST_BASE", "UEMU_STACK_SIZE", "UEMU_STRACE", "UEMU_BACKEND",
    };
    static const char *const items[] = {
        "in_asm", "op ", "op_opt", "out_asm", "exec", "cpu", "page", "strace",
        "unimp", "guest_errors", "profile",
    };
    char *s;

    (void)state;
    s = capture(usage_adapter, GUEST_ISA_NONE);
    for (size_t i = 0; i < sizeof(in_usage) / sizeof(in_usage[0]); i++) {
        if (!strstr(s, in_usage[i])) {
            fail_msg("usage lacks '%s'", in_usage[i]);
        }
    }
    free(s);
    s = capture(version_adapter, GUEST_ISA_NONE);
    assert_memory_equal(s, "uemu version 0.1.0\nlibelf (elfutils) 0.", 38);
    assert_non_null(strstr(s, "zlib "));
    assert_non_null(strstr(s, "libffi "));
    assert_non_null(strstr(s, "capstone "));
    free(s);
    s = capture(options_print_cpu_models, GUEST_ISA_NONE);
    assert_string_equal(s, "Available CPUs for riscv64:\n  rv64 (default)\n  max\n"
                           "Available CPUs for aarch64:\n  max (default)\n");
    free(s);
    s = capture(options_print_cpu_models, GUEST_ISA_AARCH64);
    assert_string_equal(s, "Available CPUs for aarch64:\n  max (default)\n");
    free(s);
    s = capture(log_adapter, GUEST_ISA_NONE);
    for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
        if (!strstr(s, items[i])) {
            fail_msg("-d help lacks '%s'", items[i]);
        }
    }
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_every_option),
        cmocka_unit_test(test_double_dash),
        cmocka_unit_test(test_d_strace_sets_strace),
        cmocka_unit_test(test_backend_jit),
        cmocka_unit_test(test_env_equivalents),
        cmocka_unit_test(test_command_line_wins),
        cmocka_unit_test(test_guest_env_edits),
        cmocka_unit_test(test_many_env_vars),
        cmocka_unit_test(test_forced_isa),
        cmocka_unit_test(test_actions),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_bad_env_value_fails_even_if_overridden),
        cmocka_unit_test(test_parse_size),
        cmocka_unit_test(test_cpu_models),
        cmocka_unit_test(test_help_texts),
    };

    return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
