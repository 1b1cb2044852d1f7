// SPDX-License-Identifier: MIT
/* The deprivileged VCPU's state page and upcalls (docs/pv-vcpu.md, sections
 * 3 and 4), its life cycle, and what the return to a guest does: the guest
 * always runs in USR; its virtual mode is the context's vmode, its DACR the
 * view of that mode, and a pending virtual interrupt becomes an upcall when
 * the virtual mask lets it in.
 *
 * The state page is reached through the guest-physical address the VMM
 * mapped it at, translated in the thread's VSpace each time (a walk of at
 * most two levels): a frame unmapped or deleted since VCPU_SetStatePage is
 * simply absent, never written through a stale pointer. Every field is the
 * guest's to write: each is read once and checked where it is used. */
#include <arch/cpu.h>
#include <arch/trap.h>
#include <tern/string.h>
#include <tern/vcpu.h>
#include <tern/thread.h>
#include "../../arch_private.h"
#include "../../pv/vcpu_pure.h"
#include "pv_private.h"
#include "shadow.h"

#define SCTLR_RESET 0x00c50078u /* MMU and caches off, as the A15's guests start */

struct tcb *pv_thread(struct arch_vcpu *v)
{
	return container_of(v, struct vcpu, arch)->tcb;
}

struct pv_state *pv_state(struct arch_vcpu *v)
{
	struct tcb *t = pv_thread(v);
	if (!v->state_frame || !t || cte_is_empty(&t->vspace_root))
		return NULL;
	void *p = arch_vspace_translate((void *)t->vspace_root.cap.object, v->state_gpa, true);
	return p == (void *)v->state_frame ? p : NULL;
}

int arch_vcpu_set_state_page(struct arch_vcpu *v, uintptr_t page, uint32_t guest_address)
{
	if (guest_address & 0xfffu)
		return L4_INVALID_ARGUMENT;
	v->state_frame = page;
	v->state_gpa = guest_address;
	/* as out of reset: interrupts masked, guest kernel, nothing in the frame */
	struct pv_state *s = (struct pv_state *)page;
	s->magic = PV_STATE_MAGIC;
	s->irq_masked = 1;
	s->irq_pending = v->pending_count ? 1 : 0;
	s->mode = PV_MODE_KERNEL;
	s->frame_busy = 0;
	return L4_OK;
}

uint32_t pv_current_cpsr(struct arch_vcpu *v, const struct arch_context *c)
{
	bool masked = false;
	if (c->vmode != PSR_MODE_USR) {
		struct pv_state *s = pv_state(v);
		masked = !s || (s->irq_masked & 1);
	}
	return pv_virtual_cpsr(c->cpsr, c->vmode, masked);
}

bool pv_upcall(struct arch_vcpu *v, struct arch_context *c, uint32_t reason, uint32_t r1,
	       uint32_t r2)
{
	struct pv_state *s = pv_state(v);
	if (!s || s->frame_busy)
		return false;
	bool from_user = c->vmode == PSR_MODE_USR;
	struct pv_frame *f = &s->frame;
	for (unsigned i = 0; i < 13; i++)
		f->r[i] = c->r[i];
	f->sp = c->sp;
	f->lr = c->lr;
	f->pc = c->pc;
	f->cpsr = pv_virtual_cpsr(c->cpsr, c->vmode, !from_user && (s->irq_masked & 1));
	if (from_user)
		reason |= PV_UPCALL_FROM_USER;
	s->reason = reason;
	if ((reason & 0xffu) == PV_UPCALL_IRQ) {
		s->irq_id = r1;
	} else {
		s->fault_address = r1;
		s->fault_status = r2;
	}
	s->frame_busy = 1;
	s->irq_masked = 1;
	s->mode = PV_MODE_KERNEL;
	c->vmode = PSR_MODE_SVC;
	c->dacr = PV_DACR_KERNEL;
	c->r[0] = reason;
	c->r[1] = r1;
	c->r[2] = r2;
	if (from_user)
		c->sp = s->kernel_sp;
	c->pc = s->entry & ~3u; /* any value: it only becomes a USR-mode pc */
	c->cpsr = pv_hardware_cpsr(PSR_MODE_USR); /* ARM state */
	return true;
}

__noreturn void pv_stop(struct arch_context *c, uint32_t reason)
{
	struct arch_fault f = {.type = ARCH_FAULT_UNKNOWN, .pc = c->pc, .status = reason};
	kernel_user_fault(&f);
}

