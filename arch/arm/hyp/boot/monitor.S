/* SPDX-License-Identifier: MIT */
/* Leaving Secure SVC for Non-secure HYP through Monitor mode. Only the
 * parts C cannot do. */

#define SCR_NS_FW_AW_HCE 0x131	/* SCR.NS | SCR.FW | SCR.AW | SCR.HCE */
#define PSR_HYP_MASKED 0x1da	/* HYP mode with A, I and F masked */

	.syntax unified
	.arm
	.text

/* void arch_secure_svc_to_hyp(void): called in Secure SVC with the GIC
 * handed to the Non-secure side; returns in Non-secure HYP on the same
 * stack. */
	.global arch_secure_svc_to_hyp
arch_secure_svc_to_hyp:
	ldr	r0, =monitor_vectors
	mcr	p15, 0, r0, c12, c0, 1	@ MVBAR
	isb
	mrc	p15, 0, r0, c1, c1, 2	@ NSACR: let Non-secure use VFP/NEON
	orr	r0, r0, #0xc00
	mcr	p15, 0, r0, c1, c1, 2
	mov	r0, sp
	mov	r1, lr
	smc	#0
	b	.			@ not reached

	.balign	32
monitor_vectors:
	b	.			@ unused
	b	.			@ unused
	b	monitor_smc		@ SMC
	b	.			@ prefetch abort
	b	.			@ data abort
	b	.			@ unused
	b	.			@ IRQ
	b	.			@ FIQ
monitor_smc:
	mrc	p15, 0, r2, c1, c1, 0	@ SCR
	ldr	r3, =SCR_NS_FW_AW_HCE
	orr	r2, r2, r3
	mcr	p15, 0, r2, c1, c1, 0
	isb
	msr	sp_hyp, r0		@ HYP continues on the caller's stack
	ldr	r2, =PSR_HYP_MASKED
	msr	spsr_cxsf, r2
	mov	lr, r1
	movs	pc, lr			@ exception return into Non-secure HYP
