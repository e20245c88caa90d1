/* A stack overflow from deep recursion caught by a SIGSEGV handler
 * running on the alternate stack (SA_ONSTACK), left with siglongjmp. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sigjmp_buf env;
static char *alt;
static volatile int on_alt, flags_onstack;
#define ALT_SIZE (64 * 1024)

static void handler(int sig)
{
    char here;
    stack_t cur;

    (void)sig;
    on_alt = &here >= alt && &here < alt + ALT_SIZE;
    sigaltstack(NULL, &cur);
    flags_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
    siglongjmp(env, 1);
}

static int recurse(volatile char *prev, int depth)
{
    volatile char buf[1024];

    buf[0] = (char)depth;
    buf[1023] = prev ? prev[0] : 0;
    if (depth > 1 << 30)
        return 0;
    return recurse(buf, depth + 1) + buf[1023];
}

int main(void)
{
    stack_t ss, old;
    struct sigaction sa;

    alt = malloc(ALT_SIZE);
    ss.ss_sp = alt;
    ss.ss_size = ALT_SIZE;
    ss.ss_flags = 0;
    if (!alt || sigaltstack(&ss, &old) != 0)
        return 1;
    printf("old altstack disabled: %d\n", (old.ss_flags & SS_DISABLE) != 0);
    ss.ss_size = 1024;
    printf("too small: %d\n", sigaltstack(&ss, NULL) == -1);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(env, 1) == 0)
        printf("not reached %d\n", recurse(NULL, 0));
    printf("overflow caught on the altstack: %d, SS_ONSTACK seen: %d\n", on_alt, flags_onstack);
    sigaltstack(NULL, &old);
    printf("after: onstack %d size ok %d\n", (old.ss_flags & SS_ONSTACK) != 0,
           old.ss_size == ALT_SIZE);
    return 0;
}
