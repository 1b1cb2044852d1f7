/* SPDX-License-Identifier: MIT */
/* The RTOS's entry, as a boot loader enters Linux (Documentation/arm/
 * booting.rst): SVC mode, MMU and caches off, r0 = 0, r1 = machine type
 * or ~0, r2 = the device tree. The VMM loads the ELF segments at their
 * link addresses, so nothing here relocates. */
	.syntax	unified
	.arm

#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1b
#define MODE_FIQ 0x11
#define SCTLR_V (1 << 13)
#define SCTLR_TE (1 << 30)

	.section .text.head, "ax"
	.global	_start
_start:
	cpsid	aif
	mov	r4, r2			@ the device tree, kept across the set-up

	/* IRQs are taken on the interrupted thread's own stack (vectors.S);
	 * the other modes need one only to report a fatal exception */
	cps	#MODE_IRQ
	ldr	sp, =stack_irq_top
	cps	#MODE_FIQ
	ldr	sp, =stack_fiq_top
	cps	#MODE_ABT
	ldr	sp, =stack_abt_top
	cps	#MODE_UND
	ldr	sp, =stack_und_top
	cps	#MODE_SVC
	ldr	sp, =stack_boot_top

	/* the VMM zeroes what the ELF file leaves out; another loader might not */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	/* our vectors at VBAR (SCTLR.V clear), taken in ARM state (TE clear) */
	ldr	r0, =arch_vectors
	mcr	p15, 0, r0, c12, c0, 0
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #SCTLR_V
	bic	r0, r0, #SCTLR_TE
	mcr	p15, 0, r0, c1, c0, 0
	isb

	mov	r0, r4
	bl	rtos_main		@ starts the first thread, never returns
2:	wfi
	b	2b
	.ltorg

	.section .bss.stacks, "aw", %nobits
	.balign	8
	.space	512
stack_irq_top:
	.space	512
stack_fiq_top:
	.space	1024
stack_abt_top:
	.space	1024
stack_und_top:
	.space	4096
stack_boot_top:
