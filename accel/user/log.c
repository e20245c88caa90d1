/*
 * The -d / -D log sink (see include/uemu/log.h).  A ".gz" file goes
 * through zlib's gz* stream so long traces stay small on disk.
 *
 * One log file serves a whole tree of guest processes.  The first uemu
 * truncates it; a uemu started by a guest execve finds LOG_CONTINUE_ENV
 * in its environment (sys-exec.c puts it there; it is taken out here,
 * before main reads the environment, so the guest never sees it) and
 * appends, and so does a second log_open in the same process (after a
 * failed execve).  The file is opened O_APPEND: forked children and
 * exec'ed uemus write at its end instead of over each other's lines.
 * sys-exec.c closes the log before an execve so that a gzip member is
 * complete; the next process starts a member of its own (gzip readers
 * take the concatenation as one stream).  A fork (pthread_atfork) takes
 * the log's lock and flushes first, so the child starts with the lock
 * free and no copy of the parent's buffered lines.  Forked processes
 * sharing one gzip stream still interleave their compressed output.
 *
 * The descriptor is moved up to LOG_FD_MIN or above so that the guest's
 * descriptors start where a native program's do.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "uemu/log.h"
#include "uemu/options.h"
#include "uemu/profile.h"

/* LOG_FD_MIN (log.h): above the descriptors programs normally use,
 * below the usual soft RLIMIT_NOFILE of 1024. */

unsigned log_mask;
static FILE *log_file;          /* plain sink; stderr when NULL and no gz */
static gzFile log_gz;
static int log_gz_fd = -1;      /* zlib keeps the descriptor to itself */
static bool log_continue;       /* append instead of truncating */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void flush_locked(void)
{
    if (log_gz)
        gzflush(log_gz, Z_SYNC_FLUSH);
    else
        fflush(log_file ? log_file : stderr);
}

static void fork_prepare(void)
{
    pthread_mutex_lock(&log_lock);
    flush_locked();
}

static void fork_done(void)
{
    pthread_mutex_unlock(&log_lock);
}

/* Runs before main, which copies the environment for the guest. */
__attribute__((constructor)) static void log_init(void)
{
    if (getenv(LOG_CONTINUE_ENV)) {
        log_continue = true;
        unsetenv(LOG_CONTINUE_ENV);
    }
    if (pthread_atfork(fork_prepare, fork_done, fork_done) != 0)
        fputs("uemu: cannot register the log's fork handlers\n", stderr);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The log file's descriptor, at LOG_FD_MIN or above when that is allowed. */
static int open_fd(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
                  (log_continue ? 0 : O_TRUNC), 0666);
    int high;

    if (fd < 0)
        return -errno;
    high = fcntl(fd, F_DUPFD_CLOEXEC, LOG_FD_MIN);
    if (high >= 0) {
        close(fd);
        fd = high;
    }
    return fd;
}

int log_open(const char *path, unsigned mask)
{
    log_close();
    if (path) {
        int fd = open_fd(path);

        if (fd < 0)
            return fd;
        if (ends_with(path, ".gz"))
            log_gz = gzdopen(fd, "ab");
        else
            log_file = fdopen(fd, "a");
        log_gz_fd = log_gz ? fd : -1;
        if (!log_gz && !log_file) {
            int e = errno ? errno : ENOMEM;
            close(fd);
            return -e;
        }
        log_continue = true;
    }
    log_mask = mask;
    if (mask & LOG_PROFILE)
        profile_start();
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
    flush_locked();
    pthread_mutex_unlock(&log_lock);
}

int log_fileno(void)
{
    if (log_gz)
        return log_gz_fd;
    return log_file ? fileno(log_file) : -1;
}

void log_close(void)
{
    if (log_enabled(LOG_PROFILE))
        profile_report();
    pthread_mutex_lock(&log_lock);
    if (log_gz)
        gzclose(log_gz);
    if (log_file)
        fclose(log_file);
    log_gz = NULL;
    log_gz_fd = -1;
    log_file = NULL;
    log_mask = 0;
    pthread_mutex_unlock(&log_lock);
}
