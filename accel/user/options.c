/*
 * Option parsing: the command line and the UEMU_* environment, the way
 * qemu-user reads its own (see include/uemu/options.h for the contract).
 *
 * Every option is one row of opt_table: its name, its environment
 * equivalent, its argument and its help line; -h is printed from the
 * same table, so an option cannot be parsed yet undocumented.  Values are
 * checked here, once, with a reason naming the option or variable they
 * came from; later stages trust the struct.
 *
 * The guest environment starts as a copy of the host's and -E / -U
 * (UEMU_SET_ENV / UEMU_UNSET_ENV first, the command line after) edit it
 * in order.  UEMU_SET_ENV and UEMU_UNSET_ENV hold comma-separated lists;
 * -E and -U take one variable each, so a value may contain commas.
 */
#include <capstone/capstone.h>
#include <elfutils/version.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "config-host.h"
#include "uemu/options.h"

enum opt_id {
    OPT_HELP,
    OPT_VERSION,
    OPT_LD_PREFIX,
    OPT_SET_ENV,
    OPT_UNSET_ENV,
    OPT_ARGV0,
    OPT_CPU,
    OPT_LOG,
    OPT_LOG_FILE,
    OPT_PAGESIZE,
    OPT_RESERVED_VA,
    OPT_GUEST_BASE,
    OPT_STACK_SIZE,
    OPT_STRACE,
    OPT_BACKEND,
    OPT_CACHE,
    OPT_PROBE,
};

struct opt_desc {
    const char *name;       /* without the dash */
    const char *alias;      /* second name, or NULL */
    const char *env;        /* UEMU_* equivalent, or NULL */
    const char *arg;        /* argument name, NULL for a flag */
    enum opt_id id;
    const char *help;
};

static const struct opt_desc opt_table[] = {
    { "h", "help", NULL, NULL, OPT_HELP, "print this help and exit" },
    { "version", NULL, NULL, NULL, OPT_VERSION,
      "print the version and the library versions, and exit" },
    { "L", NULL, "UEMU_LD_PREFIX", "path", OPT_LD_PREFIX,
      "prefix for the guest's dynamic linker and absolute paths" },
    { "E", NULL, "UEMU_SET_ENV", "var=value", OPT_SET_ENV,
      "set a guest environment variable (repeatable; env: comma list)" },
    { "U", NULL, "UEMU_UNSET_ENV", "var", OPT_UNSET_ENV,
      "remove a guest environment variable (repeatable; env: comma list)" },
    { "0", NULL, "UEMU_ARGV0", "argv0", OPT_ARGV0,
      "the guest program's argv[0]" },
    { "cpu", NULL, "UEMU_CPU", "model", OPT_CPU,
      "CPU model ('-cpu help' lists them)" },
    { "d", NULL, "UEMU_LOG", "item[,...]", OPT_LOG,
      "log items ('-d help' lists them)" },
    { "D", NULL, "UEMU_LOG_FILENAME", "logfile", OPT_LOG_FILE,
      "write the log to logfile (gzip when it ends in .gz)" },
    { "p", NULL, "UEMU_PAGESIZE", "pagesize", OPT_PAGESIZE,
      "host page granule, a power of two from 4096 to 1M" },
    { "R", NULL, "UEMU_RESERVED_VA", "size", OPT_RESERVED_VA,
      "reserve size bytes of guest address space up front" },
    { "B", NULL, "UEMU_GUEST_BASE", "address", OPT_GUEST_BASE,
      "put guest address 0 at this host address" },
    { "s", NULL, "UEMU_STACK_SIZE", "size", OPT_STACK_SIZE,
      "guest stack size" },
    { "strace", NULL, "UEMU_STRACE", NULL, OPT_STRACE,
      "print the guest's system calls" },
    { "backend", NULL, "UEMU_BACKEND", "jit|tci", OPT_BACKEND,
      "code generator: the x86_64 JIT or the portable interpreter" },
    { "cache", NULL, "UEMU_CACHE", "dir|off", OPT_CACHE,
      "translated code kept for later runs (default ~/.cache/uemu)" },
    { "probe", NULL, NULL, NULL, OPT_PROBE,
      "print what the ELF probe found and what was mapped, then exit" },
};

