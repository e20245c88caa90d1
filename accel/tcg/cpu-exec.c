/*
 * The cpu loop: find or translate the block at the guest pc, chain it to
 * the block that just exited towards it, run it, and act on its exit
 * value (see include/uemu/exec.h): continue, chain, or return an
 * exception to the personality.  Also the goto_ptr lookup helper and the
 * host SIGSEGV/SIGBUS handler that turns a fault in guest code into
 * EXEC_EXCP_FAULT.
 *
 * Precise pc on faults: a JIT block is found from a code address in it
 * (exec_tb_by_code), a TCI block records itself in cur_tb on entry; an
 * op fault (tcg_fault) names its instruction, a host fault is mapped
 * through tcg_fault_code_pc() (JIT code or the TCI interpreter's current
 * op) and tcg_tb_find_insn().  A host fault
 * elsewhere (uemu itself, a helper) is not the guest's: uemu dies of it.
 *
 * Interrupts (exec_cpu_interrupt, from a host signal handler): the loop
 * checks the request before each block, blocks check it on entry; both
 * clear it and return EXEC_EXCP_INTERRUPT at an instruction boundary.
 *
 * Writes to code pages: see smc_write() and tb-protect.c.
 *
 * Exclusive sections (exec.h, "Threads"): a thread entering
 * exec_cpu_exec() sets cpu->running and then reads exec_excl_pending;
 * the thread starting a section sets exec_excl_pending and then reads
 * every cpu's running flag (both sequentially consistent), so one of
 * the two always sees the other.  The section interrupts the running
 * ones and waits until each has left; a thread arriving meanwhile waits
 * at the entry until the section is over.
 *
 * -d exec and -d cpu turn chaining and the jump-cache shortcut off, so
 * every block passes through the loop and is logged.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "accel/tcg/exec-internal.h"
#include "uemu/guest-space.h"
#include "uemu/host-page.h"
#include "uemu/log.h"
#include "uemu/options.h"
#include "uemu/page-table.h"

static __thread struct exec_cpu *current_cpu;
static exec_signal_fn *volatile sent_signal_fn;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static pthread_mutex_t excl_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t excl_left = PTHREAD_COND_INITIALIZER;    /* a cpu stopped running */
static pthread_cond_t excl_over = PTHREAD_COND_INITIALIZER;    /* the section ended */
static int excl_pending;
/* exec_cpu_new: the caller may be a thread creating another's cpu; front
 * ends keep the global handles in statics: one thread at a time.  Part
 * of the fork protocol: a child must not inherit it taken. */
static pthread_mutex_t globals_lock = PTHREAD_MUTEX_INITIALIZER;

bool exec_chaining_off(void)
{
    return log_enabled(LOG_EXEC | LOG_CPU);
}

/*
 * A write to a page write-protected for its translated code: unprotect
 * it (dropping the code) and run the store again.  When the store's own
 * block came from that host page and has instructions after the store,
 * they may be stale: leave the block at the store, which then runs as a
 * one-instruction block.  True when the fault was this.
 */
/* The block holding code_pc: the JIT's index, else what the running
 * block recorded. */
static struct exec_tb *tb_at(const struct exec_cpu *cpu, uintptr_t code_pc)
{
    struct exec_tb *tb = code_pc ? exec_tb_by_code(code_pc) : NULL;

    return tb ? tb : cpu->cur_tb;
}

/* The FP flags generated code left in the host (tcg_fpflags_take) go to
 * the guest's; from the interrupted context's when uc is not NULL (a
 * host fault's handler, which runs with the FP state reset). */
static void take_fpflags(struct exec_cpu *cpu, void *uc)
{
    unsigned f = uc ? tcg_fpflags_take_context(uc) : tcg_fpflags_take();

    if (f && cpu->fe->accrue_fpflags)
        cpu->fe->accrue_fpflags(cpu->env, f);
}

