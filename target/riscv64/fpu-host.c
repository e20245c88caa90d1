/*
 * The fast path of the riscv64 FP arithmetic: the host's SSE unit, where
 * its results and flags are exactly the RISC-V ones.
 *
 * Why that holds on x86_64 for add, sub, mul, div, sqrt and fma in RNE,
 * RTZ, RDN and RUP:
 *   - SSE rounds IEEE-correctly in the four IEEE modes (MXCSR.RC) and,
 *     with all exceptions masked and FTZ/DAZ clear, keeps subnormals;
 *   - SSE detects tininess after rounding, as RISC-V does, and with UE
 *     masked raises UE only for a tiny and inexact result, which is
 *     RISC-V's UF; IE, ZE, OE, PE are NV, DZ, OF, NX;
 *   - results differ only in NaNs: x86 propagates a payload, RISC-V
 *     returns the canonical NaN, so a NaN result is replaced here;
 *   - x86 FMA does not raise IE for inf * 0 + qNaN, RISC-V requires NV:
 *     added here.
 * RMM has no x86 encoding, and hosts without FMA3 have no fused
 * multiply-add; both go to the exact integer implementation
 * (fpu-soft.c), as does every operation on a host that is not x86_64.
 * tests/unit/test-riscv64-fpu.c checks this path against fpu-soft.c on
 * random operands, tests/riscv64-fpu/run against qemu-riscv64.
 *
 * One asm statement per operation saves MXCSR, installs the rounding
 * mode with clear flags, computes, reads the flags and restores MXCSR,
 * so the compiler can neither move the arithmetic out of the rounding
 * mode nor fold it.
 *
 * Writing MXCSR costs more than the arithmetic, so rv_fphost_fast_rne()
 * offers a path without it for the common case: RNE with NX already
 * accrued in fflags.  It runs the bare SSE instruction in the host's own
 * MXCSR (checked to be the default: RNE, all masked, no FTZ/DAZ) and
 * accepts the result only when it is finite and larger in magnitude
 * than the smallest normal.  Then no flag but NX can have been raised:
 * NV always yields a NaN, DZ an infinity, OF in RNE an infinity, and
 * UF (tiny after rounding) a result of at most the smallest normal;
 * NX the caller already has.  Every other case takes the full path.
 */
#include <string.h>
#if __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>
#endif

#include "target/riscv64/cpu.h"
#include "target/riscv64/fpu-internal.h"

static uint64_t soft_op(const struct rv_fmt *f, enum rv_fpop op, uint64_t a,
                        uint64_t b, uint64_t c, int rm, uint32_t *fl)
{
    uint64_t sign = 1ull << (f->ebits + f->p - 1);

    switch (op) {
    case RV_FPOP_ADD:  return rv_fpsoft_add(f, a, b, rm, fl);
    case RV_FPOP_SUB:  return rv_fpsoft_add(f, a, b ^ sign, rm, fl);
    case RV_FPOP_MUL:  return rv_fpsoft_mul(f, a, b, rm, fl);
    case RV_FPOP_DIV:  return rv_fpsoft_div(f, a, b, rm, fl);
    case RV_FPOP_SQRT: return rv_fpsoft_sqrt(f, a, rm, fl);
    case RV_FPOP_FMA:  return rv_fpsoft_fma(f, a, b, c, rm, fl);
    }
    return f->cnan;
}

#if defined(__x86_64__)

/* MXCSR: all exceptions masked, FTZ/DAZ clear, RC per RISC-V rm. */
static const uint32_t mxcsr_for_rm[4] = {
    [RV_RM_RNE] = 0x1f80, [RV_RM_RTZ] = 0x7f80,
    [RV_RM_RDN] = 0x3f80, [RV_RM_RUP] = 0x5f80,
};

/* MXCSR flag bit -> RISC-V flag (DE, bit 1, has no counterpart). */
static const uint8_t fflag_of_mxcsr[6] = {
    RV_FFLAG_NV, 0, RV_FFLAG_DZ, RV_FFLAG_OF, RV_FFLAG_UF, RV_FFLAG_NX,
};

