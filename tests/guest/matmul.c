/* Double-precision matrix multiply and a dot product: multiplies and
 * adds, loads and stores of doubles; printed exactly (%a).  Products go
 * through a volatile so no compiler fuses them into an fma (which the
 * riscv64 and aarch64 compilers would and the x86_64 one would not). */
#include <stdio.h>

#define N 48

static double a[N][N], b[N][N], c[N][N];

int main(void)
{
    double trace = 0, dot = 0;

    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)(i * N + j) / 7.0 - 3.25;
            b[i][j] = (double)((i + 3) * (j + 5) % 11) * 0.125;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) {
                volatile double p = a[i][k] * b[k][j];
                s += p;
            }
            c[i][j] = s;
        }
    for (int i = 0; i < N; i++) {
        volatile double p = c[i][N - 1 - i] * a[i][i];

        trace += c[i][i];
        dot += p;
    }
    printf("trace %a %.10g\n", trace, trace);
    printf("dot   %a %.10g\n", dot, dot);
    printf("c[5][7] %a\n", c[5][7]);
    return 0;
}
