/* The smallest program of the suite: stdio, argv and exit status through
 * the dynamic linker. */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("hello, %d args, last \"%s\"\n", argc - 1, argv[argc - 1]);
    return 3;
}
