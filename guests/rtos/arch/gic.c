// SPDX-License-Identifier: MIT
/* GICv2: the CPU interface (under Tern the hardware's virtual CPU
 * interface, mapped where the device tree says the GICC is) and the
 * distributor (emulated by the VMM), of which the RTOS uses the global
 * enable, per-interrupt enables and priorities. One CPU, so no targets. */
#include "arch.h"

#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100
#define GICD_IPRIORITYR 0x400
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GIC_ENABLE 1u
#define GIC_SPURIOUS 1020u
#define GIC_ID_MASK 0x3ffu
#define GIC_MAX_ID 1019u
/* All interrupts at one priority: the RTOS does not nest interrupts, its
 * urgency lies in thread priorities. */
#define IRQ_PRIORITY 0xa0u
#define PRIORITY_MASK_ALL 0xf0u
/* Bounded so that a stuck source cannot hold the CPU in the handler. */
#define MAX_PER_ENTRY 32

static uint32_t gicd, gicc;

const char *arch_gic_init(uint32_t distributor, uint32_t cpu_interface)
{
	if (!distributor || !cpu_interface)
		return "no GIC distributor or CPU interface";
	gicd = distributor;
	gicc = cpu_interface;
	mmio_write32(gicd + GICD_CTLR, GIC_ENABLE);
	mmio_write32(gicc + GICC_PMR, PRIORITY_MASK_ALL);
	mmio_write32(gicc + GICC_BPR, 0);
	mmio_write32(gicc + GICC_CTLR, GIC_ENABLE); /* EOImode 0: EOIR also deactivates */
	return NULL;
}

void arch_irq_enable(unsigned id)
{
	if (id > GIC_MAX_ID)
		return;
	mmio_write8(gicd + GICD_IPRIORITYR + id, IRQ_PRIORITY);
	mmio_write32(gicd + GICD_ISENABLER + 4 * (id / 32), 1u << (id % 32));
}

void arch_irq_dispatch(void)
{
	for (unsigned n = 0; n < MAX_PER_ENTRY; n++) {
		uint32_t iar = mmio_read32(gicc + GICC_IAR);
		uint32_t id = iar & GIC_ID_MASK;
		if (id >= GIC_SPURIOUS)
			return;
		kernel_irq(id);
		mmio_write32(gicc + GICC_EOIR, iar);
	}
}
