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
 *
 * The directory stays bounded: a program without a file yet first has
 * the least recently used files removed while there are more than
 * PRUNE_FILES of them or PRUNE_BYTES in all (a file in use gets a new
 * modification time once a day), and temporary files a crash left.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "uemu/code-cache.h"
#include "uemu/exec.h"
#include "uemu/guest-space.h"

#define LOG_NO_CACHE (LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM | LOG_EXEC | LOG_CPU)

#define PRUNE_FILES 256
#define PRUNE_BYTES (256ull << 20)
#define TOUCH_AFTER (24 * 3600)
#define STALE_TMP (3600)

struct cache_file {
    char name[64];
    time_t mtime;
    off_t size;
};

static int older_first(const void *a, const void *b)
{
    const struct cache_file *x = a, *y = b;

    return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

static bool ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);

    return n >= m && strcmp(s + n - m, end) == 0;
}

/* Bring dir under the limits (to three quarters of them, so that this
 * is rare), oldest files first. */
static void prune(const char *dir)
{
    DIR *d = opendir(dir);
    struct cache_file *f = NULL;
    size_t n = 0, cap = 0;
    unsigned long long bytes = 0;
    struct dirent *de;
    time_t now = time(NULL);

    if (!d)
        return;
    while ((de = readdir(d))) {
        struct stat st;
        bool tmp = ends_with(de->d_name, ".tmp");

        if ((!tmp && !ends_with(de->d_name, ".tc")) || strlen(de->d_name) >= sizeof(f->name) ||
            fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
            continue;
        if (tmp) {
            if (now - st.st_mtime > STALE_TMP)
                unlinkat(dirfd(d), de->d_name, 0);
            continue;
        }
        if (n == cap) {
            struct cache_file *g = realloc(f, (cap = cap ? 2 * cap : 64) * sizeof(*f));

            if (!g)
                break;
            f = g;
        }
        snprintf(f[n].name, sizeof(f[n].name), "%s", de->d_name);
        f[n].mtime = st.st_mtime;
        f[n].size = st.st_size;
        bytes += (unsigned long long)st.st_size;
        n++;
    }
    if (n > PRUNE_FILES || bytes > PRUNE_BYTES) {
        qsort(f, n, sizeof(*f), older_first);
        for (size_t i = 0; i < n && (n - i > PRUNE_FILES * 3 / 4 || bytes > PRUNE_BYTES / 4 * 3);
             i++) {
            if (unlinkat(dirfd(d), f[i].name, 0) == 0)
                bytes -= (unsigned long long)f[i].size;
        }
    }
    closedir(d);
    free(f);
}

/* A new program prunes the directory; a file in use is marked so.  Only
 * for a file exec_cache_open() accepted: the directory is ours alone. */
static void keep_tidy(const char *dir, const char *file)
{
    struct stat st;

    if (stat(file, &st) < 0)
        prune(dir);
    else if (time(NULL) - st.st_mtime > TOUCH_AFTER)
        utimensat(AT_FDCWD, file, NULL, 0);
}

void code_cache_start(const struct uemu_options *o, const char *isa, const char *prog)
{
    char dir[PATH_MAX], cwd[PATH_MAX], *key;
    const char *env, *file;
    int n;

    if ((o->cache_dir && strcmp(o->cache_dir, "off") == 0) || (o->log_mask & LOG_NO_CACHE))
        return;
    /* absolute: the guest may change directory before the cache is saved */
    if (o->cache_dir && o->cache_dir[0] == '/')
        n = snprintf(dir, sizeof(dir), "%s", o->cache_dir);
    else if (o->cache_dir)
        n = getcwd(cwd, sizeof(cwd)) ? snprintf(dir, sizeof(dir), "%s/%s", cwd, o->cache_dir) : -1;
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
    file = exec_cache_open(dir, key);
    if (file)
        keep_tidy(dir, file);
    free(key);
}