struct log_item {
    const char *name;
    unsigned mask;
    const char *help;
};

static const struct log_item log_items[] = {
    { "in_asm", LOG_IN_ASM, "guest code of each translated block" },
    { "op", LOG_OP, "IR of each block before optimisation" },
    { "op_opt", LOG_OP_OPT, "IR of each block after optimisation" },
    { "out_asm", LOG_OUT_ASM, "host code of each block" },
    { "exec", LOG_EXEC, "each block executed" },
    { "cpu", LOG_CPU, "CPU state before each block" },
    { "page", LOG_PAGE, "guest memory mappings" },
    { "strace", LOG_STRACE, "guest system calls (as -strace)" },
    { "unimp", LOG_UNIMP, "unimplemented instructions and system calls" },
    { "guest_errors", LOG_GUEST_ERRORS, "invalid guest operations" },
    { "profile", LOG_PROFILE, "translation and execution statistics" },
};

static const char *const riscv64_models[] = { "rv64", "max", NULL };
static const char *const aarch64_models[] = { "max", NULL };
static const char *const no_models[] = { NULL };

/* Sizes above these are typing mistakes, not requests. */
#define RESERVED_VA_MAX (1ull << 47)
#define STACK_SIZE_MAX  (1ull << 40)
#define MIN_ALIGN       4096u

struct parse_state {
    struct uemu_options *o;
    char **env;
    size_t env_len, env_cap;
    char *err;
    size_t errlen;
};

