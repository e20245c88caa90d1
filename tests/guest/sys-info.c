/*
 * sysinfo and times: sysinfo's fields are sane (memory unit, total at
 * least free, uptime and process count positive, load averages present
 * as numbers); times returns a tick count that does not go back and CPU
 * times that grow with work; sysconf values derived from them.  Only
 * relations are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <unistd.h>

int main(void)
{
    struct sysinfo si;
    struct tms t1, t2;
    clock_t c1, c2;
    volatile unsigned long spin = 0;

    printf("sysinfo %d\n", sysinfo(&si));
    printf("mem_unit >= 1 %d\n", si.mem_unit >= 1);
    printf("totalram >= freeram %d, > 0 %d\n", si.totalram >= si.freeram, si.totalram > 0);
    printf("totalswap >= freeswap %d\n", si.totalswap >= si.freeswap);
    printf("uptime > 0 %d procs > 0 %d\n", si.uptime > 0, si.procs > 0);
    printf("bad pointer %ld", syscall(SYS_sysinfo, 8));
    printf(" errno %d\n", errno);
    c1 = times(&t1);
    for (unsigned long i = 0; i < 3000000; i++)
        spin += i;
    c2 = times(&t2);
    printf("ticks forward %d\n", c2 >= c1);
    printf("utime+stime forward %d\n",
           t2.tms_utime + t2.tms_stime >= t1.tms_utime + t1.tms_stime);
    printf("children zero %d\n", t2.tms_cutime == 0 && t2.tms_cstime == 0);
    printf("times(NULL) ok %d\n", times(NULL) != (clock_t)-1);
    printf("clk_tck %ld\n", sysconf(_SC_CLK_TCK));
    printf("nprocs >= 1 %d\n", sysconf(_SC_NPROCESSORS_ONLN) >= 1);
    printf("spun %d\n", spin > 0);
    return 0;
}
