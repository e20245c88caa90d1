/*
 * The -L prefix: absolute guest paths looked up in a sysroot first.
 *
 * A lookup costs one lstat of PREFIX/P per call; no cache, so nothing can
 * go stale.  Callers decide which calls redirect: calls that find an
 * existing name (open, stat, access, readlink) do, calls that create,
 * remove, rename or change names do not (linux-user/sys-path.c).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "uemu/linux-user-path.h"

static const char *lu_prefix;

void lu_path_set_prefix(const char *prefix)
{
    lu_prefix = prefix && prefix[0] ? prefix : NULL;
}

const char *lu_path_prefix(void)
{
    return lu_prefix;
}

/* True when path is "/" (or "//" ...): the sysroot must not replace the root. */
static bool is_root(const char *path)
{
    return path[strspn(path, "/")] == '\0';
}

const char *lu_path_resolve(const char *path, char *buf, size_t len)
{
    struct stat st;
    int n;

    if (!lu_prefix || path[0] != '/' || is_root(path))
        return path;
    n = snprintf(buf, len, "%s%s", lu_prefix, path);
    if (n < 0 || (size_t)n >= len)
        return path;
    return lstat(buf, &st) == 0 ? buf : path;
}
