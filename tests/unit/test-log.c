/*
 * The -d/-D log sink: a plain file gets the lines as written, a ".gz"
 * file is a gzip stream that decompresses to them, items outside the mask
 * are off, and a file that cannot be created is an error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "uemu/log.h"
#include "uemu/options.h"

static void write_lines(void)
{
    for (int i = 0; i < 1000; i++)
        log_printf("line %d of the log\n", i);
}

static void check_lines(const char *text)
{
    char want[64];
    const char *p = text;
    for (int i = 0; i < 1000; i++) {
        snprintf(want, sizeof(want), "line %d of the log\n", i);
        assert_memory_equal(p, want, strlen(want));
        p += strlen(want);
    }
    assert_int_equal(*p, 0);
}

static void test_plain_file(void **state)
{
    (void)state;
    char path[] = "/tmp/uemu-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(log_open(path, LOG_EXEC | LOG_UNIMP), 0);
    assert_true(log_enabled(LOG_EXEC));
    assert_false(log_enabled(LOG_CPU));
    write_lines();
    log_close();
    assert_false(log_enabled(LOG_EXEC));
    static char buf[64 * 1024];
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = 0;
    fclose(f);
    check_lines(buf);
    unlink(path);
}

static void test_gzip_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/uemu-log-XXXXXX";
    char path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/trace.gz", dir);
    assert_int_equal(log_open(path, LOG_STRACE), 0);
    write_lines();
    log_close();

    /* A gzip stream (magic 1f 8b), smaller than the text, decompressing to it. */
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char magic[2];
    assert_int_equal(fread(magic, 1, 2, f), 2);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    assert_int_equal(magic[0], 0x1f);
    assert_int_equal(magic[1], 0x8b);
    assert_true(size > 0 && size < 20000);
    static char buf[64 * 1024];
    gzFile gz = gzopen(path, "rb");
    assert_non_null(gz);
    int n = gzread(gz, buf, sizeof(buf) - 1);
    gzclose(gz);
    assert_true(n > 0);
    buf[n] = 0;
    check_lines(buf);
    unlink(path);
    rmdir(dir);
}

static void test_bad_path(void **state)
{
    (void)state;
    assert_int_equal(log_open("/nonexistent-dir/log", LOG_EXEC), -ENOENT);
    assert_false(log_enabled(LOG_EXEC));
    assert_true(log_open("/nonexistent-dir/log.gz", LOG_EXEC) < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_file),
        cmocka_unit_test(test_gzip_file),
        cmocka_unit_test(test_bad_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
