/* SPDX-License-Identifier: MIT */
/* The image's first instructions. Entered from `qemu -kernel` (ELF) or a
 * boot loader with r2 = device tree address or 0, MMU off, in HYP or SVC
 * mode. Sets up a stack and clears BSS, then continues in C. The SVC
 * kernel first moves to its kernel window (svc/boot/window.S). */

	.syntax unified
	.arm
	.section .text.entry, "ax"
	.global _start
_start:
	cpsid	aif
	mov	r4, r2			@ device tree from the boot loader (0: none)
	mrs	r5, cpsr		@ the mode we were entered in
#ifdef CONFIG_ARM_SVC
	bl	svc_boot_window		@ the MMU on, running at the kernel's addresses
#endif
	ldr	sp, =boot_stack_top
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	ldr	r0, =arch_entry_psr
	str	r5, [r0]
	mov	r0, r4
	bl	kernel_boot
2:	wfi				@ kernel_boot does not return
	b	2b

	.section .bss.boot_stack, "aw", %nobits
	.balign	4096
	.global	boot_stack_guard
boot_stack_guard:			@ left unmapped (hyp/mm/hyp_mmu.c): an overflow
	.space	4096			@ faults here instead of overwriting memory
boot_stack:
	.space	CONFIG_KERNEL_STACK_SIZE
	.global	boot_stack_top
boot_stack_top:
	.balign	8			@ unexpected exceptions report from here, whatever
	.space	1024			@ state the kernel stack is in
	.global	exception_stack_top
exception_stack_top:
