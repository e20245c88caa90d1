/* The exit status of the guest must become uemu's own. */
#include <stdlib.h>

int main(void)
{
    exit(42);
}
