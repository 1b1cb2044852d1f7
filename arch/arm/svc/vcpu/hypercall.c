// SPDX-License-Identifier: MIT
/* Hypercalls: SVC from guest-kernel mode, the number in r12, arguments in
 * r0-r3, the result in r0 (docs/pv-vcpu.md, section 6). Each does bounded
 * work; a number that is not known, or not implemented yet, returns an
 * error to the guest and never stops the kernel. */
#include <arch/timer.h>
#include <arch/trap.h>
#include "../../arch_private.h"
#include "pv_private.h"
#include "shadow.h"

#define SCTLR_M BIT(0)
#define HSR_EC_SHIFT 26

/* The virtual system registers a guest may set: the translation registers
 * (SCTLR.M turns its MMU on, section 5: the shadow tables follow them),
 * others recorded (VBAR, TPIDRPRW, DACR). */
int pv_set_sysreg(struct arch_vcpu *v, struct arch_context *c, uint32_t reg, uint32_t value)
{
	switch (reg) {
	case L4_VCPU_SCTLR:
		if ((value ^ v->regs[reg]) & SCTLR_M) {
			v->regs[reg] = value;
			shadow_translation_changed(v);
		}
		break;
	case L4_VCPU_TTBCR:
		if (value & ~GUEST_TTBCR_VALID)
			return L4_INVALID_ARGUMENT; /* long descriptors (EAE): not offered */
		v->regs[reg] = value;
		shadow_translation_changed(v);
		break;
	case L4_VCPU_TTBR1_LO:
		v->regs[reg] = value;
		shadow_translation_changed(v);
		break;
	case L4_VCPU_TTBR0_LO: /* HC_SET_TTBR's, keeping the ASID */
		shadow_set_ttbr(v, value, v->regs[L4_VCPU_CONTEXTIDR]);
		break;
	case L4_VCPU_CONTEXTIDR: /* the guest's ASID; the hardware's is Tern's */
		shadow_set_ttbr(v, v->regs[L4_VCPU_TTBR0_LO], value);
		break;
	case L4_VCPU_DACR:       /* recorded, not honoured (section 5) */
	case L4_VCPU_VBAR:       /* upcalls go to the state page's entry */
	case L4_VCPU_TPIDRPRW:
	case L4_VCPU_TPIDRURW:
		break;
	case L4_VCPU_TPIDRURO:
		c->tls = value;
		break;
	default:
		return reg < L4_VCPU_REGISTER_COUNT ? L4_ILLEGAL_OPERATION : L4_INVALID_ARGUMENT;
	}
	v->regs[reg] = value;
	return L4_OK;
}

/* HC_WFI: an interrupt already pending returns at once; else the VCPU
 * blocks until one is (kernel_vcpu_interrupt), or with L4_VCPU_TRAP_WFI
 * exits to the VMM as the A15's trapped WFI, at the SVC so that the
 * reply's STEP goes past it. */
static __noreturn void wait_for_interrupt(struct arch_vcpu *v, struct arch_context *c)
{
	c->r[0] = L4_OK;
	if (v->wfi_exits) {
		c->pc = arch_context_syscall_pc(c);
		uint32_t hsr = L4_EC_WFI_WFE << HSR_EC_SHIFT | (c->cpsr & PSR_T ? 0 : HSR_IL);
		uint32_t msg[L4_VM_EXIT_LENGTH] = {c->pc, hsr, 0, 0, pv_current_cpsr(v, c), 0};
		pv_exit(v, msg);
	}
	if (arch_vcpu_interrupt_pending(v))
		kernel_preempted();
	v->wfi_blocks++;
	kernel_vcpu_wait();
}

__noreturn void pv_hypercall(struct arch_vcpu *v, struct arch_context *c)
{
	uint32_t *r = c->r;
	uint32_t number = r[12];
	switch (number) {
	case HC_RETURN:
		pv_return(v, c);
		break;
	case HC_IRQ_SYNC:
		/* the return delivers it, the virtual mask permitting */
		r[0] = L4_OK;
		break;
	case HC_IRQ_EOI:
		r[0] = (uint32_t)pv_irq_eoi(v, r[0]);
		break;
	case HC_WFI:
		wait_for_interrupt(v, c);
	case HC_SET_TLS:
		c->tls = r[0];
		v->regs[L4_VCPU_TPIDRURO] = r[0];
		r[0] = L4_OK;
		break;
	case HC_SET_SYSREG:
		r[0] = (uint32_t)pv_set_sysreg(v, c, r[0], r[1]);
		break;
	case HC_GET_SYSREG:
		if (r[0] >= L4_VCPU_REGISTER_COUNT) {
			r[0] = L4_INVALID_ARGUMENT;
			break;
		}
		r[1] = r[0] == L4_VCPU_TPIDRURO ? c->tls : v->regs[r[0]];
		r[0] = L4_OK;
		break;
	case HC_TIMER_SET:
		pv_timer_set(v, (uint64_t)r[1] << 32 | r[0]);
		r[0] = L4_OK;
		break;
	case HC_TIME_GET: {
		uint64_t now = arch_timer_now();
		r[0] = (uint32_t)now;
		r[1] = (uint32_t)(now >> 32);
		break;
	}
	case HC_VMM_CALL: {
		/* the A15's HVC #0: the guest continues past the SVC, the
		 * reply's SET gives r0 */
		uint32_t msg[L4_VM_EXIT_LENGTH] = {c->pc, L4_EC_HVC << HSR_EC_SHIFT | HSR_IL,
						   r[0], r[1], r[2], r[3]};
		pv_exit(v, msg);
	}
	case HC_SET_TTBR:
		shadow_set_ttbr(v, r[0], r[1]);
		r[0] = L4_OK;
		break;
	case HC_TLB:
	case HC_CACHE: {
		uint32_t done = 0;
		int e = number == HC_TLB ? shadow_tlb(v, r[0], r[1], r[2], r[3], &done)
					 : guest_cache_maintain(v, r[0], r[1], r[2], &done);
		r[0] = (uint32_t)e;
		if (e == L4_RANGE_ERROR)
			r[1] = done; /* pages or bytes done: the guest calls again for the rest */
		break;
	}
	default:
		r[0] = L4_INVALID_ARGUMENT;
		r[1] = 12; /* the argument at fault: the number's register */
		break;
	}
	kernel_preempted(); /* the return delivers what is pending (state.c) */
}
