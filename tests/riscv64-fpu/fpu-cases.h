/*
 * The riscv64 F/D differential test's cases, shared by the guest oracle
 * (fpu-oracle.c, run under qemu-riscv64) and the host side
 * (tests/fuzz/rv-fpu-host.c, uemu's helpers).  Both include this file,
 * supply fpu_exec() and call fpu_run(); the same operations, operands
 * and rounding modes come out in the same order, one line each:
 *
 *   OP RM A B C -> RESULT FFLAGS
 *
 * A, B, C and RESULT are 64-bit register images in hex (S values as the
 * f register holds them, NaN-boxed or deliberately not), RM is
 * rne/rtz/rdn/rup/rmm, "-" for instructions without rm, or dynN (rm=dyn
 * with frm=N).  Every operation runs over edge-case operand tables, then
 * over `nrandom` seeded pseudo-random operand tuples (no floating-point
 * arithmetic here: both sides must generate the same bits).
 */
#ifndef TESTS_RISCV64_FPU_CASES_H
#define TESTS_RISCV64_FPU_CASES_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* X(id, mnemonic, guest shape, host shape, R (has rm) or N, sources)
 * Source kinds: D double, S single register image, X integer. */
#define FPU_OPS(X)                                              \
    X(fadd_d, "fadd.d", F_FF, D_DD, R, "DD")                    \
    X(fsub_d, "fsub.d", F_FF, D_DD, R, "DD")                    \
    X(fmul_d, "fmul.d", F_FF, D_DD, R, "DD")                    \
    X(fdiv_d, "fdiv.d", F_FF, D_DD, R, "DD")                    \
    X(fsqrt_d, "fsqrt.d", F_F, D_D, R, "D")                     \
    X(fmadd_d, "fmadd.d", F_FFF, D_DDD, R, "ddd")               \
    X(fmsub_d, "fmsub.d", F_FFF, D_DDD, R, "ddd")               \
    X(fnmsub_d, "fnmsub.d", F_FFF, D_DDD, R, "ddd")             \
    X(fnmadd_d, "fnmadd.d", F_FFF, D_DDD, R, "ddd")             \
    X(fmin_d, "fmin.d", F_FF, D_DD_N, N, "DD")                  \
    X(fmax_d, "fmax.d", F_FF, D_DD_N, N, "DD")                  \
    X(feq_d, "feq.d", X_FF, X_DD, N, "DD")                      \
    X(flt_d, "flt.d", X_FF, X_DD, N, "DD")                      \
    X(fle_d, "fle.d", X_FF, X_DD, N, "DD")                      \
    X(fclass_d, "fclass.d", X_F, X_D, N, "D")                   \
    X(fsgnj_d, "fsgnj.d", F_FF, D_DD_P, N, "DD")                \
    X(fsgnjn_d, "fsgnjn.d", F_FF, D_DD_P, N, "DD")              \
    X(fsgnjx_d, "fsgnjx.d", F_FF, D_DD_P, N, "DD")              \
    X(fcvt_w_d, "fcvt.w.d", X_F, X_D_R, R, "D")                 \
    X(fcvt_wu_d, "fcvt.wu.d", X_F, X_D_R, R, "D")               \
    X(fcvt_l_d, "fcvt.l.d", X_F, X_D_R, R, "D")                 \
    X(fcvt_lu_d, "fcvt.lu.d", X_F, X_D_R, R, "D")               \
    X(fcvt_d_w, "fcvt.d.w", F_Xe, D_X, R, "X")                   \
    X(fcvt_d_wu, "fcvt.d.wu", F_Xe, D_X, R, "X")                 \
    X(fcvt_d_l, "fcvt.d.l", F_X, D_X, R, "X")                   \
    X(fcvt_d_lu, "fcvt.d.lu", F_X, D_X, R, "X")                 \
    X(fcvt_s_d, "fcvt.s.d", F_F, S_D, R, "D")                   \
    X(fcvt_d_s, "fcvt.d.s", F_Fe, D_S, R, "S")                   \
    X(fadd_s, "fadd.s", F_FF, S_SS, R, "SS")                    \
    X(fsub_s, "fsub.s", F_FF, S_SS, R, "SS")                    \
    X(fmul_s, "fmul.s", F_FF, S_SS, R, "SS")                    \
    X(fdiv_s, "fdiv.s", F_FF, S_SS, R, "SS")                    \
    X(fsqrt_s, "fsqrt.s", F_F, S_S, R, "S")                     \
    X(fmadd_s, "fmadd.s", F_FFF, S_SSS, R, "sss")               \
    X(fmsub_s, "fmsub.s", F_FFF, S_SSS, R, "sss")               \
    X(fnmsub_s, "fnmsub.s", F_FFF, S_SSS, R, "sss")             \
    X(fnmadd_s, "fnmadd.s", F_FFF, S_SSS, R, "sss")             \
    X(fmin_s, "fmin.s", F_FF, S_SS_N, N, "SS")                  \
    X(fmax_s, "fmax.s", F_FF, S_SS_N, N, "SS")                  \
    X(feq_s, "feq.s", X_FF, X_SS, N, "SS")                      \
    X(flt_s, "flt.s", X_FF, X_SS, N, "SS")                      \
    X(fle_s, "fle.s", X_FF, X_SS, N, "SS")                      \
    X(fclass_s, "fclass.s", X_F, X_S, N, "S")                   \
    X(fsgnj_s, "fsgnj.s", F_FF, S_SS_P, N, "SS")                \
    X(fsgnjn_s, "fsgnjn.s", F_FF, S_SS_P, N, "SS")              \
    X(fsgnjx_s, "fsgnjx.s", F_FF, S_SS_P, N, "SS")              \
    X(fcvt_w_s, "fcvt.w.s", X_F, X_S_R, R, "S")                 \
    X(fcvt_wu_s, "fcvt.wu.s", X_F, X_S_R, R, "S")               \
    X(fcvt_l_s, "fcvt.l.s", X_F, X_S_R, R, "S")                 \
    X(fcvt_lu_s, "fcvt.lu.s", X_F, X_S_R, R, "S")               \
    X(fcvt_s_w, "fcvt.s.w", F_X, S_X, R, "X")                   \
    X(fcvt_s_wu, "fcvt.s.wu", F_X, S_X, R, "X")                 \
    X(fcvt_s_l, "fcvt.s.l", F_X, S_X, R, "X")                   \
    X(fcvt_s_lu, "fcvt.s.lu", F_X, S_X, R, "X")

