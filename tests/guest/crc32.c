/* CRC-32 (table driven and bitwise) and Adler-32 over generated data:
 * shifts, xors, table loads. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint32_t table[256];

static uint32_t crc_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;

    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
    }
    return ~c;
}

int main(void)
{
    static uint8_t data[1 << 18];
    uint32_t c = 0xffffffffu, a = 1, b = 0;

    for (uint32_t i = 0; i < 256; i++) {
        uint32_t v = i;
        for (int k = 0; k < 8; k++)
            v = v & 1 ? (v >> 1) ^ 0xedb88320u : v >> 1;
        table[i] = v;
    }
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 2654435761u >> 13);
    for (size_t i = 0; i < sizeof(data); i++)
        c = table[(c ^ data[i]) & 0xff] ^ (c >> 8);
    for (size_t i = 0; i < sizeof(data); i++) {
        a = (a + data[i]) % 65521;
        b = (b + a) % 65521;
    }
    printf("crc32 %08" PRIx32 " bitwise %08" PRIx32 "\n", ~c, crc_bitwise(data, 4096));
    printf("adler32 %08" PRIx32 "\n", b << 16 | a);
    return 0;
}
