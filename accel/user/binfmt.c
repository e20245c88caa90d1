/*
 * Reading how binfmt_misc started uemu (see include/uemu/binfmt.h).
 * AT_FLAGS_PRESERVE_ARGV0 comes from <linux/binfmts.h> (Linux 5.12).
 */
#include <errno.h>
#include <linux/binfmts.h>
#include <string.h>
#include <sys/auxv.h>

#include "uemu/binfmt.h"

#define BINFMT_P_SUFFIX "-binfmt-P"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

void binfmt_detect(struct binfmt_invocation *b, const char *uemu_argv0)
{
    errno = 0;
    unsigned long fd = getauxval(AT_EXECFD);
    /* getauxval says "absent" with 0 and ENOENT; fd 0 itself is valid. */
    b->exec_fd = (fd == 0 && errno == ENOENT) ? -1 : (int)fd;
    b->preserve_argv0 = (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) != 0 ||
                        (uemu_argv0 && ends_with(uemu_argv0, BINFMT_P_SUFFIX));
}

int binfmt_guest_argv(const struct binfmt_invocation *b, int argc, char **argv,
                      char ***guest_argv)
{
    if (b->preserve_argv0 && argc >= 2) {
        *guest_argv = argv + 1;
        return argc - 1;
    }
    *guest_argv = argv;
    return argc;
}
