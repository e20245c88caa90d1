/*
 * The riscv64 signal frame against the kernel's layout.  The offsets
 * below are written from the uapi headers (riscv64 cross sysroot):
 * asm/ucontext.h (uc_flags, uc_link, uc_stack, uc_sigmask, 120 bytes of
 * padding, uc_mcontext 16-aligned), asm/sigcontext.h (sc_regs then
 * sc_fpregs), asm/ptrace.h (user_regs_struct: pc, ra, sp, ... t6;
 * __riscv_d_ext_state: f[32], fcsr), and checked once with
 * riscv64-linux-gnu-gcc: sizeof(struct rt_sigframe) 1088, uc at 128,
 * uc_mcontext at 176 in the ucontext, sizeof(struct sigcontext) 784.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "linux-user/signal.h"
#include "target/riscv64/cpu.h"

enum {
    K_FRAME_SIZE = 1088,
    K_INFO = 0,
    K_UC = 128,
    K_UC_STACK = K_UC + 16,
    K_UC_SIGMASK = K_UC + 40,
    K_SC = K_UC + 176,
    K_SC_PC = K_SC,
    K_SC_X = K_SC,           /* x[i] at K_SC_X + 8 * i, i >= 1 */
    K_SC_F = K_SC + 256,
    K_SC_FCSR = K_SC + 512,
    K_SC_SIZE = 784,
};

static uint64_t at64(const uint8_t *p, size_t off)
{
    uint64_t v;

    memcpy(&v, p + off, 8);
    return v;
}

static void fill(struct rv_cpu *env, struct lu_sigdelivery *d)
{
    memset(env, 0, sizeof(*env));
    for (int i = 0; i < 32; i++) {
        env->x[i] = i ? 0x1000 + (uint64_t)i : 0;
        env->f[i] = 0xf000 + (uint64_t)i;
    }
    env->pc = 0x12345678;
    env->fflags = RV_FFLAG_NX | RV_FFLAG_NV;
    env->frm = RV_RM_RUP;
    memset(d, 0, sizeof(*d));
    d->sig = 10;
    d->info.signo = 10;
    d->info.code = -6;
    d->info.u.fault.addr = 0xdead0;
    d->old_mask = 0x8000000000000201ull;
    d->altstack = (struct lu_stack){ .sp = 0x7000, .flags = LU_SS_DISABLE, .size = 0x900 };
}

static void test_pack_offsets(void **state)
{
    static uint8_t frame[LU_RV_FRAME_SIZE];
    struct rv_cpu env;
    struct lu_sigdelivery d;
    uint32_t fcsr;
    int32_t i32;

    (void)state;
    assert_int_equal(LU_RV_FRAME_SIZE, K_FRAME_SIZE);
    assert_int_equal(K_SC + K_SC_SIZE, K_FRAME_SIZE);
    fill(&env, &d);
    memset(frame, 0xaa, sizeof(frame));
    lu_rv_frame_pack(frame, &env, &d);
    memcpy(&i32, frame + K_INFO, 4);
    assert_int_equal(i32, 10);
    memcpy(&i32, frame + K_INFO + 8, 4);
    assert_int_equal(i32, -6);
    assert_int_equal(at64(frame, K_INFO + 16), 0xdead0);     /* si_addr */
    assert_int_equal(at64(frame, K_UC), 0);                  /* uc_flags */
    assert_int_equal(at64(frame, K_UC + 8), 0);              /* uc_link */
    assert_int_equal(at64(frame, K_UC_STACK), 0x7000);       /* ss_sp */
    memcpy(&i32, frame + K_UC_STACK + 8, 4);
    assert_int_equal(i32, LU_SS_DISABLE);                     /* ss_flags */
    assert_int_equal(at64(frame, K_UC_STACK + 16), 0x900);   /* ss_size */
    assert_int_equal(at64(frame, K_UC_SIGMASK), 0x8000000000000201ull);
    assert_int_equal(at64(frame, K_SC_PC), 0x12345678);
    for (int i = 1; i < 32; i++)
        assert_int_equal(at64(frame, K_SC_X + 8 * (size_t)i), 0x1000 + (uint64_t)i);
    for (int i = 0; i < 32; i++)
        assert_int_equal(at64(frame, K_SC_F + 8 * (size_t)i), 0xf000 + (uint64_t)i);
    memcpy(&fcsr, frame + K_SC_FCSR, 4);
    assert_int_equal(fcsr, (RV_RM_RUP << 5) | RV_FFLAG_NX | RV_FFLAG_NV);
    /* The rest of the FP union (the kernel's END header: magic 0, size 0). */
    for (size_t o = K_SC_FCSR + 4; o < K_FRAME_SIZE; o++)
        assert_int_equal(frame[o], 0);
    /* The padding after uc_sigmask. */
    for (size_t o = K_UC_SIGMASK + 8; o < K_SC; o++)
        assert_int_equal(frame[o], 0);
}

static void test_unpack_round_trip(void **state)
{
    static uint8_t frame[LU_RV_FRAME_SIZE];
    struct rv_cpu env, back;
    struct lu_sigdelivery d;
    struct lu_stack st;
    uint64_t mask;

    (void)state;
    fill(&env, &d);
    lu_rv_frame_pack(frame, &env, &d);
    memset(&back, 0, sizeof(back));
    lu_rv_frame_unpack(frame, &back, &mask, &st);
    assert_memory_equal(back.x, env.x, sizeof(env.x));
    assert_memory_equal(back.f, env.f, sizeof(env.f));
    assert_int_equal(back.pc, env.pc);
    assert_int_equal(back.fflags, env.fflags);
    assert_int_equal(back.frm, env.frm);
    assert_int_equal(mask, d.old_mask);
    assert_int_equal(st.sp, 0x7000);
    assert_int_equal(st.size, 0x900);
    /* A handler's edit of the saved pc is what sigreturn resumes at. */
    frame[K_SC_PC] = 0x80;
    lu_rv_frame_unpack(frame, &back, &mask, &st);
    assert_int_equal(back.pc, 0x12345680);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack_offsets),
        cmocka_unit_test(test_unpack_round_trip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
