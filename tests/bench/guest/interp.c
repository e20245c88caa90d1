/* Indirect-branch benchmark: a small stack-machine bytecode interpreter,
 * dispatched once with a switch and once with computed goto (a GNU C
 * extension that both gcc and clang accept), running the same program: a
 * nested loop that sums i*j mod 7 and counts the primes below a bound by
 * trial division.  Prints both results; they must agree. */
#include <stdint.h>
#include <stdio.h>

enum op {
    OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_MUL, OP_MOD, OP_LT, OP_JZ,
    OP_JMP, OP_HALT, NOPS
};

/* Variables: 0 n, 1 i, 2 j, 3 acc, 4 primes, 5 isprime.  The comments give
 * each line's offset, the jump targets. */
static const int64_t prog[] = {
    OP_PUSH, 2, OP_STORE, 1,                          /* 0: i = 2 */
    OP_LOAD, 1, OP_LOAD, 0, OP_LT, OP_JZ, 81,         /* 4: while i < n */
    OP_PUSH, 1, OP_STORE, 5,                          /* 11: isprime = 1 */
    OP_PUSH, 2, OP_STORE, 2,                          /* 15: j = 2 */
    OP_LOAD, 2, OP_LOAD, 2, OP_MUL, OP_LOAD, 1,       /* 19: while j*j < i+1 */
    OP_PUSH, 1, OP_ADD, OP_LT, OP_JZ, 65,
    OP_LOAD, 3, OP_LOAD, 1, OP_LOAD, 2, OP_MUL,       /* 32: acc += i*j%7 */
    OP_PUSH, 7, OP_MOD, OP_ADD, OP_STORE, 3,
    OP_LOAD, 1, OP_LOAD, 2, OP_MOD, OP_JZ, 61,        /* 45: if i%j == 0 */
    OP_LOAD, 2, OP_PUSH, 1, OP_ADD, OP_STORE, 2,      /* 52: j++ */
    OP_JMP, 19,                                       /* 59 */
    OP_PUSH, 0, OP_STORE, 5,                          /* 61: isprime = 0 */
    OP_LOAD, 4, OP_LOAD, 5, OP_ADD, OP_STORE, 4,      /* 65: primes += */
    OP_LOAD, 1, OP_PUSH, 1, OP_ADD, OP_STORE, 1,      /* 72: i++ */
    OP_JMP, 4,                                        /* 79 */
    OP_HALT,                                          /* 81 */
};

static void run_switch(int64_t *vars)
{
    int64_t stack[64], *sp = stack;
    const int64_t *pc = prog;
    for (;;) {
        switch (*pc++) {
        case OP_PUSH: *sp++ = *pc++; break;
        case OP_LOAD: *sp++ = vars[*pc++]; break;
        case OP_STORE: vars[*pc++] = *--sp; break;
        case OP_ADD: sp--; sp[-1] += sp[0]; break;
        case OP_MUL: sp--; sp[-1] *= sp[0]; break;
        case OP_MOD: sp--; sp[-1] %= sp[0]; break;
        case OP_LT: sp--; sp[-1] = sp[-1] < sp[0]; break;
        case OP_JZ: if (*--sp == 0) pc = prog + *pc; else pc++; break;
        case OP_JMP: pc = prog + *pc; break;
        default: return;
        }
    }
}

static void run_goto(int64_t *vars)
{
    static const void *labels[NOPS] = {
        &&push, &&load, &&store, &&add, &&mul, &&mod, &&lt, &&jz,
        &&jmp, &&halt,
    };
    int64_t stack[64], *sp = stack;
    const int64_t *pc = prog;
#define NEXT goto *labels[*pc++]
    NEXT;
push: *sp++ = *pc++; NEXT;
load: *sp++ = vars[*pc++]; NEXT;
store: vars[*pc++] = *--sp; NEXT;
add: sp--; sp[-1] += sp[0]; NEXT;
mul: sp--; sp[-1] *= sp[0]; NEXT;
mod: sp--; sp[-1] %= sp[0]; NEXT;
lt: sp--; sp[-1] = sp[-1] < sp[0]; NEXT;
jz: if (*--sp == 0) pc = prog + *pc; else pc++; NEXT;
jmp: pc = prog + *pc; NEXT;
halt:
#undef NEXT
    return;
}

#define BOUND 60000

int main(void)
{
    int64_t a[6] = {BOUND, 0, 0, 0, 0, 0}, b[6] = {BOUND, 0, 0, 0, 0, 0};
    run_switch(a);
    run_goto(b);
    printf("switch primes %lld acc %lld\n", (long long)a[4], (long long)a[3]);
    printf("goto   primes %lld acc %lld\n", (long long)b[4], (long long)b[3]);
    return 0;
}
