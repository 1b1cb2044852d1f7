/* SPDX-License-Identifier: MIT */
/* SVC exception vectors (the Cortex-A9 kernel). IRQs that interrupt the
 * kernel (idle) are handled on the SVC stack: SRS saves the return state
 * there, so the IRQ mode's own stack is never used. Every other exception
 * is unexpected in the kernel and goes to the exception report with all
 * registers in a frame (struct arch_exception_frame). Traps from user
 * threads come with user address spaces (issue 16, step 5): until then a
 * user-mode exception is reported as unexpected too. */

#include "../../exceptions/exception_entry.h"
#define MODE_MASK 0x1f
#define MODE_USR 0x10
#define MODE_SVC 0x13
#define MODE_SYS 0x1f

	.syntax unified
	.arm
	.text

	.balign	32
	.global	svc_vectors
svc_vectors:
	b	svc_reset		@ 0x00
	b	svc_undefined		@ 0x04
	b	svc_call		@ 0x08
	b	svc_prefetch_abort	@ 0x0c
	b	svc_data_abort		@ 0x10
	b	svc_unused		@ 0x14
	b	svc_irq			@ 0x18
	b	svc_fiq			@ 0x1c

/* lr_offset: how far the exception's LR is past the instruction it names. */
	.macro	unexpected name, vector, lr_offset
\name:
	mcr	p15, 0, sp, c13, c0, 4	@ TPIDRPRW keeps this mode's SP
	ldr	sp, =exception_stack_top
	sub	sp, sp, #FRAME_SIZE
	stmia	sp, {r0-r12}
	sub	r0, lr, #\lr_offset
	str	r0, [sp, #FRAME_ELR]
	mrs	r0, spsr
	str	r0, [sp, #FRAME_SPSR]
	mov	r0, #\vector
	b	report_unexpected
	.endm

	unexpected svc_reset, 0, 0
	unexpected svc_undefined, 1, 4
	unexpected svc_call, 2, 4
	unexpected svc_prefetch_abort, 3, 4
	unexpected svc_data_abort, 4, 8
	unexpected svc_unused, 5, 0
	unexpected svc_fiq, 7, 4

/* SP and LR of the interrupted mode (USR's through SYS, which shares
 * them), then the report. r0: the vector; sp: the frame. */
report_unexpected:
	ldr	r1, [sp, #FRAME_SPSR]
	and	r1, r1, #MODE_MASK
	cmp	r1, #MODE_USR
	moveq	r1, #MODE_SYS
	mrs	r2, cpsr
	bic	r3, r2, #MODE_MASK
	orr	r3, r3, r1
	mov	r4, sp
	msr	cpsr_c, r3		@ into the interrupted mode, interrupts masked
	mov	r5, sp
	mov	r6, lr
	msr	cpsr_c, r2		@ and back
	mov	sp, r4
	and	r2, r2, #MODE_MASK
	cmp	r1, r2			@ interrupted this very mode: its SP was
	mrceq	p15, 0, r5, c13, c0, 4	@ saved in TPIDRPRW before the frame
	str	r5, [sp, #FRAME_SP]
	str	r6, [sp, #FRAME_LR]
	mov	r1, r0
	mov	r0, sp
	bic	sp, sp, #7
	bl	arch_exception_report	@ does not return

/* An IRQ that interrupted the kernel: its return state goes onto the SVC
 * stack, the handlers run in SVC mode, RFE returns. */
svc_irq:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	push	{r0-r3, r12, lr}	@ what a C call may clobber
	ldr	r0, [sp, #28]		@ the saved SPSR
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_SVC
	bne	irq_from_user
	call_with_aligned_stack arch_irq_dispatch
	pop	{r0-r3, r12, lr}
	rfeia	sp!

/* No user thread runs on this variant yet (issue 16, step 5): an IRQ from
 * any mode but SVC is reported, with the state SRS saved. */
irq_from_user:
	pop	{r0-r3, r12, lr}
	mcr	p15, 0, sp, c13, c0, 4	@ the SVC stack with SRS's pc, spsr
	ldr	sp, =exception_stack_top
	sub	sp, sp, #FRAME_SIZE
	stmia	sp, {r0-r12}
	mrc	p15, 0, r0, c13, c0, 4
	ldmia	r0, {r1, r2}
	str	r1, [sp, #FRAME_ELR]
	str	r2, [sp, #FRAME_SPSR]
	mov	r0, #6
	b	report_unexpected
