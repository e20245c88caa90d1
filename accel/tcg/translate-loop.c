/*
 * The generic translate loop: builds one block at (pc, flags) by asking
 * the front end for one instruction at a time, within the block limits
 * (EXEC_MAX_INSNS instructions, one guest page, the IR context's temps
 * and labels), compiles it with the
 * selected backend and logs it (-d in_asm, op, op_opt, out_asm).  Also
 * the block exits front ends emit (exec_gen_*).
 *
 * A fault inside chained code must find its block (and, from the
 * insn_start data, the guest pc of the faulting instruction): the JIT's
 * blocks are found from the host pc (exec_tb_by_code), TCI's blocks start
 * by storing their own exec_tb pointer next to env (cur_tb).  Block
 * pointers appear only in exit_tb values, so a backend can move the code
 * (tb-persist.c).
 *
 * Generated code notices an exit request (exec_cpu_interrupt) where it
 * could otherwise run on without end: on a jump back (a direct jump to a
 * pc at or before its block's start; any cycle of blocks has one) and
 * on an indirect jump.  It then leaves as if that jump were not chained.
 * Forward jumps and block entries pay nothing: a check at every block's
 * entry was an eighth of the code.
 *
 * A full code buffer (tcg_gen_code() == -ENOSPC) is the caller's to
 * handle: it flushes every block in an exclusive section (other threads
 * may be running the code) and asks again.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/exec-internal.h"
#include "uemu/guest-space.h"
#include "uemu/heap-warm.h"
#include "uemu/log.h"
#include "uemu/options.h"
#include "uemu/page-table.h"
#include "uemu/tcg-op.h"

bool exec_code_ok(uint64_t addr, size_t len)
{
    uint64_t last = addr + len - 1;

    if (!len || last < addr || !guest_pages)
        return false;
    for (uint64_t p = addr & ~(uint64_t)(EXEC_PAGE_SIZE - 1);; p += EXEC_PAGE_SIZE) {
        if (!(page_table_get(guest_pages, p) & PAGE_EXEC))
            return false;
        if (p >= (last & ~(uint64_t)(EXEC_PAGE_SIZE - 1)))
            return true;
    }
}

/* Copy a memstream dump to the log one line at a time (gzprintf has a
 * bounded buffer). */
static void log_lines(const char *text)
{
    while (*text) {
        const char *nl = strchr(text, '\n');
        int n = nl ? (int)(nl - text) : (int)strlen(text);

        log_printf("%.*s\n", n, text);
        text += n + (nl != NULL);
    }
}

static void log_dump(const char *title, const struct tcg_tb *tb)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    if (!f)
        return;
    if (tb)
        tcg_tb_dump(f, tb);
    else
        tcg_dump_ops(f);
    if (fclose(f) == 0) {
        log_printf("%s\n", title);
        log_lines(buf);
        log_printf("\n");
    }
    free(buf);
}

static void log_in_asm(const struct guest_frontend *fe, uint64_t pc, uint64_t end)
{
    char line[128];

    log_printf("IN: 0x%llx\n", (unsigned long long)pc);
    while (pc < end) {
        unsigned len = fe->disas(line, sizeof(line), pc);

        log_printf("0x%016llx:  %s\n", (unsigned long long)pc, line);
        pc += len ? len : 2;
    }
    log_printf("\n");
}

/*
 * Room for one more instruction (and the block's end) in the context's
 * temps and labels.  A new temp's index is the number of temps so far;
 * the probe costs one temp per instruction.
 */
static bool room_for_insn(const struct guest_frontend *fe, const struct exec_dc *dc)
{
    int used = tcg_temp_new_i64().n;

    return used + 2 * (int)fe->max_temps_per_insn < TCG_MAX_TEMPS &&
           (dc->num_insns + 2) * fe->max_labels_per_insn < TCG_MAX_LABELS;
}

/* Branch to out when an exit was requested. */
static void gen_exit_check(tcg_label *out)
{
    tcg_i32 req = tcg_temp_new_i32();

    tcg_gen_ld_i32(req, tcg_env(), EXEC_ENV_OFF(exit_request), TCG_MO_32);
    tcg_gen_brcondi_i32(TCG_COND_NE, req, 0, out);
}

