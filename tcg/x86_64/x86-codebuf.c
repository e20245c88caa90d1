/*
 * The x86_64 code buffer: one memfd mapped twice, a writable view where
 * code is emitted and an executable view where it runs, so no address is
 * ever writable and executable at once (W^X).  The buffer starts with the
 * prologue/epilogue that enter generated code from C; blocks follow,
 * bump-allocated until tcg_code_flush.
 *
 * Entry: x86_prologue(env, code, guest_base) saves the callee-saved
 * registers, reserves the frame (X86_FRAME bytes of temp slots, rsp
 * 16-byte aligned), sets r14 = env and r15 = guest_base and jumps to code.
 * Blocks leave by jumping to the epilogue with the return value in rax.
 *
 * Pages are faulted in ahead of the allocation point, POPULATE_CHUNK at a
 * time and in both views, with one madvise each: a page fault costs about
 * 10 us on virtual machines like the CI runners (0.7 us per page when
 * populated in bulk), and a new page is touched twice, once per view.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tcg/x86_64/x86.h"

#define CODE_SIZE (32u << 20)
#define POPULATE_CHUNK (64u << 10)
/* Populate when less than this is left: most blocks are far smaller. */
#define POPULATE_SLACK (16u << 10)

static uint8_t *rw, *rx;
static size_t used;      /* bytes in use, prologue included */
static size_t populated; /* bytes faulted in, both views */
static size_t prologue_size;
static uint8_t *epilogue_rx;
static int init_error;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static const int saved[] = { RBP, RBX, R12, R13, R14, R15 };

static void emit_prologue(void)
{
    struct xbuf b = { rw, rw, rw + CODE_SIZE, rx - rw };

    for (size_t i = 0; i < sizeof(saved) / sizeof(saved[0]); i++)
        x_op(&b, 0x50 + (saved[i] & 7), X_NOREG, X_NOREG, saved[i]);
    /* 6 pushes + return address leave rsp 8 off alignment; the frame
     * size restores it */
    x_rr(&b, X_W | 0x81, 5, RSP);
    x_d32(&b, X86_FRAME);
    x_rr(&b, X_W | OP_MOV_ST, RDI, R14);
    x_rr(&b, X_W | OP_MOV_ST, RDX, R15);
    x_rr(&b, 0xff, 4, RSI);
    epilogue_rx = b.p + (rx - rw);
    x_rr(&b, X_W | 0x81, 0, RSP);
    x_d32(&b, X86_FRAME);
    for (size_t i = sizeof(saved) / sizeof(saved[0]); i-- > 0;)
        x_op(&b, 0x58 + (saved[i] & 7), X_NOREG, X_NOREG, saved[i]);
    x_b(&b, 0xc3);
    prologue_size = used = ALIGN16((size_t)(b.p - rw));
}

static void init(void)
{
    int fd = memfd_create("uemu-code", MFD_CLOEXEC);
    void *w, *x;

    if (fd < 0) {
        init_error = -errno;
        return;
    }
    if (ftruncate(fd, CODE_SIZE) < 0) {
        init_error = -errno;
        close(fd);
        return;
    }
    w = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    x = w == MAP_FAILED ? MAP_FAILED
                        : mmap(NULL, CODE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (x == MAP_FAILED) {
        init_error = -errno;
        if (w != MAP_FAILED)
            munmap(w, CODE_SIZE);
        close(fd);
        return;
    }
    close(fd);
    rw = w;
    rx = x;
    emit_prologue();
}

/* Best effort: before Linux 5.14 (EINVAL) pages fault in one by one. */
static void populate_ahead(void)
{
    size_t n;

    if (populated >= used + POPULATE_SLACK || populated >= CODE_SIZE)
        return;
    n = POPULATE_CHUNK;
    if (n > CODE_SIZE - populated)
        n = CODE_SIZE - populated;
    madvise(rw + populated, n, MADV_POPULATE_WRITE);
    madvise(rx + populated, n, MADV_POPULATE_READ);
    populated += n;
}

int x86_code_begin(struct xbuf *b)
{
    pthread_once(&once, init);
    if (init_error)
        return init_error;
    pthread_mutex_lock(&lock);
    populate_ahead();
    b->start = b->p = rw + used;
    b->end = rw + CODE_SIZE;
    b->rx_delta = rx - rw;
    return 0;
}

void x86_code_end(struct xbuf *b, bool keep)
{
    if (keep)
        used = ALIGN16((size_t)(b->p - rw));
    pthread_mutex_unlock(&lock);
}

void x86_code_flush(void)
{
    pthread_mutex_lock(&lock);
    if (rw)
        used = prologue_size;
    pthread_mutex_unlock(&lock);
}

uintptr_t x86_enter(void *env, const void *code, uintptr_t guest_base)
{
    uintptr_t (*prologue)(void *, const void *, uintptr_t) = (void *)rx;

    return prologue(env, code, guest_base);
}

const uint8_t *x86_epilogue(void)
{
    return epilogue_rx;
}

intptr_t x86_rx_delta(void)
{
    return rx - rw;
}

uintptr_t x86_fault_code_pc(uintptr_t host_pc)
{
    uintptr_t start = (uintptr_t)__atomic_load_n(&rx, __ATOMIC_RELAXED);

    return start && host_pc - start < CODE_SIZE ? host_pc : 0;
}
