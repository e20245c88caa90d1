/* sigaltstack: a handler with SA_ONSTACK runs on the alternate stack
 * (a local's address lies inside it) and sees SS_ONSTACK; one without
 * runs on the normal stack; stack overflow recursion caught on the
 * alternate stack; SS_DISABLE; sigaltstack while on it fails EPERM. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static char *alt;
static size_t alt_size = 64 * 1024;
static volatile int on_alt, flags_in_handler, eperm;
static sigjmp_buf jb;

static void where(int sig)
{
    char local;
    stack_t cur, try;

    (void)sig;
    on_alt = &local >= alt && &local < alt + alt_size;
    sigaltstack(NULL, &cur);
    flags_in_handler = cur.ss_flags;
    try.ss_sp = alt;
    try.ss_size = alt_size;
    try.ss_flags = 0;
    eperm = sigaltstack(&try, NULL) < 0 && errno == EPERM;
}

static void overflow_handler(int sig)
{
    char local;

    (void)sig;
    on_alt = &local >= alt && &local < alt + alt_size;
    siglongjmp(jb, 1);
}

static int recurse(int n)
{
    volatile char buf[1024];

    buf[0] = (char)n;
    return n > 0 ? recurse(n + 1) + buf[0] : 0;
}

int main(void)
{
    struct sigaction sa;
    stack_t ss, old;

    alt = malloc(alt_size);
    ss.ss_sp = alt;
    ss.ss_size = alt_size;
    ss.ss_flags = 0;
    printf("sigaltstack: %d\n", sigaltstack(&ss, &old));
    printf("old stack disabled: %d\n", (old.ss_flags & SS_DISABLE) != 0);
    ss.ss_size = 100;
    printf("too small: %s\n", sigaltstack(&ss, NULL) < 0 && errno == ENOMEM ? "ENOMEM" : "?");

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = where;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_flags = 0;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR1);
    printf("SA_ONSTACK handler on the alternate stack: %d, SS_ONSTACK %d, EPERM %d\n", on_alt,
           (flags_in_handler & SS_ONSTACK) != 0, eperm);
    raise(SIGUSR2);
    printf("plain handler on the alternate stack: %d, SS_ONSTACK %d\n", on_alt,
           (flags_in_handler & SS_ONSTACK) != 0);

    struct rlimit rl = { 8 << 20, 8 << 20 };
    setrlimit(RLIMIT_STACK, &rl);
    sa.sa_handler = overflow_handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(jb, 1) == 0)
        recurse(1);
    printf("stack overflow caught on the alternate stack: %d\n", on_alt);

    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &old);
    printf("disabled again: %d\n", (old.ss_flags & SS_DISABLE) != 0);
    return 0;
}
