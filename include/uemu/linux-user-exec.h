/*
 * execve for linux-user guests: what main hands over at start-up, and
 * the argument vector a guest execve of a riscv64 program runs uemu with.
 *
 * A guest program that execs another guest program gets a new uemu
 * process (host execve of uemu itself, never a fork) started with the
 * options this one was started with that change how a program runs:
 * -L, -backend, -cpu, -d, -D, -strace.  -0 then carries the guest's
 * argv[0], and "--" ends the options before the program's path.  Environment options (UEMU_*) travel in the guest's envp,
 * which is passed on unchanged.
 */
#ifndef UEMU_LINUX_USER_EXEC_H
#define UEMU_LINUX_USER_EXEC_H

#include <stddef.h>

#include "uemu/options.h"

/*
 * Record the options and uemu's own host path (realpath of the host's
 * /proc/self/exe, or NULL when it cannot be found: then guest execve of
 * a guest program fails with ENOEXEC).  o's strings must outlive the run.
 */
void lu_exec_set_options(const struct uemu_options *o, const char *uemu_path);

/*
 * Fill out[0 .. n] (n the result, out[n] = NULL) with uemu's path, the
 * recorded options, "-0" guest_argv[0] (or "" when argc is 0), path and
 * guest_argv[1 .. argc - 1].  Returns n, -E2BIG when out (max entries,
 * the NULL included) is too small, -ENOEXEC when uemu's path is unknown.
 */
int lu_exec_build_argv(const char *path, char *const *guest_argv, size_t argc,
                       char **out, size_t max);

#endif
