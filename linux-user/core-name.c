/*
 * The guest core file's name, from the host's core_pattern and
 * core_uses_pid (core(5); the kernel's format_corename): a plain pattern
 * is expanded, relative to the working directory when it has no leading
 * '/'.  %e, %f, %E and %h are escaped as the kernel does ('/' becomes
 * '!', a component "." or ".." or an empty one becomes "!"); an unknown
 * specifier and a lone '%' at the end produce nothing.
 *
 * A pipe ('|') or socket ('@') pattern hands the core to a program uemu
 * cannot run for the guest (it expects the host process's core, and
 * reads /proc/PID of uemu): the guest core then goes to "core" in the
 * working directory, "core.PID" with core_uses_pid, as the kernel's
 * default pattern would name it.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "elf-core.h"

struct name_buf {
    char *out;
    size_t size, used;
    bool overflow;
};

static void put(struct name_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct name_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (b->overflow)
        return;
    va_start(ap, fmt);
    n = vsnprintf(b->out + b->used, b->size - b->used, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= b->size - b->used)
        b->overflow = true;
    else
        b->used += (size_t)n;
}

/* The kernel's cn_esc_printf: s as one safe path component. */
static void put_escaped(struct name_buf *b, const char *s)
{
    size_t cur = b->used;

    put(b, "%s", s);
    if (b->overflow)
        return;
    for (size_t i = cur; i < b->used; i++)
        if (b->out[i] == '/')
            b->out[i] = '!';
    if ((b->used - cur == 1 && b->out[cur] == '.') ||
        (b->used - cur == 2 && b->out[cur] == '.' && b->out[cur + 1] == '.'))
        b->out[cur] = '!';
    if (b->used == cur)
        put(b, "!");
}

bool lu_core_name(char *out, size_t size, const char *pattern, bool uses_pid,
                  const struct lu_core_name_facts *nf)
{
    struct name_buf b = { .out = out, .size = size };
    bool pid_seen = false;
    const char *slash;

    if (size == 0)
        return false;
    out[0] = '\0';
    if (pattern[0] == '|' || pattern[0] == '@')
        pattern = "core";
    for (const char *p = pattern; *p; p++) {
        if (*p != '%') {
            put(&b, "%c", *p);
            continue;
        }
        switch (*++p) {
        case '\0':
            p--;
            break;
        case '%': put(&b, "%%"); break;
        case 'p':
        case 'P':
            pid_seen |= *p == 'p';
            put(&b, "%" PRId32, nf->pid);
            break;
        case 'i':
        case 'I': put(&b, "%" PRId32, nf->tid); break;
        case 'u': put(&b, "%" PRIu32, nf->uid); break;
        case 'g': put(&b, "%" PRIu32, nf->gid); break;
        case 'd': put(&b, "%d", nf->dumpable); break;
        case 's': put(&b, "%d", nf->sig); break;
        case 't': put(&b, "%" PRId64, nf->time); break;
        case 'c': put(&b, "%" PRIu64, nf->limit); break;
        case 'C': put(&b, "%d", nf->cpu); break;
        case 'h': put_escaped(&b, nf->hostname); break;
        case 'e': put_escaped(&b, nf->comm); break;
        case 'E': put_escaped(&b, nf->exe); break;
        case 'f':
            slash = strrchr(nf->exe, '/');
            put_escaped(&b, slash ? slash + 1 : nf->exe);
            break;
        default:
            break;
        }
    }
    if (uses_pid && !pid_seen)
        put(&b, ".%" PRId32, nf->pid);
    return !b.overflow;
}
