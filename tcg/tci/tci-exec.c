/*
 * The TCI interpreter: runs bytecode (tci.h) on any 64-bit little-endian
 * host.  Values live in a frame of 64-bit slots, i32 results kept
 * zero-extended.  goto_tb reads its patch slot atomically, so another
 * thread may chain or unchain the block while it runs.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/tci/tci.h"

/* The instruction doing a guest access, for a host fault in it. */
static __thread const uint32_t *access_pc;

uintptr_t tci_fault_code_pc(uintptr_t host_pc)
{
    (void)host_pc;
    return (uintptr_t)access_pc;
}

static uint64_t sx(uint64_t v, int bits)
{
    return bits == 64 ? v : (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

static bool test(int c, bool i32, uint64_t a, uint64_t b)
{
    int64_t sa = i32 ? (int32_t)a : (int64_t)a;
    int64_t sb = i32 ? (int32_t)b : (int64_t)b;

    switch (c) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    default: return a > b;
    }
}

static uint64_t sdiv(bool i32, uint64_t a, uint64_t b, bool rem)
{
    if (i32) {
        int32_t x = (int32_t)a, y = (int32_t)b;

        if (y == 0)
            return rem ? a : ~0ull;
        if (x == INT32_MIN && y == -1)
            return rem ? 0 : (uint32_t)x;
        return (uint32_t)(rem ? x % y : x / y);
    } else {
        int64_t x = (int64_t)a, y = (int64_t)b;

        if (y == 0)
            return rem ? a : ~0ull;
        if (x == INT64_MIN && y == -1)
            return rem ? 0 : (uint64_t)x;
        return (uint64_t)(rem ? x % y : x / y);
    }
}

static uint64_t fetch_op(int op, int bits, uint64_t old, uint64_t v)
{
    switch (op) {
    case TCG_AOP_ADD: return old + v;
    case TCG_AOP_AND: return old & v;
    case TCG_AOP_OR: return old | v;
    case TCG_AOP_XOR: return old ^ v;
    case TCG_AOP_XCHG: return v;
    case TCG_AOP_SMIN: return (int64_t)sx(old, bits) <= (int64_t)sx(v, bits) ? old : v;
    case TCG_AOP_SMAX: return (int64_t)sx(old, bits) >= (int64_t)sx(v, bits) ? old : v;
    case TCG_AOP_UMIN: return old <= v ? old : v;
    default: return old >= v ? old : v;
    }
}

#define ATOMIC_RMW(T, p, op, v, bits)                                        \
    ({                                                                       \
        T o_ = __atomic_load_n((T *)(p), __ATOMIC_RELAXED);                  \
        while (!__atomic_compare_exchange_n((T *)(p), &o_,                   \
                                            (T)fetch_op(op, bits, o_, v),    \
                                            false, __ATOMIC_SEQ_CST,         \
                                            __ATOMIC_RELAXED))               \
            ;                                                                \
        (uint64_t)o_;                                                        \
    })

static uint64_t atomic_rmw(void *p, unsigned size, int op, uint64_t v)
{
    switch (size) {
    case 0: return ATOMIC_RMW(uint8_t, p, op, (uint8_t)v, 8);
    case 1: return ATOMIC_RMW(uint16_t, p, op, (uint16_t)v, 16);
    case 2: return ATOMIC_RMW(uint32_t, p, op, (uint32_t)v, 32);
    default: return ATOMIC_RMW(uint64_t, p, op, v, 64);
    }
}

#define ATOMIC_CAS(T, p, c, n)                                               \
    ({                                                                       \
        T e_ = (T)(c);                                                       \
        __atomic_compare_exchange_n((T *)(p), &e_, (T)(n), false,            \
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);     \
        (uint64_t)e_;                                                        \
    })

static uint64_t atomic_cas(void *p, unsigned size, uint64_t c, uint64_t n)
{
    switch (size) {
    case 0: return ATOMIC_CAS(uint8_t, p, c, n);
    case 1: return ATOMIC_CAS(uint16_t, p, c, n);
    case 2: return ATOMIC_CAS(uint32_t, p, c, n);
    default: return ATOMIC_CAS(uint64_t, p, c, n);
    }
}

static uint64_t mem_load(const void *p, unsigned memop)
{
    unsigned bits = 8u << (memop & TCG_MO_SIZE);
    uint64_t v = 0;

    memcpy(&v, p, bits / 8);
    return memop & TCG_MO_SIGN ? sx(v, (int)bits) : v;
}

static uint64_t bswap(uint64_t v, int bytes)
{
    return __builtin_bswap64(v) >> (64 - 8 * bytes);
}

/*
 * Guest memory for the access of instruction at pc, or NULL after
 * recording in tcg_fault an alignment fault or an access at host address
 * 0 (which C cannot make: the block ends with TCG_EXIT_FAULT instead of
 * the host fault the JIT takes there).  The access itself may fault on
 * the host: access_pc says where (cleared once it is done).
 */
static void *gmem(uintptr_t gb, uint64_t addr, unsigned memop, bool write,
                  int insn, const uint32_t *pc)
{
    if (((memop & TCG_MO_ALIGN) && (addr & ((1u << (memop & TCG_MO_SIZE)) - 1))) ||
        addr + gb == 0) {
        tcg_fault = (struct tcg_fault){ addr, memop, write, insn, 0 };
        return NULL;
    }
    access_pc = pc;
    /* keep the compiler from moving the access across the marks */
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return (void *)(uintptr_t)(addr + gb);
}

static void access_done(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    access_pc = NULL;
}

uintptr_t tci_exec(const struct tcg_tb *tb, void *env)
{
    uint64_t f[TCG_MAX_TEMPS];
    const uint32_t *base = tb->code, *pc = base;
    uintptr_t gb = tb->guest_base;

    f[0] = (uint64_t)(uintptr_t)env;
    /* a fault handler may have jumped out of an earlier access */
    access_pc = NULL;
    if (tcg_profiling)
        tcg_prof.tb_execs++;
    for (;;) {
        uint32_t h = *pc;
        const uint32_t *a = pc + 1;
        bool i32 = h >> 8 & 1;
        int w = i32 ? 32 : 64;
        uint64_t x = 0, y = 0, r = 0;
        unsigned n, memop;
        void *p;

        pc += h >> 16;
        switch (h & 0xff) {
        case TCG_OP_mov:  r = f[a[1]]; break;
        case TCG_OP_movi: r = tci_u64(a + 1); break;
        case TCG_OP_add:  r = f[a[1]] + f[a[2]]; break;
        case TCG_OP_sub:  r = f[a[1]] - f[a[2]]; break;
        case TCG_OP_mul:  r = f[a[1]] * f[a[2]]; break;
        case TCG_OP_and:  r = f[a[1]] & f[a[2]]; break;
        case TCG_OP_or:   r = f[a[1]] | f[a[2]]; break;
        case TCG_OP_xor:  r = f[a[1]] ^ f[a[2]]; break;
        case TCG_OP_andc: r = f[a[1]] & ~f[a[2]]; break;
        case TCG_OP_orc:  r = f[a[1]] | ~f[a[2]]; break;
        case TCG_OP_neg:  r = -f[a[1]]; break;
        case TCG_OP_not:  r = ~f[a[1]]; break;
        case TCG_OP_div:  r = sdiv(i32, f[a[1]], f[a[2]], false); break;
        case TCG_OP_rem:  r = sdiv(i32, f[a[1]], f[a[2]], true); break;
        case TCG_OP_divu:
            r = f[a[2]] ? f[a[1]] / f[a[2]] : ~0ull;
            break;
        case TCG_OP_remu:
            r = f[a[2]] ? f[a[1]] % f[a[2]] : f[a[1]];
            break;
        case TCG_OP_shl:
            r = f[a[1]] << (f[a[2]] & (w - 1));
            break;
        case TCG_OP_shr:
            r = f[a[1]] >> (f[a[2]] & (w - 1));
            break;
        case TCG_OP_sar:
            r = (uint64_t)((int64_t)sx(f[a[1]], w) >> (f[a[2]] & (w - 1)));
            break;
        case TCG_OP_rotl:
        case TCG_OP_rotr:
            n = (unsigned)(f[a[2]] & (w - 1));
            if ((h & 0xff) == TCG_OP_rotr)
                n = (w - n) & (w - 1);
            x = f[a[1]];
            r = n ? x << n | x >> (w - n) : x;
            break;
        case TCG_OP_mulu2:
        case TCG_OP_muls2:
            x = f[a[2]];
            y = f[a[3]];
            if (i32) {
                r = (h & 0xff) == TCG_OP_muls2
                        ? (uint64_t)((int64_t)(int32_t)x * (int32_t)y) : x * y;
                x = r >> 32;
            } else if ((h & 0xff) == TCG_OP_muls2) {
                __int128 q = (__int128)(int64_t)x * (int64_t)y;
                r = (uint64_t)q;
                x = (uint64_t)((unsigned __int128)q >> 64);
            } else {
                unsigned __int128 q = (unsigned __int128)x * y;
                r = (uint64_t)q;
                x = (uint64_t)(q >> 64);
            }
            f[a[1]] = i32 ? (uint32_t)x : x;
            break;
        case TCG_OP_clz:
            x = f[a[1]];
            r = x ? (uint64_t)__builtin_clzll(x) - (64 - w) : (uint64_t)w;
            break;
        case TCG_OP_ctz:
            x = f[a[1]];
            r = x ? (uint64_t)__builtin_ctzll(x) : (uint64_t)w;
            break;
        case TCG_OP_ctpop:   r = (uint64_t)__builtin_popcountll(f[a[1]]); break;
        case TCG_OP_bswap16: r = bswap(f[a[1]], 2); break;
        case TCG_OP_bswap32: r = bswap(f[a[1]], 4); break;
        case TCG_OP_bswap64: r = bswap(f[a[1]], 8); break;
        case TCG_OP_ext8s:   r = sx(f[a[1]], 8); break;
        case TCG_OP_ext8u:   r = (uint8_t)f[a[1]]; break;
        case TCG_OP_ext16s:  r = sx(f[a[1]], 16); break;
        case TCG_OP_ext16u:  r = (uint16_t)f[a[1]]; break;
        case TCG_OP_ext32s:
        case TCG_OP_ext_i32_i64:
            r = sx(f[a[1]], 32);
            break;
        case TCG_OP_ext32u:
        case TCG_OP_extu_i32_i64:
        case TCG_OP_extrl_i64_i32:
            r = (uint32_t)f[a[1]];
            break;
        case TCG_OP_extrh_i64_i32: r = f[a[1]] >> 32; break;
        case TCG_OP_deposit:
            n = a[5];
            x = (n == 64 ? ~0ull : (1ull << n) - 1) << a[3];
            r = (f[a[1]] & ~x) | (f[a[2]] << a[3] & x);
            break;
        case TCG_OP_extract:
            n = a[4];
            r = f[a[1]] >> a[2];
            r = n == 64 ? r : r & ((1ull << n) - 1);
            break;
        case TCG_OP_sextract:
            r = sx(f[a[1]] >> a[2], (int)a[4]);
            break;
        case TCG_OP_setcond:
            r = test((int)a[3], i32, f[a[1]], f[a[2]]);
            break;
        case TCG_OP_movcond:
            r = test((int)a[5], i32, f[a[1]], f[a[2]]) ? f[a[3]] : f[a[4]];
            break;
        case TCG_OP_br:
            pc = base + a[0];
            continue;
        case TCG_OP_brcond:
            if (test((int)a[2], i32, f[a[0]], f[a[1]]))
                pc = base + a[3];
            continue;
        case TCI_LDG:
            f[a[0]] = mem_load((char *)env + tci_u64(a + 1), a[3]);
            continue;
        case TCG_OP_ld:
            r = mem_load((char *)(uintptr_t)f[a[1]] + tci_u64(a + 2), a[4]);
            break;
        case TCI_STG:
            memcpy((char *)env + tci_u64(a + 1), &f[a[0]], 1u << (a[3] & 3));
            continue;
        case TCG_OP_st:
            memcpy((char *)(uintptr_t)f[a[1]] + tci_u64(a + 2), &f[a[0]],
                   1u << (a[4] & 3));
            continue;
        case TCG_OP_qemu_ld:
            memop = a[2];
            if (!(p = gmem(gb, f[a[1]], memop, false, (int)a[4], a - 1)))
                return TCG_EXIT_FAULT;
            r = mem_load(p, memop);
            access_done();
            break;
        case TCG_OP_qemu_st:
            memop = a[2];
            if (!(p = gmem(gb, f[a[1]], memop, true, (int)a[4], a - 1)))
                return TCG_EXIT_FAULT;
            memcpy(p, &f[a[0]], 1u << (memop & TCG_MO_SIZE));
            access_done();
            continue;
        case TCG_OP_atomic_cmpxchg:
            memop = a[4];
            if (!(p = gmem(gb, f[a[1]], memop, true, (int)a[6], a - 1)))
                return TCG_EXIT_FAULT;
            r = atomic_cas(p, memop & TCG_MO_SIZE, f[a[2]], f[a[3]]);
            access_done();
            if (memop & TCG_MO_SIGN)
                r = sx(r, 8 << (memop & TCG_MO_SIZE));
            break;
        case TCG_OP_atomic_fetch:
            memop = a[3];
            if (!(p = gmem(gb, f[a[1]], memop, true, (int)a[7], a - 1)))
                return TCG_EXIT_FAULT;
            r = atomic_rmw(p, memop & TCG_MO_SIZE, (int)a[5], f[a[2]]);
            access_done();
            if (memop & TCG_MO_SIGN)
                r = sx(r, 8 << (memop & TCG_MO_SIZE));
            break;
        case TCG_OP_mb:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            continue;
        case TCG_OP_fpflags_take:
            /* only the JIT's inline FP operations leave flags in the host */
            r = 0;
            break;
        case TCG_OP_fpflags_clear:
            continue;
        case TCG_OP_call: {
            const struct tcg_helper *hp = (const void *)(uintptr_t)tci_u64(a);
            uint64_t args[TCG_MAX_HELPER_ARGS];
            unsigned no = a[2];

            for (int i = 0; i < hp->nargs; i++)
                args[i] = f[a[3 + no + i]];
            r = tci_call(hp, args);
            if (no)
                f[a[3]] = hp->ret == TCG_TYPE_I32 ? (uint32_t)r : r;
            continue;
        }
        case TCG_OP_goto_tb: {
            const uint64_t *slot = (const void *)(a + ((uintptr_t)a & 4 ? 1 : 0));
            uint64_t dest = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

            if (dest) {
                pc = base = (const uint32_t *)(uintptr_t)dest;
                if (tcg_profiling)
                    tcg_prof.tb_execs++;
            }
            continue;
        }
        case TCG_OP_exit_tb:
            return (uintptr_t)tci_u64(a);
        case TCG_OP_goto_ptr:
            if (!f[a[0]])
                return 0;
            pc = base = (const uint32_t *)(uintptr_t)f[a[0]];
            if (tcg_profiling) {
                tcg_prof.tb_execs++;
                tcg_prof.ptr_jumps++;
            }
            continue;
        case TCI_END:
            return 0;
        default:
            abort();
        }
        f[a[0]] = i32 ? (uint32_t)r : r;
    }
}

void tci_dump(FILE *f, const struct tcg_tb *tb)
{
    const uint32_t *w = tb->code;
    size_t n = tb->size / 4;

    for (size_t i = 0; i < n; i += w[i] >> 16) {
        unsigned opc = w[i] & 0xff;
        const char *name = opc < TCG_OP_COUNT ? tcg_opdefs[opc].name
                           : opc == TCI_LDG ? "ldg"
                           : opc == TCI_STG ? "stg" : "end";

        fprintf(f, "  %04zx: %s%s", i * 4, name, w[i] & 0x100 ? "_i32" : "");
        for (unsigned k = 1; k < (w[i] >> 16); k++)
            fprintf(f, " %x", w[i + k]);
        fprintf(f, "\n");
        if (!(w[i] >> 16))
            break;
    }
}
