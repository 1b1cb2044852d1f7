/* SPDX-License-Identifier: MIT */
/* The A9 exit benchmark's guest: paravirtualized, its MMU off, run in USR
 * by the SVC kernel (docs/pv-vcpu.md). Copied to GUEST_CODE, so
 * position-independent. Each row runs EXIT_ROUNDS rounds between two reads
 * of the SP804 (r9), reports them with HC_VMM_CALL and runs again with a
 * longer round if the VMM asks (main.c: the round's period must be coprime
 * to 10). Rows with a short interval (a clock read before the event, one
 * at the upcall entry) add its ticks up in r4.
 *
 * Start: r0 the state page, r1 the MMIO window, r2 the clock's count
 * register, sp a stack; guest-kernel mode, virtual interrupts masked.
 * Kept in registers: r7 rounds left, r8 the pad index, r9 the clock, r10
 * the state page, r11 the MMIO window, r4 the interval sum, lr the upcalls
 * taken (the VMM reads it at each report: every round's, or none). Hypercalls
 * clobber r1-r3 and r12; an upcall r0-r2. Assembly: the instructions are
 * the measurement. */
#include "exit_svc.h"

#define STATE_IRQ_MASKED 0x04
#define STATE_ENTRY 0x10
#define STATE_FRAME_BUSY 0x18
#define FRAME 0x40
#define FRAME_R4 (FRAME + 4 * 4)
#define FRAME_R7 (FRAME + 7 * 4)
#define FRAME_SP 0x74
#define FRAME_LR 0x78
#define FRAME_PC 0x7c
#define FRAME_CPSR 0x80
#define HC_RETURN 0x00
#define HC_IRQ_EOI 0x02
#define HC_GET_SYSREG 0x09
#define HC_TIMER_SET 0x0a
#define HC_VMM_CALL 0x100
#define VCPU_VBAR 21            /* enum l4_vcpu_register: L4_VCPU_VBAR */

	.syntax unified
	.arm
	.pushsection .rodata.exit_svc_guest, "a"
	.balign 4
	.global exit_svc_guest, exit_svc_guest_end

.macro hypercall n
	movw	r12, #\n
	svc	#0
.endm

/* 1 + (PAD_MAX - r8) instructions: the add, then the nops from index r8 */
.macro pad
	add	pc, pc, r8, lsl #2
	nop                             /* never executed: pc reads 8 ahead */
	nop
	nop
	nop
.endm

/* A row's start: no pad, the first try; the clock before the rounds kept
 * on the stack (the upcall row comes back on the same sp). */
.macro row_start
	mov	r8, #PAD_MAX