static bool smc_write(struct exec_cpu *cpu, const siginfo_t *si, uintptr_t code_pc, void *uc)
{
    uint64_t addr = (uint64_t)(uintptr_t)si->si_addr - guest_base;
    uint64_t hps = host_page_size ? host_page_size : EXEC_PAGE_SIZE;
    uint64_t hs = addr & ~(hps - 1);
    struct exec_tb *tb = cpu && code_pc ? tb_at(cpu, code_pc) : NULL;
    bool stale = false;

    if ((uintptr_t)si->si_addr < guest_base || !guest_pages ||
        !(page_table_get(guest_pages, addr) & PAGE_WRITE_ORG))
        return false;
    if (cpu && cpu->in_guest && code_pc && tb && tb->pc < hs + hps && tb->pc_end > hs) {
        int insn = tcg_tb_find_insn(&tb->t, code_pc);

        stale = insn < 0 || (unsigned)insn + 1 < tb->t.nb_insns;
    }
    exec_unprotect_page(addr);
    if (stale) {
        tcg_tb_fault_state(&tb->t, code_pc, uc, cpu->env);
        take_fpflags(cpu, uc);
        cpu->fault_host_pc = code_pc;
        cpu->in_guest = 0;
        cpu->one_insn = true;
        siglongjmp(cpu->jmp, 2);
    }
    return true;
}

static void host_fault(int sig, siginfo_t *si, void *ucv)
{
    struct exec_cpu *cpu = current_cpu;
    ucontext_t *uc = ucv;
    struct exec_tb *tb;
    uintptr_t host_pc = 0, code_pc;
    bool is_write = false;

#ifdef __x86_64__
    /* Page-fault error code bit 1: the access was a write. */
    is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#else
    (void)uc;
#endif
    if (si->si_code <= 0 && sent_signal_fn) {
        /* Sent by kill/tgkill, not a fault: the personality's. */
        sent_signal_fn(sig, si, ucv);
        return;
    }
    code_pc = tcg_fault_code_pc(host_pc);
    if (sig == SIGSEGV && is_write && smc_write(cpu, si, code_pc, uc))
        return;
    if (!cpu || !cpu->in_guest || !code_pc) {
        /* Not a guest access: let it fault again and kill us. */
        signal(sig, SIG_DFL);
        return;
    }
    cpu->fault.addr = (uint64_t)(uintptr_t)si->si_addr - guest_base;
    cpu->fault.is_exec = false;
    cpu->fault.is_bus = sig == SIGBUS;
    cpu->fault.is_write = is_write;
    cpu->fault_host_pc = code_pc;
    cpu->in_guest = 0;
    if ((tb = tb_at(cpu, code_pc)))
        tcg_tb_fault_state(&tb->t, code_pc, uc, cpu->env);
    take_fpflags(cpu, uc);
    siglongjmp(cpu->jmp, 1);
}

void exec_set_sent_signal_handler(exec_signal_fn *fn)
{
    sent_signal_fn = fn;
}

void exec_cpu_interrupt(struct exec_cpu *cpu)
{
    __atomic_store_n(&cpu->exit_request, 1, __ATOMIC_RELEASE);
}

static void init_hook(void)
{
    hp_set_invalidate_hook(exec_invalidate);
}

int exec_init(const char *backend)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) < 0 || sigaction(SIGBUS, &sa, NULL) < 0) {
        perror("uemu: sigaction");
        abort();
    }
    pthread_once(&init_once, init_hook);
    return backend ? tcg_backend_select(backend) : 0;
}

struct exec_cpu *exec_cpu_new(const struct guest_frontend *fe)
{
    struct exec_cpu *cpu;
    void *p;

    if (fe->env_size > EXEC_ENV_MAX || posix_memalign(&p, 64, sizeof(*cpu)))
        return NULL;
    cpu = p;
    memset(cpu, 0, sizeof(*cpu));
    cpu->fe = fe;
    cpu->ctx = tcg_ctx_new(guest_base);
    if (!cpu->ctx) {
        free(cpu);
        return NULL;
    }
    {
        struct tcg_ctx *mine = tcg_ctx;

        pthread_mutex_lock(&globals_lock);
        tcg_ctx_set(cpu->ctx);
        fe->init_globals();
        pthread_mutex_unlock(&globals_lock);
        if (mine)
            tcg_ctx_set(mine);
    }
    pthread_mutex_lock(&exec_tb_lock);
    exec_cpu_register_locked(cpu);
    pthread_mutex_unlock(&exec_tb_lock);
    return cpu;
}

struct exec_cpu *exec_cpu_clone(struct exec_cpu *cpu)
{
    struct exec_cpu *c = exec_cpu_new(cpu->fe);

    if (c)
        memcpy(c->env, cpu->env, cpu->fe->env_size);
    return c;
}

