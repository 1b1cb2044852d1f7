// SPDX-License-Identifier: MIT
#include "../arch_private.h"
#include "gicv2.h"
#include <arch/irq.h>
#include <tern/printf.h>

static volatile struct gicd_regs *gicd;
static volatile struct gicc_regs *gicc;
static unsigned gic_lines;

static struct {
	arch_irq_handler_t handler;
	void *ctx;
} irq_table[GIC_MAX_LINES];

static unsigned lines_implemented(volatile struct gicd_regs *d)
{
	unsigned lines = 32 * (FIELD_GET(GICD_TYPER_ITLINES, d->typer) + 1);
	return lines > GIC_MAX_LINES ? GIC_MAX_LINES : lines;
}

void gic_secure_handoff(const struct hw_desc *hw)
{
	volatile struct gicd_regs *d = (void *)kernel_device_address(hw->gic[HW_GIC_DIST].base);
	volatile struct gicc_regs *c = (void *)kernel_device_address(hw->gic[HW_GIC_CPU].base);
	unsigned lines = lines_implemented(d);

	for (unsigned i = 0; i < lines / 32; i++)
		d->igroupr[i] = ~0u; /* every interrupt to Group 1: Non-secure */
	d->ctlr = GICD_CTLR_ENABLE | GICD_CTLR_ENABLE_GRP1;
	c->pmr = 0xff;
}

const char *arch_irq_init(const struct hw_desc *hw, struct arch_irq_info *info)
{
	gicd = (void *)kernel_device_address(hw->gic[HW_GIC_DIST].base);
	gicc = (void *)kernel_device_address(hw->gic[HW_GIC_CPU].base);
	gic_lines = lines_implemented(gicd);

	gicd->ctlr = 0;
	for (unsigned i = 0; i < gic_lines / 32; i++) {
		gicd->icenabler[i] = ~0u;
		gicd->icpendr[i] = ~0u;
		gicd->icactiver[i] = ~0u;
	}
	for (unsigned i = 0; i < gic_lines; i++)
		gicd->ipriorityr[i] = GIC_PRIORITY_DEFAULT;
	for (unsigned i = GIC_FIRST_SPI; i < gic_lines; i++)
		gicd->itargetsr[i] = 0x01; /* CPU 0 until SMP */
	for (unsigned i = GIC_FIRST_SPI / 16; i < gic_lines / 16; i++)
		gicd->icfgr[i] = 0; /* level-sensitive */
	gicd->ctlr = GICD_CTLR_ENABLE;

	gicc->pmr = GIC_PRIORITY_MASK_ALL_BUT_LOWEST;
	gicc->bpr = 0;
	gicc->ctlr = GICC_CTLR_ENABLE;

	info->name = "GICv2";
	info->lines = gic_lines;
	info->has_virt = hw->gic_has_virt;
	info->list_registers = 0;
	if (hw->gic_has_virt) {
		volatile struct gich_regs *h = (void *)kernel_device_address(hw->gic[HW_GIC_HYP].base);
		info->list_registers = FIELD_GET(GICH_VTR_LISTREGS, h->vtr) + 1;
	}
	return NULL;
}

int arch_irq_attach(unsigned intid, arch_irq_handler_t handler, void *ctx)
{
	if (intid >= gic_lines || !handler || irq_table[intid].handler)
		return -1;
	irq_table[intid].handler = handler;
	irq_table[intid].ctx = ctx;
	gicd->isenabler[intid / 32] = BIT(intid % 32);
	return 0;
}

bool arch_irq_attached(unsigned intid)
{
	return intid < gic_lines && irq_table[intid].handler;
}

void arch_irq_detach(unsigned intid)
{
	if (intid >= gic_lines)
		return;
	gicd->icenabler[intid / 32] = BIT(intid % 32);
	irq_table[intid].handler = NULL;
	irq_table[intid].ctx = NULL;
}

void arch_irq_mask_line(unsigned intid)
{
	if (intid < gic_lines)
		gicd->icenabler[intid / 32] = BIT(intid % 32);
}

void arch_irq_unmask_line(unsigned intid)
{
	if (intid < gic_lines && irq_table[intid].handler)
		gicd->isenabler[intid / 32] = BIT(intid % 32);
}

unsigned arch_irq_lines(void)
{
	return gic_lines;
}

void arch_irq_dispatch(void)
{
	for (;;) {
		uint32_t iar = gicc->iar;
		unsigned id = FIELD_GET(GICC_IAR_ID, iar);
		if (id >= GIC_SPURIOUS_FIRST)
			return;
		if (irq_table[id].handler) {
			irq_table[id].handler(id, irq_table[id].ctx);
		} else {
			/* Nobody asked for it: silence the line rather than loop. */
			gicd->icenabler[id / 32] = BIT(id % 32);
			kprintf("tern: interrupt %u has no handler; disabled it\n", id);
		}
		gicc->eoir = iar;
	}
}
