/* SPDX-License-Identifier: MIT */
/* SVC exception vectors (the Cortex-A9 kernel).
 *
 * From a user thread: while one runs, SP_svc points just past the pc and
 * cpsr of its struct arch_context (arch_context_restore sets it), so every
 * entry saves the same way: SRS puts the return address and CPSR there,
 * STM^ the user registers below them, and the kernel continues on a fresh
 * kernel stack. System calls go to the generic kernel directly, except a
 * VCPU thread's SVC (its CPSR has F set), which goes to svc/vcpu/exit.c;
 * aborts, undefined instructions and interrupts through svc/exceptions/user_trap.c
 * (arch_current_context says where the registers are).
 *
 * From the kernel: IRQs (idle, preemption points) are handled on the SVC
 * stack, SRS saving the return state there. Every other exception is
 * unexpected and goes to the exception report with all registers in a
 * frame (struct arch_exception_frame); an abort is checked before anything
 * is stored, since the kernel stack may be what faulted. */

#include "../../exceptions/exception_entry.h"
#define MODE_MASK 0x1f
#define MODE_USR 0x10
#define MODE_SVC 0x13
#define MODE_SYS 0x1f
#define PSR_T 0x20
/* svc_user_exception's kinds (user_trap.c) */
#define USER_UNDEFINED 1
#define USER_PREFETCH_ABORT 3
#define USER_DATA_ABORT 4
#define PSR_F 0x40

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
	unexpected kernel_undefined, 1, 4
	unexpected kernel_call, 2, 4
	unexpected kernel_prefetch_abort, 3, 4
	unexpected kernel_data_abort, 4, 8
	unexpected svc_unused, 5, 0
	unexpected svc_fiq, 7, 4

/* Saves a user thread's registers into its context: SP_svc is just past the
 * context's cpsr, LR the address to return to. Leaves r0 = the context and
 * SP on the kernel stack. */
	.macro	save_user_context
	srsdb	sp!, #MODE_SVC		@ pc, cpsr
	cps	#MODE_SVC		@ from UND or ABT: SP_svc, not that mode's SP
	stmdb	sp, {r0-lr}^		@ r0-r12, sp_usr, lr_usr
	sub	r0, sp, #60
	ldr	sp, =boot_stack_top
	.endm

/* Branches to \kernel when the exception interrupted the kernel (SPSR's
 * mode is not USR), with every register as it was. */
	.macro	if_from_kernel kernel
	mcr	p15, 0, r0, c13, c0, 4	@ TPIDRPRW keeps r0 a moment
	mrs	r0, spsr
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_USR
	mrc	p15, 0, r0, c13, c0, 4	@ (flags unchanged)
	bne	\kernel
	.endm

/* A user thread's exception other than a system call: lr_offset is how far
 * the mode's LR is past the instruction that trapped (ARM state; Thumb
 * instructions are half as far for the undefined instruction). */
	.macro	user_exception name, kernel, kind, lr_offset
\name:
	if_from_kernel \kernel
	sub	lr, lr, #\lr_offset
	save_user_context
	mov	r1, #\kind
	b	svc_user_exception	@ does not return
	.endm

	user_exception svc_undefined, kernel_undefined, USER_UNDEFINED, 4
	user_exception svc_prefetch_abort, kernel_prefetch_abort, USER_PREFETCH_ABORT, 4
	user_exception svc_data_abort, kernel_data_abort, USER_DATA_ABORT, 8

/* SVC #n from a user thread: the system call n (its immediate, ARM or
 * Thumb, as the A15's HSR gives it). LR is the next instruction, where the
 * thread continues. */
svc_call:
	if_from_kernel kernel_call
	save_user_context
	ldr	r1, [r0, #64]		@ the thread's CPSR
	ldr	r2, [r0, #60]		@ its pc: just past the SVC
	tst	r1, #(PSR_T | PSR_F)
	bne	thumb_or_guest
	ldr	r0, [r2, #-4]		@ ARM: svc #imm24, of which the ABI uses 16 bits
	uxth	r0, r0
syscall_number:
	cmp	r0, #1			@ L4_SYS_CALL
	beq	kernel_syscall_call
	cmp	r0, #2			@ L4_SYS_REPLY_RECV
	beq	kernel_syscall_reply_recv
	b	kernel_syscall		@ none of them returns

/* F set: a VCPU's thread (only a guest's CPSR has it, arch/arm/pv/
 * vcpu_pure.h), whose SVC is a hypercall or the guest's own system call,
 * never an L4 one. Else Thumb: svc #imm8. */
thumb_or_guest:
	tst	r1, #PSR_F
	bne	pv_svc
	ldrh	r0, [r2, #-2]
	and	r0, r0, #0xff
	b	syscall_number

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
	cmp	r0, #MODE_USR
	beq	irq_from_user
	call_with_aligned_stack arch_irq_dispatch
	pop	{r0-r3, r12, lr}
	rfeia	sp!

/* An IRQ that interrupted a user thread: SRS already saved its pc and cpsr
 * into its context (SP_svc pointed there); the rest is saved, the handlers
 * run, then the scheduler picks who runs next. */
irq_from_user:
	pop	{r0-r3, r12, lr}	@ (they went to scratch space in the context)
	stmdb	sp, {r0-lr}^
	sub	r0, sp, #60
	ldr	sp, =boot_stack_top
	ldr	r1, =arch_current_context
	str	r0, [r1]
	bl	arch_irq_dispatch
	bl	kernel_preempted	@ does not return

/* void arch_context_restore(struct arch_context *c): into c, in USR mode.
 * SP_svc is left just past c's cpsr: the next exception saves into c. */
	.global	arch_context_restore
arch_context_restore:
	mov	sp, r0
	ldmia	sp, {r0-lr}^		@ r0-r12, sp_usr, lr_usr
	add	sp, sp, #60
	rfeia	sp!			@ pc, cpsr
