/* SPDX-License-Identifier: MIT */
/* Exception vectors. An IRQ saves the interrupted thread's context as a
 * frame on that thread's SVC stack (the layout of context.c: r0-r12, lr,
 * pc, cpsr), lets the kernel handle it, and resumes whichever frame the
 * kernel returns: that is how an interrupt preempts. Every thread runs in
 * SVC mode, so an IRQ always interrupts SVC code. Any other exception is a
 * bug in the RTOS: it is reported and the system halts. */
	.syntax	unified
	.arm

#define MODE_SVC 0x13
/* exception kinds, as in exceptions.c */
#define EXC_UNDEF 0
#define EXC_SVC 1
#define EXC_PABT 2
#define EXC_DABT 3
#define EXC_FIQ 4
#define EXC_OTHER 5

	.section .text.vectors, "ax"
	.balign	32
	.global	arch_vectors
arch_vectors:
	b	vec_other
	b	vec_undef
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_other
	b	vec_irq
	b	vec_fiq

vec_irq:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC		@ pc and cpsr onto the thread's stack
	cps	#MODE_SVC
	push	{r0-r12, lr}
	mov	r0, sp
	bic	sp, sp, #7		@ the AAPCS's alignment for the C call
	bl	kernel_interrupt
	mov	sp, r0			@ the frame to resume
	pop	{r0-r12, lr}
	rfeia	sp!

/* Fatal: r0 = kind, r1 = the faulting instruction's address (lr adjusted
 * per kind), on the mode's own stack. */
	.macro	fatal_stub name, kind, adjust
\name:
	sub	r1, lr, #\adjust
	mov	r0, #\kind
	bic	sp, sp, #7
	bl	arch_exception_fatal
	.endm

	fatal_stub vec_undef, EXC_UNDEF, 4
	fatal_stub vec_svc, EXC_SVC, 4
	fatal_stub vec_pabt, EXC_PABT, 4
	fatal_stub vec_dabt, EXC_DABT, 8
	fatal_stub vec_fiq, EXC_FIQ, 4
	fatal_stub vec_other, EXC_OTHER, 0
