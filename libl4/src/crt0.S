/* SPDX-License-Identifier: MIT */
/* User program entry: r0 = argument (the root task's boot info), sp set by
 * the creator. Clears BSS and calls main. There is no exit system call in
 * the L4 model: a thread ends when its TCB is suspended or deleted, so a
 * program that is done suspends its own TCB (crt0 does not know which cap
 * that is). Returning from main executes a permanently undefined
 * instruction, which the kernel reports as the thread's fault. */
	.syntax unified
	.arm
	.section .text.crt0, "ax"
	.global	_start
_start:
	mov	r4, r0
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	mov	r0, r4
	bl	main
	.global	l4_main_returned
l4_main_returned:
	udf	#0
	b	l4_main_returned
