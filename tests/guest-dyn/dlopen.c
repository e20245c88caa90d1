/* dlopen("libm.so.6") at run time (found through -L) and a call through dlsym. */
#include <dlfcn.h>
#include <stdio.h>

int main(void)
{
    void *h = dlopen("libm.so.6", RTLD_NOW);
    if (!h) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    double (*cosp)(double) = (double (*)(double))dlsym(h, "cos");
    if (!cosp) {
        printf("dlsym: %s\n", dlerror());
        return 1;
    }
    printf("cos(0.5) = %.9f\n", cosp(0.5));
    printf("dlclose %d\n", dlclose(h));
    return 0;
}