/* Translate into the current context; the block's state ends in dc. */
static void build(struct exec_cpu *cpu, struct exec_dc *dc)
{
    const struct guest_frontend *fe = cpu->fe;
    uint64_t page = dc->pc_first & ~(uint64_t)(EXEC_PAGE_SIZE - 1);

    /* The block names itself for faults and op faults, unless the JIT's
     * code index finds it from the host pc (tb-cache.c) */
    if (strcmp(tcg_backend_name(), "jit") != 0 || !exec_tb_by_code_ready_locked()) {
        tcg_i64 self = tcg_temp_new_i64();

        tcg_gen_movi_i64(self, (uintptr_t)dc->tb);
        tcg_gen_st_i64(self, tcg_env(), EXEC_ENV_OFF(cur_tb), TCG_MO_64);
        dc->tb->no_persist = true;
    }
    /* a jump back to this block need not store itself again */
    tcg_gen_loop_entry();
    while (dc->state == EXEC_DC_NEXT) {
        if (dc->num_insns == dc->max_insns ||
            (dc->num_insns && (dc->pc_next & ~(uint64_t)(EXEC_PAGE_SIZE - 1)) != page) ||
            (dc->num_insns && !room_for_insn(fe, dc)))
            break;
        fe->translate_insn(dc);
        dc->num_insns++;
    }
    if (dc->state != EXEC_DC_NORETURN)
        fe->tb_stop(dc);
}

int exec_tb_gen_locked(struct exec_cpu *cpu, uint64_t pc, uint32_t flags,
                       struct exec_tb **out)
{
    const struct guest_frontend *fe = cpu->fe;
    struct exec_tb *tb;
    struct exec_dc dc;
    int r;

    if (!exec_code_ok(pc, 1))
        return -EFAULT;
    tb = exec_cache_import_locked(pc, flags);
    if (tb) {
        *out = tb;
        return 0;
    }
    tb = exec_tb_alloc_locked();
    if (!tb) {
        fprintf(stderr, "uemu: out of memory for a translation block\n");
        abort();
    }
    tb->pc = pc;
    tb->flags = flags;
    dc = (struct exec_dc){
        .pc_first = pc, .pc_next = pc, .flags = flags,
        .max_insns = flags & EXEC_TB_ONE_INSN ? 1 : EXEC_MAX_INSNS, .state = EXEC_DC_NEXT, .tb = tb,
    };
    tcg_func_start();
    build(cpu, &dc);
    if (log_enabled(LOG_IN_ASM))
        log_in_asm(fe, pc, dc.pc_next);
    if (log_enabled(LOG_OP))
        log_dump("OP:", NULL);
    r = tcg_gen_code(&tb->t);
    if (r == -ENOSPC) {
        exec_tb_release_locked(tb);
        return r;
    }
    if (r < 0) {
        fprintf(stderr, "uemu: cannot compile the block at 0x%llx: %s\n",
                (unsigned long long)pc, strerror(-r));
        abort();
    }
    if (log_enabled(LOG_OP_OPT))
        log_dump("OP after optimization:", NULL);
    if (log_enabled(LOG_OUT_ASM))
        log_dump("OUT:", &tb->t);
    tb->pc_end = dc.pc_next > pc ? dc.pc_next : pc + 1;
    exec_cache_note_locked(tb);
    exec_tb_insert_locked(tb);
    exec_stats.translated++;
    heap_warm_follow();
    *out = tb;
    return 0;
}

/* Not chained, the jump leaves with tb | n and the loop stores dest to the
 * pc (from tb->dest[n]): 17 bytes fewer per exit than a store of a 64-bit
 * constant here. */
void exec_gen_goto_tb(struct exec_dc *dc, unsigned n, uint64_t dest)
{
    tcg_label *unchained = NULL;

    dc->tb->has_dest[n] = true;
    dc->tb->dest[n] = dest;
    if (dest <= dc->pc_first) {
        /* a jump back: on an exit request, out the way an unchained
         * jump goes (the loop sees the request before it chains) */
        unchained = tcg_gen_new_label();
        gen_exit_check(unchained);
    }
    if (dest == dc->pc_first)
        tcg_gen_goto_tb_self(n);
    else
        tcg_gen_goto_tb(n);
    if (unchained)
        tcg_gen_set_label(unchained);
    tcg_gen_exit_tb((uintptr_t)dc->tb | n);
}

