/* SPDX-License-Identifier: MIT */
/* The paravirtual Cortex-A9 guest's interrupt mask and idle wait (arch.h).
 * The RTOS runs in USR mode, where CPSR.I cannot be written and WFI would
 * not wait for *its* interrupts: the mask is the state page's irq_masked,
 * which only the SVC kernel interprets, and the wait is HC_WFI
 * (docs/pv-vcpu.md, sections 3 and 4). */
#ifndef RTOS_ARCH_PV_CPU_H
#define RTOS_ARCH_PV_CPU_H

#include <tern/types.h>
#include <l4/pv.h>

typedef uint32_t irq_flags_t;

/* The state page shared with the kernel (state.c); a boot copy until
 * arch_gic_init() is given the real one. */
extern volatile struct pv_state *pv_page;

/* A hypercall: SVC #0 from guest-kernel mode, the number in r12, r0 and r1
 * in, r0 (and *r1_out) out; r1-r3 and r12 are clobbered. An interrupt the
 * call lets in arrives as an upcall at the instruction after the SVC. */
static inline uint32_t pv_hypercall(uint32_t number, uint32_t a0, uint32_t a1, uint32_t *r1_out)
{
	register uint32_t r0 __asm__("r0") = a0;
	register uint32_t r1 __asm__("r1") = a1;
	register uint32_t r12 __asm__("r12") = number;
	__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r12) : : "r2", "r3", "memory");
	if (r1_out)
		*r1_out = r1;
	return r0;
}

static inline irq_flags_t arch_irq_save(void)
{
	irq_flags_t flags = pv_page->irq_masked & 1u;
	pv_page->irq_masked = 1;
	__asm__ volatile("" ::: "memory");
	return flags;
}

/* Unmasking checks irq_pending afterwards: an interrupt that came while
 * masked waits there until HC_IRQ_SYNC takes it (the kernel delivers any
 * that arrives after the store by itself). */
static inline void arch_irq_restore(irq_flags_t flags)
{
	__asm__ volatile("" ::: "memory");
	pv_page->irq_masked = flags;
	if (!flags && (pv_page->irq_pending & 1u))
		pv_hypercall(HC_IRQ_SYNC, 0, 0, NULL);
}

/* Waits for a virtual interrupt; with interrupts enabled it is delivered
 * as an upcall as the hypercall returns. */
static inline void arch_idle_wait(void)
{
	pv_hypercall(HC_WFI, 0, 0, NULL);
}

#endif
