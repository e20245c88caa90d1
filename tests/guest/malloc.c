/*
 * The allocator: many sizes through brk and mmap (large blocks),
 * realloc growth, frees in mixed order, and the contents kept intact.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    static void *p[300];
    uint64_t h = 0;
    char *big;

    for (int i = 0; i < 300; i++) {
        size_t n = (size_t)(i * 97 % 4000) + 1;
        p[i] = malloc(n);
        if (!p[i])
            return 1;
        memset(p[i], i & 0xff, n);
    }
    for (int i = 0; i < 300; i += 3) {
        free(p[i]);
        p[i] = NULL;
    }
    for (int i = 1; i < 300; i += 3) {
        size_t n = (size_t)(i * 97 % 4000) + 1;
        p[i] = realloc(p[i], n * 3);
        if (!p[i])
            return 1;
        h = h * 31 + ((unsigned char *)p[i])[n - 1];
    }
    big = malloc(8 << 20);
    if (!big)
        return 1;
    for (size_t i = 0; i < (8u << 20); i += 4096)
        big[i] = (char)i;
    for (size_t i = 0; i < (8u << 20); i += 4096 * 17)
        h = h * 7 + (unsigned char)big[i];
    free(big);
    for (int i = 0; i < 300; i++)
        free(p[i]);
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