#define SSE2OP(insn, X, Y)                                              \
    __asm__ volatile("stmxcsr %[old]\n\t"                               \
                     "ldmxcsr %[new]\n\t"                               \
                     insn " %[y], %[x]\n\t"                             \
                     "stmxcsr %[st]\n\t"                                \
                     "ldmxcsr %[old]"                                   \
                     : [x] "+x"(X), [st] "=m"(st), [old] "+m"(old)      \
                     : [y] "x"(Y), [new] "m"(csr))

#define SSE3OP(insn, X, Y, Z)                                           \
    __asm__ volatile("stmxcsr %[old]\n\t"                               \
                     "ldmxcsr %[new]\n\t"                               \
                     insn " %[y], %[x], %[z]\n\t"                       \
                     "stmxcsr %[st]\n\t"                                \
                     "ldmxcsr %[old]"                                   \
                     : [z] "+x"(Z), [st] "=m"(st), [old] "+m"(old)      \
                     : [x] "x"(X), [y] "x"(Y), [new] "m"(csr))

static uint64_t sse_d(enum rv_fpop op, uint64_t a, uint64_t b, uint64_t c,
                      uint32_t csr, uint32_t *status)
{
    double x, y, z;
    uint32_t st = 0, old = 0;
    uint64_t r;

    memcpy(&x, &a, 8);
    memcpy(&y, &b, 8);
    memcpy(&z, &c, 8);
    switch (op) {
    case RV_FPOP_ADD:  SSE2OP("addsd", x, y); break;
    case RV_FPOP_SUB:  SSE2OP("subsd", x, y); break;
    case RV_FPOP_MUL:  SSE2OP("mulsd", x, y); break;
    case RV_FPOP_DIV:  SSE2OP("divsd", x, y); break;
    case RV_FPOP_SQRT: SSE2OP("sqrtsd", x, x); break;
    case RV_FPOP_FMA:  SSE3OP("vfmadd231sd", x, y, z); x = z; break;
    }
    memcpy(&r, &x, 8);
    *status = st;
    return r;
}

static uint64_t sse_s(enum rv_fpop op, uint64_t a, uint64_t b, uint64_t c,
                      uint32_t csr, uint32_t *status)
{
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, c32 = (uint32_t)c, r;
    uint32_t st = 0, old = 0;
    float x, y, z;

    memcpy(&x, &a32, 4);
    memcpy(&y, &b32, 4);
    memcpy(&z, &c32, 4);
    switch (op) {
    case RV_FPOP_ADD:  SSE2OP("addss", x, y); break;
    case RV_FPOP_SUB:  SSE2OP("subss", x, y); break;
    case RV_FPOP_MUL:  SSE2OP("mulss", x, y); break;
    case RV_FPOP_DIV:  SSE2OP("divss", x, y); break;
    case RV_FPOP_SQRT: SSE2OP("sqrtss", x, x); break;
    case RV_FPOP_FMA:  SSE3OP("vfmadd231ss", x, y, z); x = z; break;
    }
    memcpy(&r, &x, 4);
    *status = st;
    return r;
}

/* inf * 0 (+ anything): RISC-V's NV that x86 omits for a qNaN addend. */
static bool inf_times_zero(const struct rv_fmt *f, uint64_t a, uint64_t b)
{
    enum rv_fclass_kind ka = rv_fp_unpack(f, a).kind, kb = rv_fp_unpack(f, b).kind;

    return (ka == RV_FK_INF && kb == RV_FK_ZERO) ||
           (ka == RV_FK_ZERO && kb == RV_FK_INF);
}

#define SSE2BARE(insn, X, Y) __asm__(insn " %[y], %[x]" : [x] "+x"(X) : [y] "x"(Y))
#define SSE3BARE(insn, X, Y, Z) \
    __asm__(insn " %[y], %[x], %[z]" : [z] "+x"(Z) : [x] "x"(X), [y] "x"(Y))

static uint64_t bare_d(enum rv_fpop op, uint64_t a, uint64_t b, uint64_t c)
{
    double x, y, z;
    uint64_t r;

    memcpy(&x, &a, 8);
    memcpy(&y, &b, 8);
    memcpy(&z, &c, 8);
    switch (op) {
    case RV_FPOP_ADD:  SSE2BARE("addsd", x, y); break;
    case RV_FPOP_SUB:  SSE2BARE("subsd", x, y); break;
    case RV_FPOP_MUL:  SSE2BARE("mulsd", x, y); break;
    case RV_FPOP_DIV:  SSE2BARE("divsd", x, y); break;
    case RV_FPOP_SQRT: SSE2BARE("sqrtsd", x, x); break;
    case RV_FPOP_FMA:  SSE3BARE("vfmadd231sd", x, y, z); x = z; break;
    }
    memcpy(&r, &x, 8);
    return r;
}

