/*
 * What only the x86_64 backend promises: its code buffer is never
 * writable and executable at one address (checked in /proc/self/maps),
 * the optional instructions change the code (and their fallbacks are what
 * runs when masked off; test-tcg-ops checks both give the same results),
 * and a guest access is one instruction with guest_base folded in.
 * Skipped when the JIT is not built.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <sched.h>
#include <unistd.h>
#include <cmocka.h>
#include <capstone.h>

#include "config-host.h"
#include "uemu/tcg-op.h"

#ifdef CONFIG_JIT
#include "tcg/x86_64/x86.h"

struct env {
    uint64_t r[4];
};

static struct tcg_ctx *ctx;
static tcg_i64 R[4];
static unsigned char gmem[256];

static int setup(void **state)
{
    (void)state;
    ctx = tcg_ctx_new(0);
    tcg_ctx_set(ctx);
    for (int i = 0; i < 4; i++) {
        static const char *const n[] = { "r0", "r1", "r2", "r3" };

        R[i] = tcg_global_i64(offsetof(struct env, r[i]), n[i]);
    }
    if (tcg_backend_select("jit") < 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tcg_code_flush();
    tcg_ctx_free(ctx);
    return 0;
}

/* Every mapping of the code buffer: none both writable and executable. */
static void test_wx(void **state)
{
    struct tcg_tb tb;
    FILE *f;
    char line[512];
    int n = 0, w = 0, x = 0;

    (void)state;
    tcg_func_start();
    tcg_gen_addi_i64(R[0], R[0], 1);
    tcg_gen_exit_tb(0);
    assert_int_equal(tcg_gen_code(&tb), 0);
    f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    while (fgets(line, sizeof(line), f)) {
        char perm[5];

        if (!strstr(line, "memfd:uemu-code"))
            continue;
        assert_int_equal(sscanf(line, "%*x-%*x %4s", perm), 1);
        n++;
        assert_false(perm[1] == 'w' && perm[2] == 'x');
        w += perm[1] == 'w';
        x += perm[2] == 'x';
    }
    fclose(f);
    assert_int_equal(n, 2);
    assert_int_equal(w, 1);
    assert_int_equal(x, 1);
    tcg_tb_free(&tb);
}

/* How many instructions named mnem the code of body has, under features. */
static int count_mnem(unsigned features, void (*body)(void), const char *mnem)
{
    struct tcg_tb tb;
    csh h;
    cs_insn *insn;
    size_t n;
    int found = 0;

    tcg_host_features_mask(features);
    tcg_func_start();
    body();
    tcg_gen_exit_tb(0);
    assert_int_equal(tcg_gen_code(&tb), 0);
    tcg_host_features_mask(TCG_FEAT_ALL);
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
    n = cs_disasm(h, tb.code, tb.size, 0, 0, &insn);
    for (size_t i = 0; i < n; i++)
        found += !strcmp(insn[i].mnemonic, mnem);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
    tcg_tb_free(&tb);
    return found;
}

static void body_clz(void) { tcg_gen_clz_i64(R[0], R[1]); }
static void body_ctz(void) { tcg_gen_ctz_i64(R[0], R[1]); }
static void body_ctpop(void) { tcg_gen_ctpop_i64(R[0], R[1]); }
static void body_shl(void) { tcg_gen_shl_i64(R[0], R[1], R[2]); }
static void body_andc(void) { tcg_gen_andc_i64(R[0], R[1], R[2]); }
static void body_bswap(void) { tcg_gen_bswap64_i64(R[0], R[1]); }

/*
 * The optional instruction appears exactly when the CPU has it and it is
 * allowed; masked off, the fallback is used (test-tcg-ops runs every op
 * both ways against the reference).
 */
static void test_features_select_code(void **state)
{
    static const struct { unsigned feat; void (*body)(void); const char *m; } t[] = {
        { TCG_FEAT_LZCNT, body_clz, "lzcnt" }, { TCG_FEAT_BMI1, body_ctz, "tzcnt" },
        { TCG_FEAT_POPCNT, body_ctpop, "popcnt" }, { TCG_FEAT_BMI2, body_shl, "shlx" },
        { TCG_FEAT_BMI1, body_andc, "andn" }, { TCG_FEAT_MOVBE, body_bswap, "movbe" },
    };
    unsigned have = x86_features();

    (void)state;
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        assert_int_equal(count_mnem(TCG_FEAT_ALL, t[i].body, t[i].m),
                         (have & t[i].feat) ? 1 : 0);
        assert_int_equal(count_mnem(TCG_FEAT_ALL & ~t[i].feat, t[i].body, t[i].m), 0);
    }
}

