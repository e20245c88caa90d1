/*
 * riscv64 signal frames, laid out as the Linux kernel does
 * (arch/riscv/kernel/signal.c; offsets from the uapi headers
 * asm/ucontext.h, asm/sigcontext.h, asm/ptrace.h):
 *
 *   struct rt_sigframe {             offset
 *       siginfo_t info;                  0   (128 bytes)
 *       struct ucontext uc;            128
 *   };                                     1088 bytes
 *   ucontext: uc_flags 0, uc_link 8, uc_stack 16 (24 bytes),
 *             uc_sigmask 40, padding to 168, uc_mcontext 176 (16-aligned)
 *   sigcontext: sc_regs 0 (pc, then x1..x31: 32 x 8), sc_fpregs 256
 *             (f0..f31: 32 x 8, fcsr at 256; union of 528 bytes whose
 *             unused tail stays zero: the kernel's END context header
 *             has magic 0 and size 0)
 *
 * The frame goes below sp (or the top of the altstack for SA_ONSTACK),
 * aligned down to 16.  The handler gets a0 = sig, a1 = &info, a2 = &uc
 * and returns to ra.  Linux points ra at the vDSO's rt_sigreturn
 * trampoline; uemu provides no vDSO, so it maps one read+exec guest page
 * of its own (on the first delivery) holding the same two instructions,
 * `li a7, 139; ecall`: unwinders that recognise the trampoline by its
 * code (libgcc) see what they expect.
 */
#include <string.h>

#include "linux-user/mmap.h"
#include "linux-user/signal.h"
#include "target/riscv64/cpu.h"
#include "uemu/guest-mem.h"
#include "uemu/guest-space.h"

#define F_INFO      0
#define F_UC        128
#define UC_STACK    (F_UC + 16)
#define UC_SIGMASK  (F_UC + 40)
#define UC_MCONTEXT (F_UC + 176)
#define SC_REGS     UC_MCONTEXT
#define SC_FPREGS   (UC_MCONTEXT + 256)
#define SC_FCSR     (SC_FPREGS + 256)

static const uint32_t trampoline_code[] = {
    0x08b00893,     /* addi a7, zero, 139 (__NR_rt_sigreturn) */
    0x00000073,     /* ecall */
};

static guest_addr trampoline;

static void put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

void lu_rv_frame_pack(uint8_t *frame, const struct rv_cpu *env, const struct lu_sigdelivery *d)
{
    uint32_t fcsr = (env->frm & 7) << 5 | (env->fflags & 0x1f);

    memset(frame, 0, LU_RV_FRAME_SIZE);
    memcpy(frame + F_INFO, &d->info, sizeof(d->info));
    memcpy(frame + UC_STACK, &d->altstack, sizeof(d->altstack));
    put64(frame + UC_SIGMASK, d->old_mask);
    put64(frame + SC_REGS, env->pc);
    for (int i = 1; i < 32; i++)
        put64(frame + SC_REGS + 8 * i, env->x[i]);
    for (int i = 0; i < 32; i++)
        put64(frame + SC_FPREGS + 8 * i, env->f[i]);
    memcpy(frame + SC_FCSR, &fcsr, 4);
}

void lu_rv_frame_unpack(const uint8_t *frame, struct rv_cpu *env, uint64_t *mask,
                        struct lu_stack *st)
{
    uint32_t fcsr;

    env->pc = get64(frame + SC_REGS);
    for (int i = 1; i < 32; i++)
        env->x[i] = get64(frame + SC_REGS + 8 * i);
    for (int i = 0; i < 32; i++)
        env->f[i] = get64(frame + SC_FPREGS + 8 * i);
    memcpy(&fcsr, frame + SC_FCSR, 4);
    env->fflags = fcsr & 0x1f;
    env->frm = (fcsr >> 5) & 7;
    *mask = get64(frame + UC_SIGMASK);
    memcpy(st, frame + UC_STACK, sizeof(*st));
}

/* The sigreturn trampoline page; 0 when it cannot be mapped. */
static guest_addr get_trampoline(void)
{
    guest_addr page = target_page_size ? target_page_size : 4096;
    int64_t a;

    if (trampoline)
        return trampoline;
    a = lu_mmap(0, page, LU_PROT_READ | LU_PROT_WRITE, LU_MAP_PRIVATE | LU_MAP_ANONYMOUS, -1, 0);
    if (a < 0)
        return 0;
    if (copy_to_guest((guest_addr)a, trampoline_code, sizeof(trampoline_code)) ||
        lu_mprotect((guest_addr)a, page, LU_PROT_READ | LU_PROT_EXEC) < 0) {
        lu_munmap((guest_addr)a, page);
        return 0;
    }
    trampoline = (guest_addr)a;
    return trampoline;
}

void lu_rv_signal_setup(struct rv_cpu *env, const struct lu_sigdelivery *d)
{
    uint8_t frame[LU_RV_FRAME_SIZE];
    uint64_t sp = (d->frame_sp - LU_RV_FRAME_SIZE) & ~(uint64_t)15;
    guest_addr ra = get_trampoline();

    lu_rv_frame_pack(frame, env, d);
    if (!ra || copy_to_guest(sp, frame, sizeof(frame)))
        lu_signal_die(SIGSEGV);
    env->x[1] = ra;
    env->x[2] = sp;
    env->x[10] = (uint64_t)d->sig;
    env->x[11] = sp + F_INFO;
    env->x[12] = sp + F_UC;
    env->pc = d->handler;
    /* A trap clears the LR reservation. */
    env->res_addr = ~(uint64_t)0;
}

void lu_rv_signal_return(struct rv_cpu *env)
{
    uint8_t frame[LU_RV_FRAME_SIZE];
    struct lu_stack st;
    uint64_t mask;

    if (copy_from_guest(frame, env->x[2], sizeof(frame)))
        lu_signal_die(SIGSEGV);
    lu_rv_frame_unpack(frame, env, &mask, &st);
    env->res_addr = ~(uint64_t)0;
    lu_signal_return(mask, &st, env->x[2]);
}
