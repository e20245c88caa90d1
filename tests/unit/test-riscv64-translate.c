/*
 * The riscv64 translator, instruction by instruction: hand-assembled
 * sequences run through the engine on every built backend (TCI and the
 * x86_64 JIT), exact register and memory state checked afterwards.
 * Covers x0, the RISC-V division rules, W forms, LR/SC success and
 * failure, AMOs, compressed forms, Zbb corner cases, CSRs, F/D moves,
 * NaN boxing and the dynamic rounding mode, instructions straddling a
 * page, and the exceptions (ecall, illegal, misaligned atomic, faults
 * with their pc).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/mman.h>

#include "tests/unit/rv-fixture.h"
#include "uemu/guest-space.h"
#include "uemu/personality.h"
#include "uemu/riscv64.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MIN64 0x8000000000000000ull

static const char *const backends[] = { "tci", "jit" };

/* Called by run_each before each run (memory set-up), or NULL. */
static void (*prepare)(void);

static int setup(void **state)
{
    (void)state;
    rvt_setup();
    prepare = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rvt_teardown();
    return 0;
}

/* Run code on each built backend with x[1..7] = in[0..6]; check = expected
 * values of x[10..10+nout). */
static void run_each(const uint32_t *code, size_t n, const uint64_t *in, size_t nin,
                     const uint64_t *out, size_t nout)
{
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, n);
        if (prepare)
            prepare();
        memset(rvt_env->x, 0, sizeof(rvt_env->x));
        for (size_t i = 0; i < nin; i++)
            rvt_env->x[1 + i] = in[i];
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->pc, RVT_CODE + 4 * n);
        assert_int_equal(rvt_env->x[0], 0);
        for (size_t i = 0; i < nout; i++) {
            if (rvt_env->x[10 + i] != out[i])
                fail_msg("%s: x%zu = 0x%llx, expected 0x%llx", backends[b], 10 + i,
                         (unsigned long long)rvt_env->x[10 + i],
                         (unsigned long long)out[i]);
        }
    }
}

static void test_x0_and_basics(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(0, 1, 5),                      /* addi x0, x1, 5 */
        RVT_U(0x12345000, 0, RVT_OP_LUI),       /* lui x0 */
        RVT_ADDI(10, 0, -1),                    /* a0 = -1 */
        RVT_U(0xfffff000, 11, RVT_OP_LUI),      /* a1 = sext(0xfffff000) */
        RVT_U(0x1000, 12, RVT_OP_AUIPC),        /* a2 = pc + 0x1000 */
        RVT_R(0x20, 2, 1, 0, 13, RVT_OP),       /* sub a3, x1, x2 */
        RVT_I(-1, 1, 3, 14, RVT_OP_IMM),        /* sltiu a4, x1, -1 */
        RVT_R(0, 1, 2, 2, 15, RVT_OP),          /* slt a5, x2, x1 */
        RVT_I(63, 2, 5, 16, RVT_OP_IMM),        /* srli a6, x2, 63 */
        RVT_I(0x400 | 4, 2, 5, 17, RVT_OP_IMM), /* srai a7, x2, 4 */
    };
    const uint64_t in[] = { 3, MIN64 };
    const uint64_t out[] = {
        ~0ull, 0xfffffffffffff000ull, RVT_CODE + 16 + 0x1000, 3 - MIN64, 1, 1, 1,
        0xf800000000000000ull,
    };

    (void)state;
    run_each(code, N(code), in, N(in), out, N(out));
}

