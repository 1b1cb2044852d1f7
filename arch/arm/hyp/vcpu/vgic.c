// SPDX-License-Identifier: MIT
/* The virtual GIC: injected interrupts go into the list registers of the
 * GICv2 virtual interface control (GICH); the guest acknowledges and ends
 * them through the hardware virtual CPU interface (GICV) without exits.
 * When every list register is in use, interrupts wait in a per-VCPU queue
 * and the maintenance interrupt (on underflow) refills the registers.
 * A level-sensitive interrupt's list register asks for a maintenance
 * interrupt when the guest ends it; while the VMM has not acknowledged the
 * line as low, the kernel makes it pending again right there. */
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

static bool level_high(const struct arch_vcpu *v, unsigned virq)
{
	return v->level_high[virq / 32] & BIT(virq % 32);
}

static uint32_t make_lr(const struct arch_vcpu *v, unsigned virq, unsigned priority)
{
	return FIELD_PREP(GICH_LR_STATE, GICH_LR_PENDING) |
	       FIELD_PREP(GICH_LR_PRIORITY, priority >> 3) | FIELD_PREP(GICH_LR_VIRTUAL_ID, virq) |
	       (level_high(v, virq) ? GICH_LR_EOI : 0);
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
			write_lr(v, i, lr | FIELD_PREP(GICH_LR_STATE, GICH_LR_PENDING) |
					       (level_high(v, virq) ? GICH_LR_EOI : 0));
			return true;
		}
	}
	if (free_lr < 0)
		return false;
	write_lr(v, (unsigned)free_lr, make_lr(v, virq, priority));
	return true;
}

static bool queued(const struct arch_vcpu *v, unsigned virq)
{
	return v->queued[virq / 32] & BIT(virq % 32);
}

static void queue(struct arch_vcpu *v, unsigned virq)
{
	if (!queued(v, virq)) {
		v->queued[virq / 32] |= BIT(virq % 32);
		v->queued_count++;
	}
	set_underflow_irq(v, true);
}

static void unqueue(struct arch_vcpu *v, unsigned virq)
{
	if (queued(v, virq)) {
		v->queued[virq / 32] &= ~BIT(virq % 32);
		v->queued_count--;
	}
}

/* List registers of interrupts the guest has ended that asked to be told:
 * freed, and a line still high is pending again. */
static void retire_ended(struct arch_vcpu *v)
{
	for (unsigned i = 0; i < vcpu_list_registers; i++) {
		uint32_t lr = read_lr(v, i);
		if (lr_state(lr) != 0 || !(lr & GICH_LR_EOI))
			continue;
		write_lr(v, i, 0);
		unsigned virq = FIELD_GET(GICH_LR_VIRTUAL_ID, lr);
		if (level_high(v, virq) && !place(v, virq, FIELD_GET(GICH_LR_PRIORITY, lr) << 3))
			queue(v, virq);
	}
}

#define QUEUED_PRIORITY 0xa0u

void arch_vcpu_inject(struct arch_vcpu *v, unsigned virq, unsigned priority, bool level)
{
	if (virq >= ARCH_VCPU_MAX_VIRQ || !vcpu_gich)
		return;
	v->injected++;
	if (level)
		v->level_high[virq / 32] |= BIT(virq % 32);
	if (!place(v, virq, priority))
		queue(v, virq); /* every register busy (queued ones get one priority) */
	kernel_vcpu_interrupt(v);
}

void arch_vcpu_ack(struct arch_vcpu *v, unsigned virq)
{
	if (virq >= ARCH_VCPU_MAX_VIRQ || !level_high(v, virq))
		return;
	v->level_high[virq / 32] &= ~BIT(virq % 32);
	unqueue(v, virq);
	for (unsigned i = 0; i < vcpu_list_registers; i++) {
		uint32_t lr = read_lr(v, i);
		if (lr_state(lr) == 0 || FIELD_GET(GICH_LR_VIRTUAL_ID, lr) != virq)
			continue;
		/* not taken yet: withdrawn; being handled: runs to its end */
		lr &= ~(FIELD_PREP(GICH_LR_STATE, GICH_LR_PENDING) | GICH_LR_EOI);
		write_lr(v, i, lr_state(lr) ? lr : 0);
	}
}

void vgic_refill(struct arch_vcpu *v)
{
	for (unsigned w = 0; w < ARRAY_SIZE(v->queued) && v->queued_count; w++) {
		while (v->queued[w]) {
			unsigned virq = w * 32 + (unsigned)__builtin_ctz(v->queued[w]);
			if (!place(v, virq, QUEUED_PRIORITY))
				return;
			unqueue(v, virq);
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
	retire_ended(v); /* a line still high must count as pending while v waits */
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
	if (vcpu_loaded) {
		retire_ended(vcpu_loaded);
		vgic_refill(vcpu_loaded);
	}
	else if (vcpu_gich)
		vcpu_gich->hcr = 0;
}

static struct hw_region vcpu_interface;

bool arch_vcpu_interface_overlaps(paddr_t paddr, uint64_t size)
{
	return vcpu_interface.size && paddr < vcpu_interface.base + vcpu_interface.size &&
	       vcpu_interface.base < paddr + size;
}

const char *vgic_init(const struct hw_desc *hw)
{
	if (!hw->gic_has_virt)
		return "the GIC has no virtualization interface";
	vcpu_interface = hw->gic[HW_GIC_VCPU];
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
