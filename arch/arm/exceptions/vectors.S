/* SPDX-License-Identifier: MIT */
/* HYP exception vectors. Every vector is routed: IRQs go to the interrupt
 * dispatcher; everything else is unexpected in the kernel for now and goes
 * to the exception report, with all registers saved in a frame (see
 * struct arch_exception_frame). HYP has no banked LR: the return address is
 * in ELR_hyp, and LR still holds the interrupted code's value. */

#define FRAME_SIZE 72		/* r0-r12, sp, lr, elr, spsr, padding */
#define FRAME_SP 52
#define FRAME_LR 56
#define FRAME_ELR 60
#define FRAME_SPSR 64

	.syntax unified
	.arm
	.text

	.balign	32
	.global	hyp_vectors
hyp_vectors:
	b	hyp_unused		@ 0x00: not used in HYP
	b	hyp_undefined		@ 0x04: undefined instruction
	b	hyp_call		@ 0x08: HVC (or SVC) taken in HYP
	b	hyp_prefetch_abort	@ 0x0c
	b	hyp_data_abort		@ 0x10
	b	hyp_trap		@ 0x14: trap from a lower level
	b	hyp_irq			@ 0x18
	b	hyp_fiq			@ 0x1c

	.macro	unexpected name, vector
\name:
	sub	sp, sp, #FRAME_SIZE
	stmia	sp, {r0-r12}
	add	r0, sp, #FRAME_SIZE
	str	r0, [sp, #FRAME_SP]
	str	lr, [sp, #FRAME_LR]
	mrs	r0, elr_hyp
	str	r0, [sp, #FRAME_ELR]
	mrs	r0, spsr
	str	r0, [sp, #FRAME_SPSR]
	mov	r0, sp
	mov	r1, #\vector
	bic	sp, sp, #7
	bl	arch_exception_report	@ does not return
	.endm

	unexpected hyp_unused, 0
	unexpected hyp_undefined, 1
	unexpected hyp_call, 2
	unexpected hyp_prefetch_abort, 3
	unexpected hyp_data_abort, 4
	unexpected hyp_trap, 5
	unexpected hyp_fiq, 7

hyp_irq:
	push	{r0-r3, r12, lr}	@ what a C call may clobber
	mrs	r0, elr_hyp
	mrs	r1, spsr
	push	{r0, r1}
	mov	r1, sp
	bic	sp, sp, #7		@ AAPCS stack alignment for the C handler
	push	{r1, r2}
	bl	arch_irq_dispatch
	pop	{r1, r2}
	mov	sp, r1
	pop	{r0, r1}
	msr	elr_hyp, r0
	msr	spsr_cxsf, r1
	pop	{r0-r3, r12, lr}
	eret

/* void arch_selftest_undefined_instruction(void) */
	.global	arch_selftest_undefined_instruction
	.global	arch_selftest_undef_insn
arch_selftest_undefined_instruction:
arch_selftest_undef_insn:
	udf	#0
	bx	lr
