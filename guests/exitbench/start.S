/* SPDX-License-Identifier: MIT */
/* The exit benchmark guest's entry. The image passes for a Linux zImage
 * (../zimage_header.h) so the unmodified VMM boots it:
 * copied to RAM + 0x10000 and entered in SVC mode, MMU and caches off,
 * interrupts masked. IRQs go to irq_entry, which timestamps them; any
 * other exception stops the guest in WFI. */
	.syntax	unified
	.arm

#include "../zimage_header.h"
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define GICC_BASE 0x2c002000		@ vmm/guest_map.h: GUEST_GICC_BASE
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define VTIMER_IRQ 27

	.section .text.head, "ax"
	.global	_start
_start:
	zimage_header reset

reset:
	cpsid	aif
	cps	#MODE_IRQ
	ldr	sp, =irq_stack_top
	cps	#MODE_SVC
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
	.rept	6
	b	stop
	.endr
	b	irq_entry		@ 0x18
	b	stop

/* The IRQ handler: the cycle counter first (two instructions after the
 * exception: the vector's branch and the push), into irq_cycles; then the
 * interrupt's id from the (virtual) CPU interface into irq_id, the virtual
 * timer switched off (it is armed once per measurement), EOI, and
 * irq_count bumped for the loop that waits for it. */
irq_entry:
	push	{r0-r3, r12, lr}
	mrc	p15, 0, r0, c9, c13, 0	@ PMCCNTR
	ldr	r1, =irq_cycles
	str	r0, [r1]
	ldr	r1, =GICC_BASE
	ldr	r0, [r1, #GICC_IAR]
	ldr	r2, =irq_id
	str	r0, [r2]
	ubfx	r2, r0, #0, #10
	cmp	r2, #VTIMER_IRQ
	moveq	r2, #0
	mcreq	p15, 0, r2, c14, c3, 1	@ CNTV_CTL: off
	isb
	str	r0, [r1, #GICC_EOIR]
	ldr	r1, =irq_count
	ldr	r0, [r1]
	add	r0, r0, #1
	str	r0, [r1]
	pop	{r0-r3, r12, lr}
	subs	pc, lr, #4
	.ltorg

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

/* uint32_t store_stamped(volatile uint32_t *reg): the cycle counter, then
 * a store to reg (an exit); returns the count. Nothing between them. */
	.global	store_stamped
store_stamped:
	mrc	p15, 0, r1, c9, c13, 0
	str	r1, [r0]
	mov	r0, r1
	bx	lr

/* uint32_t wfi_stamped(void): WFI, then the cycle counter at once. */
	.global	wfi_stamped
wfi_stamped:
	wfi
	mrc	p15, 0, r0, c9, c13, 0
	bx	lr

/* void wfi_until(volatile uint32_t *count, uint32_t seen): WFI with
 * interrupts masked until *count moves, unmasking them after each wake-up
 * (where the interrupt is taken), as an OS's idle loop does. */
	.global	wfi_until
wfi_until:
	cpsid	i
1:	ldr	r2, [r0]
	cmp	r2, r1
	bne	2f
	wfi
	cpsie	i
	cpsid	i
	b	1b
2:	cpsie	i
	cpsid	i
	bx	lr

/* void counter_edge(uint32_t out[2]): waits for the virtual counter's next
 * tick; out[0] = its low word, out[1] = the cycle counter two instructions
 * after the read that saw it (the tick came 1 to 3 instructions before
 * that read: the loop is three long). */
	.global	counter_edge
counter_edge:
	push	{r4, r5}
	mrrc	p15, 1, r4, r5, c14	@ CNTVCT
1:	mrrc	p15, 1, r2, r3, c14
	cmp	r2, r4
	beq	1b
	mrc	p15, 0, r1, c9, c13, 0
	str	r2, [r0]
	str	r1, [r0, #4]
	pop	{r4, r5}
	bx	lr

	.bss
	.balign	8
	.space	4096
stack_top:
	.space	512
irq_stack_top:
