/*
 * Tests of the riscv64 decoder table and decoder (target/riscv64/
 * insn-table.c, decode.c) and of rv_disas() on chosen cases.
 *
 * - table sanity: well-formed rows, every id present, and every pair of
 *   overlapping rows strictly nested (the more specific row owns the
 *   overlap), with each row owning some encoding of its own;
 * - exact decoding of assembler-produced encodings of every format,
 *   including the extremes of every sign-extended immediate;
 * - every reserved/illegal case: RVC reserved forms, unimp, reserved
 *   rounding modes, wrong fixed fields.
 * tests/riscv64-disas/run compares the whole table with objdump.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "target/riscv64/decode.h"
#include "uemu/riscv64-disas.h"

static bool row_is_rvc(const rv_row *r)
{
    return (r->match & 3) != 3;
}

static void test_rows_well_formed(void **state)
{
    (void)state;
    assert_true(rv_insn_table_len <= RV_INSN_TABLE_MAX);
    for (size_t i = 0; i < rv_insn_table_len; i++) {
        const rv_row *r = &rv_insn_table[i];

        assert_non_null(r->name);
        assert_non_null(r->args);
        assert_true(r->id < RV_ID_COUNT);
        assert_true(r->fmt < RV_FMT_COUNT);
        if ((r->match & ~r->mask) != 0)
            fail_msg("%s: match has bits outside mask", r->name);
        if (row_is_rvc(r)) {
            /* quadrant and funct3 fixed: the decoder's bucket key */
            if ((r->mask & 0xe003) != 0xe003 || r->mask > 0xffff)
                fail_msg("%s: bad compressed mask %#x", r->name, r->mask);
            assert_int_equal(strncmp(r->name, "c.", 2), 0);
        } else if ((r->mask & 0x7f) != 0x7f) {
            fail_msg("%s: major opcode not fixed by mask", r->name);
        }
    }
}

static void test_every_id_has_a_base_row(void **state)
{
    bool seen[RV_ID_COUNT] = { false };

    (void)state;
    for (size_t i = 0; i < rv_insn_table_len; i++)
        if (!row_is_rvc(&rv_insn_table[i]))
            seen[rv_insn_table[i].id] = true;
    for (unsigned id = 1; id < RV_ID_COUNT; id++)
        if (!seen[id])
            fail_msg("id %u has no 32-bit row", id);
}

/* Two rows overlap when some word matches both; then one mask must
 * strictly contain the other (the decoder tries the larger first). */
static void test_overlaps_are_nested(void **state)
{
    (void)state;
    for (size_t i = 0; i < rv_insn_table_len; i++) {
        for (size_t j = i + 1; j < rv_insn_table_len; j++) {
            const rv_row *a = &rv_insn_table[i], *b = &rv_insn_table[j];
            uint32_t common = a->mask & b->mask;

            if (row_is_rvc(a) != row_is_rvc(b))
                continue;
            if (((a->match ^ b->match) & common) != 0)
                continue;
            if (a->mask == b->mask)
                fail_msg("%s and %s have the same encoding", a->name, b->name);
            if (common != a->mask && common != b->mask)
                fail_msg("%s and %s overlap without nesting", a->name, b->name);
        }
    }
}

/* xorshift: deterministic filler for the free bits of a row */
static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_every_row_owns_encodings(void **state)
{
    uint32_t seed = 0x9e3779b9u;

    (void)state;
    for (size_t i = 0; i < rv_insn_table_len; i++) {
        const rv_row *r = &rv_insn_table[i];
        uint32_t width = row_is_rvc(r) ? 0xffffu : 0xffffffffu;
        bool owned = false;

        for (int k = 0; k < 256 && !owned; k++) {
            uint32_t w = r->match | (next_rand(&seed) & ~r->mask & width);
            rv_insn d;

            rv_decode(w, &d);
            owned = d.row == r;
            assert_int_equal(d.len, row_is_rvc(r) ? 2 : 4);
        }
        if (!owned)
            fail_msg("%s never owns an encoding", r->name);
    }
}