enum fpu_op_id {
#define FPU_ENUM(id, mn, g, h, r, src) OP_##id,
    FPU_OPS(FPU_ENUM)
#undef FPU_ENUM
    OP_COUNT
};

struct fpu_op_desc {
    const char *name;
    int has_rm;
    const char *src;    /* lower case: the small tables (fused ops) */
};

static const struct fpu_op_desc fpu_op_descs[OP_COUNT] = {
#define FPU_DESC(id, mn, g, h, r, src) [OP_##id] = { mn, #r[0] == 'R', src },
    FPU_OPS(FPU_DESC)
#undef FPU_DESC
};

/* The rm argument of fpu_exec: 0..4 static, FPU_RM_DYN + frm dynamic. */
#define FPU_RM_DYN 8

/* Run op in rounding mode rm on register images a, b, c; return the
 * destination register and set *fflags to the flags it raised. */
static uint64_t fpu_exec(int op, int rm, uint64_t a, uint64_t b, uint64_t c,
                         uint32_t *fflags);

static const uint64_t fpu_dvals[] = {
    0x0000000000000000, 0x8000000000000000, 0x0000000000000001,
    0x8000000000000001, 0x000fffffffffffff, 0x0010000000000000,
    0x8010000000000000, 0x0018000000000000, 0x8008000000000000,
    0x3ff0000000000000, 0xbff0000000000000, 0x3ff0000000000001,
    0x3fefffffffffffff, 0x3ff8000000000000, 0x4004000000000000,
    0xc004000000000000, 0x3fe0000000000000, 0xbfe0000000000000,
    0x4008000000000000, 0x4010000000000000, 0x4330000000000001,
    0x4340000000000001, 0x3fd5555555555555, 0x3ca0000000000000,
    0x3ff0000010000000, 0x3ff0000030000000, 0x7fefffffffffffff,
    0xffefffffffffffff, 0x7fe0000000000000, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000123,
    0x7ff0000000000001, 0xfff4000000000000, 0x41e0000000000000,
    0x41dfffffffe00000, 0xc1e0000000000000, 0xc1e0000000200000,
    0xc1e0000000100000, 0x41f0000000000000, 0x41efffffffe00000,
    0x43e0000000000000, 0xc3e0000000000000, 0x43f0000000000000,
    0x43efffffffffffff, 0x36a0000000000000, 0x3690000000000000,
    0x3810000000000000, 0x380fffffffffffff, 0x47efffffe0000000,
    0x47effffff0000000, 0xc7effffff0000001, 0x3e80000000000000,
};

/* Single values; the f register holds them NaN-boxed. */
static const uint32_t fpu_svals[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff,
    0x00800000, 0x80800000, 0x00c00000, 0x80400000, 0x3f800000,
    0xbf800000, 0x3f800001, 0x3f7fffff, 0x3fc00000, 0x40200000,
    0xc0200000, 0x3f000000, 0xbf000000, 0x40400000, 0x40800000,
    0x4b000001, 0x4b800001, 0x3eaaaaab, 0x33800000, 0x3f800800,
    0x7f7fffff, 0xff7fffff, 0x7f000000, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00123, 0x7f800001, 0xffa00000, 0x4f000000,
    0xcf000000, 0x4effffff, 0x4f800000, 0x4f7fffff, 0x5f000000,
    0xdf000000, 0x5f800000, 0x5f7fffff, 0x34000000, 0xcf000001,
};

