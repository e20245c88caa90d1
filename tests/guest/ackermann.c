/* Deep recursion: Ackermann's function (tens of thousands of frames on
 * the guest stack) and a mutually recursive pair. */
#include <stdio.h>

static unsigned ack(unsigned m, unsigned n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static int is_odd(unsigned n);

static int is_even(unsigned n)
{
    return n == 0 ? 1 : is_odd(n - 1);
}

static int is_odd(unsigned n)
{
    return n == 0 ? 0 : is_even(n - 1);
}

int main(void)
{
    printf("ack(2, 300) = %u\n", ack(2, 300));
    printf("ack(3, 7) = %u\n", ack(3, 7));
    printf("even(100001) = %d\n", is_even(100001));
    return 0;
}
