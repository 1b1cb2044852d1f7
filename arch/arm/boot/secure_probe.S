/* SPDX-License-Identifier: MIT */
/* Telling Secure from Non-secure SVC, on both CPU variants. */

	.syntax unified
	.arm
	.text

/* bool arch_probe_secure_pl1(void): reading SCR is UNDEFINED in Non-secure
 * PL1; a temporary vector table turns that into a return value of 0. */
	.global arch_probe_secure_pl1
arch_probe_secure_pl1:
	push	{r4, lr}
	mrc	p15, 0, r4, c12, c0, 0	@ VBAR
	ldr	r0, =probe_vectors
	mcr	p15, 0, r0, c12, c0, 0
	isb
	mov	r0, #1
	mrc	p15, 0, r1, c1, c1, 0	@ SCR: traps if Non-secure
	mcr	p15, 0, r4, c12, c0, 0
	isb
	pop	{r4, pc}

	.balign	32
probe_vectors:
	b	.			@ reset
	b	probe_undefined		@ undefined instruction
	b	.			@ SVC
	b	.			@ prefetch abort
	b	.			@ data abort
	b	.			@ unused
	b	.			@ IRQ
	b	.			@ FIQ
probe_undefined:
	mov	r0, #0
	movs	pc, lr			@ LR_und is the next instruction