/* The guest load is one instruction: [r15 + rax], or [rax] for base 0. */
static void test_guest_base_folded(void **state)
{
    (void)state;
    for (int gb = 0; gb < 2; gb++) {
        struct tcg_ctx *c2 = tcg_ctx_new(gb ? (uintptr_t)gmem : 0);
        tcg_i64 r0, r1;
        struct tcg_tb tb;
        csh h;
        cs_insn *insn;
        size_t n;
        int found = 0;

        tcg_ctx_set(c2);
        r0 = tcg_global_i64(0, "r0");
        r1 = tcg_global_i64(8, "r1");
        tcg_func_start();
        tcg_gen_qemu_ld_i64(r0, r1, TCG_MO_64);
        tcg_gen_exit_tb(0);
        assert_int_equal(tcg_gen_code(&tb), 0);
        assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
        n = cs_disasm(h, tb.code, tb.size, 0, 0, &insn);
        /* one load with the address register as base (or index next
         * to r15, guest_base's register): whichever registers hold them */
        for (size_t i = 0; i < n; i++) {
            const char *m = strstr(insn[i].op_str, "qword ptr [");

            if (strcmp(insn[i].mnemonic, "mov") || !m || strstr(m, "r14") ||
                strstr(m, "rsp"))
                continue;
            if (gb ? strncmp(m, "qword ptr [r15 + r", 18) == 0
                   : strncmp(m, "qword ptr [r", 12) == 0 && !strstr(m, "+") &&
                         !strstr(m, "r15"))
                found++;
        }
        cs_free(insn, n);
        cs_close(&h);
        assert_int_equal(found, 1);
        if (gb) {
            struct env e = { { 0, 16 } };

            memset(gmem, 0, sizeof(gmem));
            gmem[16] = 0x42;
            assert_int_equal(tcg_tb_exec(&tb, &e), 0);
            assert_int_equal(e.r[0], 0x42);
        }
        tcg_tb_free(&tb);
        tcg_ctx_free(c2);
    }
    tcg_ctx_set(ctx);
}

/* Instructions of tb that match. */
static int count_insns(const struct tcg_tb *tb, bool (*match)(const cs_insn *))
{
    csh h;
    cs_insn *insn;
    size_t n;
    int found = 0;

    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
    n = cs_disasm(h, tb->code, tb->size, 0, 0, &insn);
    for (size_t i = 0; i < n; i++)
        found += match(&insn[i]);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
    return found;
}

/* It touches the CPU state's first field, [r14]. */
static bool is_env_access(const cs_insn *i)
{
    return strstr(i->op_str, "[r14]") != NULL;
}

static bool is_add(const cs_insn *i)
{
    return !strcmp(i->mnemonic, "add") || !strcmp(i->mnemonic, "lea");
}

static int env_accesses(const struct tcg_tb *tb)
{
    return count_insns(tb, is_env_access);
}

static int adds(const struct tcg_tb *tb)
{
    return count_insns(tb, is_add);
}

/*
 * With the register allocator, a global used by ten ops is loaded once
 * and written back once, at the exit; without it, every op goes to memory.
 */
static void test_globals_cached(void **state)
{
    (void)state;
    for (int opt = 0; opt < 2; opt++) {
        struct tcg_tb tb;
        struct env e = { { 5 } };

        tcg_ctx_set_optimize(ctx, opt);
        tcg_func_start();
        for (int i = 0; i < 10; i++) {
            tcg_gen_muli_i64(R[0], R[0], 3);
            tcg_gen_xori_i64(R[0], R[0], (uint64_t)i + 1);
        }
        tcg_gen_exit_tb(0);
        assert_int_equal(tcg_gen_code(&tb), 0);
        assert_int_equal(env_accesses(&tb), opt ? 2 : 40);
        assert_int_equal(tcg_tb_exec(&tb, &e), 0);
        {
            uint64_t want = 5;

            for (int i = 0; i < 10; i++)
                want = (want * 3) ^ ((uint64_t)i + 1);
            assert_int_equal(e.r[0], want);
        }
        tcg_tb_free(&tb);
    }
    tcg_ctx_set_optimize(ctx, true);
}

