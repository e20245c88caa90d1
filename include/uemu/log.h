/*
 * The -d / -D log: one sink for every log item (LOG_* bits of
 * include/uemu/options.h), stderr by default, a file with -D, gzip
 * compressed (zlib) when the file name ends in ".gz".
 *
 *     if (log_enabled(LOG_UNIMP))
 *         log_printf("unimplemented syscall %d\n", nr);
 *
 * Writes from several threads are serialised line by line.  log_close()
 * flushes; the exit paths call it so a gzip log is complete.
 */
#ifndef UEMU_LOG_H
#define UEMU_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

/* Set in the environment of a uemu a guest execve starts with -D: append
 * to the log instead of truncating it (log.c takes it out again). */
#define LOG_CONTINUE_ENV "UEMU_LOG_CONTINUE"

extern unsigned log_mask;

static inline bool log_enabled(unsigned items)
{
    return (log_mask & items) != 0;
}

/* Log to path (NULL: stderr) the items in mask.  0 or -errno. */
int log_open(const char *path, unsigned mask);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void log_flush(void);
void log_close(void);
/* The log file's descriptor (-1: none, or stderr); it is moved to
 * LOG_FD_MIN or above when the descriptor limit allows. */
#define LOG_FD_MIN 512
int log_fileno(void);

#endif
