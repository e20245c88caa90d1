/* A call into non-executable data: the fetch faults with SIGSEGV. */
#include <stdint.h>
#include <stdio.h>

static uint32_t data[4] = { 0x00000013u, 0x00008067u, 0xc3c3c3c3u, 0xc3c3c3c3u };

int main(void)
{
    void (*volatile fn)(void) = (void (*)(void))(uintptr_t)data;

    printf("before the jump\n");
    fflush(stdout);
    fn();
    printf("not reached\n");
    return 0;
}