static int fail(struct parse_state *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(struct parse_state *ps, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(ps->err, ps->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

const char *const *options_cpu_models(enum guest_isa isa)
{
    switch (isa) {
    case GUEST_ISA_RISCV64:
        return riscv64_models;
    case GUEST_ISA_AARCH64:
        return aarch64_models;
    default:
        return no_models;
    }
}

bool options_cpu_model_valid(enum guest_isa isa, const char *model)
{
    for (const char *const *m = options_cpu_models(isa); *m; m++) {
        if (strcmp(*m, model) == 0) {
            return true;
        }
    }
    return false;
}

int options_parse_size(const char *s, uint64_t *out)
{
    static const struct { char c; unsigned shift; } suffixes[] = {
        { 'k', 10 }, { 'K', 10 }, { 'm', 20 }, { 'M', 20 },
        { 'g', 30 }, { 'G', 30 }, { 't', 40 }, { 'T', 40 },
    };
    char *end;
    unsigned long long v;

    if (!s || *s < '0' || *s > '9') {
        return -1;
    }
    errno = 0;
    v = strtoull(s, &end, 0);
    if (errno) {
        return -1;
    }
    if (*end) {
        size_t i;

        for (i = 0; i < ARRAY_SIZE(suffixes); i++) {
            if (*end == suffixes[i].c) {
                break;
            }
        }
        if (i == ARRAY_SIZE(suffixes) || end[1] ||
            v > (UINT64_MAX >> suffixes[i].shift)) {
            return -1;
        }
        v <<= suffixes[i].shift;
    }
    *out = v;
    return 0;
}

/* Length of the name part of "NAME=value" (all of it when there is no '='). */
static size_t env_name_len(const char *s)
{
    const char *eq = strchr(s, '=');

    return eq ? (size_t)(eq - s) : strlen(s);
}

static int env_find(struct parse_state *ps, const char *name, size_t len)
{
    for (size_t i = 0; i < ps->env_len; i++) {
        if (env_name_len(ps->env[i]) == len &&
            strncmp(ps->env[i], name, len) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/* Set "NAME=value" (len bytes of s) in the guest environment. */
static int env_set(struct parse_state *ps, const char *s, size_t len)
{
    char *copy = strndup(s, len);
    int i;

    if (!copy) {
        return fail(ps, "out of memory");
    }
    i = env_find(ps, copy, env_name_len(copy));
    if (i >= 0) {
        free(ps->env[i]);
        ps->env[i] = copy;
        return 0;
    }
    if (ps->env_len + 1 >= ps->env_cap) {
        size_t cap = ps->env_cap * 2;
        char **n = realloc(ps->env, cap * sizeof(*n));

        if (!n) {
            free(copy);
            return fail(ps, "out of memory");
        }
        ps->env = n;
        ps->env_cap = cap;
    }
    ps->env[ps->env_len++] = copy;
    ps->env[ps->env_len] = NULL;
    return 0;
}

static void env_unset(struct parse_state *ps, const char *name, size_t len)
{
    int i;

    while ((i = env_find(ps, name, len)) >= 0) {
        free(ps->env[i]);
        memmove(&ps->env[i], &ps->env[i + 1],
                (ps->env_len - (size_t)i) * sizeof(ps->env[0]));
        ps->env_len--;
    }
}

/* Apply one "var=value" (-E) or "var" (-U) of len bytes. */
static int env_edit(struct parse_state *ps, bool set, const char *s, size_t len,
                    const char *src)
{
    const char *eq = memchr(s, '=', len);

    if (set) {
        if (!eq || eq == s) {
            return fail(ps, "%s needs var=value, not '%.*s'", src, (int)len, s);
        }
        return env_set(ps, s, len);
    }
    if (len == 0 || eq) {
        return fail(ps, "%s needs a variable name, not '%.*s'", src, (int)len, s);
    }
    env_unset(ps, s, len);
    return 0;
}

static int env_edit_list(struct parse_state *ps, bool set, const char *list,
                         const char *src)
{
    const char *p = list;

    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);

        if (env_edit(ps, set, p, len, src) < 0) {
            return -1;
        }
        if (!comma) {
            return 0;
        }
        p = comma + 1;
    }
}

static int parse_log(struct parse_state *ps, const char *arg, const char *src)
{
    const char *p = arg;
    unsigned mask = 0;

    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        size_t i;

        if (len == 4 && strncmp(p, "help", 4) == 0) {
            ps->o->action = UEMU_ACTION_LOG_HELP;
            return 0;
        }
        for (i = 0; i < ARRAY_SIZE(log_items); i++) {
            if (strlen(log_items[i].name) == len &&
                strncmp(log_items[i].name, p, len) == 0) {
                break;
            }
        }
        if (i == ARRAY_SIZE(log_items)) {
            return fail(ps, "unknown log item '%.*s' for %s ('-d help' lists them)",
                        (int)len, p, src);
        }
        mask |= log_items[i].mask;
        if (!comma) {
            break;
        }
        p = comma + 1;
    }
    /* -strace and -d strace are one switch: keep them in step. */
    ps->o->strace |= (mask & LOG_STRACE) != 0;
    ps->o->log_mask = mask | (ps->o->strace ? LOG_STRACE : 0);
    return 0;
}

static int parse_cpu(struct parse_state *ps, const char *arg, const char *src)
{
    enum guest_isa forced = ps->o->forced_isa;

    if (strcmp(arg, "help") == 0) {
        ps->o->action = UEMU_ACTION_CPU_HELP;
        return 0;
    }
    if (forced != GUEST_ISA_NONE ? !options_cpu_model_valid(forced, arg)
                                 : !options_cpu_model_valid(GUEST_ISA_RISCV64, arg) &&
                                   !options_cpu_model_valid(GUEST_ISA_AARCH64, arg)) {
        return fail(ps, "unknown cpu model '%s' for %s ('-cpu help' lists them)",
                    arg, src);
    }
    ps->o->cpu_model = arg;
    return 0;
}

static int parse_address(const char *s, uint64_t *out)
{
    char *end;

    if (*s < '0' || *s > '9') {
        return -1;
    }
    errno = 0;
    *out = strtoull(s, &end, 0);
    return errno || *end ? -1 : 0;
}

/* Apply option id with argument arg; src names it in messages. */
static int apply(struct parse_state *ps, enum opt_id id, const char *arg,
                 const char *src, bool from_env)
{
    struct uemu_options *o = ps->o;
    uint64_t v;

    switch (id) {
    case OPT_HELP:
        o->action = UEMU_ACTION_HELP;
        return 0;
    case OPT_VERSION:
        o->action = UEMU_ACTION_VERSION;
        return 0;
    case OPT_PROBE:
        o->probe = true;
        return 0;
    case OPT_STRACE:
        o->strace = true;
        o->log_mask |= LOG_STRACE;
        return 0;
    case OPT_LD_PREFIX:
        if (!*arg) {
            return fail(ps, "empty path for %s", src);
        }
        o->ld_prefix = arg;
        return 0;
    case OPT_SET_ENV:
    case OPT_UNSET_ENV:
        if (from_env) {
            return env_edit_list(ps, id == OPT_SET_ENV, arg, src);
        }
        return env_edit(ps, id == OPT_SET_ENV, arg, strlen(arg), src);
    case OPT_ARGV0:
        o->argv0 = arg;
        return 0;
    case OPT_CPU:
        return parse_cpu(ps, arg, src);
    case OPT_LOG:
        return parse_log(ps, arg, src);
    case OPT_CACHE:
        if (!*arg) {
            return fail(ps, "empty cache directory for %s (off disables it)", src);
        }
        o->cache_dir = arg;
        return 0;
    case OPT_LOG_FILE:
        if (!*arg) {
            return fail(ps, "empty log file name for %s", src);
        }
        o->log_file = arg;
        return 0;
    case OPT_PAGESIZE:
        if (options_parse_size(arg, &v) < 0 || v < OPTIONS_PAGESIZE_MIN ||
            v > OPTIONS_PAGESIZE_MAX || (v & (v - 1))) {
            return fail(ps, "bad page size '%s' for %s: a power of two from %u to %u",
                        arg, src, OPTIONS_PAGESIZE_MIN, OPTIONS_PAGESIZE_MAX);
        }
        o->page_size = v;
        return 0;
    case OPT_RESERVED_VA:
        if (options_parse_size(arg, &v) < 0) {
            return fail(ps, "bad size '%s' for %s", arg, src);
        }
        if (!IS_ALIGNED(v, MIN_ALIGN) || v > RESERVED_VA_MAX) {
            return fail(ps, "bad reserved size '%s' for %s: a multiple of %u, at most 128T",
                        arg, src, MIN_ALIGN);
        }
        o->reserved_va = v;
        return 0;
    case OPT_GUEST_BASE:
        if (parse_address(arg, &v) < 0 || v > UINTPTR_MAX) {
            return fail(ps, "bad address '%s' for %s", arg, src);
        }
        if (!IS_ALIGNED(v, MIN_ALIGN)) {
            return fail(ps, "guest base '%s' for %s is not a multiple of %u",
                        arg, src, MIN_ALIGN);
        }
        o->have_guest_base = true;
        o->guest_base = (uintptr_t)v;
        return 0;
    case OPT_STACK_SIZE:
        if (options_parse_size(arg, &v) < 0) {
            return fail(ps, "bad size '%s' for %s", arg, src);
        }
        if (v == 0 || v > STACK_SIZE_MAX) {
            return fail(ps, "bad stack size '%s' for %s: from 1 byte to 1T", arg, src);
        }
        o->stack_size = v;
        return 0;
    case OPT_BACKEND:
        if (strcmp(arg, "tci") == 0) {
            o->backend = UEMU_BACKEND_TCI;
            return 0;
        }
        if (strcmp(arg, "jit") == 0) {
#ifdef CONFIG_JIT
            o->backend = UEMU_BACKEND_JIT;
            return 0;
#else
            return fail(ps, "%s jit: this uemu was built without the JIT", src);
#endif
        }
        return fail(ps, "unknown backend '%s' for %s: jit or tci", arg, src);
    }
    return fail(ps, "internal error: option %d", (int)id);
}

void options_format_log_mask(unsigned mask, char *buf, size_t size)
{
    size_t len = 0;

    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < ARRAY_SIZE(log_items) && len < size; i++) {
        if (mask & log_items[i].mask) {
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "," : "",
                                    log_items[i].name);
        }
    }
}

static const struct opt_desc *find_option(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(opt_table); i++) {
        const struct opt_desc *d = &opt_table[i];

        if (strcmp(d->name, name) == 0 || (d->alias && strcmp(d->alias, name) == 0)) {
            return d;
        }
    }
    return NULL;
}

