/* SPDX-License-Identifier: MIT */
/* The paravirtual RTOS's entry: as a boot loader enters Linux (r0 = 0,
 * r1 = ~0, r2 = the device tree), but in USR mode with the virtual mode
 * SVC and virtual interrupts masked (the state page's irq_masked, set when
 * the VMM gave the page). Nothing here may be a sensitive instruction
 * (docs/pv-vcpu.md, section 1): no CPS, no banked stacks, no VBAR; the
 * upcall entry is written on the state page later (state.c). */
	.syntax	unified
	.arm

	.section .text.head, "ax"
	.global	_start
_start:
	mov	r4, r2			@ the device tree, kept across the set-up
	ldr	sp, =stack_boot_top

	/* the VMM zeroes what the ELF file leaves out; another loader might not */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	mov	r0, r4
	bl	rtos_main		@ starts the first thread, never returns
	b	arch_halt
	.ltorg

	.section .bss.stacks, "aw", %nobits
	.balign	8
	.space	4096
stack_boot_top:
