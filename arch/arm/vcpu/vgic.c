// SPDX-License-Identifier: MIT
/* The virtual GIC: injected interrupts go into the list registers of the
 * GICv2 virtual interface control (GICH); the guest acknowledges and ends
 * them through the hardware virtual CPU interface (GICV) without exits.
 * When every list register is in use, interrupts wait in a per-VCPU queue
 * and the maintenance interrupt (on underflow) refills the registers. */
#include <arch/irq.h>
#include <arch/trap.h>
#include <tern/string.h>
#include "vcpu_private.h"

volatile struct gich_regs *vcpu_gich;
unsigned vcpu_list_registers;

static uint32_t lr_state(uint32_t lr)
{
	return FIELD_GET(GICH_LR_STATE, lr);
}

static uint32_t read_lr(const struct arch_vcpu *v, unsigned i)
{
	return v == vcpu_loaded ? vcpu_gich->lr[i] : v->lr[i];
}

static void write_lr(struct arch_vcpu *v, unsigned i, uint32_t value)
{
	if (v == vcpu_loaded)
		vcpu_gich->lr[i] = value;
	else
		v->lr[i] = value;
}

static void set_underflow_irq(struct arch_vcpu *v, bool on)
{
	uint32_t hcr = v == vcpu_loaded && vcpu_guest_active ? vcpu_gich->hcr : v->gich_hcr;
	hcr = on ? hcr | GICH_HCR_UIE : hcr & ~GICH_HCR_UIE;
	if (v == vcpu_loaded && vcpu_guest_active)
		vcpu_gich->hcr = hcr;
	else
		v->gich_hcr = hcr;
}

static uint32_t make_lr(unsigned virq, unsigned priority)
{
	return FIELD_PREP(GICH_LR_STATE, GICH_LR_PENDING) |
	       FIELD_PREP(GICH_LR_PRIORITY, priority >> 3) | FIELD_PREP(GICH_LR_VIRTUAL_ID, virq);
}

/* Puts virq in a list register; false when none is free. */
static bool place(struct arch_vcpu *v, unsigned virq, unsigned priority)
{
	int free_lr = -1;
	for (unsigned i = 0; i < vcpu_list_registers; i++) {
		uint32_t lr = read_lr(v, i);
		if (lr_state(lr) == 0) {
			if (free_lr < 0)
				free_lr = (int)i;
			continue;
		}
		if (FIELD_GET(GICH_LR_VIRTUAL_ID, lr) == virq) {
			/* already there: active becomes active and pending again */
			write_lr(v, i, lr | FIELD_PREP(GICH_LR_STATE, GICH_LR_PENDING));
			return true;
		}
	}
	if (free_lr < 0)
		return false;
	write_lr(v, (unsigned)free_lr, make_lr(virq, priority));
	return true;
}

#define QUEUED_PRIORITY 0xa0u

void arch_vcpu_inject(struct arch_vcpu *v, unsigned virq, unsigned priority)
{
	if (virq >= ARCH_VCPU_MAX_VIRQ || !vcpu_gich)
		return;
	v->injected++;
	if (place(v, virq, priority)) {
		kernel_vcpu_interrupt(v);
		return;
	}
	/* Every register busy: queue it (queued interrupts get one priority). */
	if (!(v->queued[virq / 32] & BIT(virq % 32))) {
		v->queued[virq / 32] |= BIT(virq % 32);
		v->queued_count++;
	}
	set_underflow_irq(v, true);
	kernel_vcpu_interrupt(v);
}

void vgic_refill(struct arch_vcpu *v)
{
	for (unsigned w = 0; w < ARRAY_SIZE(v->queued) && v->queued_count; w++) {
		while (v->queued[w]) {
			unsigned virq = w * 32 + (unsigned)__builtin_ctz(v->queued[w]);
			if (!place(v, virq, QUEUED_PRIORITY))
				return;
			v->queued[w] &= ~BIT(virq % 32);
			v->queued_count--;
		}
	}
	if (!v->queued_count)
		set_underflow_irq(v, false);
}

bool arch_vcpu_interrupt_pending(const struct arch_vcpu *v)
{
	if (v->queued_count)
		return true;
	for (unsigned i = 0; i < vcpu_list_registers; i++)
		if (lr_state(read_lr(v, i)) & GICH_LR_PENDING)
			return true;
	return false;
}

void vgic_save(struct arch_vcpu *v)
{
	v->gich_vmcr = vcpu_gich->vmcr;
	v->gich_apr = vcpu_gich->apr;
	for (unsigned i = 0; i < vcpu_list_registers; i++) {
		v->lr[i] = vcpu_gich->lr[i];
		vcpu_gich->lr[i] = 0;
	}
}

void vgic_load(struct arch_vcpu *v)
{
	vcpu_gich->vmcr = v->gich_vmcr;
	vcpu_gich->apr = v->gich_apr;
	for (unsigned i = 0; i < vcpu_list_registers; i++)
		vcpu_gich->lr[i] = v->lr[i];
}

static void maintenance_irq(unsigned intid, void *ctx)
{
	if (vcpu_loaded)
		vgic_refill(vcpu_loaded);
	else if (vcpu_gich)
		vcpu_gich->hcr = 0;
}

const char *vgic_init(const struct hw_desc *hw)
{
	if (!hw->gic_has_virt)
		return "the GIC has no virtualization interface";
	vcpu_gich = (void *)(uintptr_t)hw->gic[HW_GIC_HYP].base;
	vcpu_list_registers = FIELD_GET(GICH_VTR_LISTREGS, vcpu_gich->vtr) + 1;
	if (vcpu_list_registers > ARCH_VCPU_MAX_LIST_REGISTERS)
		vcpu_list_registers = ARCH_VCPU_MAX_LIST_REGISTERS;
	vcpu_gich->hcr = 0;
	for (unsigned i = 0; i < vcpu_list_registers; i++)
		vcpu_gich->lr[i] = 0;
	if (!hw->gic_maintenance_irq || arch_irq_attach(hw->gic_maintenance_irq, maintenance_irq, NULL)) {
		vcpu_gich = NULL;
		return "the GIC maintenance interrupt is not given or cannot be attached";
	}
	return NULL;
}