static void test_division_rules(void **state)
{
    const uint32_t code[] = {
        RVT_R(1, 2, 1, 4, 10, RVT_OP),          /* div a0, x1, x2 (x/0) */
        RVT_R(1, 2, 1, 5, 11, RVT_OP),          /* divu a1 (x/0) */
        RVT_R(1, 2, 1, 6, 12, RVT_OP),          /* rem a2 (x%0) */
        RVT_R(1, 2, 1, 7, 13, RVT_OP),          /* remu a3 (x%0) */
        RVT_R(1, 4, 3, 4, 14, RVT_OP),          /* div a4, MIN, -1 */
        RVT_R(1, 4, 3, 6, 15, RVT_OP),          /* rem a5, MIN, -1 */
        RVT_R(1, 2, 5, 4, 16, RVT_OP32),        /* divw a6, 0x80000000, 0 */
        RVT_R(1, 2, 5, 5, 17, RVT_OP32),        /* divuw a7, ., 0 */
        RVT_R(1, 2, 5, 6, 18, RVT_OP32),        /* remw s2, ., 0 */
        RVT_R(1, 2, 5, 7, 19, RVT_OP32),        /* remuw s3, ., 0 */
        RVT_R(1, 4, 5, 4, 20, RVT_OP32),        /* divw s4, INT32_MIN, -1 */
        RVT_R(1, 4, 5, 6, 21, RVT_OP32),        /* remw s5, INT32_MIN, -1 */
        RVT_R(1, 4, 1, 1, 22, RVT_OP),          /* mulh s6, -7, -1 */
        RVT_R(1, 4, 4, 3, 23, RVT_OP),          /* mulhu s7, -1, -1 */
        RVT_R(1, 4, 4, 2, 24, RVT_OP),          /* mulhsu s8, -1, -1 */
        RVT_R(1, 6, 5, 0, 25, RVT_OP32),        /* mulw s9 */
    };
    const uint64_t in[] = { (uint64_t)-7, 0, MIN64, ~0ull, 0x80000000ull, 0x10001 };
    const uint64_t out[] = {
        ~0ull, ~0ull, (uint64_t)-7, (uint64_t)-7, MIN64, 0,
        ~0ull, ~0ull, 0xffffffff80000000ull, 0xffffffff80000000ull,
        0xffffffff80000000ull, 0, 0, 0xfffffffffffffffeull, ~0ull,
        0xffffffff80000000ull,
    };

    (void)state;
    run_each(code, N(code), in, N(in), out, N(out));
}

static void test_word_shifts(void **state)
{
    const uint32_t code[] = {
        RVT_R(0, 2, 1, 1, 10, RVT_OP32),        /* sllw a0, x1, 33: by 1 */
        RVT_R(0x20, 2, 1, 5, 11, RVT_OP32),     /* sraw a1: by 1 */
        RVT_R(0, 2, 1, 5, 12, RVT_OP32),        /* srlw a2: by 1 */
        RVT_R(0, 2, 1, 1, 13, RVT_OP),          /* sll a3, x1, 33 */
        RVT_I(31, 1, 5, 14, RVT_OP_IMM32),      /* srliw a4, x1, 31 */
        RVT_I(0x400 | 31, 1, 5, 15, RVT_OP_IMM32), /* sraiw a5, x1, 31 */
        RVT_I(0x7ff, 1, 0, 16, RVT_OP_IMM32),   /* addiw a6, x1, 2047 */
        RVT_R(0, 1, 1, 0, 17, RVT_OP32),        /* addw a7 */
    };
    const uint64_t in[] = { 0x1234567880000001ull, 33 };
    const uint64_t out[] = {
        2, 0xffffffffc0000000ull, 0x40000000, 0x0000000200000000ull, 1, ~0ull,
        0xffffffff80000800ull, 2,
    };

    (void)state;
    run_each(code, N(code), in, N(in), out, N(out));
}

static void prepare_lr_sc(void)
{
    uint64_t v = 77, w = 0x80000000u;

    memcpy(g2h(RVT_DATA), &v, 8);
    memcpy(g2h(RVT_DATA + 8), &w, 8);
    rvt_env->res_addr = ~0ull;
}

