/* SPDX-License-Identifier: MIT */
/* The hostile guest's entry and exception vectors.
 *
 * The image passes for a Linux zImage (Documentation/arm/booting.rst): the
 * VMM checks the magic at 0x24 and the start/end words at 0x28/0x2c, copies
 * the file to RAM + 0x10000 and enters it in SVC mode, MMU and caches off,
 * interrupts masked, r2 = the device tree. It is linked for that address
 * (hostile.lds); a loader that put it elsewhere finds it waiting in WFI.
 *
 * Every exception the campaign provokes is taken here, counted in C
 * (hostile_exception) and resumed after the instruction that caused it, so
 * the guest survives each action. */
	.syntax	unified
	.arm

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1b
#define MODE_SYS 0x1f
#define PSR_IF 0xc0
#define PSR_AIF 0x1c0
#include "../zimage_header.h"

/* exception kinds, as enum exception_kind in hostile.h */
#define EXC_UNDEF 0
#define EXC_SVC 1
#define EXC_PABT 2
#define EXC_DABT 3
#define EXC_IRQ 4
#define EXC_FIQ 5
#define EXC_OTHER_VECTOR 6

	.section .text.head, "ax"
	.global	_start
_start:
	zimage_header reset

reset:
	cpsid	aif
	adr	r4, _start
	ldr	r5, =_start
	cmp	r4, r5
	bne	wrong_place
	mov	r6, r2			@ the device tree

	/* a stack for every mode an exception or an action can run in */
	cps	#MODE_FIQ
	ldr	sp, =stack_fiq_top
	cps	#MODE_IRQ
	ldr	sp, =stack_irq_top
	cps	#MODE_ABT
	ldr	sp, =stack_abt_top
	cps	#MODE_UND
	ldr	sp, =stack_und_top
	cps	#MODE_SYS
	ldr	sp, =stack_usr_top
	cps	#MODE_SVC
	ldr	sp, =stack_svc_top

	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	/* our own vectors at VBAR (SCTLR.V clear), taken in ARM state (TE clear) */
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(1 << 13)	@ V
	bic	r0, r0, #(1 << 30)	@ TE
	mcr	p15, 0, r0, c1, c0, 0
	isb

	mov	r0, r6
	bl	hostile_main
	/* hostile_main powers the guest off; if that returns, stay here */
wrong_place:
	wfi
	b	wrong_place
	.ltorg

/* Exception vectors (VBAR: 32-byte aligned). Reset and the HYP trap slot
 * are never taken at PL1; if one were, it is counted (as "other"). */
	.section .text.vectors, "ax"
	.balign	32
	.global	vectors
vectors:
	b	vec_other
	b	vec_undef
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_other
	b	vec_irq
	b	vec_fiq

/* One stub per vector, in the exception's own mode and stack: the frame
 * is {spsr, pad, r0-r12, lr} (64 bytes, keeping the stack 8-aligned for
 * C); hostile_exception() updates frame->lr to the resume address and may
 * change frame->spsr; the return restores CPSR from SPSR. */
	.macro	exception_stub name, kind
\name:
	push	{r0-r12, lr}
	mrs	r0, spsr
	push	{r0, r1}
	mov	r0, #\kind
	mov	r1, sp
	bl	hostile_exception
	pop	{r0, r1}
	msr	spsr_cxsf, r0
	ldm	sp!, {r0-r12, pc}^
	.endm

	exception_stub vec_undef, EXC_UNDEF
	exception_stub vec_svc, EXC_SVC
	exception_stub vec_pabt, EXC_PABT
	exception_stub vec_dabt, EXC_DABT
	exception_stub vec_irq, EXC_IRQ
	exception_stub vec_fiq, EXC_FIQ
	exception_stub vec_other, EXC_OTHER_VECTOR

/* The mode stacks. */
	.section .bss.stacks, "aw", %nobits
	.balign	8
	.macro	stack name, size
	.space	\size
\name:
	.endm
	stack	stack_fiq_top, 4096
	stack	stack_irq_top, 4096
	stack	stack_abt_top, 4096
	stack	stack_und_top, 4096
	stack	stack_usr_top, 4096
	stack	stack_svc_top, 16384
