/* Floating-point benchmark: dense double-precision matrix multiply
 * C = A * B (i-k-j loop order, so the inner loop streams rows), repeated.
 * Prints the trace and a sum of C. */
#include <stdio.h>
#include <stdlib.h>

#define N 240
#define ROUNDS 4

int main(void)
{
    double *a = malloc(N * N * sizeof(double));
    double *b = malloc(N * N * sizeof(double));
    double *c = malloc(N * N * sizeof(double));
    if (!a || !b || !c)
        return 1;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i * N + j] = (double)((i * 7 + j * 3) % 17) / 16.0 - 0.5;
            b[i * N + j] = (double)((i * 5 + j * 11) % 13) / 8.0 - 0.75;
        }
    double trace = 0, sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < N * N; i++)
            c[i] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i * N + k];
                for (int j = 0; j < N; j++)
                    c[i * N + j] += aik * b[k * N + j];
            }
        trace = 0;
        sum = 0;
        for (int i = 0; i < N; i++)
            trace += c[i * N + i];
        for (int i = 0; i < N * N; i++)
            sum += c[i];
        a[r] += 1.0 / 1024;
    }
    printf("trace %.6f sum %.6f\n", trace, sum);
    free(a);
    free(b);
    free(c);
    return 0;
}
