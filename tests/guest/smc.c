/*
 * Self-modifying code: a function is written into an executable page,
 * called, rewritten in place with __builtin___clear_cache (riscv64's
 * riscv_flush_icache system call, aarch64's cache maintenance) and
 * called again; every call must run the newest code.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn_t)(void);

/* Code returning v: a few instruction words per ISA. */
static size_t emit(uint8_t *p, int v)
{
#if defined(__riscv)
    uint32_t w[2] = { (uint32_t)v << 20 | 10u << 7 | 0x13u, /* addi a0, zero, v */
                      0x00008067u };                        /* jalr zero, 0(ra) */
#elif defined(__aarch64__)
    uint32_t w[2] = { 0x52800000u | (uint32_t)v << 5,      /* movz w0, #v */
                      0xd65f03c0u };                        /* ret */
#else
    uint8_t w[6] = { 0xb8, (uint8_t)v, (uint8_t)(v >> 8), 0, 0, 0xc3 }; /* mov eax; ret */
#endif
    memcpy(p, w, sizeof(w));
    return sizeof(w);
}

int main(void)
{
    uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fn_t f;

    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    f = (fn_t)(uintptr_t)page;
    for (int v = 1; v <= 500; v += 111) {
        size_t n = emit(page, v);
        __builtin___clear_cache((char *)page, (char *)page + n);
        printf("call %d -> %d\n", v, f());
    }
    return 0;
}
