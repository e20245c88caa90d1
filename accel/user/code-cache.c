/*
 * Where the persistent translation cache of a program lives, and what
 * its code depends on besides the guest's bytes (accel/tcg/tb-persist.c
 * keeps the blocks).  One file per program and set of options, named by
 * a hash of its key, in -cache DIR (UEMU_CACHE), by default
 * $XDG_CACHE_HOME/uemu or ~/.cache/uemu; "off" keeps none.  Logging
 * that shows translation (-d in_asm, op, op_opt, out_asm) or traces every
 * block (exec, cpu) turns it off: those runs want every block translated
 * and run through the loop.  -d profile counts in generated code: its
 * blocks are kept apart.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uemu/code-cache.h"
#include "uemu/exec.h"
#include "uemu/guest-space.h"

#define LOG_NO_CACHE (LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM | LOG_EXEC | LOG_CPU)

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;

    while (*s)
        h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
    return h;
}

void code_cache_start(const struct uemu_options *o, const char *isa, const char *prog)
{
    char dir[PATH_MAX], file[PATH_MAX + 32], *key;
    const char *env;
    int n;

    if ((o->cache_dir && strcmp(o->cache_dir, "off") == 0) || (o->log_mask & LOG_NO_CACHE))
        return;
    if (o->cache_dir)
        n = snprintf(dir, sizeof(dir), "%s", o->cache_dir);
    else if ((env = getenv("XDG_CACHE_HOME")) && env[0] == '/')
        n = snprintf(dir, sizeof(dir), "%s/uemu", env);
    else if ((env = getenv("HOME")) && env[0] == '/')
        n = snprintf(dir, sizeof(dir), "%s/.cache/uemu", env);
    else
        return;
    if (n < 0 || (size_t)n >= sizeof(dir) || !prog || prog[0] != '/')
        return;
    if (asprintf(&key, "%s cpu %s guest_base %#lx page %lu%s\nprogram %s\n", isa,
                 o->cpu_model ? o->cpu_model : "default", (unsigned long)guest_base,
                 (unsigned long)host_page_size, o->log_mask & LOG_PROFILE ? " profile" : "",
                 prog) < 0)
        return;
    n = snprintf(file, sizeof(file), "%s/%016llx.tc", dir, (unsigned long long)fnv1a(key));
    if (n > 0 && (size_t)n < sizeof(file))
        exec_cache_open(file, key);
    free(key);
}
