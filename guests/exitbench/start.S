/* SPDX-License-Identifier: MIT */
/* The exit benchmark guest's entry. The image passes for a Linux zImage
 * (magic at 0x24, start/end at 0x28/0x2c) so the unmodified VMM boots it:
 * copied to RAM + 0x10000 and entered in SVC mode, MMU and caches off,
 * interrupts masked. No exception is expected; any one stops it in WFI. */
	.syntax	unified
	.arm

#define ZIMAGE_MAGIC 0x016f2818

	.section .text.head, "ax"
	.global	_start
_start:
	.rept	8
	mov	r0, r0
	.endr
	b	reset
	.word	ZIMAGE_MAGIC		@ 0x24
	.word	0			@ 0x28 start
	.word	__image_size		@ 0x2c end
	.word	0x04030201		@ 0x30 little-endian

reset:
	cpsid	aif
	ldr	sp, =stack_top
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	isb
	bl	exitbench_main		@ powers the guest off
stop:
	wfi
	b	stop
	.ltorg

	.balign	32
vectors:
	.rept	8
	b	stop
	.endr

/* The measured loops: r0 = the bench device's register, r2 = rounds.
 * Three instructions per round, the exit among them. */
	.text
	.global	loop_load, loop_store, loop_hvc
loop_load:
	ldr	r1, [r0]
	subs	r2, r2, #1
	bne	loop_load
	bx	lr
loop_store:
	str	r2, [r0]
	subs	r2, r2, #1
	bne	loop_store
	bx	lr
/* r0 = the SMCCC function (PSCI_VERSION: answered by the VMM, no work) */
loop_hvc:
	push	{r4}
	mov	r4, r0
1:	mov	r0, r4
	hvc	#0
	subs	r2, r2, #1
	bne	1b
	pop	{r4}
	bx	lr

	.bss
	.balign	8
	.space	4096
stack_top:
