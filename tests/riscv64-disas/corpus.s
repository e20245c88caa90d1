# Every row of target/riscv64/insn-table.c at least once, with operands at
# their extremes.  Assembled with -march=rv64gc_zba_zbb -mno-relax;
# tests/riscv64-disas/run compares uemu's disassembly with objdump's.
	.text
	.globl _start
_start:
	.option norvc
# RV64I
	lui	a0, 0x80000
	lui	zero, 0
	lui	t6, 0xfffff
	auipc	a0, 0x7ffff
	auipc	s11, 0
	jal	ra, .+1048574
	jal	zero, .-1048576
	jal	t0, .+4
	jalr	a0, -1(a1)
	jalr	zero, 0(ra)
	jalr	ra, 2047(t6)
	jalr	s1, -2048(s0)
	beq	a0, a1, .-4096
	bne	a0, a1, .+4094
	blt	t0, t1, .+8
	bge	s2, s3, .-8
	bltu	zero, ra, .+2
	bgeu	a7, sp, .
	lb	a0, -2048(a1)
	lh	a1, 2047(a2)
	lw	a2, 0(sp)
	ld	ra, 8(sp)
	lbu	t3, -1(t4)
	lhu	t5, 100(gp)
	lwu	tp, -100(tp)
	sb	a0, -2048(a1)
	sh	a1, 2047(a2)
	sw	zero, 0(sp)
	sd	ra, -8(sp)
	addi	a0, a1, -2048
	addi	a0, a1, 2047
	addi	zero, zero, 0
	slti	a0, a1, -1
	sltiu	a0, a1, 1
	xori	a0, a1, -1
	ori	a0, a1, 1365
	andi	a0, a1, 255
	slli	a0, a1, 0
	slli	a0, a1, 63
	srli	a0, a1, 32
	srai	a0, a1, 63
	add	a0, a1, a2
	sub	s0, s1, s2
	sll	t0, t1, t2
	slt	a3, a4, a5
	sltu	a6, a7, s2
	xor	s3, s4, s5
	srl	s6, s7, s8
	sra	s9, s10, s11
	or	t3, t4, t5
	and	t6, zero, ra
	addiw	a0, a1, -2048
	addiw	a0, a0, 0
	slliw	a0, a1, 31
	srliw	a0, a1, 1
	sraiw	a0, a1, 0
	addw	a0, a1, a2
	subw	a0, a1, a2
	sllw	a0, a1, a2
	srlw	a0, a1, a2
	sraw	a0, a1, a2
	fence	iorw, iorw
	fence	rw, w
	fence	i, o
	fence	r, r
	fence	w, iorw
	fence	io, rw
	fence.tso
	ecall
	ebreak
	unimp
# Zifencei
	fence.i
# Zicsr
	csrrw	a0, fflags, a1
	csrrs	a0, frm, zero
	csrrc	zero, fcsr, t0
	csrrs	a0, cycle, zero
	csrrs	a0, time, zero
	csrrs	a0, instret, zero
	csrrs	a0, hpmcounter3, zero
	csrrs	a0, hpmcounter31, zero
	csrrs	a0, 0x7c0, zero
	csrrs	a0, 0x800, zero
	csrrwi	a0, frm, 31
	csrrsi	zero, fflags, 1
	csrrci	a0, fcsr, 0
# M
	mul	a0, a1, a2
	mulh	a0, a1, a2
	mulhsu	a0, a1, a2
	mulhu	a0, a1, a2
	div	a0, a1, a2
	divu	a0, a1, a2
	rem	a0, a1, a2
	remu	a0, a1, a2
	mulw	a0, a1, a2
	divw	a0, a1, a2
	divuw	a0, a1, a2
	remw	a0, a1, a2
	remuw	a0, a1, a2
