/* The demo program: greets, echoes its arguments, exits 0. */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("Hello from a guest program!\n");
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    return 0;
}
