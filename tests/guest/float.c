/*
 * Floating point the C standard and IEEE 754 fix exactly (round to
 * nearest): single and double arithmetic, conversions to and from
 * integers, comparisons with NaN and signed zeros, printed in hex (%a)
 * and decimal so every build prints the same lines.  No libm.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static volatile double vd[] = { 1.0, -2.5, 3.0e150, 1.0e-310, 0.1, -0.0, 7.0 };
static volatile float vf[] = { 1.0f, -2.5f, 3.0e18f, 1.0e-40f, 0.1f, -0.0f, 7.0f };
static volatile int64_t vi[] = { 0, -1, 123456789012345ll, INT64_MIN, 1ll << 53 | 1 };

int main(void)
{
    double acc = 0, nan = vd[5] / vd[5] * 0 + (vd[2] * vd[2] - vd[2] * vd[2]);
    float facc = 0;

    for (int i = 0; i < 7; i++) {
        for (int j = 0; j < 7; j++) {
            acc += vd[i] * vd[j] - vd[i] / (vd[j] + 0.5);
            facc += vf[i] * vf[j] - vf[i] / (vf[j] + 0.5f);
        }
    }
    printf("acc  %a %.17g\n", acc, acc);
    printf("facc %a %.9g\n", (double)facc, (double)facc);
    printf("sub  %a %a\n", vd[3] * 0.5, (double)(vf[3] * 0.5f));
    printf("div  %a %a %a\n", vd[0] / vd[6], (double)(vf[0] / vf[6]), vd[4] * 3);
    printf("neg0 %a %a %d\n", vd[5], -vd[5], vd[5] == 0.0);
    printf("nan  %d %d %d %d\n", nan == nan, nan < 1.0, nan != nan, (int)(nan > 0 || nan <= 0));
    for (int i = 0; i < 5; i++)
        printf("i2f  %" PRId64 " %a %a\n", vi[i], (double)vi[i], (double)(float)vi[i]);
    printf("f2i  %" PRId64 " %" PRId64 " %d %u\n", (int64_t)vd[2] * 0 + (int64_t)(vd[1] * 1e6),
           (int64_t)(vd[4] * 1e15), (int)vf[1], (unsigned)(vf[6] * 3.5f));
    printf("f2d  %a %a\n", (double)vf[4], (double)(float)vd[4]);
    printf("cmp  %d %d %d %d\n", vd[1] < vd[0], vf[1] >= vf[6], vd[5] <= 0.0, vf[0] > vf[4]);
    printf("dec  %.3f %e %g %g\n", vd[4] * 10, vd[2], (double)vf[4], vd[3]);
    return 0;
}
