/*
 * Self-modifying code without fence.i / __builtin___clear_cache: code in
 * a writable and executable page is run, patched with plain stores and
 * run again.  (A store rewriting its own block is tested in
 * tests/unit/test-signal-smc.c: qemu-riscv64 7.2 runs stale code there.)
 *
 * RISC-V requires fence.i (and aarch64 cache maintenance) before the
 * new code is fetched; x86 hardware, qemu-user and uemu (which
 * write-protects pages holding translated code) run the new code
 * without it, which JITs rely on.  Every call must return the value
 * of the newest code.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*ret_fn)(void);

/* Code returning v. */
static size_t emit_ret(uint8_t *p, int v)
{
#if defined(__riscv)
    uint32_t w[2] = { (uint32_t)v << 20 | 10u << 7 | 0x13u, /* addi a0, zero, v */
                      0x00008067u };                        /* ret */
#elif defined(__aarch64__)
    uint32_t w[2] = { 0x52800000u | (uint32_t)v << 5,      /* movz w0, #v */
                      0xd65f03c0u };                        /* ret */
#else
    uint8_t w[6] = { 0xb8, (uint8_t)v, (uint8_t)(v >> 8), 0, 0, 0xc3 }; /* mov eax, v; ret */
#endif
    memcpy(p, w, sizeof(w));
    return sizeof(w);
}

int main(void)
{
    uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ret_fn f = (ret_fn)(void *)page;
    int sum = 0;

    if (page == MAP_FAILED)
        return 1;
    emit_ret(page, 1);
    __builtin___clear_cache((char *)page, (char *)page + 64);
    printf("first: %d\n", f());
    for (int i = 2; i <= 40; i++) {
        emit_ret(page, i);
        sum += f();
    }
    printf("patched 39 times without a fence: sum %d (want %d)\n", sum, 40 * 41 / 2 - 1);
    return 0;
}
