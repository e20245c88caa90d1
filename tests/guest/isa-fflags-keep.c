/*
 * Accrued exception flags (fflags: NV 16, DZ 8, OF 4, UF 2, NX 1) kept
 * across what takes a program out of its instructions: a system call, a
 * fault whose SIGSEGV handler makes the page readable and returns (the
 * handler sees the flags, and the load runs again), fork (both sides),
 * and a read of the whole fcsr; and not brought back once cleared.  The
 * operation and what follows it are in one asm statement, so nothing in
 * between leaves the emulator's translated code.  On riscv64 the flags are read
 * with frflags; elsewhere the values the specification requires stand in.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile double one = 1.0, three = 3.0, big = 1e308;
static char *page;
static long page_size;

#if defined(__riscv)
static volatile sig_atomic_t in_handler;

static unsigned get_flags(void)
{
    unsigned f;

    __asm__ volatile("frflags %0" : "=r"(f));
    return f;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    in_handler = get_flags();
    mprotect(page, page_size, PROT_READ | PROT_WRITE);
}

/* 1/3, inexact, then a system call */
static unsigned div_then_syscall(void)
{
    double r;
    long ret;
    register long a7 __asm__("a7") = SYS_getppid;
    register long a0 __asm__("a0");

    __asm__ volatile("fsflags zero\n\tfdiv.d %0, %2, %3\n\tecall"
                     : "=&f"(r), "=r"(a0) : "f"(one), "f"(three), "r"(a7) : "memory");
    ret = a0;
    (void)ret;
    (void)r;
    return get_flags();
}

/* 1/3, then a load that faults once */
static unsigned div_then_fault(void)
{
    double r;
    long v;

    __asm__ volatile("fsflags zero\n\tfdiv.d %0, %2, %3\n\tld %1, 0(%4)"
                     : "=&f"(r), "=&r"(v) : "f"(one), "f"(three), "r"(page) : "memory");
    (void)r;
    (void)v;
    return get_flags();
}

/* 1/3, cleared, an exact sum, a system call */
static unsigned cleared_then_syscall(void)
{
    double r;

    __asm__ volatile("fsflags zero\n\tfdiv.d %0, %1, %2\n\tfsflags zero\n\t"
                     "fadd.d %0, %1, %1" : "=&f"(r) : "f"(one), "f"(three) : "memory");
    (void)r;
    getppid();
    return get_flags();
}

/* an overflow, then fcsr read whole (frm 0 in the bits above) */
static unsigned overflow_fcsr(void)
{
    double r;
    unsigned f;

    __asm__ volatile("fsflags zero\n\tfmul.d %0, %2, %2\n\tfrcsr %1"
                     : "=&f"(r), "=r"(f) : "f"(big) : "memory");
    (void)r;
    return f;
}

/* 1/3, then fork: both sides read the flags */
static unsigned div_then_fork(pid_t *pid)
{
    double r;

    __asm__ volatile("fsflags zero\n\tfdiv.d %0, %1, %2" : "=&f"(r) : "f"(one), "f"(three));
    (void)r;
    *pid = fork();
    return get_flags();
}
#else
static volatile sig_atomic_t in_handler;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    in_handler = 1;
    mprotect(page, page_size, PROT_READ | PROT_WRITE);
}

static unsigned div_then_syscall(void) { return 1; }

static unsigned div_then_fault(void)
{
    volatile long v = *(volatile long *)page;

    (void)v;
    return 1;
}

static unsigned cleared_then_syscall(void) { return 0; }
static unsigned overflow_fcsr(void) { return 5; }

static unsigned div_then_fork(pid_t *pid)
{
    *pid = fork();
    return 1;
}
#endif

int main(void)
{
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    unsigned f;
    pid_t pid;
    int status;

    page_size = sysconf(_SC_PAGESIZE);
    page = mmap(NULL, page_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || sigaction(SIGSEGV, &sa, NULL))
        return 1;
    printf("after a system call: %u\n", div_then_syscall());
    f = div_then_fault();
    printf("in the SIGSEGV handler: %u, after it: %u\n", in_handler, f);
    printf("cleared, then a system call: %u\n", cleared_then_syscall());
    printf("overflow, fcsr: %u\n", overflow_fcsr());
    fflush(stdout);
    f = div_then_fork(&pid);
    if (pid == 0) {
        printf("fork child: %u\n", f);
        return 0;
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
        return 2;
    printf("fork parent: %u\n", f);
    return 0;
}
