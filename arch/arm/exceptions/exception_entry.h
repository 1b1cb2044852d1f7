/* SPDX-License-Identifier: MIT */
/* What both variants' exceptions/vectors.S share: the layout of struct
 * arch_exception_frame (arch_private.h), and the call of a C handler from
 * an exception entry, whose stack may be only 4-byte aligned. */
#ifndef ARCH_ARM_EXCEPTION_ENTRY_H
#define ARCH_ARM_EXCEPTION_ENTRY_H

#define FRAME_SIZE 72		/* r0-r12, sp, lr, elr, spsr, padding */
#define FRAME_SP 52
#define FRAME_LR 56
#define FRAME_ELR 60
#define FRAME_SPSR 64

/* Calls func with SP rounded down to 8 bytes as AAPCS wants, then puts SP
 * back; clobbers r1 and r2 besides what a C call may. */
	.macro	call_with_aligned_stack func
	mov	r1, sp
	bic	sp, sp, #7
	push	{r1, r2}
	bl	\func
	pop	{r1, r2}
	mov	sp, r1
	.endm

#endif