void pv_return(struct arch_vcpu *v, struct arch_context *c)
{
	struct pv_state *s = pv_state(v);
	if (!s) {
		c->r[0] = L4_ILLEGAL_OPERATION;
		return;
	}
	struct pv_frame f = s->frame; /* read once: the guest may change it under us */
	uint32_t mode = pv_frame_mode(f.cpsr);
	if (!mode) {
		c->r[0] = L4_INVALID_ARGUMENT; /* no USR-mode pc can reach PL1 anyway */
		return;
	}
	if (mode == PSR_MODE_USR) {
		s->kernel_sp = c->sp;
		s->irq_masked = 0; /* guest user always runs with interrupts on */
		s->mode = PV_MODE_USER;
	} else {
		s->irq_masked = f.cpsr & PSR_I ? 1 : 0;
		s->mode = PV_MODE_KERNEL;
	}
	for (unsigned i = 0; i < 13; i++)
		c->r[i] = f.r[i];
	c->sp = f.sp;
	c->lr = f.lr;
	c->cpsr = pv_hardware_cpsr(f.cpsr);
	/* aligned for its state: an unaligned return is UNPREDICTABLE */
	c->pc = f.pc & (c->cpsr & PSR_T ? ~1u : ~3u);
	c->vmode = mode;
	c->dacr = mode == PSR_MODE_USR ? PV_DACR_USER : PV_DACR_KERNEL;
}

/* Before every return into a guest (arch_return_to_user). */
static void pv_enter(struct arch_vcpu *v, struct arch_context *c)
{
	if (!c->vmode) /* just bound (VCPU_SetTCB's reset CPSR): its mode is virtual */
		c->vmode = pv_frame_mode(c->cpsr) ? pv_frame_mode(c->cpsr) : PSR_MODE_SVC;
	/* whatever a VMM or a frame wrote, the hardware runs it in USR */
	c->cpsr = pv_hardware_cpsr(c->cpsr);
	c->dacr = c->vmode == PSR_MODE_USR ? PV_DACR_USER : PV_DACR_KERNEL;
	if (v->stop_pending) {
		uint32_t reason = v->stop_pending;
		v->stop_pending = 0;
		pv_stop(c, reason);
	}
	if (!v->pending_count)
		return;
	struct pv_state *s = pv_state(v);
	if (!s)
		return; /* stays pending until there is a page to tell it on */
	bool masked = c->vmode != PSR_MODE_USR && (s->irq_masked & 1);
	/* a busy frame holds the interrupt too: it cannot nest, the guest
	 * entry has not saved the last frame yet */
	if (masked || s->frame_busy) {
		s->irq_pending = 1;
		return;
	}
	unsigned virq = pv_irq_take(v);
	pv_upcall(v, c, PV_UPCALL_IRQ, virq, 0);
	s->irq_pending = v->pending_count ? 1 : 0;
}

void arch_vcpu_init(struct arch_vcpu *v)
{
	memset(v, 0, sizeof(*v));
	v->regs[L4_VCPU_SCTLR] = SCTLR_RESET;
	v->regs[L4_VCPU_DACR] = 0;
	shadow_init(v);
}

void arch_vcpu_destroy(struct arch_vcpu *v)
{
	pv_timer_forget(v);
	shadow_destroy(v);
}

void arch_vcpu_sync(struct arch_vcpu *v)
{
	/* nothing lives in the hardware: registers are recorded, never loaded */
}

uint32_t arch_vcpu_read_register(const struct arch_vcpu *v, unsigned reg)
{
	return reg < L4_VCPU_REGISTER_COUNT ? v->regs[reg] : 0;
}

void arch_vcpu_write_register(struct arch_vcpu *v, unsigned reg, uint32_t value)
{
	if (reg >= L4_VCPU_REGISTER_COUNT)
		return;
	if (reg == L4_VCPU_TTBCR)
		value &= GUEST_TTBCR_VALID; /* short descriptors only */
	v->regs[reg] = value;
	switch (reg) {
	case L4_VCPU_SCTLR:
	case L4_VCPU_TTBR0_LO:
	case L4_VCPU_TTBR0_HI:
	case L4_VCPU_TTBR1_LO:
	case L4_VCPU_TTBR1_HI:
	case L4_VCPU_TTBCR:
	case L4_VCPU_CONTEXTIDR:
		shadow_translation_changed(v); /* the VMM's word: no shadow kept */
		break;
	default:
		break;
	}
}

bool arch_vcpu_valid_cpsr(uint32_t cpsr)
{
	return pv_frame_mode(cpsr) != 0; /* guest user or guest kernel */
}

void arch_vcpu_switch_to(struct arch_vcpu *v, struct arch_context *c)
{
	pv_enter(v, c);
}

const char *arch_vcpu_hw_init(const struct hw_desc *hw)
{
	pv_timer_init();
	return NULL;
}

bool arch_vcpu_supported(void)
{
	return true;
}

bool arch_vcpu_interface_overlaps(paddr_t paddr, uint64_t size)
{
	return false; /* there is no virtual CPU interface on this GIC */
}
