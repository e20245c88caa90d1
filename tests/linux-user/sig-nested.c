/* Nested signals: a handler raising another signal runs that handler
 * inside (unless the first's sa_mask blocks it: then after it);
 * SA_NODEFER lets a handler be re-entered; SA_RESETHAND restores the
 * default after one delivery; the mask inside a handler. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static char trace[256];
static int depth;

static void add(const char *s)
{
    strncat(trace, s, sizeof(trace) - strlen(trace) - 1);
}

static void h2(int sig)
{
    (void)sig;
    add("[2]");
}

static void h1(int sig)
{
    sigset_t cur;

    (void)sig;
    add("[1");
    sigprocmask(SIG_BLOCK, NULL, &cur);
    add(sigismember(&cur, SIGUSR1) ? "m" : "-");
    raise(SIGUSR2);
    add("]");
}

static void self(int sig)
{
    (void)sig;
    add("(");
    if (++depth < 3)
        raise(SIGINT);
    add(")");
}

static void once(int sig)
{
    (void)sig;
    add("{once}");
}

static void print(const char *what)
{
    printf("%s: %s\n", what, trace);
    trace[0] = 0;
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h2;
    sigaction(SIGUSR2, &sa, NULL);
    sa.sa_handler = h1;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    print("nested");

    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    print("blocked by sa_mask, delivered after");

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = self;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGINT, &sa, NULL);
    raise(SIGINT);
    print("SA_NODEFER re-entry");

    sa.sa_handler = once;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGHUP, &sa, NULL);
    raise(SIGHUP);
    sigaction(SIGHUP, NULL, &sa);
    print("SA_RESETHAND");
    printf("handler now default: %d\n", sa.sa_handler == SIG_DFL);
    return 0;
}
