/* SPDX-License-Identifier: MIT */
/* The hostile guest's instruction variants: one small function per
 * register or instruction form, assembled ahead of time (no code is
 * generated or patched at run time). Each ACTION records {function, name,
 * flags} in the table of its class, a section the linker gathers and
 * brackets with __start_/__stop_ symbols (actions_<class>, hostile.lds),
 * which the campaign (campaign.c) picks from at random. The helpers at the
 * end are the parts of composite actions and checks written in C.
 *
 * Calling convention: AAPCS, arguments in r0-r3, result in r0. A function
 * that leaves SVC mode returns to it before returning. */
	.syntax	unified
	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.arch_extension mp
	.arch_extension idiv
	.fpu	neon-vfpv4

#include "action_flags.h"

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_MON 0x16
#define MODE_ABT 0x17
#define MODE_HYP 0x1a
#define MODE_UND 0x1b
#define MODE_SYS 0x1f

	.macro	action_entry class, name, flags, thumb
	.pushsection .rodata.action_names, "a"
.Lname_\class\()_\name:
	.asciz	"\name"
	.popsection
	.pushsection actions_\class, "a"
	.balign	4
	.word	act_\class\()_\name, .Lname_\class\()_\name, \flags
	.popsection
	.section .text.actions, "ax"
	.balign	4
	.if	\thumb
	.thumb
	.thumb_func
	.else
	.arm
	.endif
	.global	act_\class\()_\name
	.type	act_\class\()_\name, %function
act_\class\()_\name:
	.endm

/* ACTION class, name[, flags]: an ARM function act_<class>_<name>. */
	.macro	ACTION class, name, flags=0
	action_entry \class, \name, \flags, 0
	.endm
/* TACTION: the same in Thumb state. */
	.macro	TACTION class, name, flags=0
	action_entry \class, \name, \flags, 1
	.endm

/* ------------------------------------------------------------ HVC and SMC
 * r0-r3 are the call's arguments (PSCI function and parameters, or noise);
 * r0 comes back with the VMM's answer. The immediates differ: the kernel
 * must not read meaning into them. */
	.macro	HVC_FORM imm
	ACTION	hvc, imm_\imm
	hvc	#\imm
	bx	lr
	.endm
	HVC_FORM	0
	HVC_FORM	1
	HVC_FORM	0x4711
	HVC_FORM	0xffff

	TACTION	hvc, thumb_imm_0
	hvc	#0
	bx	lr
	.arm

	.macro	SMC_FORM imm
	ACTION	smc, imm_\imm
	smc	#\imm
	bx	lr
	.endm
	SMC_FORM	0
	SMC_FORM	1
	SMC_FORM	15

	TACTION	smc, thumb_imm_0
	smc	#0
	bx	lr
	.arm