void exec_cpu_free(struct exec_cpu *cpu)
{
    if (!cpu)
        return;
    pthread_mutex_lock(&exec_tb_lock);
    exec_cpu_unregister_locked(cpu);
    pthread_mutex_unlock(&exec_tb_lock);
    if (current_cpu == cpu)
        current_cpu = NULL;
    tcg_ctx_free(cpu->ctx);
    free(cpu);
}

void *exec_cpu_env(struct exec_cpu *cpu)
{
    return cpu->env;
}

const struct exec_fault *exec_cpu_fault(const struct exec_cpu *cpu)
{
    return &cpu->fault;
}

uintptr_t exec_helper_lookup_tb_ptr(void *env)
{
    struct exec_cpu *cpu = exec_cpu_of_env(env);
    uint64_t pc = cpu->fe->get_pc(env);
    uint32_t flags = cpu->fe->get_flags(env);
    struct exec_jc_entry *e = &cpu->jc[exec_jc_hash(pc)];
    struct exec_tb *tb = __atomic_load_n(&e->tb, __ATOMIC_ACQUIRE);

    __atomic_fetch_add(&exec_stats.slow_lookups, 1, __ATOMIC_RELAXED);
    /* to the loop, which takes the request (translate-loop.c) */
    if (exec_chaining_off() || __atomic_load_n(&cpu->exit_request, __ATOMIC_ACQUIRE))
        return 0;
    if (!tb || e->pc != pc || e->flags != flags) {
        pthread_mutex_lock(&exec_tb_lock);
        tb = exec_tb_lookup_locked(pc, flags);
        if (tb)
            exec_jc_set(e, pc, flags, tb);
        pthread_mutex_unlock(&exec_tb_lock);
        if (!tb)
            return 0;
    }
    return tcg_tb_ptr(&tb->t);
}

static void restore_insn(struct exec_cpu *cpu, struct exec_tb *tb, int insn)
{
    uint64_t data[TCG_INSN_DATA_WORDS];

    if (!tb || !tb->t.nb_insns)
        return;
    if (insn < 0 || (unsigned)insn >= tb->t.nb_insns)
        insn = 0;
    if (tcg_tb_insn(&tb->t, (unsigned)insn, data, NULL))
        cpu->fe->restore_state(cpu->env, data);
}

static void log_state(struct exec_cpu *cpu, const struct exec_tb *tb)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    if (log_enabled(LOG_EXEC))
        log_printf("Trace: %p [%08x/%016llx]\n", (const void *)tb, (unsigned)tb->flags,
                   (unsigned long long)tb->pc);
    if (!log_enabled(LOG_CPU) || !(f = open_memstream(&buf, &len)))
        return;
    cpu->fe->dump_state(f, cpu->env);
    if (fclose(f) == 0)
        log_printf("%s", buf);
    free(buf);
}

/*
 * An op ended its block with TCG_EXIT_FAULT: a misaligned access that
 * must be aligned.  An aligned one cannot be that: the TCI backend also
 * ends a block this way, without describing the access, when the host
 * address of a guest access is 0 (tcg_fault keeps the reset value the
 * loop gave it); that is a fault at guest address -guest_base, reported
 * at the block's first instruction.
 */
static int op_fault(struct exec_cpu *cpu)
{
    uint64_t size = 1ull << (tcg_fault.memop & TCG_MO_SIZE);

    restore_insn(cpu, tb_at(cpu, tcg_fault.host_pc), tcg_fault.insn);
    if (tcg_fault.addr & (size - 1)) {
        cpu->fault = (struct exec_fault){
            .addr = tcg_fault.addr, .is_write = tcg_fault.is_write,
        };
        return EXEC_EXCP_ALIGN;
    }
    cpu->fault = (struct exec_fault){ .addr = (uint64_t)0 - guest_base };
    return EXEC_EXCP_FAULT;
}

/* Leave the running state (an exclusive section may be waiting). */
static void exec_end(struct exec_cpu *cpu)
{
    __atomic_store_n(&cpu->running, 0, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&excl_lock);
        pthread_cond_broadcast(&excl_left);
        pthread_mutex_unlock(&excl_lock);
    }
}

/* Enter the running state, after any exclusive section under way. */
static void exec_start(struct exec_cpu *cpu)
{
    __atomic_store_n(&cpu->running, 1, __ATOMIC_SEQ_CST);
    if (!__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST))
        return;
    exec_end(cpu);
    pthread_mutex_lock(&excl_lock);
    while (excl_pending)
        pthread_cond_wait(&excl_over, &excl_lock);
    __atomic_store_n(&cpu->running, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&excl_lock);
}

