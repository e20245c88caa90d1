/*
 * Registers written just before a faulting load, as the SIGSEGV
 * handler's ucontext and the code after the handler see them: t0 and t1
 * (integer), ft0 (a conversion) and ft1 (a product), set by the
 * instructions right before the load, where an emulator may still hold
 * them in host registers only.  The handler skips the load (a 4-byte
 * instruction: no compressed encodings in the asm) and adds 1 to t1,
 * which the code after it must see.  On riscv64 the registers come from
 * inline asm; elsewhere the values the specification gives stand in.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static volatile uint64_t seen_t0, seen_t1, seen_ft0, seen_ft1;
static volatile int faults;

static uint64_t bits(double d)
{
    uint64_t u;

    memcpy(&u, &d, 8);
    return u;
}

#if defined(__riscv)
#include <ucontext.h>

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)sig;
    (void)si;
    faults++;
    seen_t0 = uc->uc_mcontext.__gregs[5];
    seen_t1 = uc->uc_mcontext.__gregs[6];
    seen_ft0 = uc->uc_mcontext.__fpregs.__d.__f[0];
    seen_ft1 = uc->uc_mcontext.__fpregs.__d.__f[1];
    uc->uc_mcontext.__gregs[6] += 1;    /* t1 */
    uc->uc_mcontext.__gregs[0] += 4;    /* pc: past the load */
}

static void run(const void *bad, uint64_t *t1_after, uint64_t *ft1_after)
{
    double three = 3.0;

    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "li t0, 1234\n\t"
                     "addi t1, t0, 5\n\t"
                     "fcvt.d.l ft0, t0\n\t"
                     "fmul.d ft1, ft0, %3\n\t"
                     "ld t2, 0(%2)\n\t"
                     "mv %0, t1\n\t"
                     "fmv.x.d %1, ft1\n\t"
                     ".option pop"
                     : "=&r"(*t1_after), "=&r"(*ft1_after)
                     : "r"(bad), "f"(three)
                     : "t0", "t1", "t2", "ft0", "ft1", "memory");
}
#else
static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    (void)ucv;
}

static void run(const void *bad, uint64_t *t1_after, uint64_t *ft1_after)
{
    (void)bad;
    faults = 1;
    seen_t0 = 1234;
    seen_t1 = 1239;
    seen_ft0 = bits(1234.0);
    seen_ft1 = bits(3702.0);
    *t1_after = 1240;
    *ft1_after = bits(3702.0);
}
#endif

int main(void)
{
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    void *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint64_t t1_after, ft1_after;

    if (bad == MAP_FAILED || sigaction(SIGSEGV, &sa, NULL))
        return 1;
    for (int round = 0; round < 3; round++) {
        run(bad, &t1_after, &ft1_after);
        printf("round %d: faults %d, handler t0 %llu t1 %llu ft0 %s ft1 %s; after t1 %llu ft1 %s\n",
               round, faults, (unsigned long long)seen_t0, (unsigned long long)seen_t1,
               seen_ft0 == bits(1234.0) ? "1234.0" : "wrong",
               seen_ft1 == bits(3702.0) ? "3702.0" : "wrong", (unsigned long long)t1_after,
               ft1_after == bits(3702.0) ? "3702.0" : "wrong");
        faults = 0;
    }
    return 0;
}