static void test_lr_sc(void **state)
{
    const uint32_t code[] = {
        RVT_AMO(0x03, 2, 1, 3, 10),             /* sc.d a0 (no reservation) */
        RVT_AMO(0x02, 0, 1, 3, 11),             /* lr.d a1, (x1) */
        RVT_AMO(0x03, 2, 3, 3, 12),             /* sc.d a2 to x3: fails */
        RVT_AMO(0x02, 0, 1, 3, 13),             /* lr.d a3 */
        RVT_AMO(0x03, 2, 1, 3, 14),             /* sc.d a4: succeeds */
        RVT_AMO(0x03, 2, 1, 3, 15),             /* sc.d a5 again: fails */
        RVT_I(0, 1, 3, 16, RVT_OP_LOAD),        /* ld a6, (x1) */
        RVT_AMO(0x02, 0, 3, 2, 17),             /* lr.w a7, (x3) */
    };
    const uint64_t in[] = { RVT_DATA, 0x5555, RVT_DATA + 8 };
    const uint64_t out[] = { 1, 77, 1, 77, 0, 1, 0x5555, 0xffffffff80000000ull };

    (void)state;
    prepare = prepare_lr_sc;
    run_each(code, N(code), in, N(in), out, N(out));
}

static void prepare_amo(void)
{
    uint64_t w = 0xffffffffu, d = 5;

    memcpy(g2h(RVT_DATA), &w, 8);
    memcpy(g2h(RVT_DATA + 16), &d, 8);
}

static void test_amo(void **state)
{
    const uint32_t code[] = {
        RVT_AMO(0x00, 2, 1, 2, 10),             /* amoadd.w a0 */
        RVT_AMO(0x1c, 3, 4, 3, 11),             /* amomaxu.d a1 */
        RVT_AMO(0x10, 3, 4, 3, 12),             /* amomin.d a2 */
        RVT_AMO(0x01, 2, 4, 3, 13),             /* amoswap.d a3 */
        RVT_I(0, 1, 6, 14, RVT_OP_LOAD),        /* lwu a4, (x1) */
        RVT_I(0, 4, 3, 15, RVT_OP_LOAD),        /* ld a5, (x4) */
    };
    const uint64_t in[] = { RVT_DATA, 1, ~0ull, RVT_DATA + 16 };
    const uint64_t out[] = {
        0xffffffffffffffffull, 5, ~0ull, ~0ull, 0, 1,
    };

    (void)state;
    prepare = prepare_amo;
    run_each(code, N(code), in, N(in), out, N(out));
}

static void test_compressed(void **state)
{
    const uint16_t code[] = {
        0x5529,     /* c.li a0, -22 */
        0x0529,     /* c.addi a0, 10 */
        0x85aa,     /* c.mv a1, a0 */
        0x95aa,     /* c.add a1, a0 */
        0x0592,     /* c.slli a1, 4 */
        0x4601,     /* c.li a2, 0 */
        0x8d89,     /* c.sub a1, a0 */
    };
    const uint64_t out[] = { (uint64_t)-12, (uint64_t)(-24 * 16 + 12), 0 };

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load16(code, N(code));
        memset(rvt_env->x, 0, sizeof(rvt_env->x));
        rvt_env->x[12] = 99;
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->pc, RVT_CODE + 2 * N(code));
        for (size_t i = 0; i < N(out); i++)
            assert_int_equal(rvt_env->x[10 + i], out[i]);
    }
}

