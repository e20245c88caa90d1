/* Code loaded with read() into a page whose old code already ran: the
 * system call writes a page that translated code write-protects, and
 * the next call runs the new code. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
    uint8_t code[16];
    int fds[2];
    size_t n;

    if (page == MAP_FAILED || pipe(fds))
        return 1;
    emit_ret(page, 5);
    __builtin___clear_cache((char *)page, (char *)page + 64);
    printf("before: %d\n", f());
    n = emit_ret(code, 9);
    if (write(fds[1], code, n) != (ssize_t)n)
        return 2;
    printf("read into the code page: %d\n", read(fds[0], page, n) == (ssize_t)n);
    __builtin___clear_cache((char *)page, (char *)page + 64);
    printf("after: %d\n", f());
    return 0;
}
