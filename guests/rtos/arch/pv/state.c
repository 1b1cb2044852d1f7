// SPDX-License-Identifier: MIT
/* The paravirtual CPU interface: the state page the SVC kernel shares with
 * the RTOS (docs/pv-vcpu.md, section 3) replaces the GIC's CPU interface
 * and CPSR.I. An interrupt arrives as an upcall already acknowledged (its
 * ID in r1) and is ended with HC_IRQ_EOI; the distributor stays MMIO,
 * emulated by the VMM. Every other upcall is a bug in the RTOS (it has no
 * user mode and expects no fault): reported, and the system halts. */
#include "../arch.h"

#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100
#define GICD_IPRIORITYR 0x400
#define GIC_ENABLE 1u
#define GIC_MAX_ID 1019u
#define IRQ_PRIORITY 0xa0u
#define NO_IRQ 1023u

/* Before the real page is known (the device tree is read first) the mask
 * lives here, masked as the kernel leaves the real one out of reset. */
static struct pv_state boot_state = {.irq_masked = 1};
volatile struct pv_state *pv_page = &boot_state;

static uint32_t gicd;
static unsigned upcall_irq = NO_IRQ; /* the interrupt this upcall delivered */

void pv_upcall_entry(void);
uint32_t pv_upcall(uint32_t reason, uint32_t irq, uint32_t frame_sp);

const char *arch_gic_init(uint32_t distributor, uint32_t state_page)
{
	if (!distributor || !state_page)
		return "no GIC distributor or paravirtual state page";
	if (state_page & 0xfffu)
		return "the paravirtual state page is not page-aligned";
	volatile struct pv_state *s = (volatile struct pv_state *)state_page;
	if (s->magic != PV_STATE_MAGIC)
		return "the paravirtual state page has no TPV1 magic (no VCPU_SetStatePage?)";
	/* the entry first, then the page: interrupts stay masked throughout */
	s->entry = (uint32_t)pv_upcall_entry;
	s->irq_masked = 1;
	pv_page = s;
	gicd = distributor;
	mmio_write32(gicd + GICD_CTLR, GIC_ENABLE);
	return NULL;
}

void arch_irq_enable(unsigned id)
{
	if (id > GIC_MAX_ID)
		return;
	mmio_write8(gicd + GICD_IPRIORITYR + id, IRQ_PRIORITY);
	mmio_write32(gicd + GICD_ISENABLER + 4 * (id / 32), 1u << (id % 32));
}

/* One interrupt per upcall: another pending one is taken when the
 * interrupted frame unmasks again (upcall.S). */
void arch_irq_dispatch(void)
{
	unsigned id = upcall_irq;
	upcall_irq = NO_IRQ;
	if (id > GIC_MAX_ID)
		return;
	kernel_irq(id);
	pv_hypercall(HC_IRQ_EOI, id, 0, NULL);
}

uint32_t pv_upcall(uint32_t reason, uint32_t irq, uint32_t frame_sp)
{
	static const char *const names[] = {"upcall 0", "system call", "undefined instruction",
					    "prefetch abort", "data abort", "interrupt"};
	if (reason == PV_UPCALL_IRQ) {
		upcall_irq = irq;
		return kernel_interrupt(frame_sp);
	}
	unsigned kind = reason & 0xffu;
	const char *name = reason & PV_UPCALL_FROM_USER ? "upcall from guest user mode"
			   : kind < ARRAY_SIZE(names) ? names[kind] : "unknown upcall";
	uint32_t pc = ((const uint32_t *)frame_sp)[15];
	kernel_panic(name, pc, pv_page->fault_status, pv_page->fault_address);
}