static void test_zbb_corners(void **state)
{
    const uint32_t code[] = {
        RVT_R(0x30, 1, 1, 1, 10, RVT_OP_IMM32), /* ctzw a0, x1 */
        RVT_R(0x30, 0, 2, 1, 11, RVT_OP_IMM),   /* clz a1, x2 (0) */
        RVT_R(0x30, 0, 2, 1, 12, RVT_OP_IMM32), /* clzw a2, x2 */
        RVT_R(0x14, 7, 3, 5, 13, RVT_OP_IMM),   /* orc.b a3, x3 */
        RVT_R(0x35, 24, 3, 5, 14, RVT_OP_IMM),  /* rev8 a4, x3 */
        RVT_R(0x30, 2, 1, 1, 15, RVT_OP_IMM32), /* cpopw a5, x1 */
        RVT_R(0x30, 1, 3, 1, 16, RVT_OP),       /* rol a6, x3, x1 (by 0) */
        RVT_R(0x04, 1, 3, 0, 17, RVT_OP32),     /* add.uw a7, x3, x1 */
    };
    const uint64_t in[] = { MIN64, 0, 0x0011002200000300ull };
    const uint64_t out[] = {
        32, 64, 32, 0x00ff00ff0000ff00ull, 0x0003000022001100ull, 0,
        0x0011002200000300ull, MIN64 + 0x300,
    };

    (void)state;
    run_each(code, N(code), in, N(in), out, N(out));
}

static void test_csr(void **state)
{
    const uint32_t code[] = {
        RVT_CSR(0x003, 1, 1, 10),               /* csrrw a0, fcsr, x1 */
        RVT_CSR(0x002, 0, 2, 11),               /* csrr a1, frm */
        RVT_CSR(0x001, 0, 2, 12),               /* csrr a2, fflags */
        RVT_CSR(0x001, 2, 3, 13),               /* csrrc a3, fflags, x2 */
        RVT_CSR(0x003, 0, 2, 14),               /* csrr a4, fcsr */
        RVT_CSR(0xc00, 0, 2, 15),               /* rdcycle a5 */
        RVT_CSR(0xc01, 0, 2, 16),               /* rdtime a6 */
    };
    const uint64_t in[] = { 0xff, 0x3 };

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_env->fflags = 0x11;
        rvt_env->frm = 0;
        rvt_load(code, N(code));
        memset(rvt_env->x, 0, sizeof(rvt_env->x));
        for (size_t i = 0; i < N(in); i++)
            rvt_env->x[1 + i] = in[i];
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 0x11);
        assert_int_equal(rvt_env->x[11], 7);
        assert_int_equal(rvt_env->x[12], 0x1f);
        assert_int_equal(rvt_env->x[13], 0x1f);
        assert_int_equal(rvt_env->x[14], 0xfc);
        assert_true(rvt_env->x[15] != 0);
        assert_true(rvt_env->x[16] != 0);
        assert_int_equal(rvt_env->fflags, 0x1c);
        assert_int_equal(rvt_env->frm, 7);
    }
}

static void put32_at(uint64_t addr, uint32_t w)
{
    memcpy(g2h(addr), &w, 4);
}

/* Run one instruction expected to raise code, with pc at it. */
static void expect_excp(uint32_t insn, int code)
{
    const uint32_t prog[] = { RVT_ADDI(10, 0, 1), insn };

    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(prog, N(prog));
        assert_int_equal(rvt_run(), code);
        assert_int_equal(rvt_env->pc, RVT_CODE + 4);
        assert_int_equal(rvt_env->x[10], 1);
    }
}

static void test_exceptions(void **state)
{
    (void)state;
    expect_excp(RVT_ECALL, RV_EXCP_ECALL);
    expect_excp(0, RV_EXCP_ILLEGAL);                    /* c.unimp */
    expect_excp(0xffffffffu, RV_EXCP_ILLEGAL);
    expect_excp(RVT_CSR(0xc00, 1, 1, 0), RV_EXCP_ILLEGAL);  /* csrw cycle */
    expect_excp(RVT_CSR(0xc02, 1, 6, 0), RV_EXCP_ILLEGAL);  /* csrrsi instret, 1 */
    expect_excp(RVT_CSR(0x7c0, 0, 2, 5), RV_EXCP_ILLEGAL);  /* no such csr */
}

