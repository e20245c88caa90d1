/*
 * Guest accesses that land on host address 0 or another unmapped low
 * address, through both backends, optimized or not: the JIT takes a host
 * fault that tcg_fault_code_pc()/tcg_tb_find_insn() map to the access's
 * instruction; TCI does the same, except at host address 0, where it
 * ends the block with TCG_EXIT_FAULT and tcg_fault filled in (address,
 * memop, direction, instruction).  Either way the globals written before
 * the access are in the CPU state.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <ucontext.h>
#include <cmocka.h>

#include "uemu/tcg-op.h"

struct env {
    uint64_t r[3];
};

/* global: the generated code writes it behind the compiler's back */
static struct env e;
static sigjmp_buf fault_jmp;
static volatile uintptr_t fault_code_pc, fault_addr;

/* the running block and its CPU state, for the handler */
static const struct tcg_tb *fault_tb;
static void *fault_env;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code_pc = tcg_fault_code_pc(
        (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP]);
    /* as the engine's handler: the globals held in registers to env */
    if (fault_code_pc && fault_tb)
        tcg_tb_fault_state(fault_tb, fault_code_pc, uc, fault_env);
    siglongjmp(fault_jmp, 1);
}

struct fault_case {
    uintptr_t guest_base;
    uint64_t addr;
};

static const struct fault_case cases[] = {
    { 0, 0 }, { 0, 8 }, { 0x10000, (uint64_t)0 - 0x10000 },
    { 0x10000, (uint64_t)0 - 0x10000 + 8 },
};

/* Insn 0 sets r0; insn 1 loads or stores 8 bytes at r2; insn 2 sets r0 again. */
static void build(bool write, unsigned memop)
{
    tcg_i64 r0 = tcg_global_i64(offsetof(struct env, r[0]), "r0");
    tcg_i64 r1 = tcg_global_i64(offsetof(struct env, r[1]), "r1");
    tcg_i64 r2 = tcg_global_i64(offsetof(struct env, r[2]), "r2");

    tcg_func_start();
    tcg_gen_insn_start(0x100, 0);
    tcg_gen_movi_i64(r0, 7);
    tcg_gen_insn_start(0x104, 0);
    if (write)
        tcg_gen_qemu_st_i64(r0, r2, memop);
    else
        tcg_gen_qemu_ld_i64(r1, r2, memop);
    tcg_gen_insn_start(0x108, 0);
    tcg_gen_movi_i64(r0, 9);
    tcg_gen_exit_tb(5);
}

static void run_case(const char *be, bool opt, bool write, unsigned memop,
                     const struct fault_case *fc)
{
    struct tcg_ctx *ctx = tcg_ctx_new(fc->guest_base);
    struct tcg_tb tb;
    uintptr_t ret;
    bool host_zero = fc->addr + fc->guest_base == 0;

    assert_non_null(ctx);
    tcg_ctx_set(ctx);
    tcg_ctx_set_optimize(ctx, opt);
    build(write, memop);
    assert_int_equal(tcg_gen_code(&tb), 0);
    e = (struct env){ { 0, 0, fc->addr } };
    fault_code_pc = fault_addr = 0;
    fault_tb = &tb;
    fault_env = &e;
    tcg_fault = (struct tcg_fault){ 0x5555, 0x55, !write, -7, 0 };
    if (!sigsetjmp(fault_jmp, 1)) {
        ret = tcg_tb_exec(&tb, &e);
        assert_true(host_zero && strcmp(be, "tci") == 0);
        assert_int_equal(ret, TCG_EXIT_FAULT);
        assert_int_equal(tcg_fault.addr, fc->addr);
        assert_int_equal(tcg_fault.memop, memop);
        assert_int_equal(tcg_fault.is_write, write);
        assert_int_equal(tcg_fault.insn, 1);
    } else {
        assert_false(host_zero && strcmp(be, "tci") == 0);
        assert_int_equal(fault_addr, fc->addr + fc->guest_base);
        assert_int_not_equal(fault_code_pc, 0);
        assert_int_equal(tcg_tb_find_insn(&tb, fault_code_pc), 1);
    }
    assert_int_equal(e.r[0], 7);
    assert_int_equal(e.r[1], 0);
    tcg_tb_free(&tb);
    tcg_ctx_free(ctx);
}

static void test_low_address_faults(void **state)
{
    static const char *const backends[] = { "jit", "tci" };
    static const unsigned memops[] = { TCG_MO_64, TCG_MO_32 | TCG_MO_ALIGN | TCG_MO_SIGN };
    struct sigaction sa = { 0 }, old;
    int ran = 0;

    (void)state;
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    assert_int_equal(sigaction(SIGSEGV, &sa, &old), 0);
    for (size_t b = 0; b < 2; b++) {
        if (tcg_backend_select(backends[b]) < 0)
            continue;
        ran++;
        for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
            for (int v = 0; v < 8; v++)
                run_case(backends[b], v & 1, v & 2, memops[v >> 2], &cases[c]);
        }
    }
    assert_int_equal(sigaction(SIGSEGV, &old, NULL), 0);
    assert_int_not_equal(ran, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_low_address_faults),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
