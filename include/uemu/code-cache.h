/*
 * The persistent translation cache of a program run (accel/user/
 * code-cache.c): chooses the cache file and its key from the options
 * and opens it (exec_cache_open), after exec_init().
 */
#ifndef UEMU_CODE_CACHE_H
#define UEMU_CODE_CACHE_H

#include "uemu/options.h"

/* isa: the guest ISA's name; prog: the program's canonical host path
 * (NULL or relative: no cache). */
void code_cache_start(const struct uemu_options *o, const char *isa, const char *prog);

#endif