static enum guest_isa isa_from_argv0(const char *argv0)
{
    const char *base = argv0 ? strrchr(argv0, '/') : NULL;

    base = base ? base + 1 : argv0;
    if (!base) {
        return GUEST_ISA_NONE;
    }
    /* uemu-ISA, or uemu-ISA-binfmt-P as binfmt_misc may run it. */
    static const struct { const char *name; enum guest_isa isa; } names[] = {
        { "uemu-riscv64", GUEST_ISA_RISCV64 },
        { "uemu-aarch64", GUEST_ISA_AARCH64 },
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        size_t n = strlen(names[i].name);
        if (strncmp(base, names[i].name, n) == 0 &&
            (base[n] == '\0' || strcmp(base + n, "-binfmt-P") == 0)) {
            return names[i].isa;
        }
    }
    return GUEST_ISA_NONE;
}

static int parse_env(struct parse_state *ps, char **envp)
{
    for (size_t i = 0; envp && envp[i]; i++) {
        if (env_set(ps, envp[i], strlen(envp[i])) < 0) {
            return -1;
        }
    }
    /* Table order: UEMU_SET_ENV is applied before UEMU_UNSET_ENV. */
    for (size_t i = 0; i < ARRAY_SIZE(opt_table); i++) {
        const struct opt_desc *d = &opt_table[i];
        const char *v = NULL;
        size_t len;

        if (!d->env) {
            continue;
        }
        len = strlen(d->env);
        for (size_t j = 0; envp && envp[j]; j++) {
            if (strncmp(envp[j], d->env, len) == 0 && envp[j][len] == '=') {
                v = envp[j] + len + 1;
            }
        }
        if (v && apply(ps, d->id, v, d->env, true) < 0) {
            return -1;
        }
    }
    return 0;
}

