/*
 * Loads and stores of every size at every alignment (through memcpy and
 * packed structs), byte order, and overlapping copies.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct __attribute__((packed)) rec {
    uint8_t tag;
    uint64_t wide;
    uint16_t half;
    uint32_t word;
};

int main(void)
{
    static uint8_t buf[64];
    struct rec r[3];
    uint64_t h = 0;

    for (int i = 0; i < 64; i++)
        buf[i] = (uint8_t)(i * 37 + 11);
    for (int off = 0; off < 8; off++) {
        uint16_t a;
        uint32_t b;
        uint64_t c;

        memcpy(&a, buf + off, 2);
        memcpy(&b, buf + off + 1, 4);
        memcpy(&c, buf + off + 3, 8);
        h = h * 1000003 ^ a ^ (uint64_t)b << 16 ^ c;
        c = ~c;
        memcpy(buf + 40 + off, &c, 8);
    }
    for (int i = 0; i < 3; i++) {
        r[i].tag = (uint8_t)i;
        r[i].wide = 0x1122334455667788ull * (uint64_t)(i + 1);
        r[i].half = (uint16_t)(0xbeef + i);
        r[i].word = 0xdeadbeefu ^ (uint32_t)i;
    }
    for (int i = 0; i < 3; i++)
        h = h * 31 + r[i].wide + r[i].half + r[i].word + r[i].tag;
    memmove(buf + 1, buf, 40);
    memmove(buf + 20, buf + 23, 30);
    for (int i = 0; i < 64; i++)
        h = h * 131 + buf[i];
    printf("sizeof %zu\n", sizeof(struct rec));
    printf("hash %016" PRIx64 "\n", h);
    printf("bytes %02x %02x %02x %02x\n", buf[0], buf[1], buf[31], buf[63]);
    return 0;
}