static sigjmp_buf fault_jmp;
static volatile uintptr_t fault_code_pc;

/* the running block and its CPU state, for the handler */
static const struct tcg_tb *fault_tb;
static void *fault_env;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    fault_code_pc = tcg_fault_code_pc(
        (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP]);
    /* as the engine's handler: the globals held in registers to env */
    if (fault_code_pc && fault_tb)
        tcg_tb_fault_state(fault_tb, fault_code_pc, uc, fault_env);
    siglongjmp(fault_jmp, 1);
}

/*
 * A guest load from an unmapped page faults on the host: the fault maps
 * back to its guest instruction, and globals written before it are in
 * the CPU state once tcg_tb_fault_state has run (the JIT's register
 * cache leaves them in registers), for both backends.
 */
static void test_host_fault_precise(void **state)
{
    static const char *const be[] = { "jit", "tci" };
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct sigaction sa = { 0 }, old;

    (void)state;
    assert_true(m != MAP_FAILED);
    assert_int_equal(mprotect(m + page, (size_t)page, PROT_NONE), 0);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    assert_int_equal(sigaction(SIGSEGV, &sa, &old), 0);
    /* v: optimized, backend, and the address as r2 + 8 (the JIT folds
     * the add into the load) */
    for (int v = 0; v < 8; v++) {
        struct tcg_ctx *c2 = tcg_ctx_new((uintptr_t)m);
        bool folded = v & 4;
        tcg_i64 r0, r1, r2;
        struct tcg_tb tb;
        struct env e = { { 0, 0, (uint64_t)page + (folded ? 0 : 8) } };

        tcg_ctx_set(c2);
        tcg_ctx_set_optimize(c2, v & 1);
        assert_int_equal(tcg_backend_select(be[v / 2 & 1]), 0);
        r0 = tcg_global_i64(offsetof(struct env, r[0]), "r0");
        r1 = tcg_global_i64(offsetof(struct env, r[1]), "r1");
        r2 = tcg_global_i64(offsetof(struct env, r[2]), "r2");
        tcg_func_start();
        tcg_gen_insn_start(0x100, 0);
        tcg_gen_movi_i64(r0, 7);
        tcg_gen_addi_i64(r1, r0, 1);
        tcg_gen_insn_start(0x104, 0);
        if (folded) {
            tcg_i64 a = tcg_temp_new_i64();

            tcg_gen_addi_i64(a, r2, 8);
            tcg_gen_qemu_ld_i64(r1, a, TCG_MO_32);
        } else {
            tcg_gen_qemu_ld_i64(r1, r2, TCG_MO_32);
        }
        tcg_gen_insn_start(0x108, 0);
        tcg_gen_movi_i64(r0, 9);
        tcg_gen_exit_tb(0);
        assert_int_equal(tcg_gen_code(&tb), 0);
        /* r0 + 1 is folded to a constant; r2 + 8 became the load's
         * displacement */
        if (folded && (v & 1) && v / 2 % 2 == 0)
            assert_int_equal(adds(&tb), 0);
        fault_code_pc = 0;
        fault_tb = &tb;
        fault_env = &e;
        if (!sigsetjmp(fault_jmp, 1)) {
            tcg_tb_exec(&tb, &e);
            fail_msg("no fault (%s)", be[v / 2 & 1]);
        }
        assert_int_not_equal(fault_code_pc, 0);
        assert_int_equal(tcg_tb_find_insn(&tb, fault_code_pc), 1);
        assert_int_equal(e.r[0], 7);
        assert_int_equal(e.r[1], 8);
        if ((v & 1) && v / 2 % 2 == 0) {
            /* the JIT's register cache wrote nothing back before the
             * load: only the fault map gives r0 and r1 */
            e = (struct env){ { 0, 0, (uint64_t)page + (folded ? 0 : 8) } };
            fault_tb = NULL;
            if (!sigsetjmp(fault_jmp, 1)) {
                tcg_tb_exec(&tb, &e);
                fail_msg("no fault");
            }
            assert_int_equal(e.r[0], 0);
            assert_int_equal(e.r[1], 0);
        }
        tcg_tb_free(&tb);
        tcg_ctx_free(c2);
    }
    assert_int_equal(sigaction(SIGSEGV, &old, NULL), 0);
    munmap(m, 2 * (size_t)page);
    tcg_ctx_set(ctx);
    assert_int_equal(tcg_backend_select("jit"), 0);
}