/* ------------------------------------------------------------ loads
 * r0 = address; returns what was loaded. Every width and addressing form
 * a guest can use on memory or a device: the ones without an exit
 * syndrome (doubleword, multiple, writeback, exclusive, VFP) reach the
 * VMM without ISV. */
	ACTION	load, ldrb, 1
	ldrb	r0, [r0]
	bx	lr
	ACTION	load, ldrsb, 1
	ldrsb	r0, [r0]
	bx	lr
	ACTION	load, ldrh, 2
	ldrh	r0, [r0]
	bx	lr
	ACTION	load, ldrsh, 2
	ldrsh	r0, [r0]
	bx	lr
	ACTION	load, ldr, 4
	ldr	r0, [r0]
	bx	lr
	ACTION	load, ldr_offset_neg, 4		@ the address is r0 + 4, encoded as [r1, #-4]
	add	r1, r0, #4
	ldr	r0, [r1, #-4]
	bx	lr
	ACTION	load, ldr_postindex, 4		@ writeback: no syndrome
	mov	r1, r0
	ldr	r0, [r1], #4
	bx	lr
	ACTION	load, ldr_preindex, 4
	sub	r1, r0, #8
	ldr	r0, [r1, #8]!
	bx	lr
	ACTION	load, ldrt, 4			@ as if from user mode
	mov	r1, r0
	ldrt	r0, [r1]
	bx	lr
	ACTION	load, ldrbt, 1
	mov	r1, r0
	ldrbt	r0, [r1]
	bx	lr
	ACTION	load, ldrd, 8
	ldrd	r2, r3, [r0]
	eor	r0, r2, r3
	bx	lr
	ACTION	load, ldm2, 8
	ldm	r0, {r2, r3}
	eor	r0, r2, r3
	bx	lr
	ACTION	load, ldmdb4, 16
	push	{r4, r5}
	add	r1, r0, #16
	ldmdb	r1, {r2-r5}
	eor	r0, r2, r5
	pop	{r4, r5}
	bx	lr
	ACTION	load, ldrex, 4
	ldrex	r0, [r0]
	clrex
	bx	lr
	ACTION	load, ldrexb, 1
	ldrexb	r0, [r0]
	clrex
	bx	lr
	ACTION	load, ldrexh, 2
	ldrexh	r0, [r0]
	clrex
	bx	lr
	ACTION	load, ldrexd, 8
	ldrexd	r2, r3, [r0]
	clrex
	eor	r0, r2, r3
	bx	lr
	ACTION	load, pld, LOAD_NO_ACCESS		@ hints: never fault
	pld	[r0]
	bx	lr
	ACTION	load, pldw, LOAD_NO_ACCESS
	pldw	[r0]
	bx	lr
	ACTION	load, pli, LOAD_NO_ACCESS
	pli	[r0]
	bx	lr
	ACTION	load, vldr_d, 8|ACCESS_VFP		@ undefined while the VFP is off
	vldr	d0, [r0]
	vmov	r0, r1, d0
	bx	lr
	ACTION	load, vld1_8, 1|ACCESS_VFP
	vld1.8	{d1[3]}, [r0]
	vmov	r0, r1, d1
	bx	lr
	TACTION	load, thumb_ldr16, 4		@ 16-bit encoding: HSR.IL = 0
	ldr	r0, [r0]
	bx	lr
	TACTION	load, thumb_ldrh_w, 2		@ 32-bit Thumb encoding
	ldrh.w	r0, [r0]
	bx	lr
	TACTION	load, thumb_ldrsb_w, 1
	ldrsb.w	r0, [r0]
	bx	lr
	.arm

/* ------------------------------------------------------------ stores
 * r0 = address, r1 = value, r2 = a second value. */
	ACTION	store, strb, 1|ACCESS_WRITE
	strb	r1, [r0]
	bx	lr
	ACTION	store, strh, 2|ACCESS_WRITE
	strh	r1, [r0]
	bx	lr
	ACTION	store, str, 4|ACCESS_WRITE
	str	r1, [r0]
	bx	lr
	ACTION	store, str_postindex, 4|ACCESS_WRITE
	str	r1, [r0], #4
	bx	lr
	ACTION	store, str_preindex, 4|ACCESS_WRITE
	sub	r0, r0, #4
	str	r1, [r0, #4]!
	bx	lr
	ACTION	store, strt, 4|ACCESS_WRITE
	strt	r1, [r0]
	bx	lr
	ACTION	store, strbt, 1|ACCESS_WRITE
	strbt	r1, [r0]
	bx	lr
	ACTION	store, strd, 8|ACCESS_WRITE
	mov	r3, r2
	mov	r2, r1
	strd	r2, r3, [r0]
	bx	lr
	ACTION	store, stm2, 8|ACCESS_WRITE
	stm	r0, {r1, r2}
	bx	lr
	ACTION	store, stmib3, 12|ACCESS_WRITE
	sub	r0, r0, #4
	mov	r3, r1
	stmib	r0, {r1-r3}
	bx	lr
	ACTION	store, strex, 4|ACCESS_WRITE
	ldrex	r3, [r0]
	strex	r3, r1, [r0]
	mov	r0, r3
	bx	lr
	ACTION	store, strexb, 1|ACCESS_WRITE
	ldrexb	r3, [r0]
	strexb	r3, r1, [r0]
	mov	r0, r3
	bx	lr
	ACTION	store, strex_unpaired, 4|ACCESS_WRITE	@ no monitor: must fail, not store
	clrex
	strex	r3, r1, [r0]
	mov	r0, r3
	bx	lr
	ACTION	store, strexd, 8|ACCESS_WRITE
	push	{r4, r5}
	mov	r4, r1
	mov	r5, r2
	ldrexd	r2, r3, [r0]
	strexd	r1, r4, r5, [r0]
	mov	r0, r1
	pop	{r4, r5}
	bx	lr
	ACTION	store, swp, 4|ACCESS_WRITE		@ undefined unless SCTLR.SW
	.inst	0xe1001091			@ swp r1, r1, [r0] (deprecated: the assembler warns)
	mov	r0, r1
	bx	lr
	ACTION	store, vstr_d, 8|ACCESS_WRITE|ACCESS_VFP
	vmov	d0, r1, r2
	vstr	d0, [r0]
	bx	lr
	ACTION	store, stc_p14_c5, 4|ACCESS_WRITE	@ the debug channel through memory (DBGDTRTXint)
	stc	p14, c5, [r0]
	bx	lr
	TACTION	store, thumb_str16, 4|ACCESS_WRITE
	str	r1, [r0]
	bx	lr
	TACTION	store, thumb_strb_w, 1|ACCESS_WRITE
	strb.w	r1, [r0]
	bx	lr
	.arm

/* ------------------------------------------------------------ CP15 reads
 * Returns the value read (the low word for 64-bit registers). Includes
 * the performance monitor (trapped by HDCR), implementation-defined
 * registers (trapped by HCR.TIDCP), HYP and Secure registers (undefined at
 * Non-secure PL1) and the ones a guest owns. */
	.macro	READ15 name, opc1, crn, crm, opc2
	ACTION	cp15r, \name
	mrc	p15, \opc1, r0, \crn, \crm, \opc2
	bx	lr
	.endm
	.macro	READ15_64 name, opc1, crm
	ACTION	cp15r, \name
	mrrc	p15, \opc1, r0, r1, \crm
	bx	lr
	.endm
	READ15	midr, 0, c0, c0, 0
	READ15	ctr, 0, c0, c0, 1
	READ15	tcmtr, 0, c0, c0, 2
	READ15	tlbtr, 0, c0, c0, 3
	READ15	mpidr, 0, c0, c0, 5
	READ15	revidr, 0, c0, c0, 6
	READ15	id_pfr0, 0, c0, c1, 0
	READ15	id_pfr1, 0, c0, c1, 1
	READ15	id_dfr0, 0, c0, c1, 2
	READ15	id_mmfr0, 0, c0, c1, 4
	READ15	id_isar0, 0, c0, c2, 0
	READ15	ccsidr, 1, c0, c0, 0
	READ15	clidr, 1, c0, c0, 1
	READ15	aidr, 1, c0, c0, 7
	READ15	csselr, 2, c0, c0, 0
	READ15	sctlr, 0, c1, c0, 0
	READ15	actlr, 0, c1, c0, 1
	READ15	cpacr, 0, c1, c0, 2
	READ15	scr, 0, c1, c1, 0
	READ15	sder, 0, c1, c1, 1
	READ15	nsacr, 0, c1, c1, 2
	READ15	ttbcr, 0, c2, c0, 2
	READ15_64	ttbr0_64, 0, c2
	READ15_64	ttbr1_64, 1, c2
	READ15	dacr, 0, c3, c0, 0
	READ15	dfsr, 0, c5, c0, 0
	READ15	ifsr, 0, c5, c0, 1
	READ15	adfsr, 0, c5, c1, 0
	READ15	aifsr, 0, c5, c1, 1
	READ15	dfar, 0, c6, c0, 0
	READ15	ifar, 0, c6, c0, 2
	READ15	par, 0, c7, c4, 0
	READ15_64	par_64, 0, c7
	READ15	pmcr, 0, c9, c12, 0
	READ15	pmcntenset, 0, c9, c12, 1
	READ15	pmcntenclr, 0, c9, c12, 2
	READ15	pmovsr, 0, c9, c12, 3
	READ15	pmselr, 0, c9, c12, 5
	READ15	pmceid0, 0, c9, c12, 6
	READ15	pmceid1, 0, c9, c12, 7
	READ15	pmccntr, 0, c9, c13, 0
	READ15	pmxevtyper, 0, c9, c13, 1
	READ15	pmxevcntr, 0, c9, c13, 2
	READ15	pmuserenr, 0, c9, c14, 0
	READ15	pmintenset, 0, c9, c14, 1
	READ15	pmintenclr, 0, c9, c14, 2
	READ15	l2ctlr, 1, c9, c0, 2
	READ15	l2ectlr, 1, c9, c0, 3
	READ15	prrr_mair0, 0, c10, c2, 0
	READ15	nmrr_mair1, 0, c10, c2, 1
	READ15	amair0, 0, c10, c3, 0
	READ15	vbar, 0, c12, c0, 0
	READ15	mvbar, 0, c12, c0, 1
	READ15	isr, 0, c12, c1, 0
	READ15	fcseidr, 0, c13, c0, 0
	READ15	contextidr, 0, c13, c0, 1
	READ15	tpidrurw, 0, c13, c0, 2
	READ15	tpidruro, 0, c13, c0, 3
	READ15	tpidrprw, 0, c13, c0, 4
	READ15	cntfrq, 0, c14, c0, 0
	READ15_64	cntpct, 0, c14
	READ15_64	cntvct, 1, c14
	READ15	cntkctl, 0, c14, c1, 0
	READ15	cntp_tval, 0, c14, c2, 0
	READ15	cntp_ctl, 0, c14, c2, 1
	READ15	cntv_tval, 0, c14, c3, 0
	READ15	cntv_ctl, 0, c14, c3, 1
	READ15_64	cntp_cval, 2, c14
	READ15_64	cntv_cval, 3, c14
	READ15_64	cntvoff_hyp, 4, c14
	READ15_64	cnthp_cval_hyp, 6, c14
	READ15	cnthctl_hyp, 4, c14, c1, 0
	READ15	vpidr_hyp, 4, c0, c0, 0
	READ15	vmpidr_hyp, 4, c0, c0, 5
	READ15	hsctlr_hyp, 4, c1, c0, 0
	READ15	hcr_hyp, 4, c1, c1, 0
	READ15	hdcr_hyp, 4, c1, c1, 1
	READ15	hsr_hyp, 4, c5, c2, 0
	READ15	hdfar_hyp, 4, c6, c0, 0
	READ15	hvbar_hyp, 4, c12, c0, 0
	READ15_64	httbr_hyp, 4, c2
	READ15_64	vttbr_hyp, 6, c2
	READ15	cbar, 4, c15, c0, 0
	READ15	impdef_c15_0, 0, c15, c0, 0
	READ15	impdef_c15_1, 1, c15, c0, 0
	READ15	impdef_c11_0, 0, c11, c0, 0

	ACTION	cp15r, pmcr_to_apsr		@ an MRC whose destination is the flags
	mrc	p15, 0, APSR_nzcv, c9, c12, 0
	mrs	r0, apsr
	bx	lr
	TACTION	cp15r, thumb_pmcr
	mrc	p15, 0, r0, c9, c12, 0
	bx	lr
	TACTION	cp15r, thumb_cntvct
	mrrc	p15, 1, r0, r1, c14
	bx	lr
	.arm

/* ------------------------------------------------------------ CP15 writes
 * r0 (and r1: the high word of 64-bit registers) = the value. Only
 * registers a write to which the guest survives whatever the value:
 * the rest are rewritten with their own value (the *_same forms), so the
 * write path is still exercised. */
	.macro	WRITE15 name, opc1, crn, crm, opc2
	ACTION	cp15w, \name
	mcr	p15, \opc1, r0, \crn, \crm, \opc2
	isb
	bx	lr
	.endm
	.macro	WRITE15_64 name, opc1, crm
	ACTION	cp15w, \name
	mcrr	p15, \opc1, r0, r1, \crm
	isb
	bx	lr
	.endm
	.macro	REWRITE15 name, opc1, crn, crm, opc2
	ACTION	cp15w, \name\()_same
	mrc	p15, \opc1, r0, \crn, \crm, \opc2
	mcr	p15, \opc1, r0, \crn, \crm, \opc2
	isb
	bx	lr
	.endm
	.macro	REWRITE15_64 name, opc1, crm
	ACTION	cp15w, \name\()_same
	mrrc	p15, \opc1, r0, r1, \crm
	mcrr	p15, \opc1, r0, r1, \crm
	isb
	bx	lr
	.endm
	WRITE15	midr_ro, 0, c0, c0, 0
	WRITE15	csselr, 2, c0, c0, 0
	WRITE15	actlr, 0, c1, c0, 1
	WRITE15	cpacr, 0, c1, c0, 2
	WRITE15	scr, 0, c1, c1, 0
	WRITE15	sder, 0, c1, c1, 1
	WRITE15	nsacr, 0, c1, c1, 2
	WRITE15_64	ttbr1_64, 1, c2		@ unused: TTBCR.T0SZ = T1SZ = 0
	WRITE15	dacr, 0, c3, c0, 0	@ ignored: MMU off, or LPAE
	WRITE15	dfsr, 0, c5, c0, 0
	WRITE15	ifsr, 0, c5, c0, 1
	WRITE15	adfsr, 0, c5, c1, 0
	WRITE15	aifsr, 0, c5, c1, 1
	WRITE15	dfar, 0, c6, c0, 0
	WRITE15	ifar, 0, c6, c0, 2
	WRITE15	par, 0, c7, c4, 0
	WRITE15_64	par_64, 0, c7
	WRITE15	pmcr, 0, c9, c12, 0
	WRITE15	pmcntenset, 0, c9, c12, 1
	WRITE15	pmcntenclr, 0, c9, c12, 2
	WRITE15	pmovsr, 0, c9, c12, 3
	WRITE15	pmswinc, 0, c9, c12, 4
	WRITE15	pmselr, 0, c9, c12, 5
	WRITE15	pmccntr, 0, c9, c13, 0
	WRITE15	pmxevtyper, 0, c9, c13, 1
	WRITE15	pmxevcntr, 0, c9, c13, 2
	WRITE15	pmuserenr, 0, c9, c14, 0
	WRITE15	pmintenset, 0, c9, c14, 1
	WRITE15	pmintenclr, 0, c9, c14, 2
	WRITE15	l2ctlr, 1, c9, c0, 2
	WRITE15	l2ectlr, 1, c9, c0, 3
	WRITE15	amair0, 0, c10, c3, 0
	WRITE15	amair1, 0, c10, c3, 1
	WRITE15	mvbar, 0, c12, c0, 1
	WRITE15	isr_ro, 0, c12, c1, 0
	WRITE15	contextidr, 0, c13, c0, 1
	WRITE15	tpidrurw, 0, c13, c0, 2
	WRITE15	tpidruro, 0, c13, c0, 3
	WRITE15	tpidrprw, 0, c13, c0, 4
	WRITE15	cntfrq, 0, c14, c0, 0
	WRITE15	cntkctl, 0, c14, c1, 0
	WRITE15	cntp_tval, 0, c14, c2, 0
	WRITE15	cntp_ctl, 0, c14, c2, 1
	WRITE15	cntv_tval, 0, c14, c3, 0
	WRITE15	cntv_ctl, 0, c14, c3, 1
	WRITE15_64	cntp_cval, 2, c14
	WRITE15_64	cntv_cval, 3, c14
	WRITE15_64	cntvoff_hyp, 4, c14
	WRITE15_64	cnthp_cval_hyp, 6, c14
	WRITE15	cnthctl_hyp, 4, c14, c1, 0
	WRITE15	cnthp_ctl_hyp, 4, c14, c2, 1
	WRITE15	vpidr_hyp, 4, c0, c0, 0
	WRITE15	vmpidr_hyp, 4, c0, c0, 5
	WRITE15	hsctlr_hyp, 4, c1, c0, 0
	WRITE15	hcr_hyp, 4, c1, c1, 0
	WRITE15	hdcr_hyp, 4, c1, c1, 1
	WRITE15	hcptr_hyp, 4, c1, c1, 2
	WRITE15	hstr_hyp, 4, c1, c1, 3
	WRITE15	vtcr_hyp, 4, c2, c1, 2
	WRITE15	hmair0_hyp, 4, c10, c2, 0
	WRITE15	hvbar_hyp, 4, c12, c0, 0
	WRITE15_64	httbr_hyp, 4, c2
	WRITE15_64	vttbr_hyp, 6, c2
	WRITE15	impdef_c15_0, 0, c15, c0, 0
	WRITE15	impdef_c15_1, 1, c15, c0, 0
	WRITE15	impdef_c11_0, 0, c11, c0, 0
	REWRITE15 sctlr, 0, c1, c0, 0
	REWRITE15 ttbcr, 0, c2, c0, 2
	REWRITE15_64 ttbr0_64, 0, c2
	REWRITE15 mair0, 0, c10, c2, 0
	REWRITE15 mair1, 0, c10, c2, 1
	REWRITE15 vbar, 0, c12, c0, 0

	/* FCSEIDR: QEMU applies a non-zero PID to every stage-1 regime below
	 * 32 MiB (the guest's holes, and the VMM's code if the kernel lets
	 * the value through). The guest then makes the VMM run (an HVC), and
	 * puts 0 back before touching low addresses itself. */
	ACTION	cp15w, fcseidr_then_exit
	push	{r4, lr}
	mov	r4, r0
	mcr	p15, 0, r4, c13, c0, 0
	isb
	ldr	r0, =0x84000000		@ PSCI_VERSION: a harmless exit
	hvc	#0
	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 0
	isb
	pop	{r4, pc}
	ACTION	cp15w, fcseidr_zero
	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 0
	isb
	bx	lr
	TACTION	cp15w, thumb_pmselr
	mcr	p15, 0, r0, c9, c12, 5
	bx	lr
	.arm
	.ltorg

/* ------------------------------------------------------------ cache and TLB
 * r0 = an address (by-MVA forms) or set/way word. Invalidation without
 * clean is harmless here: the guest runs with its data cache off. */
	.macro	MAINT15 name, opc1, crn, crm, opc2
	ACTION	maint, \name
	mcr	p15, \opc1, r0, \crn, \crm, \opc2
	dsb
	isb
	bx	lr
	.endm
	MAINT15	icialluis, 0, c7, c1, 0
	MAINT15	bpiallis, 0, c7, c1, 6
	MAINT15	iciallu, 0, c7, c5, 0
	MAINT15	icimvau, 0, c7, c5, 1
	MAINT15	cp15isb, 0, c7, c5, 4
	MAINT15	bpiall, 0, c7, c5, 6
	MAINT15	bpimva, 0, c7, c5, 7
	MAINT15	dcimvac, 0, c7, c6, 1
	MAINT15	dcisw, 0, c7, c6, 2
	MAINT15	ats1cpr, 0, c7, c8, 0
	MAINT15	ats1cpw, 0, c7, c8, 1
	MAINT15	ats1cur, 0, c7, c8, 2
	MAINT15	ats1cuw, 0, c7, c8, 3
	MAINT15	ats12nsopr_secure, 0, c7, c8, 4
	MAINT15	ats1hr_hyp, 4, c7, c8, 0
	MAINT15	dccmvac, 0, c7, c10, 1
	MAINT15	dccsw, 0, c7, c10, 2
	MAINT15	cp15dsb, 0, c7, c10, 4
	MAINT15	cp15dmb, 0, c7, c10, 5
	MAINT15	dccmvau, 0, c7, c11, 1
	MAINT15	dccimvac, 0, c7, c14, 1
	MAINT15	dccisw, 0, c7, c14, 2
	MAINT15	tlbiallis, 0, c8, c3, 0
	MAINT15	tlbimvais, 0, c8, c3, 1
	MAINT15	tlbiasidis, 0, c8, c3, 2
	MAINT15	tlbimvaais, 0, c8, c3, 3
	MAINT15	itlbiall, 0, c8, c5, 0
	MAINT15	itlbimva, 0, c8, c5, 1
	MAINT15	itlbiasid, 0, c8, c5, 2
	MAINT15	dtlbiall, 0, c8, c6, 0
	MAINT15	dtlbimva, 0, c8, c6, 1
	MAINT15	dtlbiasid, 0, c8, c6, 2
	MAINT15	tlbiall, 0, c8, c7, 0
	MAINT15	tlbimva, 0, c8, c7, 1
	MAINT15	tlbiasid, 0, c8, c7, 2
	MAINT15	tlbimvaa, 0, c8, c7, 3
	MAINT15	tlbiallh_hyp, 4, c8, c7, 0
	MAINT15	tlbimvah_hyp, 4, c8, c7, 1
	MAINT15	tlbiallnsnh_hyp, 4, c8, c7, 4
	MAINT15	tlbiallhis_hyp, 4, c8, c3, 0
	MAINT15	tlbiallnsnhis_hyp, 4, c8, c3, 4

/* ------------------------------------------------------------ CP14
 * The debug registers (trapped by HDCR.TDA/TDOSA/TDRA), the Jazelle and
 * ThumbEE registers. Writes take r0; the read forms return the value. */
	.macro	DBGR name, opc1, crn, crm, opc2
	ACTION	cp14, \name\()_read
	mrc	p14, \opc1, r0, \crn, \crm, \opc2
	bx	lr
	.endm
	.macro	DBGW name, opc1, crn, crm, opc2
	ACTION	cp14, \name\()_write
	mcr	p14, \opc1, r0, \crn, \crm, \opc2
	isb
	bx	lr
	.endm
	.macro	DBGRW name, opc1, crn, crm, opc2
	DBGR	\name, \opc1, \crn, \crm, \opc2
	DBGW	\name, \opc1, \crn, \crm, \opc2
	.endm
	DBGR	dbgdidr, 0, c0, c0, 0
	DBGR	dbgdscrint, 0, c0, c1, 0
	DBGR	dbgdtrrxint, 0, c0, c5, 0
	DBGW	dbgdtrtxint, 0, c0, c5, 0
	DBGRW	dbgwfar, 0, c0, c6, 0
	DBGRW	dbgvcr, 0, c0, c7, 0
	DBGRW	dbgdscrext, 0, c0, c2, 2
	DBGRW	dbgdtrrxext, 0, c0, c0, 2
	DBGRW	dbgbvr0, 0, c0, c0, 4
	DBGRW	dbgbcr0, 0, c0, c0, 5
	DBGRW	dbgbvr1, 0, c0, c1, 4
	DBGRW	dbgbcr1, 0, c0, c1, 5
	DBGRW	dbgwvr0, 0, c0, c0, 6
	DBGRW	dbgwcr0, 0, c0, c0, 7
	DBGRW	dbgwvr1, 0, c0, c1, 6
	DBGRW	dbgwcr1, 0, c0, c1, 7
	DBGW	dbgoslar, 0, c1, c0, 4
	DBGR	dbgoslsr, 0, c1, c1, 4
	DBGRW	dbgosdlr, 0, c1, c3, 4
	DBGRW	dbgprcr, 0, c1, c4, 4
	DBGR	dbgdrar, 0, c1, c0, 0
	DBGR	dbgdsar, 0, c2, c0, 0
	DBGW	dbgclaimset, 0, c7, c8, 6
	DBGW	dbgclaimclr, 0, c7, c9, 6
	DBGR	dbgclaimclr, 0, c7, c9, 6
	DBGR	dbgauthstatus, 0, c7, c14, 6
	DBGR	dbgdevid, 0, c7, c2, 7
	DBGR	jidr, 7, c0, c0, 0
	DBGRW	joscr, 7, c1, c0, 0
	DBGRW	jmcr, 7, c2, c0, 0
	DBGRW	teecr, 6, c0, c0, 0
	DBGRW	teehbr, 6, c1, c0, 0

	ACTION	cp14, dbgdrar_64_read
	mrrc	p14, 0, r0, r1, c1
	bx	lr
	ACTION	cp14, dbgdsar_64_read
	mrrc	p14, 0, r0, r1, c2
	bx	lr
	ACTION	cp14, ldc_dbgdtrrxint, 4		@ r0 = a scratch RAM address
	ldc	p14, c5, [r0]
	bx	lr
	ACTION	cp14, stc_dbgdtrtxint, 4
	stc	p14, c5, [r0]
	bx	lr
	ACTION	cp14, ldc_dbgdtrrxint_writeback, 4
	ldc	p14, c5, [r0], #4
	bx	lr
	TACTION	cp14, thumb_dbgdscrint_read
	mrc	p14, 0, r0, c0, c1, 0
	bx	lr
	.arm

/* ------------------------------------------------------------ modes
 * cps (and msr) to each mode and back to SVC; returns the mode the CPU
 * was in after the switch (the check: the legal ones are reached, HYP,
 * Monitor and the reserved encodings are not). User mode cannot switch
 * back by itself: an SVC brings it (hostile_exception resumes that SVC
 * in SVC mode). */
	.macro	CPS_TO name, mode
	ACTION	mode, cps_\name, MODE_ASKED(\mode)
	mrs	r3, cpsr
	cps	#\mode
	mrs	r0, cpsr
	msr	cpsr_c, r3
	and	r0, r0, #0x1f
	bx	lr
	.endm
	CPS_TO	fiq, MODE_FIQ
	CPS_TO	irq, MODE_IRQ
	CPS_TO	svc, MODE_SVC
	CPS_TO	abt, MODE_ABT
	CPS_TO	und, MODE_UND
	CPS_TO	sys, MODE_SYS
	CPS_TO	mon_illegal, MODE_MON
	CPS_TO	hyp_illegal, MODE_HYP
	CPS_TO	reserved_14, 0x14
	CPS_TO	reserved_15, 0x15
	CPS_TO	reserved_1c, 0x1c
	CPS_TO	reserved_00, 0x00

	.macro	MSR_TO name, mode
	ACTION	mode, msr_\name, MODE_ASKED(\mode)
	mrs	r3, cpsr
	bic	r2, r3, #0x1f
	orr	r2, r2, #\mode
	msr	cpsr_c, r2
	mrs	r0, cpsr
	msr	cpsr_c, r3
	and	r0, r0, #0x1f
	bx	lr
	.endm
	MSR_TO	abt, MODE_ABT
	MSR_TO	hyp_illegal, MODE_HYP
	MSR_TO	mon_illegal, MODE_MON

	ACTION	mode, usr_and_svc_back, MODE_ASKED(MODE_USR)
	push	{r4, lr}		@ the SVC's entry takes LR_svc
	mrs	r4, cpsr
	cps	#MODE_USR
	mrs	r0, cpsr
	svc	#HOSTILE_SVC_BACK_TO_SVC	@ returns here in SVC mode
	msr	cpsr_c, r4
	and	r0, r0, #0x1f
	pop	{r4, pc}

	/* from user mode, what PL1 would have done: HVC (undefined at PL0),
	 * a load anywhere (an exit from user mode, r0 = the address), a
	 * performance monitor read (undefined unless PMUSERENR lets it) */
	.macro	FROM_USR name, flags, insn
	ACTION	mode, usr_\name, MODE_ASKED(MODE_USR)|\flags
	push	{r4, r5, lr}
	mov	r5, r0
	mrs	r4, cpsr
	cps	#MODE_USR
	\insn
	mrs	r0, cpsr
	svc	#HOSTILE_SVC_BACK_TO_SVC
	msr	cpsr_c, r4
	and	r0, r0, #0x1f
	pop	{r4, r5, pc}
	.endm
	FROM_USR hvc, 0, "hvc #0"
	FROM_USR smc, 0, "smc #0"
	FROM_USR load, 4|ACCESS_ANYWHERE, "ldr r1, [r5]"
	FROM_USR store, 4|ACCESS_ANYWHERE|ACCESS_WRITE, "str r4, [r5]"
	FROM_USR pmccntr, 0, "mrc p15, 0, r1, c9, c13, 0"
	FROM_USR dbgdscrint, 0, "mrc p14, 0, r1, c0, c1, 0"
	FROM_USR cntvct, 0, "mrrc p15, 1, r1, r2, c14"

	/* exception returns into modes a guest must not reach: an illegal
	 * return; the CPU stays in a PL1 mode and continues at the label */
	.macro	ERET_TO name, mode
	ACTION	mode, eret_\name, MODE_ASKED(\mode)
	push	{lr}
	mrs	r3, cpsr
	bic	r2, r3, #0x1f
	orr	r2, r2, #\mode
	msr	spsr_cxsf, r2
	adr	lr, 1f
	movs	pc, lr
1:	mrs	r0, cpsr
	msr	cpsr_c, r3
	and	r0, r0, #0x1f
	pop	{pc}
	.endm
	ERET_TO	hyp_illegal, MODE_HYP
	ERET_TO	mon_illegal, MODE_MON

	ACTION	mode, eret_instruction_svc, MODE_ASKED(MODE_SVC)	@ ERET at PL1: an exception return
	mrs	r3, cpsr
	msr	spsr_cxsf, r3
	push	{lr}
	adr	lr, 1f
	eret
1:	pop	{lr}
	mrs	r0, cpsr
	and	r0, r0, #0x1f
	bx	lr

	/* banked registers of HYP and Monitor mode from PL1 (undefined) */
	.macro	BANKED_READ name, reg
	ACTION	mode, mrs_\name
	mrs	r0, \reg
	bx	lr
	.endm
	.macro	BANKED_WRITE name, reg
	ACTION	mode, msr_\name
	msr	\reg, r0
	bx	lr
	.endm
	BANKED_READ  elr_hyp, ELR_hyp
	BANKED_WRITE elr_hyp, ELR_hyp
	BANKED_READ  sp_hyp, SP_hyp
	BANKED_WRITE sp_hyp, SP_hyp
	BANKED_READ  spsr_hyp, SPSR_hyp
	BANKED_WRITE spsr_hyp, SPSR_hyp
	BANKED_READ  sp_mon, SP_mon
	BANKED_WRITE lr_mon, LR_mon
	BANKED_READ  spsr_mon, SPSR_mon
	BANKED_READ  r8_usr, R8_usr		@ legal from SVC
	BANKED_READ  lr_irq, LR_irq		@ legal from SVC

	ACTION	mode, srs_hyp			@ store return state on HYP's stack
	srsdb	sp!, #MODE_HYP
	mov	r0, #0
	bx	lr
	ACTION	mode, srs_mon
	srsdb	sp!, #MODE_MON
	mov	r0, #0
	bx	lr
	ACTION	mode, setend_be_le		@ big-endian data for a moment
	setend	be
	setend	le
	mov	r0, #0
	bx	lr

/* ------------------------------------------------------------ undefined
 * Encodings that must be the guest's own undefined instruction. */
	ACTION	undef, udf_0
	udf	#0
	bx	lr
	ACTION	undef, udf_ffff
	udf	#0xffff
	bx	lr
	ACTION	undef, cdp_p7
	cdp	p7, 0, c0, c0, c0, 0
	bx	lr
	ACTION	undef, mcr_p8
	mcr	p8, 0, r0, c0, c0, 0
	bx	lr
	ACTION	undef, mrc_p13
	mrc	p13, 0, r0, c0, c0, 0
	bx	lr
	ACTION	undef, ldc_p12
	ldc	p12, c0, [sp]
	bx	lr
	ACTION	undef, mcrr_p9
	mcrr	p9, 0, r0, r1, c0
	bx	lr
	TACTION	undef, thumb_udf16
	udf	#0x42
	bx	lr
	TACTION	undef, thumb_udf32
	udf.w	#0x1234
	bx	lr
	.arm

/* ------------------------------------------------------------ VFP
 * Enabling, using and disabling the unit (a guest's first use after
 * another VCPU had it is trapped and switched by the kernel); FPSCR and
 * FPEXC take r0. */
	ACTION	vfp, enable
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #(0xf << 20)	@ CPACR: cp10, cp11 full access
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #(1 << 30)
	vmsr	fpexc, r0
	bx	lr
	ACTION	vfp, disable_fpexc
	mov	r0, #0
	vmsr	fpexc, r0
	bx	lr
	ACTION	vfp, disable_cpacr
	mrc	p15, 0, r0, c1, c0, 2
	bic	r0, r0, #(0xf << 20)
	mcr	p15, 0, r0, c1, c0, 2
	isb
	bx	lr
	ACTION	vfp, arith
	vmov	d0, r0, r1
	vmov	d1, r1, r0
	vadd.f64 d2, d0, d1
	vmul.f32 s6, s0, s1
	vmov	r0, r1, d2
	bx	lr
	ACTION	vfp, neon
	vdup.32	q0, r0
	vdup.32	q1, r1
	veor	q2, q0, q1
	vmov	r0, r1, d4
	bx	lr
	ACTION	vfp, fpscr_write
	vmsr	fpscr, r0
	bx	lr
	ACTION	vfp, fpscr_read
	vmrs	r0, fpscr
	bx	lr
	ACTION	vfp, fpexc_write			@ EX set: the next use bounces (undefined)
	vmsr	fpexc, r0
	bx	lr
	ACTION	vfp, fpexc_read
	vmrs	r0, fpexc
	bx	lr
	ACTION	vfp, fpsid_write
	vmsr	fpsid, r0
	bx	lr
	ACTION	vfp, mvfr0_read
	vmrs	r0, mvfr0
	bx	lr
	ACTION	vfp, d31_write
	vmov	d31, r0, r1
	bx	lr

/* ------------------------------------------------------------ helpers
 * Not in any table: used by the composite actions and checks in C. */
	.section .text.helpers, "ax"
	.arm

/* Jumps to r0 (bit 0: Thumb), an address that cannot be executed; the
 * prefetch abort handler resumes at fetch_resume_point. */
	.global	hostile_fetch_from
	.type	hostile_fetch_from, %function
hostile_fetch_from:
	push	{r4-r11, lr}
	ldr	r1, =hostile_fetch_resume
	adr	r2, fetch_resume_point
	str	r2, [r1]
	bx	r0
fetch_resume_point:
	mov	r0, #0
	pop	{r4-r11, pc}
	.ltorg

	.global	hostile_bkpt_arm
	.type	hostile_bkpt_arm, %function
hostile_bkpt_arm:
	bkpt	#0x1234
	bx	lr
	.thumb
	.thumb_func
	.global	hostile_bkpt_thumb
	.type	hostile_bkpt_thumb, %function
hostile_bkpt_thumb:
	bkpt	#0x42
	bx	lr
	.arm

/* A target for breakpoints the guest programs on itself. */
	.global	hostile_breakpoint_target
	.type	hostile_breakpoint_target, %function
hostile_breakpoint_target:
	add	r0, r0, #1
	bx	lr

/* uint64_t hostile_counter(void): CNTVCT. */
	.global	hostile_counter
	.type	hostile_counter, %function
hostile_counter:
	isb
	mrrc	p15, 1, r0, r1, c14
	bx	lr

/* Exit-emulation checks: a trapped access whose destination or source is
 * a register of another mode's bank. BANKED_LOAD mode, reg: in <mode>,
 * loads [r0] into <reg> and returns it; the register gets its old value
 * back. BANKED_STORE: stores r1 from <reg> to [r0]. r1-r3 are scratch,
 * so the registers under test are r4-r12, sp and lr. */
	.macro	BANKED_LOAD mode, modenum, reg
	.pushsection actions_banked_load, "a"
	.word	1f, 2f, \modenum
	.popsection
	.pushsection .rodata.action_names, "a"
2:	.asciz	"load_\mode\()_\reg"
	.popsection
	.balign	4
1:	push	{r4-r12, lr}
	mov	r1, r0
	mrs	r3, cpsr
	cps	#\modenum
	mov	r2, \reg
	ldr	\reg, [r1]
	mov	r0, \reg
	mov	\reg, r2
	msr	cpsr_c, r3
	pop	{r4-r12, pc}
	.endm
	.macro	BANKED_STORE mode, modenum, reg
	.pushsection actions_banked_store, "a"
	.word	1f, 2f, \modenum
	.popsection
	.pushsection .rodata.action_names, "a"
2:	.asciz	"store_\mode\()_\reg"
	.popsection
	.balign	4
1:	push	{r4-r12, lr}
	mrs	r3, cpsr
	cps	#\modenum
	mov	r2, \reg
	mov	\reg, r1
	str	\reg, [r0]
	mov	\reg, r2
	msr	cpsr_c, r3
	pop	{r4-r12, pc}
	.endm
	.macro	BANKED_ALL mode, modenum
	.irp	reg, r4, r5, r6, r7, r8, r9, r10, r11, r12, sp, lr
	BANKED_LOAD  \mode, \modenum, \reg
	BANKED_STORE \mode, \modenum, \reg
	.endr
	.endm
	BANKED_ALL svc, MODE_SVC
	BANKED_ALL abt, MODE_ABT
	BANKED_ALL und, MODE_UND
	BANKED_ALL irq, MODE_IRQ
	BANKED_ALL fiq, MODE_FIQ
	BANKED_ALL sys, MODE_SYS

/* A trapped MRC (PMCR, read as the VMM answers) into a banked register. */
	.macro	BANKED_MRC mode, modenum, reg
	.pushsection actions_banked_mrc, "a"
	.word	1f, 2f, \modenum
	.popsection
	.pushsection .rodata.action_names, "a"
2:	.asciz	"mrc_\mode\()_\reg"
	.popsection
	.balign	4
1:	push	{r4-r12, lr}
	mrs	r3, cpsr
	cps	#\modenum
	mov	r2, \reg
	mov	\reg, r0		@ a marker the MRC must replace
	mrc	p15, 0, \reg, c9, c12, 0
	mov	r0, \reg
	mov	\reg, r2
	msr	cpsr_c, r3
	pop	{r4-r12, pc}
	.endm
	.irp	reg, r8, r12, sp, lr
	BANKED_MRC fiq, MODE_FIQ, \reg
	BANKED_MRC irq, MODE_IRQ, \reg
	BANKED_MRC und, MODE_UND, \reg
	.endr

/* Thumb IT blocks around a trapped access: the kernel steps over the
 * instruction and must advance ITSTATE, so the rest of the block keeps
 * its conditions. r0 = an MMIO address, r1 = where the loaded value goes;
 * returns the marker the block's other instructions leave in r0. */
	.thumb
	.thumb_func
	.global	hostile_it_then_else
	.type	hostile_it_then_else, %function
hostile_it_then_else:			@ expects 0: the else slot must not run
	push	{r4, lr}
	movs	r4, #0
	cmp	r4, #0
	ite	eq
	ldreq	r2, [r0]
	movne	r4, #5
	str	r2, [r1]
	mov	r0, r4
	pop	{r4, pc}

	.thumb_func
	.global	hostile_it_then_then
	.type	hostile_it_then_then, %function
hostile_it_then_then:			@ expects 1: both slots run
	push	{r4, lr}
	movs	r4, #0
	cmp	r4, #0
	itt	eq
	ldreq	r2, [r0]
	addeq	r4, #1
	str	r2, [r1]
	mov	r0, r4
	pop	{r4, pc}

	.thumb_func
	.global	hostile_it_four
	.type	hostile_it_four, %function
hostile_it_four:			@ expects 0x11: slots 1 and 3 run, 2 and 4 not
	push	{r4, lr}
	movs	r4, #0
	cmp	r4, #0
	itete	eq
	addeq	r4, #1
	ldrne	r2, [r0]
	ldreq	r2, [r0]
	addne	r4, #0x20
	str	r2, [r1]
	adds	r4, #0x10
	mov	r0, r4
	pop	{r4, pc}

	.thumb_func
	.global	hostile_it_mrc
	.type	hostile_it_mrc, %function
hostile_it_mrc:				@ a trapped 32-bit MRC in an IT block: expects 1
	push	{r4, lr}
	movs	r4, #0
	cmp	r4, #0
	ite	eq
	mrceq	p15, 0, r2, c9, c12, 0
	movne	r4, #7
	str	r2, [r1]
	adds	r4, #1
	mov	r0, r4
	pop	{r4, pc}

	.thumb_func
	.global	hostile_thumb_ldr16_count
	.type	hostile_thumb_ldr16_count, %function
hostile_thumb_ldr16_count:		@ a 16-bit trapped load: the next one runs once
	movs	r3, #0
	ldr	r2, [r0]
	adds	r3, #1
	str	r2, [r1]
	mov	r0, r3
	bx	lr
	.arm

/* uint32_t hostile_cond_mrc_fails(uint32_t marker): a trapped MRC whose
 * condition fails (Z set, NE) must leave its register alone. */
	.global	hostile_cond_mrc_fails
	.type	hostile_cond_mrc_fails, %function
hostile_cond_mrc_fails:
	movs	r1, #0			@ Z = 1
	mrcne	p15, 0, r0, c9, c12, 0
	bx	lr

/* uint32_t hostile_cond_mcr_passes_over(void): a trapped MCR that fails
 * its condition; returns how often the next instruction ran (1). */
	.global	hostile_cond_mcr_passes_over
	.type	hostile_cond_mcr_passes_over, %function
hostile_cond_mcr_passes_over:
	mov	r1, #0
	movs	r2, #0			@ Z = 1
	mcrne	p15, 0, r2, c9, c12, 5
	add	r1, r1, #1
	mov	r0, r1
	bx	lr

/* uint32_t hostile_mrc_to_flags(void): flags set, then a trapped MRC to
 * APSR_nzcv; returns the flags after it (bits 31-28). */
	.global	hostile_mrc_to_flags
	.type	hostile_mrc_to_flags, %function
hostile_mrc_to_flags:
	msr	APSR_nzcvq, #0xf0000000
	mrc	p15, 0, APSR_nzcv, c9, c12, 0
	mrs	r0, apsr
	and	r0, r0, #0xf0000000
	bx	lr

/* uint32_t hostile_hvc_step(uint32_t out[4]): PSCI_VERSION with marker
 * values in r1-r3; an HVC returns past itself (exactly one instruction).
 * out = {r0, r1, r2, r3 after}; returns how often the next instruction ran. */
	.global	hostile_hvc_step
	.type	hostile_hvc_step, %function
hostile_hvc_step:
	push	{r4, r5, lr}
	mov	r5, r0
	mov	r4, #0
	ldr	r0, =0x84000000
	ldr	r1, =0x11111111
	ldr	r2, =0x22222222
	ldr	r3, =0x33333333
	hvc	#0
	add	r4, r4, #1
	stm	r5, {r0-r3}
	mov	r0, r4
	pop	{r4, r5, pc}

/* uint32_t hostile_smc_step(uint32_t out[4]): the same for SMC (the VMM
 * answers NOT_SUPPORTED and steps over it). */
	.global	hostile_smc_step
	.type	hostile_smc_step, %function
hostile_smc_step:
	push	{r4, r5, lr}
	mov	r5, r0
	mov	r4, #0
	ldr	r0, =0x84000000
	ldr	r1, =0x11111111
	ldr	r2, =0x22222222
	ldr	r3, =0x33333333
	smc	#0
	add	r4, r4, #1
	stm	r5, {r0-r3}
	mov	r0, r4
	pop	{r4, r5, pc}

/* uint32_t hostile_store_big_endian(uint32_t addr, uint32_t value): a
 * 32-bit store with CPSR.E set (bytes in big-endian order on the bus). */
	.global	hostile_store_big_endian
	.type	hostile_store_big_endian, %function
hostile_store_big_endian:
	setend	be
	str	r1, [r0]
	setend	le
	bx	lr

/* uint32_t hostile_load_big_endian(uint32_t addr) */
	.global	hostile_load_big_endian
	.type	hostile_load_big_endian, %function
hostile_load_big_endian:
	setend	be
	ldr	r0, [r0]
	setend	le
	bx	lr
	.ltorg

/* uint32_t hostile_ldr_pc(uint32_t addr): LDR PC from a device register
 * holding hostile_ldr_pc_landing. Returns 3 when it landed there, 2 when
 * 4 bytes late, 0x99 when the load was refused (aborted and skipped). */
	.global	hostile_ldr_pc
	.type	hostile_ldr_pc, %function
hostile_ldr_pc:
	push	{r4, lr}
	mov	r1, #0
	ldr	pc, [r0]
	mov	r0, #0x99
	pop	{r4, pc}
	.balign	8
	.global	hostile_ldr_pc_landing
	.type	hostile_ldr_pc_landing, %function
hostile_ldr_pc_landing:
	mov	r1, #1
	add	r1, r1, #2
	mov	r0, r1
	pop	{r4, pc}

/* uint32_t hostile_str_pc(uint32_t addr): STR PC to a device; returns the
 * STR's address (the value stored should be 8 more). */
	.global	hostile_str_pc
	.type	hostile_str_pc, %function
hostile_str_pc:
	adr	r1, 1f
1:	str	pc, [r0]
	mov	r0, r1
	bx	lr

/* void hostile_wfi_condition_fails(void): WFINE with Z set must not wait. */
	.global	hostile_wfi_condition_fails
	.type	hostile_wfi_condition_fails, %function
hostile_wfi_condition_fails:
	movs	r0, #0
	wfine
	bx	lr