static int parse_args(struct parse_state *ps, int argc, char **argv)
{
    struct uemu_options *o = ps->o;
    int i = 1;

    while (i < argc && argv[i][0] == '-') {
        const char *name = argv[i] + 1;
        const struct opt_desc *d;
        char src[64];

        if (name[0] == '-') {
            name++;
            if (!*name) {
                i++;
                break;
            }
        }
        d = find_option(name);
        if (!d) {
            return fail(ps, "unknown option '%s'", argv[i]);
        }
        snprintf(src, sizeof(src), "-%s", d->name);
        if (d->arg && i + 1 >= argc) {
            return fail(ps, "option %s needs an argument (%s)", argv[i], d->arg);
        }
        if (apply(ps, d->id, d->arg ? argv[i + 1] : NULL, src, false) < 0) {
            return -1;
        }
        i += d->arg ? 2 : 1;
        if (o->action != UEMU_ACTION_RUN) {
            return 0;
        }
    }
    if (i >= argc) {
        return fail(ps, "no program given");
    }
    o->prog_argc = argc - i;
    o->prog_argv = argv + i;
    return 0;
}

int options_parse(struct uemu_options *o, int argc, char **argv, char **envp,
                  char *err, size_t errlen)
{
    struct parse_state ps = { .o = o, .err = err, .errlen = errlen };

    memset(o, 0, sizeof(*o));
    o->forced_isa = isa_from_argv0(argc > 0 ? argv[0] : NULL);
    ps.env_cap = 64;
    ps.env = calloc(ps.env_cap, sizeof(*ps.env));
    if (!ps.env) {
        return fail(&ps, "out of memory");
    }
    if (parse_env(&ps, envp) < 0 ||
        (o->action == UEMU_ACTION_RUN && parse_args(&ps, argc, argv) < 0)) {
        for (size_t i = 0; i < ps.env_len; i++) {
            free(ps.env[i]);
        }
        free(ps.env);
        memset(o, 0, sizeof(*o));
        return -1;
    }
    o->guest_env = ps.env;
    return 0;
}

