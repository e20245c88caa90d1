/* Decimal <-> binary floating-point conversion in the C library
 * (strtod, strtof, printf of doubles and floats in every style). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    static const char *const in[] = {
        "0", "-0.0", "1e-320", "3.141592653589793238", "2.5e+300", "1.7976931348623157e308",
        "0x1.fffffffffffffp1023", "123456789.987654321", "-7.000000000000001",
        "1e400", "4.9406564584124654e-324", "0.1", "nan", "-inf",
    };

    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        double d = strtod(in[i], NULL);
        float f = strtof(in[i], NULL);

        if (d != d) {
            printf("%-24s nan\n", in[i]);
            continue;
        }
        printf("%-24s %a %.17g %e %f | %a %.9g\n", in[i], d, d, d, d < 1e20 && d > -1e20 ? d : 0.0,
               (double)f, (double)f);
    }
    return 0;
}
