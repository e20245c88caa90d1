/*
 * Shifts by variable counts, sign and zero extension between 8, 16, 32
 * and 64 bits, and 32-bit arithmetic that wraps: the W instructions and
 * the RVC shifts on riscv64.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static volatile uint64_t v[] = {
    0x8000000000000001ull, 0x00000000ffffffffull, 0x123456789abcdef0ull,
    0xfffffffffffffff0ull, 0x0000000080000000ull, 7,
};

int main(void)
{
    uint64_t h = 0;

    for (int i = 0; i < 6; i++) {
        for (unsigned s = 0; s < 64; s += 7) {
            uint64_t x = v[i];
            h = h * 31 + (x << s) + (x >> s) + (uint64_t)((int64_t)x >> s);
            h = h * 31 + (uint32_t)((uint32_t)x << (s & 31)) +
                (uint64_t)(int64_t)((int32_t)x >> (s & 31)) +
                (uint64_t)(int64_t)(int32_t)((uint32_t)x >> (s & 31));
        }
        printf("%016" PRIx64 " s8 %" PRId64 " u8 %" PRIu64 " s16 %" PRId64 " u16 %" PRIu64
               " s32 %" PRId64 " u32 %" PRIu64 "\n", v[i], (int64_t)(int8_t)v[i],
               (uint64_t)(uint8_t)v[i], (int64_t)(int16_t)v[i], (uint64_t)(uint16_t)v[i],
               (int64_t)(int32_t)v[i], (uint64_t)(uint32_t)v[i]);
    }
    printf("hash %016" PRIx64 "\n", h);
    printf("wrap %d %u\n", (int32_t)((uint32_t)INT32_MAX + 1u), (uint32_t)0 - 1u);
    return 0;
}
