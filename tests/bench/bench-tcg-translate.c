/*
 * Translation speed of the TCG core: builds straight-line blocks shaped
 * like riscv64 front-end output (32 globals, per-instruction temps,
 * constants, ALU ops, loads and stores) and runs the optimizer and each
 * backend's code generator on them.  Prints the time per op; run it under
 * `valgrind --tool=callgrind` for a deterministic instruction count.
 * Asserts nothing about speed.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "uemu/tcg-op.h"

#define NGLOBALS 32
#define INSNS 200           /* guest instructions per block */
#define BLOCKS 300

struct env {
    uint64_t r[NGLOBALS];
};

static tcg_i64 R[NGLOBALS];

/* One block: INSNS guest instructions of 4-6 ops each. */
static void build_block(unsigned seed)
{
    tcg_func_start();
    for (int i = 0; i < INSNS; i++) {
        int d = 1 + (int)((seed + (unsigned)i * 7u) % (NGLOBALS - 1));
        int a = (int)((seed + (unsigned)i * 13u) % NGLOBALS);
        tcg_i64 t = tcg_temp_new_i64();

        tcg_gen_insn_start(0x10000 + 4 * (uint64_t)i, 0);
        switch (i % 4) {
        case 0:
            tcg_gen_movi_i64(t, (int64_t)i * 8);
            tcg_gen_add_i64(R[d], R[a], t);
            break;
        case 1:
            tcg_gen_movi_i64(t, 16);
            tcg_gen_add_i64(t, R[a], t);
            tcg_gen_qemu_ld_i64(R[d], t, TCG_MO_64);
            break;
        case 2:
            tcg_gen_mov_i64(t, R[a]);
            tcg_gen_xor_i64(R[d], t, R[d]);
            tcg_gen_movi_i64(R[0], 0);
            break;
        default:
            tcg_gen_movi_i64(t, 24);
            tcg_gen_add_i64(t, R[d], t);
            tcg_gen_qemu_st_i64(R[a], t, TCG_MO_64);
            break;
        }
    }
    tcg_gen_exit_tb(0);
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int run(const char *backend)
{
    struct tcg_ctx *ctx;
    long ops = 0;
    double t0;

    if (tcg_backend_select(backend) < 0) {
        printf("%-8s not available\n", backend);
        return 0;
    }
    ctx = tcg_ctx_new(0);
    if (!ctx)
        return 1;
    tcg_ctx_set(ctx);
    for (int i = 0; i < NGLOBALS; i++) {
        static char names[NGLOBALS][8];

        snprintf(names[i], sizeof(names[i]), "x%d", i);
        R[i] = tcg_global_i64(offsetof(struct env, r[i]), names[i]);
    }
    t0 = now();
    for (unsigned b = 0; b < BLOCKS; b++) {
        struct tcg_tb tb = { 0 };

        build_block(b);
        ops += tcg_op_count();
        if (tcg_gen_code(&tb) < 0) {
            fprintf(stderr, "tcg_gen_code failed\n");
            tcg_ctx_free(ctx);
            return 1;
        }
        tcg_tb_free(&tb);
        if (b % 64 == 63)
            tcg_code_flush();
    }
    printf("%-8s %d blocks of %d insns (%ld ops): %.1f ns/op\n", backend, BLOCKS,
           INSNS, ops, (now() - t0) * 1e9 / (double)ops);
    tcg_ctx_free(ctx);
    return 0;
}

int main(void)
{
    return run("jit") || run("tci");
}
