/* SPDX-License-Identifier: MIT */
/* The SVC kernel's first minutes with the MMU (arch/memory.h's layout):
 * entered at the image's physical address with the MMU off, it fills a
 * boot translation table, turns the MMU on and returns to the caller's
 * kernel-window address. The boot table maps
 *   - the kernel window (KERNEL_WINDOW_BASE up to KERNEL_DEVICE_BASE) onto
 *     RAM from the first bank on, normal memory: what C runs in;
 *   - RAM below the window one to one: the instructions between turning the
 *     MMU on and the jump up run there;
 *   - everything below RAM one to one as device memory, execute-never: the
 *     console, until arch_mmu_init maps the devices the kernel drives at
 *     KERNEL_DEVICE_BASE and drops the boot table (svc/mm/kernel_mmu.c).
 * Position independent until the return; keeps r4 and r5 (entry.S's). */

#include <generated/autoconf.h>
#include <arch/memory.h>

/* first-level section descriptors, domain 0, PL1 read/write only (AP 01) */
#define SECTION_NORMAL 0x1140e	/* TEX 001, C, B, shareable: write-back write-allocate */
#define SECTION_DEVICE 0x00416	/* TEX 000, B, XN: shareable device */
#define SECTION_SHIFT 20
/* TTBR walk attributes: inner and outer write-back write-allocate, shareable */
#define TTBR_WALK_ATTRS 0x4a
#define SCTLR_M 0x1

	.syntax unified
	.arm
	.text

	.global	svc_boot_window
svc_boot_window:
	ldr	r7, =KERNEL_WINDOW_OFFSET
	ldr	r0, =svc_boot_l1
	sub	r0, r0, r7		@ the table's physical address
	mov	r1, #0			@ the virtual address of entry r2
	mov	r2, #0
	ldr	r8, =KERNEL_WINDOW_BASE
	ldr	r9, =KERNEL_DEVICE_BASE
	ldr	r10, =BOARD_RAM_BASE
1:	cmp	r1, r8
	blo	2f
	cmp	r1, r9
	movhs	r3, #0			@ above the window: nothing yet
	bhs	4f
	sub	r3, r1, r7		@ the window: RAM
	b	3f
2:	mov	r3, r1			@ below the window: one to one
	cmp	r1, r10
	ldrlo	r6, =SECTION_DEVICE
	orrlo	r3, r3, r6
	blo	4f
3:	ldr	r6, =SECTION_NORMAL
	orr	r3, r3, r6
4:	str	r3, [r0, r2, lsl #2]
	add	r2, r2, #1
	adds	r1, r1, #(1 << SECTION_SHIFT)
	bne	1b			@ until the address wraps: 4096 entries

	mov	r1, #1			@ DACR: domain 0 client
	mcr	p15, 0, r1, c3, c0, 0
	mov	r1, #0
	mcr	p15, 0, r1, c2, c0, 2	@ TTBCR: one table for all (N = 0) while booting
	orr	r1, r0, #TTBR_WALK_ATTRS
	mcr	p15, 0, r1, c2, c0, 0	@ TTBR0
	mov	r1, #0
	mcr	p15, 0, r1, c13, c0, 1	@ CONTEXTIDR
	dsb
	mcr	p15, 0, r1, c8, c7, 0	@ TLBIALL
	mcr	p15, 0, r1, c7, c5, 0	@ ICIALLU
	dsb
	isb
	mrc	p15, 0, r1, c1, c0, 0
	orr	r1, r1, #SCTLR_M
	mcr	p15, 0, r1, c1, c0, 0
	isb
	add	lr, lr, r7		@ back at the caller's window address
	bx	lr
	.ltorg

	.section .boot_page_table, "aw", %nobits
	.balign	16384
	.global	svc_boot_l1
svc_boot_l1:
	.space	16384
