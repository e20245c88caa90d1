/*
 * The -d / -D log sink (see include/uemu/log.h).  A ".gz" file goes
 * through zlib's gz* stream so long traces stay small on disk.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <string.h>
#include <zlib.h>

#include "uemu/log.h"

unsigned log_mask;
static FILE *log_file;          /* plain sink; stderr when NULL and no gz */
static gzFile log_gz;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int log_open(const char *path, unsigned mask)
{
    log_close();
    if (path) {
        if (ends_with(path, ".gz")) {
            log_gz = gzopen(path, "wb");
            if (!log_gz)
                return errno ? -errno : -ENOMEM;
        } else {
            log_file = fopen(path, "w");
            if (!log_file)
                return -errno;
        }
    }
    log_mask = mask;
    return 0;
}

void log_vprintf(const char *fmt, va_list ap)
{
    pthread_mutex_lock(&log_lock);
    if (log_gz)
        gzvprintf(log_gz, fmt, ap);
    else
        vfprintf(log_file ? log_file : stderr, fmt, ap);
    pthread_mutex_unlock(&log_lock);
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vprintf(fmt, ap);
    va_end(ap);
}

void log_flush(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_gz)
        gzflush(log_gz, Z_SYNC_FLUSH);
    else
        fflush(log_file ? log_file : stderr);
    pthread_mutex_unlock(&log_lock);
}

void log_close(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_gz)
        gzclose(log_gz);
    if (log_file)
        fclose(log_file);
    log_gz = NULL;
    log_file = NULL;
    log_mask = 0;
    pthread_mutex_unlock(&log_lock);
}
