/* SPDX-License-Identifier: MIT */
/* HYP exception vectors. Traps from user threads (vector 0x14) and IRQs
 * that interrupt them save the thread's registers into its struct
 * arch_context and continue in C on a fresh kernel stack;
 * arch_current_context says where they are (system calls find them through
 * the current thread instead). IRQs that interrupt the kernel itself
 * (idle) are handled in place.
 * Everything else is unexpected in the kernel and goes to the exception
 * report with all registers saved in a frame (struct arch_exception_frame).
 * HYP has no banked LR: the return address is in ELR_hyp, and LR still
 * holds the interrupted code's value. */

#include "../../exceptions/exception_entry.h"

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
	b	hyp_trap		@ 0x14: trap from a user thread
	b	hyp_irq			@ 0x18
	b	hyp_fiq			@ 0x1c

	.macro	unexpected name, vector
\name:
	mcr	p15, 4, sp, c13, c0, 2	@ HTPIDR keeps SP: it may point into the guard page
	ldr	sp, =exception_stack_top
	sub	sp, sp, #FRAME_SIZE
	stmia	sp, {r0-r12}
	mrc	p15, 4, r0, c13, c0, 2
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
	unexpected hyp_fiq, 7

/* Saves the user thread's registers into its context and switches to the
 * top of the kernel stack. While a thread runs, SP_hyp points just past
 * r12 of its struct arch_context (arch_context_restore sets it), so the
 * push lands r0-r12 in place. */
	.macro	save_user_context
	push	{r0-r12}
	mov	r0, sp			@ the context
	mrs	r1, sp_usr
	mov	r2, lr			@ HYP shares LR with USR: this is the thread's
	mrs	r3, elr_hyp
	mrs	r4, spsr
	add	r5, r0, #52
	stmia	r5, {r1-r4}		@ sp, lr, pc, cpsr
	ldr	sp, =boot_stack_top
	.endm

hyp_trap:
	save_user_context
	mrc	p15, 4, r1, c5, c2, 0	@ HSR
	lsr	r2, r1, #26
	cmp	r2, #0x11		@ SVC: straight to the system call
	bne	1f
	uxth	r0, r1			@ the SVC immediate
	cmp	r0, #1			@ L4_SYS_CALL
	beq	kernel_syscall_call
	cmp	r0, #2			@ L4_SYS_REPLY_RECV
	beq	kernel_syscall_reply_recv
	b	kernel_syscall		@ none of them returns
1:	ldr	r2, =arch_current_context	@ every other class: the trap handlers
	str	r0, [r2]		@ find the thread's registers here
	b	arch_user_trap		@ does not return

hyp_irq:
	push	{r0}
	mrs	r0, spsr
	and	r0, r0, #0x1f
	cmp	r0, #0x1a		@ interrupted HYP (the kernel) or a thread?
	pop	{r0}
	bne	hyp_irq_from_user
	push	{r0-r3, r12, lr}	@ what a C call may clobber
	mrs	r0, elr_hyp
	mrs	r1, spsr
	push	{r0, r1}
	call_with_aligned_stack arch_irq_dispatch
	pop	{r0, r1}
	msr	elr_hyp, r0
	msr	spsr_cxsf, r1
	pop	{r0-r3, r12, lr}
	eret

hyp_irq_from_user:
	save_user_context
	ldr	r1, =arch_current_context
	str	r0, [r1]
	bl	arch_irq_dispatch
	bl	kernel_preempted	@ does not return

/* void arch_context_restore(struct arch_context *c): eret into c. */
	.global	arch_context_restore
arch_context_restore:
	add	r1, r0, #52
	ldmia	r1, {r2-r5}
	msr	sp_usr, r2
	mov	lr, r3			@ LR_usr is HYP's own LR
	msr	elr_hyp, r4
	msr	spsr_cxsf, r5
	mov	sp, r1			@ the next trap pushes r0-r12 into c
	ldmia	r0, {r0-r12}
	eret