struct running_scan {
    struct exec_cpu *self;
    bool any;
};

static void stop_running(struct exec_cpu *c, void *arg)
{
    struct running_scan *rs = arg;

    if (c != rs->self && __atomic_load_n(&c->running, __ATOMIC_SEQ_CST)) {
        exec_cpu_interrupt(c);
        rs->any = true;
    }
}

void exec_exclusive(void (*fn)(void *), void *arg)
{
    struct exec_cpu *self = current_cpu;
    bool was_running = self && self->running;
    struct running_scan rs = { self, true };

    if (was_running)
        exec_end(self);
    pthread_mutex_lock(&excl_lock);
    while (excl_pending)
        pthread_cond_wait(&excl_over, &excl_lock);
    __atomic_store_n(&excl_pending, 1, __ATOMIC_SEQ_CST);
    while (rs.any) {
        rs.any = false;
        pthread_mutex_lock(&exec_tb_lock);
        exec_cpu_foreach_locked(stop_running, &rs);
        pthread_mutex_unlock(&exec_tb_lock);
        if (rs.any)
            pthread_cond_wait(&excl_left, &excl_lock);
    }
    fn(arg);
    __atomic_store_n(&excl_pending, 0, __ATOMIC_SEQ_CST);
    pthread_cond_broadcast(&excl_over);
    pthread_mutex_unlock(&excl_lock);
    if (was_running)
        exec_start(self);
}

int exec_fork_start(void)
{
    int r;

    pthread_mutex_lock(&globals_lock);
    pthread_mutex_lock(&excl_lock);
    while (excl_pending)
        pthread_cond_wait(&excl_over, &excl_lock);
    pthread_mutex_lock(&exec_tb_lock);
    tcg_fork_start();
    /* The child's copy of the code buffer, while no thread can write
     * it (code-fork.c). */
    r = exec_code_fork_prepare();
    if (r < 0) {
        tcg_fork_end(false);
        pthread_mutex_unlock(&exec_tb_lock);
        pthread_mutex_unlock(&excl_lock);
        pthread_mutex_unlock(&globals_lock);
    }
    return r;
}

void exec_fork_end(bool child)
{
    exec_code_fork_end(child);
    tcg_fork_end(child);
    if (child) {
        pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
        pthread_cond_t c = PTHREAD_COND_INITIALIZER;

        exec_cpu_keep_only_locked(current_cpu);
        exec_tb_lock = m;
        excl_lock = m;
        globals_lock = m;
        excl_left = c;
        excl_over = c;
        excl_pending = 0;
        return;
    }
    pthread_mutex_unlock(&exec_tb_lock);
    pthread_mutex_unlock(&excl_lock);
    pthread_mutex_unlock(&globals_lock);
}

/* Translate (pc, flags) with exec_tb_lock held; a full code buffer is
 * flushed in an exclusive section (the lock released meanwhile). */
static struct exec_tb *gen_tb(struct exec_cpu *cpu, uint64_t pc, uint32_t flags)
{
    struct exec_tb *tb = NULL;
    int r = exec_tb_gen_locked(cpu, pc, flags, &tb);

    if (r == -ENOSPC) {
        pthread_mutex_unlock(&exec_tb_lock);
        exec_flush_all();
        pthread_mutex_lock(&exec_tb_lock);
        /* Another thread may have translated it since. */
        tb = exec_tb_lookup_locked(pc, flags);
        if (!tb)
            r = exec_tb_gen_locked(cpu, pc, flags, &tb);
        else
            r = 0;
        if (r == -ENOSPC) {
            fprintf(stderr, "uemu: the block at 0x%llx does not fit in an empty code buffer\n",
                    (unsigned long long)pc);
            abort();
        }
    }
    return r < 0 ? NULL : tb;
}

/* The block to run at the guest pc, chained from last/n when that
 * block exited towards it; NULL when the pc cannot be fetched.  A new
 * block's pages are write-protected (tb-protect.c).  After a store
 * rewrote its own block, the next block is a one-instruction block,
 * neither chained nor in the jump cache. */
