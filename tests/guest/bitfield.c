/* Bit-fields of every width, signed and unsigned, packed into words:
 * field extraction and insertion with shifts and masks. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

struct fields {
    unsigned a : 3;
    signed b : 5;
    unsigned c : 13;
    signed d : 11;
    uint64_t e : 33;
    int64_t f : 31;
};

int main(void)
{
    struct fields s = { 0 };
    uint64_t h = 0;

    for (int i = 0; i < 1000; i++) {
        s.a += (unsigned)i;
        s.b -= i;
        s.c ^= (unsigned)(i * 77);
        s.d = (signed)(s.d + s.b * 3);
        s.e += (uint64_t)i * 0x12345;
        s.f -= (int64_t)i * 999;
        h = h * 31 + s.a + (uint64_t)(int64_t)s.b + s.c + (uint64_t)(int64_t)s.d + s.e +
            (uint64_t)(int64_t)s.f;
    }
    printf("a %u b %d c %u d %d e %" PRIu64 " f %" PRId64 "\n", s.a, s.b, s.c, s.d,
           (uint64_t)s.e, (int64_t)s.f);
    printf("hash %016" PRIx64 " size %zu\n", h, sizeof(s));
    return 0;
}
