/*
 * Random riscv64 instruction sequences for the differential test (run):
 * prints a freestanding assembly program.  Each sequence loads random
 * values (edge values half of the time) into the integer and FP
 * registers, runs random instructions of every class uemu translates
 * (RV64I, M, A, F, D, Zba, Zbb; the assembler compresses what it can),
 * with forward branches, loads and stores into a scratch area, LR/SC and
 * AMOs, and stores every register into an output area.  At the end the
 * program writes the output and the scratch area to stdout and exits.
 *
 * s0 (x8) holds the scratch address and s1 (x9) the output cursor; no
 * instruction writes them.  ctzw is left out: qemu-riscv64 7.2, the
 * reference, gets it wrong for a zero low word with bits above 32.
 *
 *     gen SEED COUNT > prog.S
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#define INSNS_PER_SEQ 24
#define SCRATCH 2048  /* offsets fit a 12-bit immediate */
/* 31 integer registers but s0/s1, 32 FP registers, fcsr: 64 words. */
#define OUT_WORDS 64

static uint64_t rng;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned below(unsigned n)
{
    return (unsigned)(next() % n);
}

static uint64_t value(void)
{
    static const uint64_t edge[] = {
        0, 1, 2, 31, 32, 63, 64, 0x7f, 0x80, 0xffffffffffffffffull,
        0x8000000000000000ull, 0x7fffffffffffffffull, 0x80000000ull,
        0x7fffffffull, 0xffffffffull, 0xffffffff80000000ull, 0x100000000ull,
        0x3ff0000000000000ull, 0xbff8000000000000ull, 0x7ff8000000000000ull,
        0x7ff0000000000000ull, 0xffffffff3f800000ull, 0xffffffff7fc00000ull,
        0x0000000000000001ull, 0x000fffffffffffffull, 0xffffffffc0490fdbull,
    };

    return below(2) ? edge[below(sizeof(edge) / sizeof(edge[0]))] : next();
}

/* A destination or source integer register: never s0/s1. */
static unsigned xreg(void)
{
    unsigned r;

    do
        r = below(32);
    while (r == 8 || r == 9);
    return r;
}

static const char *const r3[] = {
    "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
    "addw", "subw", "sllw", "srlw", "sraw",
    "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
    "mulw", "divw", "divuw", "remw", "remuw",
    "add.uw", "sh1add", "sh2add", "sh3add", "sh1add.uw", "sh2add.uw", "sh3add.uw",
    "andn", "orn", "xnor", "max", "maxu", "min", "minu", "rol", "ror", "rolw", "rorw",
};
static const char *const r2[] = {
    "clz", "ctz", "cpop", "clzw", "cpopw", "sext.b", "sext.h", "zext.h",
    "orc.b", "rev8",
};
static const char *const i12[] = {
    "addi", "slti", "sltiu", "xori", "ori", "andi", "addiw",
};
static const char *const sh6[] = { "slli", "srli", "srai", "rori", "slli.uw" };
static const char *const sh5[] = { "slliw", "srliw", "sraiw", "roriw" };
static const char *const ld[] = { "lb", "lh", "lw", "ld", "lbu", "lhu", "lwu" };
static const char *const st[] = { "sb", "sh", "sw", "sd" };
static const char *const amo[] = {
    "amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax",
    "amominu", "amomaxu",
};
static const char *const fp3[] = { "fadd", "fsub", "fmul", "fdiv" };
static const char *const fp3n[] = { "fmin", "fmax", "fsgnj", "fsgnjn", "fsgnjx" };
static const char *const fpcmp[] = { "feq", "flt", "fle" };
static const char *const fp4[] = { "fmadd", "fmsub", "fnmsub", "fnmadd" };
static const char *const rms[] = { "rne", "rtz", "rdn", "rup", "rmm", "dyn" };
static const char *const cvt_int[] = { "w", "wu", "l", "lu" };

#define PICK(a) (a)[below(sizeof(a) / sizeof((a)[0]))]

