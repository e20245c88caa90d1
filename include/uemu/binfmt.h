/*
 * uemu as a binfmt_misc interpreter: what the kernel tells it.
 *
 * The kernel runs `INTERPRETER PATH ARGS...` for a registered program.
 * With the entry's P flag (preserve-argv0) the original argv[0] follows
 * PATH and the kernel sets AT_FLAGS_PRESERVE_ARGV0 in uemu's own auxv;
 * with O (or C) it opens the program itself and passes the descriptor
 * in AT_EXECFD.  An interpreter whose name ends in "-binfmt-P" (a link
 * that uemu-binfmt-conf can register) means P on kernels older than
 * 5.12, which do not set AT_FLAGS.
 */
#ifndef UEMU_BINFMT_H
#define UEMU_BINFMT_H

#include <stdbool.h>

struct binfmt_invocation {
    bool preserve_argv0;    /* argv after PATH starts with the original argv[0] */
    int exec_fd;            /* AT_EXECFD, or -1 */
};

/* From uemu's auxv (AT_FLAGS, AT_EXECFD) and the name it was run as. */
void binfmt_detect(struct binfmt_invocation *b, const char *uemu_argv0);

/*
 * With preserve_argv0, the guest's argv within the program's
 * [PATH, ARGV0, ARGS...] is [ARGV0, ARGS...] (argv + 1); otherwise argv
 * itself.  Returns the guest's argc.
 */
int binfmt_guest_argv(const struct binfmt_invocation *b, int argc, char **argv,
                      char ***guest_argv);

#endif