/* An expected decoding; fields left out must decode as zero. */
typedef struct dcase {
    uint32_t raw;
    rv_insn want;   /* row not compared */
} dcase;

#define D(raw_, ...) { raw_, { .len = 4, __VA_ARGS__ } }
#define DC(raw_, ...) { raw_, { .len = 2, __VA_ARGS__ } }

static const dcase decode_cases[] = {
    /* R, I, S, B, U, J and friends */
    D(0x00c58533, .id = RV_ADD, .rd = 10, .rs1 = 11, .rs2 = 12),
    D(0x80058513, .id = RV_ADDI, .rd = 10, .rs1 = 11, .imm = -2048),
    D(0x7ff58513, .id = RV_ADDI, .rd = 10, .rs1 = 11, .imm = 2047),
    D(0xfff58567, .id = RV_JALR, .rd = 10, .rs1 = 11, .imm = -1),
    D(0xfea13c27, .id = RV_FSD, .rs1 = 2, .rs2 = 10, .imm = -8),
    D(0x7ea5bfa3, .id = RV_SD, .rs1 = 11, .rs2 = 10, .imm = 2047),
    D(0x80a5a023, .id = RV_SW, .rs1 = 11, .rs2 = 10, .imm = -2048),
    D(0x80b50063, .id = RV_BEQ, .rs1 = 10, .rs2 = 11, .imm = -4096),
    D(0x7eb51fe3, .id = RV_BNE, .rs1 = 10, .rs2 = 11, .imm = 4094),
    D(0x80000537, .id = RV_LUI, .rd = 10, .imm = -0x80000000LL),
    D(0x7ffff517, .id = RV_AUIPC, .rd = 10, .imm = 0x7ffff000),
    D(0x800000ef, .id = RV_JAL, .rd = 1, .imm = -1048576),
    D(0x7ffff0ef, .id = RV_JAL, .rd = 1, .imm = 1048574),
    /* shifts */
    D(0x03f51513, .id = RV_SLLI, .rd = 10, .rs1 = 10, .shamt = 63, .imm = 63),
    D(0x43f5d513, .id = RV_SRAI, .rd = 10, .rs1 = 11, .shamt = 63, .imm = 63),
    D(0x63f5d513, .id = RV_RORI, .rd = 10, .rs1 = 11, .shamt = 63, .imm = 63),
    D(0x41f5d51b, .id = RV_SRAIW, .rd = 10, .rs1 = 11, .shamt = 31, .imm = 31),
    D(0x0bf5951b, .id = RV_SLLI_UW, .rd = 10, .rs1 = 11, .shamt = 63,
      .imm = 63),
    /* Zicsr */
    D(0x0015a573, .id = RV_CSRRS, .rd = 10, .rs1 = 11, .csr = 0x001),
    D(0x002fd573, .id = RV_CSRRWI, .rd = 10, .csr = 0x002, .imm = 31),
    /* A */
    D(0x06b6352f, .id = RV_AMOADD_D, .rd = 10, .rs1 = 12, .rs2 = 11,
      .aq = 1, .rl = 1),
    D(0x1405a52f, .id = RV_LR_W, .rd = 10, .rs1 = 11, .aq = 1),
    D(0x1ab6352f, .id = RV_SC_D, .rd = 10, .rs1 = 12, .rs2 = 11, .rl = 1),
    /* fences: reserved fields are ignored, as the manual asks */
    D(0x0310000f, .id = RV_FENCE, .pred = 3, .succ = 1),
    D(0x8330000f, .id = RV_FENCE_TSO, .fm = 8, .pred = 3, .succ = 3),
    D(0x0ff5050f, .id = RV_FENCE, .pred = 15, .succ = 15),
    D(0x0000100f, .id = RV_FENCE_I),
    D(0xfff5100f, .id = RV_FENCE_I),
    D(0x00000073, .id = RV_ECALL),
    D(0x00100073, .id = RV_EBREAK),
    /* F, D */
    D(0x6ac59543, .id = RV_FMADD_D, .rd = 10, .rs1 = 11, .rs2 = 12, .rs3 = 13,
      .rm = RV_RM_RTZ),
    D(0x00c5f553, .id = RV_FADD_S, .rd = 10, .rs1 = 11, .rs2 = 12,
      .rm = RV_RM_DYN),
    D(0xc205c553, .id = RV_FCVT_W_D, .rd = 10, .rs1 = 11, .rm = RV_RM_RMM),
    D(0xd2051553, .id = RV_FCVT_D_W, .rd = 10, .rs1 = 10, .rm = RV_RM_RTZ),
    D(0xe0050553, .id = RV_FMV_X_W, .rd = 10, .rs1 = 10),
    D(0xa2b52553, .id = RV_FEQ_D, .rd = 10, .rs1 = 10, .rs2 = 11),
    /* Zba, Zbb */
    D(0x6b85d513, .id = RV_REV8, .rd = 10, .rs1 = 11),
    D(0x0805c53b, .id = RV_ZEXT_H, .rd = 10, .rs1 = 11),
    D(0x2875d513, .id = RV_ORC_B, .rd = 10, .rs1 = 11),
    D(0x6025951b, .id = RV_CPOPW, .rd = 10, .rs1 = 11),
    D(0x20c5c533, .id = RV_SH2ADD, .rd = 10, .rs1 = 11, .rs2 = 12),
    /* C, every format, immediates at their extremes */
    DC(0x1fe8, .id = RV_ADDI, .rd = 10, .rs1 = 2, .imm = 1020),
    DC(0x5de8, .id = RV_LW, .rd = 10, .rs1 = 11, .imm = 124),
    DC(0x7de8, .id = RV_LD, .rd = 10, .rs1 = 11, .imm = 248),
    DC(0x3de8, .id = RV_FLD, .rd = 10, .rs1 = 11, .imm = 248),
    DC(0xdde8, .id = RV_SW, .rs1 = 11, .rs2 = 10, .imm = 124),
    DC(0xfde8, .id = RV_SD, .rs1 = 11, .rs2 = 10, .imm = 248),
    DC(0xbde8, .id = RV_FSD, .rs1 = 11, .rs2 = 10, .imm = 248),
    DC(0x1501, .id = RV_ADDI, .rd = 10, .rs1 = 10, .imm = -32),
    DC(0x0001, .id = RV_ADDI),
    DC(0x257d, .id = RV_ADDIW, .rd = 10, .rs1 = 10, .imm = 31),
    DC(0x557d, .id = RV_ADDI, .rd = 10, .imm = -1),
    DC(0x7501, .id = RV_LUI, .rd = 10, .imm = -0x20000),
    DC(0x657d, .id = RV_LUI, .rd = 10, .imm = 0x1f000),
    DC(0x7101, .id = RV_ADDI, .rd = 2, .rs1 = 2, .imm = -512),
    DC(0x617d, .id = RV_ADDI, .rd = 2, .rs1 = 2, .imm = 496),
    DC(0x917d, .id = RV_SRLI, .rd = 10, .rs1 = 10, .shamt = 63, .imm = 63),
    DC(0x9501, .id = RV_SRAI, .rd = 10, .rs1 = 10, .shamt = 32, .imm = 32),
    DC(0x8001, .id = RV_SRLI, .rd = 8, .rs1 = 8),
    DC(0x9901, .id = RV_ANDI, .rd = 10, .rs1 = 10, .imm = -32),
    DC(0x8c1d, .id = RV_SUB, .rd = 8, .rs1 = 8, .rs2 = 15),
    DC(0x8c3d, .id = RV_XOR, .rd = 8, .rs1 = 8, .rs2 = 15),
    DC(0x8c5d, .id = RV_OR, .rd = 8, .rs1 = 8, .rs2 = 15),
    DC(0x8c7d, .id = RV_AND, .rd = 8, .rs1 = 8, .rs2 = 15),
    DC(0x9c1d, .id = RV_SUBW, .rd = 8, .rs1 = 8, .rs2 = 15),
    DC(0x9c3d, .id = RV_ADDW, .rd = 8, .rs1 = 8, .rs2 = 15),
    DC(0xb001, .id = RV_JAL, .imm = -2048),
    DC(0xaffd, .id = RV_JAL, .imm = 2046),
    DC(0xd101, .id = RV_BEQ, .rs1 = 10, .imm = -256),
    DC(0xed7d, .id = RV_BNE, .rs1 = 10, .imm = 254),
    DC(0x157e, .id = RV_SLLI, .rd = 10, .rs1 = 10, .shamt = 63, .imm = 63),
    DC(0x0502, .id = RV_SLLI, .rd = 10, .rs1 = 10),
    DC(0x357e, .id = RV_FLD, .rd = 10, .rs1 = 2, .imm = 504),
    DC(0x557e, .id = RV_LW, .rd = 10, .rs1 = 2, .imm = 252),
    DC(0x757e, .id = RV_LD, .rd = 10, .rs1 = 2, .imm = 504),
    DC(0x8082, .id = RV_JALR, .rs1 = 1),
    DC(0x852e, .id = RV_ADD, .rd = 10, .rs2 = 11),
    DC(0x9002, .id = RV_EBREAK),
    DC(0x9502, .id = RV_JALR, .rd = 1, .rs1 = 10),
    DC(0x952e, .id = RV_ADD, .rd = 10, .rs1 = 10, .rs2 = 11),
    DC(0xbfaa, .id = RV_FSD, .rs1 = 2, .rs2 = 10, .imm = 504),
    DC(0xdfaa, .id = RV_SW, .rs1 = 2, .rs2 = 10, .imm = 252),
    DC(0xffaa, .id = RV_SD, .rs1 = 2, .rs2 = 10, .imm = 504),
    /* the upper half of a compressed instruction's word is not its own */
    DC(0xdead1fe8, .id = RV_ADDI, .rd = 10, .rs1 = 2, .imm = 1020),
};

