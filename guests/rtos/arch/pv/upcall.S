/* SPDX-License-Identifier: MIT */
/* The upcall entry, the context switch and the resume of a frame, for the
 * paravirtual CPU (docs/pv-vcpu.md, section 4). A thread's saved context
 * is one 16-word frame on its stack: cpsr (the virtual one: mode SVC, I
 * the interrupt mask), r0-r12, lr, pc. An interrupt saves it from the
 * state page's frame (upcall), a thread that gives up the CPU saves it
 * itself (switch), and one path resumes either: in place, without a
 * hypercall, since every register involved is a USR register. */
	.syntax	unified
	.arm

#define HC_IRQ_SYNC 0x01
#define PSR_I 0x80
#define PSR_T 0x20
#define PSR_MODE_SVC 0x13
/* struct pv_state offsets (l4/pv.h) */
#define PV_IRQ_MASKED 0x04
#define PV_IRQ_PENDING 0x08
#define PV_FRAME_BUSY 0x18
#define PV_FRAME_R0 0x40
#define PV_FRAME_PC 0x7c
#define PV_FRAME_CPSR 0x80
/* the context frame's offsets */
#define CTX_CPSR 0
#define CTX_R0 4
#define CTX_R3 16
#define CTX_PC 60
#define CTX_SIZE 64

	.text
/* Entered by the kernel at the state page's `entry`: r0 the reason, r1
 * the interrupt (acknowledged), sp r3-r12 lr the interrupted ones, r0-r2
 * pc cpsr in the state page's frame, which is ours to copy until we clear
 * frame_busy; virtual interrupts masked. */
	.balign	4
	.global	pv_upcall_entry
pv_upcall_entry:
	sub	sp, sp, #CTX_SIZE
	add	r2, sp, #CTX_R3
	stmia	r2, {r3-r12, lr}	@ r3-r12, lr as they were
	ldr	r4, =pv_page
	ldr	r4, [r4]
	add	r5, r4, #PV_FRAME_R0
	ldmia	r5, {r6-r8}		@ r0-r2 from the frame
	add	r2, sp, #CTX_R0
	stmia	r2, {r6-r8}
	ldr	r6, [r4, #PV_FRAME_PC]
	ldr	r7, [r4, #PV_FRAME_CPSR]
	tst	r7, #PSR_T
	orrne	r6, r6, #1		@ a Thumb pc for the pop that resumes it
	str	r6, [sp, #CTX_PC]
	str	r7, [sp, #CTX_CPSR]
	mov	r5, #0
	str	r5, [r4, #PV_FRAME_BUSY]	@ the frame is saved: the next upcall may come
	mov	r2, sp
	bic	sp, sp, #7		@ the AAPCS's alignment for the C call
	bl	pv_upcall		@ (reason, irq, frame) -> the frame to resume
	mov	sp, r0
	b	pv_resume

/* void arch_context_switch(uint32_t *save_sp, uint32_t next_sp)
 * Interrupts are masked: the frame says so, and the thread resumes with
 * them masked, inside its caller's critical section. The flags need not
 * survive a call (AAPCS). */
	.global	arch_context_switch
arch_context_switch:
	push	{lr}			@ pc: back to our caller
	push	{r0-r12, lr}
	mov	r2, #(PSR_MODE_SVC | PSR_I)
	push	{r2}			@ cpsr
	str	sp, [r0]
	mov	sp, r1
	b	pv_resume

/* void arch_context_start(uint32_t sp) */
	.global	arch_context_start
arch_context_start:
	mov	sp, r0
	b	pv_resume

/* Resumes the frame at sp. The mask goes to the state page first; if that
 * unmasks, a pending interrupt is taken now (HC_IRQ_SYNC: an upcall whose
 * frame is this point, its own frame below sp, ours intact above). The
 * cpsr word is consumed before sp moves past it, and one LDM restores
 * r0-r12, lr, pc and sp together: an upcall at any instruction here saves
 * a frame that resumes correctly. */
pv_resume:
	ldr	r0, [sp, #CTX_CPSR]
	ldr	r1, =pv_page
	ldr	r1, [r1]
	ubfx	r2, r0, #7, #1		@ the I bit
	str	r2, [r1, #PV_IRQ_MASKED]
	cmp	r2, #0
	bne	1f
	ldr	r3, [r1, #PV_IRQ_PENDING]
	tst	r3, #1
	beq	1f
	mov	r12, #HC_IRQ_SYNC
	svc	#0
	ldr	r0, [sp, #CTX_CPSR]	@ r0 was the hypercall's result
1:	msr	APSR_nzcvqg, r0
	add	sp, sp, #4
	pop	{r0-r12, lr, pc}
	.ltorg