/* A pinned global stays in its register through a loop (a back branch). */
static void test_global_pinned_in_loop(void **state)
{
    struct tcg_tb tb;
    struct env e = { { 5, 10 } };
    tcg_label *top;
    tcg_i64 c;
    uint64_t want = 5;

    (void)state;
    tcg_func_start();
    top = tcg_gen_new_label();
    c = tcg_temp_new_i64();
    tcg_gen_mov_i64(c, R[1]);
    tcg_gen_set_label(top);
    tcg_gen_muli_i64(R[0], R[0], 3);
    tcg_gen_xori_i64(R[0], R[0], 1);
    tcg_gen_subi_i64(c, c, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, c, 0, top);
    tcg_gen_exit_tb(0);
    assert_int_equal(tcg_gen_code(&tb), 0);
    assert_int_equal(env_accesses(&tb), 2);
    assert_int_equal(tcg_tb_exec(&tb, &e), 0);
    for (int i = 0; i < 10; i++)
        want = (want * 3) ^ 1;
    assert_int_equal(e.r[0], want);
    tcg_tb_free(&tb);
}

/* How tb's code touches [r14 + off]: loads before code offset at, loads
 * at or after it, stores. */
static void env_uses(const struct tcg_tb *tb, int off, uint32_t at, int *before, int *after,
                     int *stores)
{
    char want[32];
    csh h;
    cs_insn *insn;
    size_t n;

    snprintf(want, sizeof(want), off ? "[r14 + %d]" : "[r14]", off);
    *before = *after = *stores = 0;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
    n = cs_disasm(h, tb->code, tb->size, 0, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        if (!strstr(insn[i].op_str, want))
            continue;
        if (strncmp(insn[i].op_str, "qword ptr [", 11) == 0)
            (*stores)++;    /* the memory operand first */
        else if (insn[i].address < at)
            (*before)++;
        else
            (*after)++;
    }
    if (n)
        cs_free(insn, n);
    cs_close(&h);
}

/*
 * A block jumping to itself pins a global it only reads, even read once:
 * loaded before the loop's entry, never stored.  The global it writes is
 * stored only on the ways out.
 */
static void test_self_loop_pins_read_once(void **state)
{
    struct tcg_tb tb;
    int before, after, stores;

    (void)state;
    tcg_func_start();
    tcg_gen_loop_entry();
    tcg_gen_add_i64(R[0], R[0], R[1]);
    tcg_gen_goto_tb_self(0);
    tcg_gen_exit_tb(0x1000);
    assert_int_equal(tcg_gen_code(&tb), 0);
    assert_true(tb.loop_off > 0);
    env_uses(&tb, 8, tb.loop_off, &before, &after, &stores);
    assert_int_equal(before, 1);
    assert_int_equal(after, 0);
    assert_int_equal(stores, 0);
    env_uses(&tb, 0, tb.loop_off, &before, &after, &stores);
    assert_int_equal(before, 1);
    assert_int_equal(stores, 1);
    tcg_tb_free(&tb);
}

/*
 * A pinned global left unsynced on the branch to a label, or on the
 * fall-through into it, is still written back at the exit after the
 * label, whichever way came in.
 */
