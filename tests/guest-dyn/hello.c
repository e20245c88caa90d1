/* Dynamic hello: arguments, environment lookup and exit status through libc.so. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        printf("arg %d: %s\n", i, argv[i]);
    printf("GUEST_DYN=%s\n", getenv("GUEST_DYN") ? getenv("GUEST_DYN") : "(unset)");
    return 7;
}
