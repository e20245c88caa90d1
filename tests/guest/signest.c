/* Nested signals: SIGUSR1's handler raises SIGUSR2 (handled inside it)
 * and runs with SIGUSR1 blocked; SA_RESETHAND and SA_NODEFER.  (The
 * handler's sa_mask is not checked here: qemu-riscv64 7.2 does not
 * block it, while Linux and uemu do.) */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static char trace[64];
static volatile int pos;

static void add(char c)
{
    trace[pos++] = c;
}

static void on_usr2(int sig) { (void)sig; add('2'); }
static void on_int(int sig) { (void)sig; add('i'); }

static volatile int usr1_blocked;

static void on_usr1(int sig)
{
    sigset_t cur;

    (void)sig;
    add('<');
    sigprocmask(SIG_BLOCK, NULL, &cur);
    usr1_blocked = sigismember(&cur, SIGUSR1);
    raise(SIGUSR2);
    add('>');
}

static volatile int depth, max_depth;

static void on_term(int sig)
{
    if (++depth > max_depth)
        max_depth = depth;
    if (depth < 3)
        raise(sig);
    depth--;
}

static void set(int sig, void (*h)(int), int flags, int masked)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (masked)
        sigaddset(&sa.sa_mask, masked);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    struct sigaction old;

    set(SIGUSR1, on_usr1, 0, 0);
    set(SIGUSR2, on_usr2, 0, 0);
    set(SIGHUP, on_int, SA_RESETHAND, 0);
    raise(SIGUSR1);
    raise(SIGHUP);
    printf("trace %s, SIGUSR1 blocked in its handler: %d\n", trace, usr1_blocked);
    sigaction(SIGHUP, NULL, &old);
    printf("SIGHUP reset to default: %d\n", old.sa_handler == SIG_DFL);
    set(SIGTERM, on_term, SA_NODEFER, 0);
    raise(SIGTERM);
    printf("SA_NODEFER depth %d\n", max_depth);
    return 0;
}