# A
	lr.w	a0, (a1)
	lr.w.aq	a0, (a1)
	lr.w.rl	a0, (a1)
	lr.w.aqrl	a0, (a1)
	sc.w	a0, a1, (a2)
	sc.w.aqrl	a0, a1, (a2)
	amoswap.w	a0, a1, (a2)
	amoadd.w.aq	a0, a1, (a2)
	amoxor.w.rl	a0, a1, (a2)
	amoand.w	a0, a1, (a2)
	amoor.w	a0, a1, (a2)
	amomin.w	a0, a1, (a2)
	amomax.w	a0, a1, (a2)
	amominu.w	a0, a1, (a2)
	amomaxu.w.aqrl	zero, zero, (sp)
	lr.d	a0, (a1)
	lr.d.aq	t0, (t1)
	sc.d	a0, a1, (a2)
	sc.d.rl	a0, a1, (a2)
	amoswap.d.aqrl	a0, a1, (a2)
	amoadd.d	a0, a1, (a2)
	amoxor.d	a0, a1, (a2)
	amoand.d.aq	a0, a1, (a2)
	amoor.d.rl	a0, a1, (a2)
	amomin.d	a0, a1, (a2)
	amomax.d	a0, a1, (a2)
	amominu.d	a0, a1, (a2)
	amomaxu.d	a0, a1, (a2)
# F
	flw	fa0, -2048(a1)
	fsw	ft11, 2047(sp)
	fmadd.s	fa0, fa1, fa2, fa3
	fmadd.s	fa0, fa1, fa2, fa3, rne
	fmsub.s	ft0, ft1, ft2, ft3, rtz
	fnmsub.s	fs0, fs1, fs2, fs3, rdn
	fnmadd.s	ft8, ft9, ft10, ft11, rup
	fadd.s	fa0, fa1, fa2
	fadd.s	fa0, fa1, fa2, rmm
	fsub.s	fa0, fa1, fa2, rne
	fmul.s	fa0, fa1, fa2, rtz
	fdiv.s	fa0, fa1, fa2, rdn
	fsqrt.s	fa0, fa1
	fsqrt.s	fa0, fa1, rup
	fsgnj.s	fa0, fa1, fa2
	fsgnjn.s	fa0, fa1, fa2
	fsgnjx.s	fa0, fa1, fa2
	fmin.s	fa0, fa1, fa2
	fmax.s	fa0, fa1, fa2
	fcvt.w.s	a0, fa1
	fcvt.w.s	a0, fa1, rtz
	fcvt.wu.s	a0, fa1, rne
	fcvt.l.s	a0, fa1, rdn
	fcvt.lu.s	a0, fa1, rmm
	fmv.x.w	a0, fa1
	feq.s	a0, fa1, fa2
	flt.s	a0, fa1, fa2
	fle.s	a0, fa1, fa2
	fclass.s	a0, fa1
	fcvt.s.w	fa0, a1
	fcvt.s.w	fa0, a1, rtz
	fcvt.s.wu	fa0, a1, rup
	fcvt.s.l	fa0, a1
	fcvt.s.lu	fa0, a1, rmm
	fmv.w.x	fa0, a1
# D
	fld	fa0, -2048(a1)
	fsd	fs11, 2047(sp)
	fmadd.d	fa0, fa1, fa2, fa3
	fmsub.d	ft0, ft1, ft2, ft3, rtz
	fnmsub.d	fs0, fs1, fs2, fs3, rdn
	fnmadd.d	ft8, ft9, ft10, ft11, rmm
	fadd.d	fa0, fa1, fa2
	fsub.d	fa0, fa1, fa2, rne
	fmul.d	fa0, fa1, fa2, rtz
	fdiv.d	fa0, fa1, fa2, rup
	fsqrt.d	fa0, fa1
	fsgnj.d	fa0, fa1, fa2
	fsgnjn.d	fa0, fa1, fa2
	fsgnjx.d	fa0, fa1, fa2
	fmin.d	fa0, fa1, fa2
	fmax.d	fa0, fa1, fa2
	fcvt.s.d	fa0, fa1
	fcvt.s.d	fa0, fa1, rtz
	fcvt.d.s	fa0, fa1
	feq.d	a0, fa1, fa2
	flt.d	a0, fa1, fa2
	fle.d	a0, fa1, fa2
	fclass.d	a0, fa1
	fcvt.w.d	a0, fa1, rtz
	fcvt.wu.d	a0, fa1
	fcvt.l.d	a0, fa1, rne
	fcvt.lu.d	a0, fa1, rdn
	fmv.x.d	a0, fa1
	fcvt.d.w	fa0, a1
	fcvt.d.wu	fa0, a1
	fcvt.d.l	fa0, a1
	fcvt.d.l	fa0, a1, rtz
	fcvt.d.lu	fa0, a1, rmm
	fmv.d.x	fa0, a1
# Zba
	add.uw	a0, a1, a2
	add.uw	a0, a1, zero
	sh1add	a0, a1, a2
	sh2add	a0, a1, a2
	sh3add	a0, a1, a2
	sh1add.uw	a0, a1, a2
	sh2add.uw	a0, a1, a2
	sh3add.uw	a0, a1, a2
	slli.uw	a0, a1, 0
	slli.uw	a0, a1, 63
# Zbb
	andn	a0, a1, a2
	orn	a0, a1, a2
	xnor	a0, a1, a2
	clz	a0, a1
	ctz	a0, a1
	cpop	a0, a1
	clzw	a0, a1
	ctzw	a0, a1
	cpopw	a0, a1
	max	a0, a1, a2
	maxu	a0, a1, a2
	min	a0, a1, a2
	minu	a0, a1, a2
	sext.b	a0, a1
	sext.h	a0, a1
	zext.h	a0, a1
	rol	a0, a1, a2
	ror	a0, a1, a2
	rolw	a0, a1, a2
	rorw	a0, a1, a2
	rori	a0, a1, 0
	rori	a0, a1, 63
	roriw	a0, a1, 31
	orc.b	a0, a1
	rev8	a0, a1
# C
	.option rvc
	c.unimp
	c.addi4spn	a0, sp, 1020
	c.addi4spn	s0, sp, 4
	c.fld	fa0, 248(a1)
	c.fld	fs0, 0(a5)
	c.lw	a0, 124(a1)
	c.lw	s1, 4(s0)
	c.ld	a0, 248(a1)
	c.fsd	fa5, 8(s0)
	c.sw	a0, 124(a1)
	c.sd	a0, 248(a1)
	c.nop
	c.addi	a0, -32
	c.addi	t6, 31
	c.addiw	a0, 31
	c.addiw	ra, -32
	c.li	a0, -1
	c.li	zero, 5
	c.addi16sp	sp, -512
	c.addi16sp	sp, 496
	c.lui	a0, 0xfffe0
	c.lui	a0, 0x1f
	c.lui	t6, 1
	c.srli	a0, 63
	c.srli	s0, 1
	c.srai	a0, 32
	c.srai	a5, 7
	c.andi	a0, -32
	c.andi	s1, 31
	c.sub	s0, a5
	c.xor	s0, a5
	c.or	s0, a5
	c.and	s0, a5
	c.subw	s0, a5
	c.addw	s0, a5
	c.j	.-2048
	c.j	.+2046
	c.beqz	a0, .-256
	c.bnez	a0, .+254
	c.slli	a0, 63
	c.slli	ra, 1
	c.fldsp	fa0, 504(sp)
	c.lwsp	a0, 252(sp)
	c.ldsp	a0, 504(sp)
	c.jr	ra
	c.jr	t6
	c.mv	a0, a1
	c.ebreak
	c.jalr	a0
	c.add	a0, a1
	c.fsdsp	fa0, 504(sp)
	c.swsp	a0, 252(sp)
	c.sdsp	a0, 504(sp)
	c.sdsp	zero, 0(sp)
# RV64 HINTs with a name of their own
	c.slli64	a0
	c.slli64	zero
	c.srli64	s0
	c.srai64	a5
