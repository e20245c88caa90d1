/*
 * riscv64 decoder: finds the owning row of rv_insn_table[] and extracts
 * the operands of its format.
 *
 * Lookup: on first use the table is split into buckets, one per RVC
 * quadrant+funct3 and one per 32-bit major opcode (bits 6:2), each sorted
 * by mask population count so the first matching row is the most specific
 * one.  Every row's mask covers its bucket's bits (checked by the unit
 * test), so a word is only ever compared with the few rows of its bucket.
 *
 * Extraction: rv_extract() has one case per format; nothing else in uemu
 * takes instruction bits apart.
 */
#include <pthread.h>

#include "target/riscv64/decode.h"

#define RVC_BUCKETS 24  /* quadrants 0-2 x funct3 */
#define NBUCKETS (RVC_BUCKETS + 32)

/* The row indices of every bucket, back to back: bucket b holds
 * order[start[b]] .. order[start[b + 1] - 1]. */
static uint16_t bucket_start[NBUCKETS + 1];
static uint16_t bucket_order[RV_INSN_TABLE_MAX];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static unsigned bucket_of(uint32_t w)
{
    if ((w & 3) == 3)
        return RVC_BUCKETS + ((w >> 2) & 31);
    return (w & 3) * 8 + ((w >> 13) & 7);
}

static int more_specific(uint16_t a, uint16_t b)
{
    return __builtin_popcount(rv_insn_table[a].mask) >
           __builtin_popcount(rv_insn_table[b].mask);
}

static void build_buckets(void)
{
    uint16_t count[NBUCKETS] = { 0 };
    size_t n = rv_insn_table_len;

    for (size_t i = 0; i < n; i++)
        count[bucket_of(rv_insn_table[i].match)]++;
    bucket_start[0] = 0;
    for (unsigned b = 0; b < NBUCKETS; b++)
        bucket_start[b + 1] = bucket_start[b] + count[b];
    for (unsigned b = 0; b < NBUCKETS; b++)
        count[b] = bucket_start[b];
    /* Insertion into each bucket keeps it sorted, most specific first;
     * rows of equal specificity never overlap, so their order is free. */
    for (size_t i = 0; i < n; i++) {
        unsigned b = bucket_of(rv_insn_table[i].match);
        uint16_t pos = count[b]++;
        while (pos > bucket_start[b] &&
               more_specific((uint16_t)i, bucket_order[pos - 1])) {
            bucket_order[pos] = bucket_order[pos - 1];
            pos--;
        }
        bucket_order[pos] = (uint16_t)i;
    }
}

static const rv_row *find_row(uint32_t w)
{
    unsigned b;

    pthread_once(&buckets_once, build_buckets);
    b = bucket_of(w);
    for (unsigned k = bucket_start[b]; k < bucket_start[b + 1]; k++) {
        const rv_row *r = &rv_insn_table[bucket_order[k]];
        if ((w & r->mask) == r->match)
            return r;
    }
    return NULL;
}

/* Bits hi..lo of w, shifted down to bit 0. */
static inline uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
    return (w >> lo) & ((2u << (hi - lo)) - 1);
}

/* Bits hi..lo of w placed at bit position @at. */
static inline uint32_t place(uint32_t w, unsigned hi, unsigned lo, unsigned at)
{
    return bits(w, hi, lo) << at;
}

/* Sign-extend the low @width bits of v. */
static inline int64_t sext(uint64_t v, unsigned width)
{
    return (int64_t)(v << (64 - width)) >> (64 - width);
}

/* Compressed register field rd'/rs1'/rs2': x8..x15. */
static inline uint8_t creg(uint32_t w, unsigned lo)
{
    return (uint8_t)(8 + bits(w, lo + 2, lo));
}

static void rv_extract(const rv_row *r, uint32_t w, rv_insn *d)
{
    uint8_t rd = (uint8_t)bits(w, 11, 7);

    switch ((enum rv_fmt)r->fmt) {
    case RV_FMT_NONE:   /* ecall, ebreak, fence.i, c.ebreak */
        break;
    case RV_FMT_R4:     /* fmadd.s ... fnmadd.d */
        d->rs3 = (uint8_t)bits(w, 31, 27);
        /* fall through */
    case RV_FMT_R_RM:   /* fadd.s ... fdiv.d */
        d->rm = (uint8_t)bits(w, 14, 12);
        /* fall through */
    case RV_FMT_R:      /* add ..., fsgnj.s ... */
        d->rd = rd;
        d->rs1 = (uint8_t)bits(w, 19, 15);
        d->rs2 = (uint8_t)bits(w, 24, 20);
        break;
    case RV_FMT_R1_RM:  /* fsqrt.s, fcvt.* */
        d->rm = (uint8_t)bits(w, 14, 12);
        /* fall through */
    case RV_FMT_R1:     /* clz, rev8, fmv.x.w, fclass.d ... */
        d->rd = rd;
        d->rs1 = (uint8_t)bits(w, 19, 15);
        break;
    case RV_FMT_AMO:    /* lr.w ... amomaxu.d */
        d->rd = rd;
        d->rs1 = (uint8_t)bits(w, 19, 15);
        d->rs2 = (uint8_t)bits(w, 24, 20);
        d->aq = (uint8_t)bits(w, 26, 26);
        d->rl = (uint8_t)bits(w, 25, 25);
        break;
    case RV_FMT_I:      /* addi, loads, jalr */
        d->rd = rd;
        d->rs1 = (uint8_t)bits(w, 19, 15);
        d->imm = sext(bits(w, 31, 20), 12);
        break;
    case RV_FMT_S:      /* stores */
        d->rs1 = (uint8_t)bits(w, 19, 15);
        d->rs2 = (uint8_t)bits(w, 24, 20);
        d->imm = sext(place(w, 31, 25, 5) | bits(w, 11, 7), 12);
        break;
    case RV_FMT_B:      /* beq ... bgeu */
        d->rs1 = (uint8_t)bits(w, 19, 15);
        d->rs2 = (uint8_t)bits(w, 24, 20);
        d->imm = sext(place(w, 31, 31, 12) | place(w, 7, 7, 11) |
                      place(w, 30, 25, 5) | place(w, 11, 8, 1), 13);
        break;
    case RV_FMT_U:      /* lui, auipc */
        d->rd = rd;
        d->imm = sext(w & 0xfffff000u, 32);
        break;
    case RV_FMT_J:      /* jal */
        d->rd = rd;
        d->imm = sext(place(w, 31, 31, 20) | place(w, 19, 12, 12) |
                      place(w, 20, 20, 11) | place(w, 30, 21, 1), 21);
        break;
    case RV_FMT_SH6:    /* slli, srli, srai, rori, slli.uw */
    case RV_FMT_SH5:    /* slliw, srliw, sraiw, roriw */
        d->rd = rd;
        d->rs1 = (uint8_t)bits(w, 19, 15);
        d->shamt = (uint8_t)bits(w, r->fmt == RV_FMT_SH6 ? 25 : 24, 20);
        d->imm = d->shamt;
        break;
    case RV_FMT_CSR:    /* csrrw, csrrs, csrrc */
        d->rd = rd;
        d->rs1 = (uint8_t)bits(w, 19, 15);
        d->csr = (uint16_t)bits(w, 31, 20);
        break;
    case RV_FMT_CSRI:   /* csrrwi, csrrsi, csrrci */
        d->rd = rd;
        d->csr = (uint16_t)bits(w, 31, 20);
        d->imm = bits(w, 19, 15);
        break;
    case RV_FMT_FENCE:  /* fence, fence.tso */
        d->fm = (uint8_t)bits(w, 31, 28);
        d->pred = (uint8_t)bits(w, 27, 24);
        d->succ = (uint8_t)bits(w, 23, 20);
        break;
    case RV_FMT_CIW:    /* c.addi4spn -> addi rd', sp, nzuimm */
        d->rd = creg(w, 2);
        d->rs1 = 2;
        d->imm = place(w, 12, 11, 4) | place(w, 10, 7, 6) |
                 place(w, 6, 6, 2) | place(w, 5, 5, 3);
        break;
    case RV_FMT_CL_W:   /* c.lw -> lw rd', uimm(rs1') */
    case RV_FMT_CL_D:   /* c.ld, c.fld -> ld/fld rd', uimm(rs1') */
    case RV_FMT_CS_W:   /* c.sw -> sw rs2', uimm(rs1') */
    case RV_FMT_CS_D:   /* c.sd, c.fsd -> sd/fsd rs2', uimm(rs1') */
        if (r->fmt == RV_FMT_CL_W || r->fmt == RV_FMT_CL_D)
            d->rd = creg(w, 2);
        else
            d->rs2 = creg(w, 2);
        d->rs1 = creg(w, 7);
        d->imm = place(w, 12, 10, 3);
        if (r->fmt == RV_FMT_CL_W || r->fmt == RV_FMT_CS_W)
            d->imm |= place(w, 6, 6, 2) | place(w, 5, 5, 6);
        else
            d->imm |= place(w, 6, 5, 6);
        break;
    case RV_FMT_CI:     /* c.addi, c.addiw -> addi[w] rd, rd, imm */
    case RV_FMT_CI_LI:  /* c.li -> addi rd, x0, imm */
        d->rd = rd;
        d->rs1 = r->fmt == RV_FMT_CI ? rd : 0;
        d->imm = sext(place(w, 12, 12, 5) | bits(w, 6, 2), 6);
        break;
    case RV_FMT_CI_LUI: /* c.lui -> lui rd, nzimm */
        d->rd = rd;
        d->imm = sext(place(w, 12, 12, 17) | place(w, 6, 2, 12), 18);
        break;
    case RV_FMT_CI_16SP: /* c.addi16sp -> addi sp, sp, nzimm */
        d->rd = d->rs1 = 2;
        d->imm = sext(place(w, 12, 12, 9) | place(w, 6, 6, 4) |
                      place(w, 5, 5, 6) | place(w, 4, 3, 7) |
                      place(w, 2, 2, 5), 10);
        break;
    case RV_FMT_CI_SH:  /* c.slli -> slli rd, rd, shamt */
        d->rd = d->rs1 = rd;
        d->shamt = (uint8_t)(place(w, 12, 12, 5) | bits(w, 6, 2));
        d->imm = d->shamt;
        break;
    case RV_FMT_CI_LWSP: /* c.lwsp -> lw rd, uimm(sp) */
        d->rd = rd;
        d->rs1 = 2;
        d->imm = place(w, 12, 12, 5) | place(w, 6, 4, 2) | place(w, 3, 2, 6);
        break;
    case RV_FMT_CI_LDSP: /* c.ldsp, c.fldsp -> ld/fld rd, uimm(sp) */
        d->rd = rd;
        d->rs1 = 2;
        d->imm = place(w, 12, 12, 5) | place(w, 6, 5, 3) | place(w, 4, 2, 6);
        break;
    case RV_FMT_CSS_W:  /* c.swsp -> sw rs2, uimm(sp) */
        d->rs1 = 2;
        d->rs2 = (uint8_t)bits(w, 6, 2);
        d->imm = place(w, 12, 9, 2) | place(w, 8, 7, 6);
        break;
    case RV_FMT_CSS_D:  /* c.sdsp, c.fsdsp -> sd/fsd rs2, uimm(sp) */
        d->rs1 = 2;
        d->rs2 = (uint8_t)bits(w, 6, 2);
        d->imm = place(w, 12, 10, 3) | place(w, 9, 7, 6);
        break;
    case RV_FMT_CB_BR:  /* c.beqz, c.bnez -> beq/bne rs1', x0, offset */
        d->rs1 = creg(w, 7);
        d->imm = sext(place(w, 12, 12, 8) | place(w, 11, 10, 3) |
                      place(w, 6, 5, 6) | place(w, 4, 3, 1) |
                      place(w, 2, 2, 5), 9);
        break;
    case RV_FMT_CB_SH:  /* c.srli, c.srai -> srli/srai rd', rd', shamt */
        d->rd = d->rs1 = creg(w, 7);
        d->shamt = (uint8_t)(place(w, 12, 12, 5) | bits(w, 6, 2));
        d->imm = d->shamt;
        break;
    case RV_FMT_CB_ANDI: /* c.andi -> andi rd', rd', imm */
        d->rd = d->rs1 = creg(w, 7);
        d->imm = sext(place(w, 12, 12, 5) | bits(w, 6, 2), 6);
        break;
    case RV_FMT_CA:     /* c.sub ... c.addw -> op rd', rd', rs2' */
        d->rd = d->rs1 = creg(w, 7);
        d->rs2 = creg(w, 2);
        break;
    case RV_FMT_CJ:     /* c.j -> jal x0, offset */
        d->imm = sext(place(w, 12, 12, 11) | place(w, 11, 11, 4) |
                      place(w, 10, 9, 8) | place(w, 8, 8, 10) |
                      place(w, 7, 7, 6) | place(w, 6, 6, 7) |
                      place(w, 5, 3, 1) | place(w, 2, 2, 5), 12);
        break;
    case RV_FMT_CR_MV:  /* c.mv -> add rd, x0, rs2 */
        d->rd = rd;
        d->rs2 = (uint8_t)bits(w, 6, 2);
        break;
    case RV_FMT_CR_ADD: /* c.add -> add rd, rd, rs2 */
        d->rd = d->rs1 = rd;
        d->rs2 = (uint8_t)bits(w, 6, 2);
        break;
    case RV_FMT_CR_JR:  /* c.jr -> jalr x0, 0(rs1) */
    case RV_FMT_CR_JALR: /* c.jalr -> jalr ra, 0(rs1) */
        d->rd = r->fmt == RV_FMT_CR_JALR ? 1 : 0;
        d->rs1 = rd;
        break;
    case RV_FMT_COUNT:
        break;
    }
}

/* The row's extra constraints and the reserved rounding modes. */
static bool rv_legal(const rv_row *r, const rv_insn *d)
{
    if ((r->flags & RV_NZIMM) && d->imm == 0)
        return false;
    if ((r->flags & RV_RD_NZ) && d->rd == 0)
        return false;
    if ((r->flags & RV_RS1_NZ) && d->rs1 == 0)
        return false;
    if ((r->fmt == RV_FMT_R_RM || r->fmt == RV_FMT_R1_RM ||
         r->fmt == RV_FMT_R4) &&
        (d->rm == 5 || d->rm == 6))
        return false;
    return r->id != RV_ILLEGAL;
}

bool rv_decode(uint32_t raw, rv_insn *out)
{
    unsigned len = rv_insn_len((uint16_t)raw);
    uint32_t w = len == 2 ? (raw & 0xffff) : raw;
    const rv_row *r = find_row(w);

    *out = (rv_insn){ .row = r, .len = (uint8_t)len };
    if (!r)
        return false;
    rv_extract(r, w, out);
    if (!rv_legal(r, out)) {
        out->id = RV_ILLEGAL;
        return false;
    }
    out->id = r->id;
    return true;
}
