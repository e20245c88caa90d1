/*
 * riscv64 front end: fetch and decode one instruction, dispatch it to its
 * translation function, end blocks; the struct guest_frontend the engine
 * runs riscv64 code with is assembled in cpu.c).
 *
 * Dispatch: every translate-*.c file offers a table of (id, function)
 * rows; they are merged into one array indexed by enum rv_id on first
 * use.  An id without a row and a function returning false raise an
 * illegal-instruction exception.
 *
 * Fetch: the engine guarantees the first byte of a block is executable
 * and never lets a block cross a guest page; only a 4-byte instruction in
 * the last two bytes of a page needs the next page checked.
 *
 * Each instruction's insn_start data is (pc, 0): a fault restores pc.
 */
#include <pthread.h>
#include <string.h>

#include "target/riscv64/translate.h"
#include "uemu/guest-space.h"
#include "uemu/riscv64-disas.h"
#include "uemu/riscv64.h"

tcg_i64 rv_gpr[32];
tcg_i64 rv_fpr[32];
tcg_i64 rv_pc;
tcg_i64 rv_res_addr, rv_res_val;

static rv_trans_fn dispatch[RV_ID_COUNT];
static pthread_once_t dispatch_once = PTHREAD_ONCE_INIT;

static void add_table(const struct rv_trans_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dispatch[e[i].id] = e[i].fn;
}

static void build_dispatch(void)
{
    add_table(rv_trans_base, rv_trans_base_len);
    add_table(rv_trans_ma, rv_trans_ma_len);
    add_table(rv_trans_zb, rv_trans_zb_len);
    add_table(rv_trans_sys, rv_trans_sys_len);
    add_table(rv_trans_fp, rv_trans_fp_len);
}

void rv_init_globals(void)
{
    static const char *const xn[32] = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
        "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };
    static const char *const fn[32] = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1",
        "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3",
        "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9",
        "ft10", "ft11",
    };
    const struct rv_env_layout *l = &rv_env_layout;

    pthread_once(&dispatch_once, build_dispatch);
    for (int i = 1; i < 32; i++)
        rv_gpr[i] = tcg_global_i64(l->x + 8 * i, xn[i]);
    for (int i = 0; i < 32; i++)
        rv_fpr[i] = tcg_global_i64(l->f + 8 * i, fn[i]);
    rv_pc = tcg_global_i64(l->pc, "pc");
    rv_res_addr = tcg_global_i64(l->res_addr, "res_addr");
    rv_res_val = tcg_global_i64(l->res_val, "res_val");
}

tcg_i64 rv_get_gpr(int r)
{
    tcg_i64 t;

    if (r)
        return rv_gpr[r];
    t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, 0);
    return t;
}

void rv_set_gpr(int r, tcg_i64 v)
{
    if (r)
        tcg_gen_mov_i64(rv_gpr[r], v);
}

tcg_i64 rv_dest_gpr(int r)
{
    return r ? rv_gpr[r] : tcg_temp_new_i64();
}

void rv_gen_exception(struct rv_tr *t, int code)
{
    tcg_gen_movi_i64(rv_pc, t->pc);
    exec_gen_exception(t->dc, code);
    t->dc->state = EXEC_DC_NORETURN;
}

static uint16_t fetch16(uint64_t pc)
{
    uint16_t v;

    memcpy(&v, g2h(pc), sizeof(v));
    return v;
}

void rv_translate_insn(struct exec_dc *dc)
{
    uint64_t pc = dc->pc_next;
    uint32_t raw = fetch16(pc);
    unsigned len = rv_insn_len((uint16_t)raw);
    struct rv_tr t = { .dc = dc, .pc = pc, .pc_next = pc + len };
    rv_insn d;

    if (len == 4 && ((pc + 2) & (EXEC_PAGE_SIZE - 1)) == 0 && !exec_code_ok(pc + 2, 2)) {
        if (dc->num_insns) {
            dc->state = EXEC_DC_STOP;
            return;
        }
        tcg_gen_insn_start(pc, 0);
        tcg_gen_movi_i64(rv_pc, pc);
        exec_gen_fetch_fault(dc, pc + 2);
        dc->state = EXEC_DC_NORETURN;
        return;
    }
    if (len == 4)
        raw |= (uint32_t)fetch16(pc + 2) << 16;
    tcg_gen_insn_start(pc, 0);
    dc->pc_next = t.pc_next;
    if (!rv_decode(raw, &d) || !dispatch[d.id] || !dispatch[d.id](&t, &d))
        rv_gen_exception(&t, RV_EXCP_ILLEGAL);
}

void rv_tb_stop(struct exec_dc *dc)
{
    exec_gen_goto_tb(dc, 0, dc->pc_next);
}

unsigned rv_disas_at(char *buf, size_t size, uint64_t pc)
{
    uint32_t raw = fetch16(pc);

    if (rv_insn_len((uint16_t)raw) == 4 && exec_code_ok(pc + 2, 2))
        raw |= (uint32_t)fetch16(pc + 2) << 16;
    return rv_disas(buf, size, pc, raw);
}