static void test_misaligned_atomic(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(1, 0, 0x7ff),
        RVT_U(RVT_DATA, 2, RVT_OP_LUI),
        RVT_ADDI(2, 2, 4),
        RVT_AMO(0x00, 1, 2, 3, 10),             /* amoadd.d at DATA+4 */
    };

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(code, N(code));
        assert_int_equal(rvt_run(), EXEC_EXCP_ALIGN);
        assert_int_equal(rvt_env->pc, RVT_CODE + 12);
        assert_int_equal(exec_cpu_fault(rvt_cpu)->addr, RVT_DATA + 4);
        assert_int_equal(rvt_env->x[2], RVT_DATA + 4);
    }
}

static void test_faults(void **state)
{
    const uint32_t load[] = {
        RVT_ADDI(10, 0, 1),
        RVT_ADDI(11, 0, 2),
        RVT_I(8, 1, 3, 12, RVT_OP_LOAD),        /* ld a2, 8(x1): unmapped */
    };
    const uint32_t jump[] = {
        RVT_I(0, 1, 0, 1, RVT_OP_JALR),         /* jalr ra, 0(x1) */
    };

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(load, N(load));
        /* Unmapped, and not in ASan's shadow gap (TCI's accesses are
         * instrumented in sanitizer builds). */
        rvt_env->x[1] = 0x500000000000ull;
        assert_int_equal(rvt_run(), EXEC_EXCP_FAULT);
        assert_int_equal(exec_cpu_fault(rvt_cpu)->addr, 0x500000000008ull);
        assert_false(exec_cpu_fault(rvt_cpu)->is_write);
        assert_int_equal(rvt_env->pc, RVT_CODE + 8);
        assert_int_equal(rvt_env->x[10], 1);
        assert_int_equal(rvt_env->x[11], 2);

        /* Guest address 0 (the host's null page when guest_base is 0). */
        rvt_load(load, N(load));
        rvt_env->x[1] = (uint64_t)-8;
        assert_int_equal(rvt_run(), EXEC_EXCP_FAULT);
        assert_int_equal(exec_cpu_fault(rvt_cpu)->addr, 0);
        assert_true(rvt_env->pc == RVT_CODE + 8 || (b == 0 && rvt_env->pc == RVT_CODE));

        rvt_load(jump, N(jump));
        rvt_env->x[1] = RVT_DATA + 0x40;
        assert_int_equal(rvt_run(), EXEC_EXCP_FAULT);
        assert_true(exec_cpu_fault(rvt_cpu)->is_exec);
        assert_int_equal(exec_cpu_fault(rvt_cpu)->addr, RVT_DATA + 0x40);
        assert_int_equal(rvt_env->pc, RVT_DATA + 0x40);
        assert_int_equal(rvt_env->x[1], RVT_CODE + 4);
    }
}

static void test_branches(void **state)
{
    const uint32_t code[] = {
        RVT_ADDI(10, 0, 0),                     /* a0 = 0 */
        RVT_ADDI(10, 10, 1),                    /* loop: a0++ */
        RVT_B(-4, 1, 10, 4),                    /* blt a0, x1, loop */
        RVT_J(8, 11),                           /* jal a1, +8 */
        RVT_ADDI(12, 0, 99),                    /* skipped */
        RVT_B(8, 0, 0, 1),                      /* bne x0, x0: not taken */
        RVT_ADDI(13, 0, 7),
    };
    const uint64_t in[] = { 1000 };
    const uint64_t out[] = { 1000, RVT_CODE + 16, 0, 7 };

    (void)state;
    run_each(code, N(code), in, N(in), out, N(out));
}

