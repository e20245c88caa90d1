/*
 * linux-user's -L prefix (linux-user/path.c): where a guest's absolute
 * path is looked up on the host.
 *
 * The qemu-user convention: an absolute guest path P names PREFIX/P when
 * that exists (lstat succeeds, so a dangling symlink in the sysroot still
 * counts), otherwise P itself.  Nothing is cached: every lookup asks the
 * host, so files created or removed under the prefix while the guest
 * runs are seen at once.  "/" alone and relative paths are never
 * redirected.
 */
#ifndef UEMU_LINUX_USER_PATH_H
#define UEMU_LINUX_USER_PATH_H

#include <stddef.h>

/* Set once before the guest runs; NULL or "" turns redirection off. */
void lu_path_set_prefix(const char *prefix);
const char *lu_path_prefix(void);

/*
 * The host path for guest path: buf (holding PREFIX/path) when that
 * exists, else path.  buf must hold len bytes; a prefixed name that does
 * not fit is not used.
 */
const char *lu_path_resolve(const char *path, char *buf, size_t len);

#endif
