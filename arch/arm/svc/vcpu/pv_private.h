/* SPDX-License-Identifier: MIT */
/* State shared by the files of the deprivileged VCPU (arch/arm/svc/vcpu,
 * docs/pv-vcpu.md): the state page and upcalls (state.c), hypercalls
 * (hypercall.c), traps, exits and replies (exit.c), virtual interrupts and
 * the paravirtual timer (virq.c). */
#ifndef ARCH_ARM_SVC_PV_PRIVATE_H
#define ARCH_ARM_SVC_PV_PRIVATE_H

#include <arch/sysreg.h>
#include <arch/thread.h>
#include <arch/vcpu.h>
#include <l4/pv.h>

/* DACR of the two views (section 5): D0 (Tern) and D1 (guest pages any
 * guest mode may reach) client in both, D2 (guest-kernel-only) client in
 * the guest kernel's view only. */
#define PV_DACR_KERNEL 0x15u
#define PV_DACR_USER 0x05u

/* state.c */
/* The state page through the thread's VSpace, or NULL when there is none
 * (never given, unmapped, read-only or not the frame given). */
struct pv_state *pv_state(struct arch_vcpu *v);
/* Enters the guest kernel at its upcall entry; false, changing nothing,
 * when there is no state page or its frame is still busy. */
bool pv_upcall(struct arch_vcpu *v, struct arch_context *c, uint32_t reason, uint32_t r1,
	       uint32_t r2);
/* An upcall-class event the guest cannot take: the VCPU stops, its thread's
 * fault endpoint gets an L4_FAULT_OTHER fault (status: the reason). */
__noreturn void pv_stop(struct arch_context *c, uint32_t reason);
/* HC_RETURN: sets r0 to an error when the frame is refused. */
void pv_return(struct arch_vcpu *v, struct arch_context *c);
/* The virtual CPSR of the guest as it was interrupted. */
uint32_t pv_current_cpsr(struct arch_vcpu *v, const struct arch_context *c);

/* hypercall.c: r12's hypercall from guest-kernel mode (pc is past the SVC) */
__noreturn void pv_hypercall(struct arch_vcpu *v, struct arch_context *c);
/* HC_SET_SYSREG: an enum l4_error */
int pv_set_sysreg(struct arch_vcpu *v, struct arch_context *c, uint32_t reg, uint32_t value);

/* trap_cp.c: an undefined instruction at pc that is a coprocessor access
 * of the guest kernel's: emulated or sent to the VMM, not returning.
 * Returns false for anything else (the guest's own undefined instruction). */
bool pv_trap_coprocessor(struct arch_vcpu *v, struct arch_context *c);

/* exit.c: the guest register n (0-15) */
uint32_t *pv_guest_reg(struct arch_context *c, unsigned n);
__noreturn void pv_exit(struct arch_vcpu *v, uint32_t *msg);

/* virq.c */
/* Takes the first pending virtual interrupt (lowest ID); it is active
 * until HC_IRQ_EOI. 1023 when none is pending. */
unsigned pv_irq_take(struct arch_vcpu *v);
/* HC_IRQ_EOI; returns an enum l4_error. */
int pv_irq_eoi(struct arch_vcpu *v, uint32_t virq);
/* HC_TIMER_SET: 0 turns the timer off. */
void pv_timer_set(struct arch_vcpu *v, uint64_t deadline);
void pv_timer_init(void);
void pv_timer_forget(struct arch_vcpu *v);

/* The thread running v, or NULL. */
struct tcb;
struct tcb *pv_thread(struct arch_vcpu *v);

#endif
