/*
 * The C library's string, sorting and formatting code (byte loads and
 * stores, unaligned copies, indirect calls through qsort's comparator),
 * with output the C standard fixes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
    static const char *words[] = {
        "pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "apple2",
    };
    int nums[64];
    char buf[256], big[300];
    unsigned seed = 12345;
    size_t nw = sizeof(words) / sizeof(words[0]);

    for (int i = 0; i < 64; i++) {
        seed = seed * 1103515245u + 12345u;
        nums[i] = (int)(seed >> 8) % 2001 - 1000;
    }
    qsort(nums, 64, sizeof(int), cmp_int);
    printf("sorted:");
    for (int i = 0; i < 64; i += 8)
        printf(" %d", nums[i]);
    printf(" .. %d\n", nums[63]);
    qsort(words, nw, sizeof(words[0]), cmp_str);
    for (size_t i = 0; i < nw; i++)
        printf("%s%s", words[i], i + 1 < nw ? "," : "\n");
    snprintf(buf, sizeof(buf), "[%d|%5d|%-5d|%+d|%05d|%x|%#X|%o|%lld|%llu|%zu|%c|%.3s|%8.2s|%%]",
             -42, 42, 42, 42, -42, 0xbeefu, 0xbeefu, 8u, -9000000000000000000ll,
             18000000000000000000ull, sizeof(long), 'Z', "abcdef", "xyz");
    printf("%s\n", buf);
    printf("strtol %ld %ld %lu\n", strtol("-0x7fffffffffffffff", NULL, 16),
           strtol("  123abc", NULL, 10), strtoul("777", NULL, 8));
    for (int i = 0; i < 300; i++)
        big[i] = (char)('a' + i % 26);
    memmove(big + 3, big, 250);
    memmove(big + 100, big + 107, 150);
    big[299] = '\0';
    printf("memmove %.40s\n", big + 90);
    printf("strstr %s | %s\n", strstr("haystack with needle inside", "needle"),
           strrchr("a/b/c/d", '/'));
    printf("strlen %zu %zu\n", strlen(big), strlen(big + 13));
    printf("memcmp %d %d\n", memcmp("abcd", "abce", 4) < 0, memcmp(big, big, 299));
    memset(buf, 'q', sizeof(buf));
    buf[200] = 0;
    printf("memset %zu %c\n", strlen(buf + 1), buf[199]);
    return 0;
}
