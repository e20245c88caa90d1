/*
 * Command line and environment options, qemu-user compatible.
 *
 * options_parse() reads the UEMU_* environment first and the command line
 * second, so the command line wins.  Options take one dash or two
 * (-cpu, --cpu); they stop at the first argument that is not an option
 * (the guest program) or after "--".  The result is one struct the rest
 * of uemu reads: nothing else looks at argv or the environment.
 *
 *     struct uemu_options o;
 *     char err[256];
 *     if (options_parse(&o, argc, argv, environ, err, sizeof(err)) < 0)
 *         ... print "uemu: <err>" and the -h hint, exit 1 ...
 *     ... o.prog_argv[0] is the program, o.guest_env its environment ...
 *     options_free(&o);
 */
#ifndef UEMU_OPTIONS_H
#define UEMU_OPTIONS_H

#include <stdio.h>

#include "uemu/isa.h"
#include "uemu/types.h"

#define UEMU_VERSION "0.1.0"

/* -d items: one bit each. */
#define LOG_IN_ASM       (1u << 0)
#define LOG_OP           (1u << 1)
#define LOG_OP_OPT       (1u << 2)
#define LOG_OUT_ASM      (1u << 3)
#define LOG_EXEC         (1u << 4)
#define LOG_CPU          (1u << 5)
#define LOG_PAGE         (1u << 6)
#define LOG_STRACE       (1u << 7)
#define LOG_UNIMP        (1u << 8)
#define LOG_GUEST_ERRORS (1u << 9)
#define LOG_PROFILE      (1u << 10)

/* -p limits: the granule must hold a target page and stay sane. */
#define OPTIONS_PAGESIZE_MIN 4096u
#define OPTIONS_PAGESIZE_MAX (64u * 1024 * 16)

enum uemu_backend {
    UEMU_BACKEND_DEFAULT,   /* jit when built in, else tci */
    UEMU_BACKEND_JIT,
    UEMU_BACKEND_TCI,
};

/* What main should do once the options are read. */
enum uemu_action {
    UEMU_ACTION_RUN,        /* load (and, with -probe, describe) the program */
    UEMU_ACTION_HELP,       /* -h */
    UEMU_ACTION_VERSION,    /* -version */
    UEMU_ACTION_CPU_HELP,   /* -cpu help */
    UEMU_ACTION_LOG_HELP,   /* -d help */
};

struct uemu_options {
    enum uemu_action action;
    enum guest_isa forced_isa;   /* from argv[0]: uemu-riscv64, uemu-aarch64 */
    const char *ld_prefix;       /* -L; NULL: none */
    const char *argv0;           /* -0; NULL: the program path */
    const char *cpu_model;       /* -cpu; NULL: the ISA's default */
    unsigned log_mask;           /* -d, LOG_* bits */
    const char *log_file;        /* -D; NULL: stderr */
    guest_addr page_size;        /* -p; 0: default */
    guest_addr reserved_va;      /* -R; 0: none */
    bool have_guest_base;        /* -B given */
    uintptr_t guest_base;        /* -B */
    guest_addr stack_size;       /* -s; 0: the personality's default */
    bool strace;                 /* -strace (also sets LOG_STRACE) */
    enum uemu_backend backend;   /* -backend */
    bool probe;                  /* -probe */
    const char *cache_dir;       /* -cache; NULL: the default, "off": none */
    char **guest_env;            /* host environ with -E/-U applied; NULL-terminated */
    int prog_argc;               /* program and its arguments: argv tail */
    char **prog_argv;
};

/*
 * Parse argv (argv[0] selects a forced ISA) and the UEMU_* variables of
 * envp; envp is also the base of the guest environment.  Returns 0, or
 * -1 with a one-line reason in err (no "uemu: " prefix).  On success the
 * caller owns the struct and frees it with options_free(); on failure
 * nothing needs freeing.  String fields point into argv/envp.
 */
int options_parse(struct uemu_options *o, int argc, char **argv, char **envp,
                  char *err, size_t errlen);
void options_free(struct uemu_options *o);

/* -h text, -version text, -cpu help and -d help lists. */
void options_print_usage(FILE *f);
void options_print_version(FILE *f);
void options_print_cpu_models(FILE *f, enum guest_isa isa);
void options_print_log_items(FILE *f);

/* The -cpu models of isa (NULL-terminated); models[0] is the default. */
const char *const *options_cpu_models(enum guest_isa isa);
/* True when model is a -cpu model of isa. */
bool options_cpu_model_valid(enum guest_isa isa, const char *model);

/* The -d argument naming the items of mask ("in_asm,page"); "" for none. */
void options_format_log_mask(unsigned mask, char *buf, size_t size);

/* Parse a size with an optional k/K, m/M, g/G suffix.  0 or -1 (bad/overflow). */
int options_parse_size(const char *s, uint64_t *out);

#endif
