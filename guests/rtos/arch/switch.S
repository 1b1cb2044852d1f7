/* SPDX-License-Identifier: MIT */
/* Switching threads: the frame a thread leaves when it gives up the CPU
 * is the one an interrupt would have left (context.c), so either kind of
 * frame is resumed by the same RFE. */
	.syntax	unified
	.arm

/* void arch_context_switch(uint32_t *save_sp, uint32_t next_sp)
 * Interrupts are masked (the saved cpsr says so, and the thread resumes
 * with them masked, inside the caller's critical section). */
	.text
	.global	arch_context_switch
arch_context_switch:
	mrs	r12, cpsr
	push	{r12}			@ cpsr
	push	{lr}			@ pc: back to our caller
	push	{r0-r12, lr}
	str	sp, [r0]
	mov	sp, r1
	pop	{r0-r12, lr}
	rfeia	sp!

/* void arch_context_start(uint32_t sp) */
	.global	arch_context_start
arch_context_start:
	mov	sp, r0
	pop	{r0-r12, lr}
	rfeia	sp!
