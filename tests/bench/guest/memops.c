/* Memory benchmark: libc memcpy, memmove, memset and memcmp over block
 * sizes from 16 bytes to 256 KiB, plus a byte-copy loop.  Prints a
 * checksum of the buffer contents and the comparison results. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF (1u << 20)

static const size_t sizes[] = {16, 40, 64, 200, 1024, 4096, 65536, 262144};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

/* Bytes moved per size; small blocks repeat more often. */
#define VOLUME (32u << 20)

static uint64_t digest(const uint8_t *p, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
    }
    return h;
}

int main(void)
{
    uint8_t *src = malloc(BUF), *dst = malloc(BUF);
    if (!src || !dst)
        return 1;
    for (size_t i = 0; i < BUF; i++)
        src[i] = (uint8_t)(i * 2654435761u >> 13);
    memset(dst, 0, BUF);
    long cmp_total = 0;
    for (size_t s = 0; s < NSIZES; s++) {
        size_t n = sizes[s], reps = VOLUME / n, off = 0;
        for (size_t r = 0; r < reps; r++) {
            memcpy(dst + off, src + (off ^ 64), n);
            memmove(dst + off + 8, dst + off, n / 2);
            memset(dst + off + n / 4, (int)r, n / 8);
            int c = memcmp(dst + off, src + off, n);
            cmp_total += c > 0 ? 1 : c < 0 ? -1 : 0;
            off += n + 8 * (r & 7);
            if (off + 2 * n + 128 > BUF)
                off = r & 63;
        }
    }
    for (int r = 0; r < 8; r++) {
        volatile uint8_t *d = dst;
        for (size_t i = 0; i < BUF; i++)
            d[i] = (uint8_t)(src[i] + r);
    }
    printf("digest %016llx cmp %ld\n",
           (unsigned long long)digest(dst, BUF), cmp_total);
    free(src);
    free(dst);
    return 0;
}