static uint64_t bare_s(enum rv_fpop op, uint64_t a, uint64_t b, uint64_t c)
{
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, c32 = (uint32_t)c, r;
    float x, y, z;

    memcpy(&x, &a32, 4);
    memcpy(&y, &b32, 4);
    memcpy(&z, &c32, 4);
    switch (op) {
    case RV_FPOP_ADD:  SSE2BARE("addss", x, y); break;
    case RV_FPOP_SUB:  SSE2BARE("subss", x, y); break;
    case RV_FPOP_MUL:  SSE2BARE("mulss", x, y); break;
    case RV_FPOP_DIV:  SSE2BARE("divss", x, y); break;
    case RV_FPOP_SQRT: SSE2BARE("sqrtss", x, x); break;
    case RV_FPOP_FMA:  SSE3BARE("vfmadd231ss", x, y, z); x = z; break;
    }
    memcpy(&r, &x, 4);
    return r;
}

/* FMA3 usable: glibc's start-up answer (libgcc's __builtin_cpu_supports
 * would run cpuid again at start-up, a hypervisor trap each in a VM). */
static bool host_fma(void)
{
#ifdef CPU_FEATURE_ACTIVE
    return CPU_FEATURE_ACTIVE(FMA);
#else
    return __builtin_cpu_supports("fma");
#endif
}

bool rv_fphost_fast_rne(const struct rv_fmt *f, enum rv_fpop op, uint64_t a,
                        uint64_t b, uint64_t c, uint64_t *res)
{
    uint64_t abs_mask = (1ull << (f->ebits + f->p - 1)) - 1;
    uint64_t inf = abs_mask & ~((1ull << (f->p - 1)) - 1);
    uint64_t min_normal = 1ull << (f->p - 1), r, mag;
    uint32_t csr;

    __asm__ volatile("stmxcsr %0" : "=m"(csr));
    if ((csr & 0xffc0) != mxcsr_for_rm[RV_RM_RNE] ||
        (op == RV_FPOP_FMA && !host_fma()))
        return false;
    r = f == &rv_fmt_d ? bare_d(op, a, b, c) : bare_s(op, a, b, c);
    mag = r & abs_mask;
    if (mag <= min_normal || mag >= inf)
        return false;
    *res = r;
    return true;
}

uint64_t rv_fphost_op(const struct rv_fmt *f, enum rv_fpop op, uint64_t a,
                      uint64_t b, uint64_t c, int rm, uint32_t *fl)
{
    uint64_t r, abs_mask = (1ull << (f->ebits + f->p - 1)) - 1;
    uint64_t inf = abs_mask & ~((1ull << (f->p - 1)) - 1);
    uint32_t st;

    if (rm > RV_RM_RUP || (op == RV_FPOP_FMA && !host_fma()))
        return soft_op(f, op, a, b, c, rm, fl);
    if (f == &rv_fmt_d)
        r = sse_d(op, a, b, c, mxcsr_for_rm[rm], &st);
    else
        r = sse_s(op, a, b, c, mxcsr_for_rm[rm], &st);
    for (int i = 0; i < 6; i++)
        if (st & (1u << i))
            *fl |= fflag_of_mxcsr[i];
    if ((r & abs_mask) > inf) {
        if (op == RV_FPOP_FMA && inf_times_zero(f, a, b))
            *fl |= RV_FFLAG_NV;
        r = f->cnan;
    }
    return r;
}

#else

bool rv_fphost_fast_rne(const struct rv_fmt *f, enum rv_fpop op, uint64_t a,
                        uint64_t b, uint64_t c, uint64_t *res)
{
    (void)f, (void)op, (void)a, (void)b, (void)c, (void)res;
    return false;
}

uint64_t rv_fphost_op(const struct rv_fmt *f, enum rv_fpop op, uint64_t a,
                      uint64_t b, uint64_t c, int rm, uint32_t *fl)
{
    return soft_op(f, op, a, b, c, rm, fl);
}

#endif
