/* Integer benchmark: CRC-32 (table-driven), FNV-1a and a multiply-xorshift
 * mix over a 1 MiB buffer, repeated.  Loads, shifts, xors, multiplies and a
 * short loop-carried dependency chain.  Prints the three digests. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_SIZE (1u << 20)
#define ROUNDS 24

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32_buf(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint64_t fnv1a(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t mix64(uint64_t h, const uint64_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t x = p[i] ^ h;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdull;
        x ^= x >> 29;
        h = (h << 7 | h >> 57) + x;
    }
    return h;
}

int main(void)
{
    uint8_t *buf = malloc(BUF_SIZE);
    if (!buf)
        return 1;
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < BUF_SIZE; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        buf[i] = (uint8_t)s;
    }
    crc_init();
    uint32_t crc = 0;
    uint64_t fnv = 0xcbf29ce484222325ull, mix = 0;
    for (int r = 0; r < ROUNDS; r++) {
        crc = crc32_buf(crc, buf, BUF_SIZE);
        fnv = fnv1a(fnv, buf, BUF_SIZE);
        mix = mix64(mix, (const uint64_t *)buf, BUF_SIZE / 8);
        buf[r * 4099 % BUF_SIZE] ^= (uint8_t)crc;
    }
    printf("crc32 %08x\nfnv1a %016llx\nmix64 %016llx\n", crc,
           (unsigned long long)fnv, (unsigned long long)mix);
    free(buf);
    return 0;
}