static void test_decode_exact(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
        const dcase *c = &decode_cases[i];
        const rv_insn *w = &c->want;
        rv_insn d;

        if (!rv_decode(c->raw, &d))
            fail_msg("%#x: not decoded", c->raw);
        assert_non_null(d.row);
        if (d.id != w->id || d.len != w->len || d.rd != w->rd ||
            d.rs1 != w->rs1 || d.rs2 != w->rs2 || d.rs3 != w->rs3 ||
            d.rm != w->rm || d.aq != w->aq || d.rl != w->rl ||
            d.shamt != w->shamt || d.fm != w->fm || d.pred != w->pred ||
            d.succ != w->succ || d.csr != w->csr || d.imm != w->imm)
            fail_msg("%#x (%s): got id %u len %u rd %u rs1 %u rs2 %u rs3 %u "
                     "rm %u aq %u rl %u shamt %u fm %u pred %u succ %u csr %#x "
                     "imm %lld", c->raw, d.row->name, d.id, d.len, d.rd,
                     d.rs1, d.rs2, d.rs3, d.rm, d.aq, d.rl, d.shamt, d.fm,
                     d.pred, d.succ, d.csr, (long long)d.imm);
    }
}

/* An illegal word and the row that owns it (NULL: none). */
static const struct {
    uint32_t raw;
    const char *row;
} illegal_cases[] = {
    { 0x0000, "c.unimp" },
    { 0x0010, "c.addi4spn" },   /* nzuimm = 0 */
    { 0x001c, "c.addi4spn" },
    { 0x6101, "c.addi16sp" },   /* nzimm = 0 */
    { 0x6001, "c.lui" },        /* nzimm = 0, rd = x0 */
    { 0x6501, "c.lui" },        /* nzimm = 0 */
    { 0x8002, "c.jr" },         /* rs1 = x0 */
    { 0x4002, "c.lwsp" },       /* rd = x0 */
    { 0x507e, "c.lwsp" },
    { 0x6002, "c.ldsp" },       /* rd = x0 */
    { 0x707e, "c.ldsp" },
    { 0x2001, "c.addiw" },      /* rd = x0 */
    { 0x307d, "c.addiw" },
    { 0x8000, NULL },           /* quadrant 0, funct3 100 */
    { 0x9ffc, NULL },
    { 0x9c41, NULL },           /* CA reserved */
    { 0x9c61, NULL },
    { 0xc0001073, "unimp" },
    { 0x02c5d553, "fadd.d" },   /* rm 101 reserved */
    { 0x02c5e553, "fadd.d" },   /* rm 110 reserved */
    { 0x6ac5d543, "fmadd.d" },
    { 0x5805e553, "fsqrt.s" },
    { 0xd205d553, "fcvt.d.w" },
    { 0x10b5a52f, NULL },       /* lr.w with rs2 != 0 */
    { 0xf0051553, NULL },       /* fmv.w.x with funct3 1 */
    { 0x06c5f553, NULL },       /* fadd.q: no Q */
    { 0x04051513, NULL },       /* slli with funct6 000001 */
    { 0x0205151b, NULL },       /* slliw with shamt 32 */
    { 0x000000f3, NULL },       /* ecall with rd != 0 */
    { 0x30200073, NULL },       /* mret: not user mode */
    { 0x6045151b, NULL },       /* sext.b exists only on OP-IMM */
    { 0x0000007f, NULL },       /* 64-bit instruction prefix */
    { 0xffffffff, NULL },
    { 0x0815453b, NULL },       /* zext.h needs rs2 = 0 */
};

static void test_illegal(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(illegal_cases) / sizeof(illegal_cases[0]); i++) {
        uint32_t raw = illegal_cases[i].raw;
        const char *row = illegal_cases[i].row;
        rv_insn d;

        if (rv_decode(raw, &d))
            fail_msg("%#x decoded as %s", raw, d.row->name);
        assert_int_equal(d.id, RV_ILLEGAL);
        assert_int_equal(d.len, (raw & 3) == 3 ? 4 : 2);
        if (!row && d.row)
            fail_msg("%#x: owned by %s", raw, d.row->name);
        if (row && (!d.row || strcmp(d.row->name, row) != 0))
            fail_msg("%#x: owned by %s, not %s", raw,
                     d.row ? d.row->name : "nothing", row);
    }
}

/*
 * Every 16-bit parcel: how many are valid, and which row owns each
 * reserved one.  46743 valid is what objdump 2.40 accepts minus c.unimp
 * and c.addi16sp with imm 0 (reserved by the manual, printed by objdump).
 */
static void test_rvc_census(void **state)
{
    static const struct {
        const char *row;
        unsigned illegal;
    } owners[] = {
        { "c.unimp", 1 },
        { "c.addi4spn", 7 },    /* nzuimm 0, rd' != x8 (0x0000 is c.unimp) */
        { "c.addi16sp", 1 },
        { "c.lui", 31 },        /* nzimm 0, every rd but sp */
        { "c.jr", 1 },
        { "c.lwsp", 64 },       /* rd x0, any offset */
        { "c.ldsp", 64 },
        { "c.addiw", 64 },
    };
    unsigned valid = 0, unowned = 0, owned[8] = { 0 };

    (void)state;
    for (uint32_t v = 0; v < 0x10000; v++) {
        rv_insn d;

        if ((v & 3) == 3)
            continue;
        if (rv_decode(v, &d)) {
            valid++;
            continue;
        }
        if (!d.row) {
            unowned++;
            continue;
        }
        for (size_t i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
            if (strcmp(d.row->name, owners[i].row) == 0)
                owned[i]++;
    }
    assert_int_equal(valid, 46743);
    assert_int_equal(unowned, 2048 + 128);  /* Q0 funct3 100, CA reserved */
    for (size_t i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
        if (owned[i] != owners[i].illegal)
            fail_msg("%s: %u reserved encodings, expected %u", owners[i].row,
                     owned[i], owners[i].illegal);
}

static const struct {
    uint64_t pc;
    uint32_t raw;
    const char *text;
} disas_cases[] = {
    { 0x1000, 0x6ac59543, "fmadd.d\tfa0,fa1,fa2,fa3,rtz" },
    { 0x1000, 0x00c5f553, "fadd.s\tfa0,fa1,fa2" },
    { 0x1000, 0xd2051553, "fcvt.d.w\tfa0,a0,rtz" },
    { 0x1000, 0xd2050553, "fcvt.d.w\tfa0,a0" },
    { 0x1000, 0xd2057553, "fcvt.d.w\tfa0,a0,dyn" },
    { 0x1000, 0x06b6352f, "amoadd.d.aqrl\ta0,a1,(a2)" },
    { 0x1000, 0x1405a52f, "lr.w.aq\ta0,(a1)" },
    { 0x1000, 0x80b50063, "beq\ta0,a1,0x0" },
    { 0x18, 0x80b50063, "beq\ta0,a1,0xfffffffffffff018" },
    { 0x1000, 0x80000537, "lui\ta0,0x80000" },
    { 0x1000, 0x0010000f, "fence\tunknown,w" },
    { 0x1000, 0x8330000f, "fence.tso" },
    { 0x1000, 0xc8002573, "csrrs\ta0,cycleh,zero" },
    { 0x1000, 0xc0302573, "csrrs\ta0,hpmcounter3,zero" },
    { 0x1000, 0x30002573, "csrrs\ta0,0x300,zero" },
    { 0x1000, 0x002fd573, "csrrwi\ta0,frm,31" },
    { 0x1000, 0xc0001073, "unimp" },
    { 0x1000, 0x0000, "c.unimp" },
    { 0x1000, 0x6101, ".2byte\t0x6101" },
    { 0x1000, 0x02c5d553, ".4byte\t0x2c5d553" },
    { 0xa6, 0xb001, "c.j\t0xfffffffffffff8a6" },
    { 0xac, 0xed7d, "c.bnez\ta0,0x1aa" },
    { 0x1000, 0x7501, "c.lui\ta0,0xfffe0" },
    { 0x1000, 0x1fe8, "c.addi4spn\ta0,sp,1020" },
    { 0x1000, 0x0502, "c.slli64\ta0" },
    { 0x1000, 0x357e, "c.fldsp\tfa0,504(sp)" },
};

static void test_disas_cases(void **state)
{
    char buf[RV_DISAS_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(disas_cases) / sizeof(disas_cases[0]); i++) {
        unsigned len = rv_disas(buf, sizeof(buf), disas_cases[i].pc,
                                disas_cases[i].raw);

        assert_string_equal(buf, disas_cases[i].text);
        assert_int_equal(len, (disas_cases[i].raw & 3) == 3 ? 4 : 2);
    }
}

/* A short buffer truncates and stays terminated; size 0 writes nothing. */
static void test_disas_truncates(void **state)
{
    char buf[8];

    (void)state;
    memset(buf, 'x', sizeof(buf));
    assert_int_equal(rv_disas(buf, 6, 0, 0x06b6352f), 4);
    assert_string_equal(buf, "amoad");
    assert_int_equal(buf[6], 'x');
    assert_int_equal(rv_disas(buf, 0, 0, 0x06b6352f), 4);
    assert_int_equal(buf[0], 'a');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_well_formed),
        cmocka_unit_test(test_every_id_has_a_base_row),
        cmocka_unit_test(test_overlaps_are_nested),
        cmocka_unit_test(test_every_row_owns_encodings),
        cmocka_unit_test(test_decode_exact),
        cmocka_unit_test(test_illegal),
        cmocka_unit_test(test_rvc_census),
        cmocka_unit_test(test_disas_cases),
        cmocka_unit_test(test_disas_truncates),
    };

    return cmocka_run_group_tests_name("riscv64-decode", tests, NULL, NULL);
}