/* Register images that are not valid NaN boxes: read as canonical NaN. */
static const uint64_t fpu_sbroken[] = {
    0x000000003f800000, 0x7fffffff3f800000, 0xfffffffe40000000,
};

static const uint64_t fpu_xvals[] = {
    0, 1, 2, 3, 0xffffffffffffffff, 0xfffffffffffffffe, 0x7fffffff,
    0x80000000, 0xffffffff, 0x100000000, 0xffffffff80000000,
    0xffffffff7fffffff, 0x7fffffffffffffff, 0x8000000000000000,
    0x8000000000000001, 0x0020000000000001, 0x0020000000000003,
    0x0010000000000001, 0x01000001, 0x01000003, 0x00ffffff,
    0xfffffffffeffffff, 0xfffffffffefffffd, 0x1234567887654321,
    0xfedcba9876543210, 0x80000001, 0x7fffff80, 0xffffffffffffffc0,
    0x00000000fffffe80, 0xfffffffffffffc01,
};

/* Small tables for the three-operand fused ops. */
static const uint64_t fpu_dsmall[] = {
    0x0000000000000000, 0x8000000000000000, 0x0000000000000001,
    0x800fffffffffffff, 0x0010000000000000, 0x3ff0000000000000,
    0xbff0000000000000, 0x3ff0000000000001, 0x3ff8000000000000,
    0x3ca0000000000000, 0x7fefffffffffffff, 0xfff0000000000000,
    0x7ff8000000000000, 0x7ff0000000000001, 0x3fd5555555555555,
};

static const uint32_t fpu_ssmall[] = {
    0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00800000,
    0x3f800000, 0xbf800000, 0x3f800001, 0x3fc00000, 0x33800000,
    0x7f7fffff, 0xff800000, 0x7fc00000, 0x7f800001, 0x3eaaaaab,
};

#define FPU_NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t fpu_table_len(char kind)
{
    switch (kind) {
    case 'D': return FPU_NELEM(fpu_dvals);
    case 'S': return FPU_NELEM(fpu_svals) + FPU_NELEM(fpu_sbroken);
    case 'X': return FPU_NELEM(fpu_xvals);
    case 'd': return FPU_NELEM(fpu_dsmall);
    default:  return FPU_NELEM(fpu_ssmall);
    }
}

static uint64_t fpu_table_val(char kind, uint64_t i)
{
    switch (kind) {
    case 'D': return fpu_dvals[i];
    case 'S':
        if (i < FPU_NELEM(fpu_svals))
            return 0xffffffff00000000ull | fpu_svals[i];
        return fpu_sbroken[i - FPU_NELEM(fpu_svals)];
    case 'X': return fpu_xvals[i];
    case 'd': return fpu_dsmall[i];
    default:  return 0xffffffff00000000ull | fpu_ssmall[i];
    }
}

static uint64_t fpu_rng_state;

static uint64_t fpu_rand(void)
{
    uint64_t x = fpu_rng_state;

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    fpu_rng_state = x;
    return x * 0x2545f4914f6cdd1dull;
}

/* A random value of a format: exponents clustered where rounding is
 * interesting (around 1, the subnormal boundary, overflow), short
 * significands (exact products, ties), table values, raw bits. */
static uint64_t fpu_rand_float(int ebits, int fbits)
{
    uint64_t r = fpu_rand(), emask = (1ull << ebits) - 1, bias = emask >> 1;
    uint64_t sign = (r & 1) << (ebits + fbits), frac = fpu_rand() & ((1ull << fbits) - 1);
    uint64_t e;

    switch ((r >> 1) % 8) {
    case 0: return fpu_rand() & ((sign << 1) - 1);
    case 1: e = bias + ((r >> 8) % 9) - 4; break;
    case 2: e = (r >> 8) % 4; break;
    case 3: e = emask - 1 - (r >> 8) % 3; break;
    case 4: e = bias - fbits + (r >> 8) % (2 * fbits);
            frac &= ~0ull << (fbits - (r >> 16) % fbits); break;
    case 5: e = (r >> 8) % emask;
            frac &= ~0ull << (fbits / 2); break;
    case 6: e = bias + 20 + (r >> 8) % 50;
            frac &= ~0ull << ((r >> 16) % fbits); break;
    default: e = (r >> 8) % emask; break;
    }
    return sign | e << fbits | frac;
}