static void test_label_dirty_paths(void **state)
{
    (void)state;
    for (int taken = 0; taken < 2; taken++) {
        for (int dirty_on_branch = 0; dirty_on_branch < 2; dirty_on_branch++) {
            struct tcg_tb tb;
            struct env e = { { 5, taken ? 0 : 1 } };
            tcg_label *l;
            uint64_t want = 5;

            tcg_func_start();
            l = tcg_gen_new_label();
            tcg_gen_addi_i64(R[0], R[0], 1);
            tcg_gen_addi_i64(R[0], R[0], 1);
            if (!dirty_on_branch) {
                /* written back before the branch: an exit syncs it */
                tcg_gen_st_i64(R[0], tcg_env(), offsetof(struct env, r[3]), TCG_MO_64);
            }
            tcg_gen_brcondi_i64(TCG_COND_EQ, R[1], 0, l);
            tcg_gen_muli_i64(R[0], R[0], 3);
            tcg_gen_set_label(l);
            tcg_gen_exit_tb(0);
            assert_int_equal(tcg_gen_code(&tb), 0);
            assert_int_equal(tcg_tb_exec(&tb, &e), 0);
            want += 2;
            if (!taken)
                want *= 3;
            assert_int_equal(e.r[0], want);
            tcg_tb_free(&tb);
        }
    }
}

/* Filling the code buffer gives -ENOSPC; after a flush, code fits again. */
static void test_code_buffer_full(void **state)
{
    struct tcg_tb tb;
    int ret = 0, n = 0;

    (void)state;
    tcg_code_flush();
    while (n < 100000) {
        tcg_func_start();
        for (int i = 0; i < 500; i++)
            tcg_gen_xor_i64(R[0], R[0], R[1 + i % 3]);
        tcg_gen_exit_tb(0);
        ret = tcg_gen_code(&tb);
        if (ret < 0)
            break;
        tcg_tb_free(&tb);
        n++;
    }
    assert_int_equal(ret, -ENOSPC);
    assert_true(n > 10);
    tcg_code_flush();
    tcg_func_start();
    tcg_gen_exit_tb(3);
    assert_int_equal(tcg_gen_code(&tb), 0);
    {
        struct env e = { { 0 } };

        assert_int_equal(tcg_tb_exec(&tb, &e), 3);
    }
    tcg_tb_free(&tb);
}

/* Threads translate and run at once, each with its own context. */
static void *translate_loop(void *arg)
{
    struct tcg_ctx *c = tcg_ctx_new(0);
    tcg_i64 r0;
    uintptr_t k = (uintptr_t)arg;

    tcg_ctx_set(c);
    r0 = tcg_global_i64(0, "r0");
    for (unsigned i = 0; i < 300; i++) {
        struct tcg_tb tb;
        struct env e = { { i } };

        tcg_func_start();
        tcg_gen_muli_i64(r0, r0, 3);
        tcg_gen_addi_i64(r0, r0, k);
        tcg_gen_exit_tb(i + 1);
        if (tcg_gen_code(&tb) < 0 || tcg_tb_exec(&tb, &e) != i + 1 ||
            e.r[0] != i * 3 + k)
            return (void *)1;
        tcg_tb_free(&tb);
    }
    tcg_ctx_free(c);
    return NULL;
}

static void test_threads_translate(void **state)
{
    pthread_t th[2];
    void *ret[2];

    (void)state;
    tcg_code_flush();
    for (uintptr_t i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&th[i], NULL, translate_loop, (void *)(i + 5)), 0);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pthread_join(th[i], &ret[i]), 0);
        assert_null(ret[i]);
    }
}

static void test_dump_host_code(void **state)
{
    char buf[4096] = { 0 };
    FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
    struct tcg_tb tb;

    (void)state;
    tcg_func_start();
    tcg_gen_exit_tb(0x1234);
    assert_int_equal(tcg_gen_code(&tb), 0);
    tcg_tb_dump(f, &tb);
    fclose(f);
    assert_non_null(strstr(buf, "mov"));
    assert_non_null(strstr(buf, "0x1234"));
    assert_non_null(strstr(buf, "jmp"));
    tcg_tb_free(&tb);
}

/*
 * A block moved (tcg_tb_export/import) runs as the original with its own
 * pointers: the exit_tb pointer is rebased, the chained goto_tb comes back
 * unchained, the jump to the common exit still lands there, and the insn
 * table is the same.  Images that do not fit their code, or pointers
 * that do not fit the code's immediates, are refused; TCI cannot move
 * code.
 */
