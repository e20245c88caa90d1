/* Dies of a core-dumping signal at a known instruction: "store" writes
 * to address 0 at crash_store, "ebreak" stops at crash_ebreak, "abort"
 * calls abort().  Built static and not PIE, so nm gives the pc. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

void crash_store(void);
void crash_ebreak(void);
__asm__(".text\n"
        ".globl crash_store\n"
        "crash_store:\n"
        "    sd zero, 0(zero)\n"
        "    ret\n"
        ".globl crash_ebreak\n"
        "crash_ebreak:\n"
        "    ebreak\n"
        "    ret\n");

int main(int argc, char **argv)
{
    struct rlimit rl;

    getrlimit(RLIMIT_CORE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_CORE, &rl);
    if (argc > 1 && strcmp(argv[1], "store") == 0)
        crash_store();
    if (argc > 1 && strcmp(argv[1], "ebreak") == 0)
        crash_ebreak();
    abort();
}