/* It reads the pc from env (the front end stored dest there): passing
 * dest kept it in a frame slot on every indirect jump for this rare
 * path. */
static const struct tcg_helper helper_lookup = {
    .name = "lookup_tb_ptr",
    .func = (void *)exec_helper_lookup_tb_ptr,
    .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .ret = TCG_TYPE_PTR,
    .nargs = 1,
    .args = { TCG_TYPE_PTR },
};

/*
 * Inline jump-cache probe: the entry for dest is
 * env + EXEC_ENV_OFF(jc) + (exec_jc_hash(dest) << EXEC_JC_ENTRY_SHIFT);
 * when its pc and flags match, continue at its ptr without leaving
 * generated code (0: through the loop).  Otherwise the helper looks in the block cache
 * (and refills the entry).  The flags compared are the block's own: a
 * front end ends a block that changes them with an exit to the loop.
 */
void exec_gen_lookup_and_goto_ptr(struct exec_dc *dc, tcg_i64 dest)
{
    tcg_i64 h = tcg_temp_new_i64(), v = tcg_temp_new_i64();
    tcg_i64 e = tcg_temp_new_i64(), ptr = tcg_temp_new_i64();
    tcg_ptr p = tcg_temp_new_ptr();
    tcg_label *slow = tcg_gen_new_label();
    intptr_t jc = EXEC_ENV_OFF(jc);
    int args[1] = { tcg_env().n };

    if (!exec_chaining_off()) {
        /* on an exit request the helper sends it to the loop */
        gen_exit_check(slow);
        tcg_gen_shri_i64(h, dest, 1);
        tcg_gen_shri_i64(v, dest, 1 + EXEC_JC_BITS);
        tcg_gen_xor_i64(h, h, v);
        tcg_gen_andi_i64(h, h, EXEC_JC_SIZE - 1);
        tcg_gen_shli_i64(h, h, EXEC_JC_ENTRY_SHIFT);
        tcg_gen_add_i64(e, tcg_ptr_i64(tcg_env()), h);
        tcg_gen_ld_i64(v, (tcg_ptr){ e.n },
                       jc + (intptr_t)offsetof(struct exec_jc_entry, pc), TCG_MO_64);
        tcg_gen_brcond_i64(TCG_COND_NE, v, dest, slow);
        tcg_gen_ld_i64(v, (tcg_ptr){ e.n },
                       jc + (intptr_t)offsetof(struct exec_jc_entry, flags), TCG_MO_32);
        tcg_gen_brcondi_i64(TCG_COND_NE, v, dc->flags, slow);
        /* an empty ptr (an entry being refilled) leaves through goto_ptr
         * to the loop, which looks dest up, as the helper would */
        tcg_gen_ld_i64(ptr, (tcg_ptr){ e.n },
                       jc + (intptr_t)offsetof(struct exec_jc_entry, ptr), TCG_MO_64);
        tcg_gen_goto_ptr((tcg_ptr){ ptr.n });
        tcg_gen_set_label(slow);
    }
    tcg_gen_call(&helper_lookup, p.n, args);
    tcg_gen_goto_ptr(p);
}

void exec_gen_exception(struct exec_dc *dc, int code)
{
    (void)dc;
    tcg_gen_exit_tb((uintptr_t)code);
}

void exec_gen_fetch_fault(struct exec_dc *dc, uint64_t addr)
{
    tcg_i64 t = tcg_temp_new_i64();
    tcg_i32 k = tcg_temp_new_i32();

    /* a later run may find the page executable: translate afresh */
    dc->tb->no_persist = true;
    tcg_gen_movi_i64(t, addr);
    tcg_gen_st_i64(t, tcg_env(), EXEC_ENV_OFF(fault.addr), TCG_MO_64);
    tcg_gen_movi_i32(k, 1);
    tcg_gen_st_i32(k, tcg_env(), EXEC_ENV_OFF(fault.is_exec), TCG_MO_8);
    tcg_gen_movi_i32(k, 0);
    tcg_gen_st_i32(k, tcg_env(), EXEC_ENV_OFF(fault.is_write), TCG_MO_8);
    exec_gen_exception(dc, EXEC_EXCP_FAULT);
}