static void test_export_import(void **state)
{
    const uintptr_t p0 = 0x12340000, p1 = 0x56780000;
    struct tcg_tb a, b, c;
    struct tcg_tb_image img, bad;
    uint8_t code[4096];
    uint64_t d0[TCG_INSN_DATA_WORDS], d1[TCG_INSN_DATA_WORDS];
    uint32_t e0, e1;
    struct env e;
    tcg_label *l;

    (void)state;
    tcg_code_flush();
    tcg_func_start();
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_addi_i64(R[0], R[0], 5);
    l = tcg_gen_new_label();
    tcg_gen_brcondi_i64(TCG_COND_EQ, R[1], 0, l);
    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(p0 | 1);
    tcg_gen_set_label(l);
    tcg_gen_exit_tb(p0 | 2);
    assert_int_equal(tcg_gen_code(&a), 0);
    tcg_func_start();
    tcg_gen_exit_tb(7);
    assert_int_equal(tcg_gen_code(&c), 0);
    tcg_tb_set_jump(&a, 0, &c);
    e = (struct env){ { 0, 1 } };
    assert_int_equal(tcg_tb_exec(&a, &e), 7);
    assert_true(a.size <= sizeof(code));
    assert_true(tcg_tb_export(&a, p0, code, &img));
    assert_int_equal(img.size, a.size);

    assert_int_equal(tcg_tb_import(&b, &img, p1), 0);
    assert_ptr_not_equal(b.code, a.code);
    e = (struct env){ { 10, 1 } };
    assert_int_equal(tcg_tb_exec(&b, &e), p1 | 1);
    assert_int_equal(e.r[0], 15);
    e = (struct env){ { 10, 0 } };
    assert_int_equal(tcg_tb_exec(&b, &e), p1 | 2);
    tcg_tb_set_jump(&b, 0, &c);
    e = (struct env){ { 0, 1 } };
    assert_int_equal(tcg_tb_exec(&b, &e), 7);
    /* the original keeps its own pointer and chain */
    assert_int_equal(tcg_tb_exec(&a, &e), 7);
    tcg_tb_reset_jump(&a, 0);
    assert_int_equal(tcg_tb_exec(&a, &e), p0 | 1);
    for (unsigned i = 0; i < 2; i++) {
        assert_true(tcg_tb_insn(&a, i, d0, &e0));
        assert_true(tcg_tb_insn(&b, i, d1, &e1));
        assert_memory_equal(d0, d1, sizeof(d0));
        assert_int_equal(e0, e1);
    }
    assert_false(tcg_tb_insn(&b, 2, d1, &e1));
    tcg_tb_free(&b);

    /* a 32-bit pointer stays 32 bits */
    assert_int_equal(tcg_tb_import(&b, &img, (uintptr_t)1 << 32), -ERANGE);
    bad = img;
    bad.size = 3;
    assert_int_equal(tcg_tb_import(&b, &bad, p1), -EINVAL);
    bad = img;
    bad.jmp_off[0] = (uint32_t)img.size;
    assert_int_equal(tcg_tb_import(&b, &bad, p1), -EINVAL);
    tcg_tb_free(&a);
    tcg_tb_free(&b);
    tcg_tb_free(&c);

    assert_int_equal(tcg_backend_select("tci"), 0);
    tcg_func_start();
    tcg_gen_exit_tb(p0);
    assert_int_equal(tcg_gen_code(&a), 0);
    assert_false(tcg_tb_export(&a, p0, code, &img));
    assert_int_equal(tcg_tb_import(&b, &img, p1), -ENOTSUP);
    tcg_tb_free(&a);
    assert_int_equal(tcg_backend_select("jit"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wx),
        cmocka_unit_test(test_features_select_code),
        cmocka_unit_test(test_guest_base_folded),
        cmocka_unit_test(test_globals_cached),
        cmocka_unit_test(test_global_pinned_in_loop),
        cmocka_unit_test(test_self_loop_pins_read_once),
        cmocka_unit_test(test_label_dirty_paths),
        cmocka_unit_test(test_host_fault_precise),
        cmocka_unit_test(test_code_buffer_full),
        cmocka_unit_test(test_threads_translate),
        cmocka_unit_test(test_dump_host_code),
        cmocka_unit_test(test_export_import),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
#else
int main(void)
{
    printf("1..1\nok 1 - x86_64 backend # SKIP the JIT backend is not built\n");
    return 0;
}
#endif
