/*
 * The riscv64 Linux cpu loop: ecall is a system call (number in a7,
 * arguments in a0..a5, result in a0; execution resumes after the 4-byte
 * ecall).  riscv_flush_icache drops the translated code of its range,
 * every other call goes to lu_syscall.  Faults, illegal instructions and
 * ebreak end the process with the signal Linux would deliver (guest
 * handlers arrive with issue #5).
 *
 *     lu_cpu_loop_riscv64("./prog", info.entry, stack.sp);
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "target/riscv64/cpu.h"
#include "uemu/exec.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user-cpu.h"
#include "uemu/linux-user.h"
#include "uemu/log.h"
#include "uemu/riscv64.h"

/* riscv64's own system call (asm/unistd.h: __NR_arch_specific_syscall
 * + 15): make stores to [start, end) visible to instruction fetch. */
#define RV_NR_RISCV_FLUSH_ICACHE 259

/* Die by sig as the native program would, after one line on stderr. */
static void __attribute__((noreturn)) die(int sig)
{
    struct rlimit no_core = { 0, 0 };
    sigset_t set;

    log_close();
    setrlimit(RLIMIT_CORE, &no_core);
    signal(sig, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

/* The instruction bits at pc, as far as they can be read. */
static uint32_t insn_at(uint64_t pc)
{
    uint16_t lo = 0, hi = 0;

    if (!exec_code_ok(pc, 2))
        return 0;
    memcpy(&lo, g2h(pc), 2);
    if ((lo & 3) == 3 && exec_code_ok(pc + 2, 2))
        memcpy(&hi, g2h(pc + 2), 2);
    return (uint32_t)hi << 16 | lo;
}

static void __attribute__((noreturn)) fault(const char *prog, struct exec_cpu *cpu, const struct rv_cpu *env,
                  bool align)
{
    const struct exec_fault *f = exec_cpu_fault(cpu);
    int sig = align || f->is_bus ? SIGBUS : SIGSEGV;

    fprintf(stderr, "uemu: %s: %s %s address 0x%llx at pc 0x%llx\n", prog,
            sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
            align ? "(misaligned atomic)" : f->is_exec ? "fetching" :
            f->is_write ? "writing" : "reading",
            (unsigned long long)f->addr, (unsigned long long)env->pc);
    die(sig);
}

int lu_cpu_loop_riscv64(const char *prog, guest_addr entry, guest_addr sp)
{
    struct exec_cpu *cpu = exec_cpu_new(&rv_frontend);
    struct rv_cpu *env;

    if (!cpu)
        return -ENOMEM;
    env = exec_cpu_env(cpu);
    env->pc = entry;
    env->x[2] = sp;
    env->res_addr = ~(uint64_t)0;
    for (;;) {
        int e = exec_cpu_exec(cpu);
        uint64_t args[6];

        switch (e) {
        case RV_EXCP_ECALL:
            memcpy(args, &env->x[10], sizeof(args));
            if (env->x[17] == RV_NR_RISCV_FLUSH_ICACHE) {
                exec_invalidate(args[0], args[1] - args[0]);
                env->x[10] = 0;
            } else {
                env->x[10] = (uint64_t)lu_syscall((int64_t)env->x[17], args);
            }
            env->pc += 4;
            break;
        case RV_EXCP_ILLEGAL:
            fprintf(stderr, "uemu: %s: illegal instruction 0x%x at pc 0x%llx\n", prog,
                    insn_at(env->pc), (unsigned long long)env->pc);
            die(SIGILL);
        case RV_EXCP_EBREAK:
            fprintf(stderr, "uemu: %s: breakpoint (ebreak) at pc 0x%llx\n", prog,
                    (unsigned long long)env->pc);
            die(SIGTRAP);
        case EXEC_EXCP_ALIGN:
            fault(prog, cpu, env, true);
        default:
            fault(prog, cpu, env, false);
        }
    }
}