static uint64_t fpu_rand_val(char kind)
{
    uint64_t r = fpu_rand();

    if (r % 16 == 0)
        return fpu_table_val(kind, (r >> 8) % fpu_table_len(kind));
    switch (kind) {
    case 'D': case 'd':
        return fpu_rand_float(11, 52);
    case 'S': case 's':
        if (r % 64 == 1)
            return fpu_rand() & 0xfffffffeffffffffull;
        return 0xffffffff00000000ull | fpu_rand_float(8, 23);
    default:
        switch ((r >> 4) % 4) {
        case 0: return fpu_rand();
        case 1: return (uint64_t)(int64_t)(int32_t)fpu_rand();
        case 2: return fpu_rand() >> (r >> 8) % 64;
        default: return fpu_rand() << (r >> 8) % 64;
        }
    }
}

/* The addend of a random fused op: near -(a*b) so that it cancels. */
static uint64_t fpu_rand_addend(char kind, uint64_t a, uint64_t b)
{
    int fbits = kind == 'd' ? 52 : 23, ebits = kind == 'd' ? 11 : 8;
    uint64_t emask = (1ull << ebits) - 1, r = fpu_rand();
    int64_t ea = (a >> fbits) & emask, eb = (b >> fbits) & emask;
    int64_t e = ea + eb - (int64_t)(emask >> 1) + (int64_t)(r % 5) - 2;
    uint64_t sign = ((a ^ b) >> (fbits + ebits) & 1) ^ ((r >> 3) % 4 != 0);
    uint64_t frac = (a ^ (fpu_rand() & ((r >> 5) % 2 ? 0xff : 0))) & ((1ull << fbits) - 1);

    if ((r >> 7) % 4 == 0 || e <= 0 || e >= (int64_t)emask)
        return fpu_rand_val(kind);
    if (kind == 's')
        return 0xffffffff00000000ull | sign << 31 | (uint64_t)e << 23 | frac;
    return sign << 63 | (uint64_t)e << 52 | frac;
}

static const char *const fpu_rm_names[5] = { "rne", "rtz", "rdn", "rup", "rmm" };

static void fpu_line(int op, int rm, const uint64_t *v)
{
    uint32_t fl = 0;
    uint64_t r = fpu_exec(op, rm, v[0], v[1], v[2], &fl);
    char rmname[8];

    if (!fpu_op_descs[op].has_rm)
        strcpy(rmname, "-");
    else if (rm >= FPU_RM_DYN)
        snprintf(rmname, sizeof(rmname), "dyn%d", rm - FPU_RM_DYN);
    else
        strcpy(rmname, fpu_rm_names[rm]);
    printf("%s %s %016llx %016llx %016llx -> %016llx %02x\n",
           fpu_op_descs[op].name, rmname, (unsigned long long)v[0],
           (unsigned long long)v[1], (unsigned long long)v[2],
           (unsigned long long)r, fl);
}

static void fpu_all_rms(int op, const uint64_t *v)
{
    if (!fpu_op_descs[op].has_rm) {
        fpu_line(op, 0, v);
        return;
    }
    for (int rm = 0; rm < 5; rm++)
        fpu_line(op, rm, v);
}

/* Edge tables (full cross product), dynamic rounding on the first
 * operands, then nrandom random tuples; op < 0: all operations. */
static void fpu_run(int only_op, unsigned long nrandom, uint64_t seed)
{
    for (int op = 0; op < OP_COUNT; op++) {
        const char *src = fpu_op_descs[op].src;
        int n = (int)strlen(src);
        uint64_t len[3] = { 1, 1, 1 }, idx[3], v[3] = { 0, 0, 0 };

        if (only_op >= 0 && op != only_op)
            continue;
        for (int i = 0; i < n; i++)
            len[i] = fpu_table_len(src[i]);
        for (idx[0] = 0; idx[0] < len[0]; idx[0]++)
            for (idx[1] = 0; idx[1] < len[1]; idx[1]++)
                for (idx[2] = 0; idx[2] < len[2]; idx[2]++) {
                    for (int i = 0; i < n; i++)
                        v[i] = fpu_table_val(src[i], idx[i]);
                    fpu_all_rms(op, v);
                    if (fpu_op_descs[op].has_rm && idx[0] < 6 &&
                        idx[1] < 3 && idx[2] < 2)
                        for (int frm = 0; frm < 5; frm++)
                            fpu_line(op, FPU_RM_DYN + frm, v);
                }
        fpu_rng_state = seed * 0x9e3779b97f4a7c15ull + (uint64_t)op + 1;
        for (unsigned long k = 0; k < nrandom; k++) {
            for (int i = 0; i < n; i++)
                v[i] = fpu_rand_val(src[i]);
            if (n == 3 && k % 2)
                v[2] = fpu_rand_addend(src[2], v[0], v[1]);
            fpu_all_rms(op, v);
        }
    }
}

#endif