static struct exec_tb *find_tb(struct exec_cpu *cpu, struct exec_tb *last, unsigned n,
                               unsigned long gen)
{
    void *env = cpu->env;
    uint64_t pc = cpu->fe->get_pc(env);
    uint32_t flags = cpu->fe->get_flags(env);
    struct exec_jc_entry *e = &cpu->jc[exec_jc_hash(pc)];
    /* Other threads may clear the entry (invalidation): no lock here. */
    struct exec_tb *tb = __atomic_load_n(&e->tb, __ATOMIC_ACQUIRE);
    bool fresh = false;

    if (cpu->one_insn) {
        pthread_mutex_lock(&exec_tb_lock);
        tb = exec_tb_lookup_locked(pc, flags | EXEC_TB_ONE_INSN);
        if (!tb && (tb = gen_tb(cpu, pc, flags | EXEC_TB_ONE_INSN)))
            fresh = true;
        pthread_mutex_unlock(&exec_tb_lock);
    } else {
        if (tb && e->pc == pc && e->flags == flags && !last)
            return tb;
        pthread_mutex_lock(&exec_tb_lock);
        if (!tb || e->pc != pc || e->flags != flags) {
            tb = exec_tb_lookup_locked(pc, flags);
            if (!tb && (tb = gen_tb(cpu, pc, flags)))
                fresh = true;
            if (tb)
                exec_jc_set(e, pc, flags, tb);
        }
        if (tb && last && gen == exec_flush_count && !exec_chaining_off())
            exec_tb_chain_locked(last, n, tb);
        pthread_mutex_unlock(&exec_tb_lock);
    }
    if (fresh)
        exec_protect_code(tb->pc, tb->pc_end);
    return tb;
}

static int run(struct exec_cpu *cpu)
{
    struct exec_tb *last = NULL;
    unsigned last_n = 0;
    unsigned long gen = 0;

    for (;;) {
        struct exec_tb *tb;
        uintptr_t ret;

        if (__atomic_load_n(&cpu->exit_request, __ATOMIC_ACQUIRE)) {
            __atomic_store_n(&cpu->exit_request, 0, __ATOMIC_RELAXED);
            return EXEC_EXCP_INTERRUPT;
        }
        tb = find_tb(cpu, last, last_n, gen);
        if (!tb) {
            cpu->fault = (struct exec_fault){
                .addr = cpu->fe->get_pc(cpu->env), .is_exec = true,
            };
            return EXEC_EXCP_FAULT;
        }
        if (log_enabled(LOG_EXEC | LOG_CPU))
            log_state(cpu, tb);
        tcg_fault = (struct tcg_fault){ .insn = -1 };
        cpu->in_guest = 1;
        ret = tcg_tb_exec(&tb->t, cpu->env);
        cpu->in_guest = 0;
        take_fpflags(cpu, NULL);
        last = NULL;
        if (tb->flags & EXEC_TB_ONE_INSN)
            cpu->one_insn = false;
        if (ret == TCG_EXIT_FAULT)
            return op_fault(cpu);
        if (ret >= EXEC_EXIT_LIMIT) {
            /* an unchained goto_tb: its block leaves the pc to us
             * (exec_gen_goto_tb); blocks stay valid while this cpu runs */
            struct exec_tb *from = (struct exec_tb *)(ret & ~(uintptr_t)3);

            cpu->fe->set_pc(cpu->env, from->dest[ret & 1]);
            /* a one-instruction block is never chained */
            if (!(tb->flags & EXEC_TB_ONE_INSN)) {
                last = from;
                last_n = ret & 1;
                gen = exec_flush_count;
            }
        } else if (ret == EXEC_EXCP_SYNC_ICACHE) {
            exec_flush_all();
        } else if (ret != EXEC_EXCP_NONE) {
            return (int)ret;
        }
    }
}

int exec_cpu_exec(struct exec_cpu *cpu)
{
    int jumped, r;

    current_cpu = cpu;
    tcg_ctx_set(cpu->ctx);
    exec_start(cpu);
    /* not the guest's: raised by C code since generated code last ran */
    (void)tcg_fpflags_take();
    jumped = sigsetjmp(cpu->jmp, 0);
    if (jumped) {
        struct exec_tb *tb = tb_at(cpu, cpu->fault_host_pc);

        restore_insn(cpu, tb, tb ? tcg_tb_find_insn(&tb->t, cpu->fault_host_pc) : -1);
        if (jumped == 1) {
            exec_end(cpu);
            return EXEC_EXCP_FAULT;
        }
    }
    r = run(cpu);
    exec_end(cpu);
    return r;
}