static void insn(unsigned *label)
{
    const char *fmt = below(2) ? "s" : "d";

    switch (below(16)) {
    case 0: case 1: case 2: case 3:
        printf("\t%s x%u, x%u, x%u\n", PICK(r3), xreg(), xreg(), xreg());
        break;
    case 4:
        printf("\t%s x%u, x%u\n", PICK(r2), xreg(), xreg());
        break;
    case 5:
        printf("\t%s x%u, x%u, %d\n", PICK(i12), xreg(), xreg(), (int)below(4096) - 2048);
        break;
    case 6:
        if (below(2))
            printf("\t%s x%u, x%u, %u\n", PICK(sh6), xreg(), xreg(), below(64));
        else
            printf("\t%s x%u, x%u, %u\n", PICK(sh5), xreg(), xreg(), below(32));
        break;
    case 7:
        printf("\t%s x%u, %u(s0)\n", PICK(ld), xreg(), below(SCRATCH - 8));
        break;
    case 8:
        printf("\t%s x%u, %u(s0)\n", PICK(st), xreg(), below(SCRATCH - 8));
        break;
    case 9: {
        unsigned a = xreg() | 16, size = below(2) ? 4 : 8;  /* never x0 */

        printf("\taddi x%u, s0, %u\n", a, below(SCRATCH / size) * size);
        if (below(3) == 0) {
            unsigned v = xreg();

            printf("\tlr.%c x%u, (x%u)\n", size == 4 ? 'w' : 'd', v, a);
            if (v == a)
                break;
            if (below(2))
                printf("\tsd x%u, %u(s0)\n", xreg(), below(SCRATCH / 8) * 8);
            printf("\tsc.%c x%u, x%u, (x%u)\n", size == 4 ? 'w' : 'd', xreg(), xreg(), a);
        } else {
            printf("\t%s.%c x%u, x%u, (x%u)\n", PICK(amo), size == 4 ? 'w' : 'd',
                   xreg(), xreg(), a);
        }
        break;
    }
    case 10:
        printf("\t%s.%s f%u, f%u, f%u, %s\n", PICK(fp3), fmt, below(32), below(32),
               below(32), PICK(rms));
        break;
    case 11:
        printf("\t%s.%s f%u, f%u, f%u\n", PICK(fp3n), fmt, below(32), below(32), below(32));
        break;
    case 12:
        if (below(2))
            printf("\t%s.%s x%u, f%u, f%u\n", PICK(fpcmp), fmt, xreg(), below(32), below(32));
        else
            printf("\tfclass.%s x%u, f%u\n", fmt, xreg(), below(32));
        break;
    case 13:
        printf("\t%s.%s f%u, f%u, f%u, f%u, %s\n", PICK(fp4), fmt, below(32), below(32),
               below(32), below(32), PICK(rms));
        break;
    case 14:
        switch (below(4)) {
        case 0:
            printf("\tfcvt.%s.%s x%u, f%u, %s\n", PICK(cvt_int), fmt, xreg(), below(32),
                   PICK(rms));
            break;
        case 1: {
            const char *from = PICK(cvt_int);

            /* Exact conversions take no rounding mode in the assembler. */
            if (fmt[0] == 'd' && from[0] == 'w')
                printf("\tfcvt.d.%s f%u, x%u\n", from, below(32), xreg());
            else
                printf("\tfcvt.%s.%s f%u, x%u, %s\n", fmt, from, below(32), xreg(),
                       PICK(rms));
            break;
        }
        case 2:
            if (fmt[0] == 's')
                printf("\tfcvt.s.d f%u, f%u, %s\n", below(32), below(32), PICK(rms));
            else
                printf("\tfcvt.d.s f%u, f%u\n", below(32), below(32));
            break;
        default:
            printf("\tfsqrt.%s f%u, f%u, %s\n", fmt, below(32), below(32), PICK(rms));
            break;
        }
        break;
    default: {
        static const char *const br[] = { "beq", "bne", "blt", "bge", "bltu", "bgeu" };

        printf("\t%s x%u, x%u, 1%uf\n", PICK(br), xreg(), xreg(), *label % 10);
        printf("\taddi x%u, x%u, %d\n", xreg(), xreg(), (int)below(64) - 32);
        printf("1%u:\n", (*label)++ % 10);
        break;
    }
    }
}

int main(int argc, char **argv)
{
    unsigned count, label = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: gen SEED COUNT\n");
        return 2;
    }
    rng = strtoull(argv[1], NULL, 0) * 0x9e3779b97f4a7c15ull | 1;
    count = (unsigned)strtoul(argv[2], NULL, 0);
    printf("\t.option arch, +zba, +zbb\n\t.globl _start\n\t.text\n_start:\n"
           "\tla s0, scratch\n\tla s1, out\n");
    for (unsigned k = 0; k < count; k++) {
        printf("# sequence %u\n", k);
        for (unsigned r = 1; r < 32; r++) {
            if (r != 8 && r != 9)
                printf("\tli x%u, 0x%016" PRIx64 "\n", r, value());
        }
        for (unsigned r = 0; r < 32; r++) {
            printf("\tli t0, 0x%016" PRIx64 "\n\tfmv.d.x f%u, t0\n", value(), r);
        }
        printf("\tli t0, %u\n\tcsrw fcsr, t0\n", below(5) << 5);
        printf("\tli t0, 0x%016" PRIx64 "\n", value());
        for (unsigned i = 0; i < INSNS_PER_SEQ; i++)
            insn(&label);
        for (unsigned r = 1, n = 0; r < 32; r++) {
            if (r != 8 && r != 9)
                printf("\tsd x%u, %u(s1)\n", r, 8 * n++);
        }
        for (unsigned r = 0; r < 32; r++)
            printf("\tfsd f%u, %u(s1)\n", r, 8 * (29 + r));
        printf("\tfrcsr t0\n\tsd t0, %u(s1)\n", 8 * 61);
        printf("\taddi s1, s1, %u\n", 8 * OUT_WORDS);
    }
    printf("\tli a0, 1\n\tla a1, out\n\tli a2, %u\n\tli a7, 64\n\tecall\n",
           count * OUT_WORDS * 8);
    printf("\tli a0, 1\n\tla a1, scratch\n\tli a2, %u\n\tli a7, 64\n\tecall\n", SCRATCH);
    printf("\tli a0, 0\n\tli a7, 93\n\tecall\n");
    printf("\t.bss\n\t.balign 8\nscratch:\n\t.zero %u\nout:\n\t.zero %u\n", SCRATCH,
           count * OUT_WORDS * 8);
    return 0;
}