void options_free(struct uemu_options *o)
{
    for (size_t i = 0; o->guest_env && o->guest_env[i]; i++) {
        free(o->guest_env[i]);
    }
    free(o->guest_env);
    memset(o, 0, sizeof(*o));
}

void options_print_usage(FILE *f)
{
    fputs("usage: uemu [OPTIONS] PROGRAM [ARGUMENTS...]\n"
          "       uemu-riscv64 | uemu-aarch64 ...  (force the guest ISA)\n"
          "\n"
          "Runs a riscv64 or aarch64 Linux or FreeBSD program on this host.\n"
          "Options take one dash or two; they end at the program or at '--'.\n"
          "\n"
          "Options:                     Environment:       Meaning:\n", f);
    for (size_t i = 0; i < ARRAY_SIZE(opt_table); i++) {
        const struct opt_desc *d = &opt_table[i];
        char names[64];

        snprintf(names, sizeof(names), "-%s%s%s%s%s", d->name,
                 d->alias ? ", -" : "", d->alias ? d->alias : "",
                 d->arg ? " " : "", d->arg ? d->arg : "");
        fprintf(f, "  %-27s %-18s %s\n", names, d->env ? d->env : "", d->help);
    }
    fputs("\n"
          "Sizes take k, M, G and T suffixes; the command line overrides the\n"
          "environment.  UEMU_STRACE enables -strace when set to anything.\n", f);
}

void options_print_version(FILE *f)
{
    int cs_major, cs_minor;

    cs_version(&cs_major, &cs_minor);
    fprintf(f, "uemu version " UEMU_VERSION "\n");
    fprintf(f, "libelf (elfutils) %d.%d, zlib %s, libffi %s, capstone %d.%d\n",
            _ELFUTILS_VERSION / 1000, _ELFUTILS_VERSION % 1000, zlibVersion(),
#ifdef CONFIG_LIBFFI_VERSION
            CONFIG_LIBFFI_VERSION,
#else
            "(version not recorded by configure)",
#endif
            cs_major, cs_minor);
}

void options_print_cpu_models(FILE *f, enum guest_isa isa)
{
    static const enum guest_isa all[] = { GUEST_ISA_RISCV64, GUEST_ISA_AARCH64 };

    for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
        const char *const *m = options_cpu_models(all[i]);

        if (isa != GUEST_ISA_NONE && isa != all[i]) {
            continue;
        }
        fprintf(f, "Available CPUs for %s:\n", guest_isa_name(all[i]));
        for (size_t j = 0; m[j]; j++) {
            fprintf(f, "  %s%s\n", m[j], j == 0 ? " (default)" : "");
        }
    }
}

void options_print_log_items(FILE *f)
{
    fputs("Log items (-d item[,item...]):\n", f);
    for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
        fprintf(f, "  %-13s %s\n", log_items[i].name, log_items[i].help);
    }
}