#define OP_FP 0x53
static void test_fp(void **state)
{
    const uint32_t code[] = {
        RVT_R(0x79, 0, 1, 0, 1, OP_FP),         /* fmv.d.x f1, x1 */
        RVT_R(0x79, 0, 2, 0, 2, OP_FP),         /* fmv.d.x f2, x2 */
        RVT_R(0x01, 2, 1, 7, 3, OP_FP),         /* fadd.d f3, f1, f2 (dyn) */
        RVT_R(0x71, 0, 3, 0, 10, OP_FP),        /* fmv.x.d a0, f3 */
        RVT_R(0x10, 1, 1, 0, 4, OP_FP),         /* fsgnj.s f4, f1, f1 */
        RVT_R(0x71, 0, 4, 0, 11, OP_FP),        /* fmv.x.d a1, f4 */
        RVT_R(0x78, 0, 3, 0, 5, OP_FP),         /* fmv.w.x f5, x3 */
        RVT_R(0x71, 0, 5, 0, 12, OP_FP),        /* fmv.x.d a2, f5 */
        RVT_R(0x61, 2, 3, 1, 13, OP_FP),        /* fcvt.l.d a3, f3, rtz */
        RVT_R(0x70, 0, 5, 0, 14, OP_FP),        /* fmv.x.w a4, f5 */
        RVT_R(0x51, 2, 3, 1, 15, OP_FP),        /* flt.d a5, f3, f2 */
    };
    const uint64_t in[] = { 0x3ff0000000000000ull, 0x4000000000000000ull, 0xc0490fdbull };
    const uint64_t out[] = {
        0x4008000000000000ull, 0xffffffff7fc00000ull, 0xffffffffc0490fdbull, 3,
        0xffffffffc0490fdbull, 0,
    };

    (void)state;
    run_each(code, N(code), in, N(in), out, N(out));
}

/* A dynamic rounding mode with frm holding 5..7 is illegal; a static
 * one does not look at frm. */
static void test_fp_bad_frm(void **state)
{
    const uint32_t ok[] = { RVT_R(0x01, 2, 1, 0, 3, OP_FP) };

    (void)state;
    rvt_env->frm = 5;
    expect_excp(RVT_R(0x01, 2, 1, 7, 3, OP_FP), RV_EXCP_ILLEGAL);
    rvt_env->frm = 6;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        rvt_load(ok, N(ok));
        assert_int_equal(rvt_run(), RV_EXCP_EBREAK);
    }
}

/* A 4-byte instruction straddling into a page that is not executable
 * faults at the second page; a block stops before it otherwise. */
static void test_page_straddle(void **state)
{
    const struct personality_mmap_ops *ops = linux_user_personality.mmap;
    uint64_t last = RVT_CODE + RVT_AREA - 2;
    uint32_t addi = RVT_ADDI(10, 10, 1);
    uint16_t cnop = 0x0001;

    (void)state;
    for (size_t b = 0; b < N(backends); b++) {
        if (!rvt_backend(backends[b]))
            continue;
        /* c.nop at page end - 4, then addi straddling the area's end */
        memcpy(g2h(last - 2), &cnop, 2);
        memcpy(g2h(last), &addi, 2);
        exec_flush_all();
        rvt_env->x[10] = 0;
        rvt_env->pc = last - 2;
        assert_int_equal(exec_cpu_exec(rvt_cpu), EXEC_EXCP_FAULT);
        assert_true(exec_cpu_fault(rvt_cpu)->is_exec);
        assert_int_equal(exec_cpu_fault(rvt_cpu)->addr, last + 2);
        assert_int_equal(rvt_env->pc, last);
        /* Map the next page executable: the instruction runs. */
        assert_int_equal(ops->map_anon(last + 2, 0x1000,
                                       PROT_READ | PROT_WRITE | PROT_EXEC, true),
                         (int64_t)(last + 2));
        memcpy(g2h(last + 2), (const uint8_t *)&addi + 2, 2);
        put32_at(last + 4, RVT_EBREAK);
        exec_flush_all();
        rvt_env->pc = last - 2;
        assert_int_equal(exec_cpu_exec(rvt_cpu), RV_EXCP_EBREAK);
        assert_int_equal(rvt_env->x[10], 1);
        assert_int_equal(ops->unmap(last + 2, 0x1000), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_x0_and_basics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_division_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_word_shifts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lr_sc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_amo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compressed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zbb_corners, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csr, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exceptions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misaligned_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_branches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fp_bad_frm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_straddle, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
