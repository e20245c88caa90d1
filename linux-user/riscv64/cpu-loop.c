/*
 * The riscv64 Linux cpu loop: ecall is a system call (number in a7,
 * arguments in a0..a5, result in a0; execution resumes after the 4-byte
 * ecall).  riscv_flush_icache drops the translated code of its range,
 * rt_sigreturn restores the signal frame, every other call goes to
 * lu_syscall.  Faults, illegal instructions and ebreak queue the signal
 * Linux would send (SIGSEGV/SIGBUS with si_addr, SIGILL and SIGTRAP at
 * the pc); after every exit of the engine (system call, fault, or an
 * interrupt requested by a host signal) pending signals are delivered
 * (linux-user/signal.c, riscv64/signal.c).
 *
 * Every guest thread runs the same loop on its own cpu; clone's hooks
 * for riscv64 (rv_thread_isa) set a child's a0, pc, sp and tp.
 *
 *     lu_cpu_loop_riscv64("./prog", info.entry, stack.sp);
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "linux-user/signal.h"
#include "linux-user/thread.h"
#include "target/riscv64/cpu.h"
#include "uemu/exec.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user-cpu.h"
#include "uemu/linux-user.h"
#include "uemu/log.h"
#include "uemu/page-table.h"
#include "uemu/riscv64.h"

/* riscv64's own system call (asm/unistd.h: __NR_arch_specific_syscall
 * + 15): make stores to [start, end) visible to instruction fetch. */
#define RV_NR_RISCV_FLUSH_ICACHE 259
#define RV_NR_RT_SIGRETURN 139

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

/* Queue the signal for a fault; one line on stderr when it will kill. */
static void fault(const char *prog, struct exec_cpu *cpu, const struct rv_cpu *env, bool align)
{
    const struct exec_fault *f = exec_cpu_fault(cpu);
    int sig = align || f->is_bus ? SIGBUS : SIGSEGV;
    int code;

    if (lu_signal_is_default(sig))
        fprintf(stderr, "uemu: %s: %s %s address 0x%llx at pc 0x%llx\n", prog,
                sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
                align ? "(misaligned atomic)" : f->is_exec ? "fetching" :
                f->is_write ? "writing" : "reading",
                (unsigned long long)f->addr, (unsigned long long)env->pc);
    if (align)
        code = LU_BUS_ADRALN;
    else if (f->is_bus)
        code = LU_BUS_ADRERR;
    else
        code = page_table_get(guest_pages, f->addr) & PAGE_VALID ? LU_SEGV_ACCERR
                                                                 : LU_SEGV_MAPERR;
    lu_signal_force(sig, code, f->addr);
}

/* A system call; its result in a0 and pc past the ecall (rt_sigreturn:
 * the state of the frame; a pending signal: nothing yet).  True when it
 * was interrupted (-EINTR). */
static bool do_ecall(struct rv_cpu *env)
{
    uint64_t args[6];
    int64_t nr = (int64_t)env->x[17], r;

    if (nr == RV_NR_RT_SIGRETURN) {
        lu_rv_signal_return(env);
        return false;
    }
    /* A signal that came since the last check is delivered before the
     * call starts (the handler returns to the ecall), so it cannot be
     * left waiting behind a blocking host call. */
    if (lu_signal_pending())
        return false;
    memcpy(args, &env->x[10], sizeof(args));
    if (nr == RV_NR_RISCV_FLUSH_ICACHE) {
        exec_invalidate(args[0], args[1] - args[0]);
        r = 0;
    } else {
        lu_signal_sp = env->x[2];
        /* guest_access unprotects pages holding translated code that a
         * system call writes into (accel/tcg/tb-protect.c). */
        lu_signal_syscall_enter();
        r = lu_syscall(nr, args);
        lu_signal_syscall_exit();
    }
    env->x[10] = (uint64_t)r;
    env->pc += 4;
    return r == -EINTR;
}

/*
 * Run the handlers of pending signals.  After an interrupted system
 * call (nr, first argument a0) the first handler decides: with
 * SA_RESTART (and a call Linux restarts) the ecall runs again; with no
 * handler at all the call restarts as well, as the kernel's
 * -ERESTARTSYS does.
 */
static void deliver(struct rv_cpu *env, bool intr, int64_t nr, uint64_t a0)
{
    struct lu_sigdelivery d;
    bool first = true;

    while (lu_signal_next(&d, env->x[2])) {
        if (first && intr && lu_signal_restart(nr, d.flags)) {
            env->pc -= 4;
            env->x[10] = a0;
        }
        first = false;
        lu_rv_signal_setup(env, &d);
    }
    if (first && intr && lu_signal_restart(nr, LU_SA_RESTART)) {
        env->pc -= 4;
        env->x[10] = a0;
    }
}

/* The program's name for fault messages (all threads). */
static const char *prog_name;

static void __attribute__((noreturn)) loop(struct exec_cpu *cpu)
{
    struct rv_cpu *env = exec_cpu_env(cpu);
    const char *prog = prog_name;

    for (;;) {
        int e = exec_cpu_exec(cpu);
        int64_t nr = (int64_t)env->x[17];
        uint64_t a0 = env->x[10];
        bool intr = false;

        switch (e) {
        case RV_EXCP_ECALL:
            intr = do_ecall(env);
            break;
        case EXEC_EXCP_INTERRUPT:
            break;
        case RV_EXCP_ILLEGAL:
            if (lu_signal_is_default(SIGILL))
                fprintf(stderr, "uemu: %s: illegal instruction 0x%x at pc 0x%llx\n", prog,
                        insn_at(env->pc), (unsigned long long)env->pc);
            lu_signal_force(SIGILL, LU_ILL_ILLOPC, env->pc);
            break;
        case RV_EXCP_EBREAK:
            if (lu_signal_is_default(SIGTRAP))
                fprintf(stderr, "uemu: %s: breakpoint (ebreak) at pc 0x%llx\n", prog,
                        (unsigned long long)env->pc);
            lu_signal_force(SIGTRAP, LU_TRAP_BRKPT, env->pc);
            break;
        case EXEC_EXCP_ALIGN:
            fault(prog, cpu, env, true);
            break;
        default:
            fault(prog, cpu, env, false);
            break;
        }
        deliver(env, intr, nr, a0);
    }
}

static void set_stack_tls(void *envp, uint64_t sp, bool set_tls, uint64_t tls)
{
    struct rv_cpu *env = envp;

    if (sp)
        env->x[2] = sp;
    if (set_tls)
        env->x[4] = tls;
}

/* The child's copy was taken inside the ecall: it returns 0 past it,
 * without the parent's LR reservation. */
static void child_return(void *envp)
{
    struct rv_cpu *env = envp;

    env->x[10] = 0;
    env->pc += 4;
    env->res_addr = ~(uint64_t)0;
}

static const struct lu_thread_isa rv_thread_isa = {
    .clone_tls_arg = 3,
    .clone_ctid_arg = 4,
    .set_stack_tls = set_stack_tls,
    .child_return = child_return,
    .run = loop,
};

int lu_cpu_loop_riscv64(const char *prog, guest_addr entry, guest_addr sp)
{
    struct exec_cpu *cpu = exec_cpu_new(&rv_frontend);
    struct rv_cpu *env;

    if (!cpu)
        return -ENOMEM;
    prog_name = prog;
    env = exec_cpu_env(cpu);
    env->pc = entry;
    env->x[2] = sp;
    env->res_addr = ~(uint64_t)0;
    lu_thread_main(&rv_thread_isa, cpu);
    lu_signal_thread_start(cpu);
    lu_signal_process_start();
    loop(cpu);
}
