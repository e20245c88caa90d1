/* Entry point: placeholder until the option parser and ELF probe land. */
#include <stdio.h>

int main(void)
{
    fputs("uemu: not built yet\n", stderr);
    return 1;
}
