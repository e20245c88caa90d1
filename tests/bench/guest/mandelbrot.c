/* Floating-point benchmark: the Mandelbrot set on a 600x600 grid, up to
 * 200 iterations a point (double multiply/add and a compare per step).
 * Prints the number of points inside and a hash of the iteration counts. */
#include <stdint.h>
#include <stdio.h>

#define SIZE 600
#define MAX_ITER 200

int main(void)
{
    unsigned inside = 0;
    uint64_t h = 0;
    for (int py = 0; py < SIZE; py++) {
        double ci = 2.0 * py / SIZE - 1.0;
        for (int px = 0; px < SIZE; px++) {
            double cr = 2.5 * px / SIZE - 2.0;
            double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
            int it = 0;
            while (it < MAX_ITER && zr2 + zi2 <= 4.0) {
                zi = 2.0 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                zr2 = zr * zr;
                zi2 = zi * zi;
                it++;
            }
            inside += it == MAX_ITER;
            h = h * 1000003 + (uint64_t)it;
        }
    }
    printf("inside %u hash %016llx\n", inside, (unsigned long long)h);
    return 0;
}