.endm
.macro try_start
	movw	r7, #EXIT_ROUNDS
	mov	r4, #0
	mov	lr, #0
	ldr	r0, [r9]
	str	r0, [sp, #-4]!
.endm
/* The report; the VMM's answer: 0 on to the next row, else the pad index
 * + 1 for another try. */
.macro try_end row, again
	ldr	r2, [r9]
	ldr	r1, [sp], #4
	mov	r3, r4
	movw	r0, #(REPORT | \row)
	hypercall HC_VMM_CALL
	subs	r8, r0, #1
	bpl	\again
.endm

exit_svc_guest:
	mov	r10, r0
	mov	r11, r1
	mov	r9, r2

	/* The clock itself: two reads one instruction apart, interval 1 */
	row_start
1:	try_start
2:	pad
	ldr	r5, [r9]
	ldr	r6, [r9]
	sub	r6, r5, r6
	add	r4, r4, r6
	subs	r7, r7, #1
	bne	2b
	try_end ROW_CLOCK, 1b

	/* A hypercall the kernel handles: HC_GET_SYSREG of VBAR */
	row_start
1:	try_start
2:	pad
	mov	r0, #VCPU_VBAR
	hypercall HC_GET_SYSREG
	subs	r7, r7, #1
	bne	2b
	try_end ROW_HYPERCALL, 1b

	/* HC_VMM_CALL: an exit the VMM answers */
	row_start
1:	try_start
2:	pad
	mov	r0, #0
	hypercall HC_VMM_CALL
	subs	r7, r7, #1
	bne	2b
	try_end ROW_HVC, 1b

	/* MMIO load and store: decoded by the kernel, completed by the VMM */
	row_start
1:	try_start
2:	pad
	ldr	r0, [r11, #MMIO_NULL]
	subs	r7, r7, #1
	bne	2b
	try_end ROW_MMIO_LOAD, 1b

	row_start
1:	try_start
2:	pad
	str	r7, [r11, #MMIO_NULL]
	subs	r7, r7, #1
	bne	2b
	try_end ROW_MMIO_STORE, 1b

	/* Guest user's system call to the guest kernel's entry and HC_RETURN
	 * back: the user reads the clock before its SVC, the entry at once.
	 * Guest user gets the kernel's registers (the frame); what the entry
	 * changes it writes to the frame, which HC_RETURN restores. */
	row_start
1:	try_start
	adr	r0, upcall_syscall
	str	r0, [r10, #STATE_ENTRY]
	add	r0, r10, #FRAME
	stmia	r0, {r0-r12}
	str	sp, [r10, #FRAME_SP]
	str	lr, [r10, #FRAME_LR]
	adr	r0, user_loop
	str	r0, [r10, #FRAME_PC]
	mov	r0, #0x10               /* USR: guest user */
	str	r0, [r10, #FRAME_CPSR]
	hypercall HC_RETURN
user_loop:
	pad
	ldr	r5, [r9]
	svc	#0                      /* guest user: the guest kernel's system call */
	b	user_loop
upcall_syscall:
	ldr	r6, [r9]
	sub	r6, r5, r6
	add	r4, r4, r6
	str	r4, [r10, #FRAME_R4]
	add	lr, lr, #1
	str	lr, [r10, #FRAME_LR]
	subs	r7, r7, #1
	str	r7, [r10, #FRAME_R7]
	beq	3f
	mov	r0, #0
	str	r0, [r10, #STATE_FRAME_BUSY]
	hypercall HC_RETURN             /* to guest user, after its SVC */
3:	mov	r0, #0
	str	r0, [r10, #STATE_FRAME_BUSY]
	try_end ROW_UPCALL, 1b

	/* A virtual interrupt the VMM injects while it handles a store: from
	 * the store to the IRQ upcall's entry, guest kernel unmasked */
	row_start
1:	try_start
	adr	r0, upcall_irq
	str	r0, [r10, #STATE_ENTRY]
	mov	r0, #0
	str	r0, [r10, #STATE_IRQ_MASKED]
2:	pad
	ldr	r5, [r9]
	str	r0, [r11, #MMIO_RAISE]
	subs	r7, r7, #1
	bne	2b
	mov	r0, #1
	str	r0, [r10, #STATE_IRQ_MASKED]
	try_end ROW_VIRQ, 1b

	/* The paravirtual timer set to a deadline long past (count 1): the
	 * kernel injects its interrupt at once, the upcall comes on the
	 * hypercall's return. From the SVC to the upcall's entry. */
	row_start
1:	try_start
	adr	r0, upcall_irq
	str	r0, [r10, #STATE_ENTRY]
	mov	r0, #0
	str	r0, [r10, #STATE_IRQ_MASKED]
2:	pad
	mov	r0, #1
	mov	r1, #0
	movw	r12, #HC_TIMER_SET
	ldr	r5, [r9]
	svc	#0
	subs	r7, r7, #1
	bne	2b
	mov	r0, #1
	str	r0, [r10, #STATE_IRQ_MASKED]
	try_end ROW_TIMER_PAST, 1b

	movw	r0, #(REPORT | ROW_DONE)
	hypercall HC_VMM_CALL
	b	.

upcall_irq:
	ldr	r6, [r9]
	sub	r6, r5, r6
	add	r4, r4, r6
	str	r4, [r10, #FRAME_R4]
	add	lr, lr, #1
	str	lr, [r10, #FRAME_LR]
	mov	r0, r1                  /* the interrupt, acknowledged */
	hypercall HC_IRQ_EOI
	mov	r0, #0
	str	r0, [r10, #STATE_FRAME_BUSY]
	hypercall HC_RETURN             /* to guest kernel, unmasked as it was */
exit_svc_guest_end:
	.popsection
