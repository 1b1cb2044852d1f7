/* SPDX-License-Identifier: MIT */
/* Interrupt controller. Handlers run in interrupt context with interrupts
 * masked; each attached line is acknowledged after its handler returns. */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include <tern/hwdesc.h>

typedef void (*arch_irq_handler_t)(unsigned intid, void *ctx);

struct arch_irq_info {
	const char *name;          /* "GICv2" */
	unsigned lines;            /* interrupt IDs implemented */
	bool has_virt;             /* virtualization interface usable */
	unsigned list_registers;   /* when has_virt */
};

/* Initialises the controller described by hw. Returns NULL or a message. */
const char *arch_irq_init(const struct hw_desc *hw, struct arch_irq_info *info);
/* Routes intid to handler on this CPU and enables it. Returns 0, or -1 for
 * an ID the controller does not implement or one already attached. */
int arch_irq_attach(unsigned intid, arch_irq_handler_t handler, void *ctx);

/* An interrupt is waiting while the kernel runs with interrupts masked:
 * long operations stop at their preemption points. */
bool arch_irq_pending(void);
/* Whether intid has a handler. */
bool arch_irq_attached(unsigned intid);
/* Removes the handler of intid and disables it. */
void arch_irq_detach(unsigned intid);
/* Keeps intid from being delivered / lets it be delivered again. */
void arch_irq_mask_line(unsigned intid);
void arch_irq_unmask_line(unsigned intid);
/* Number of interrupt IDs the controller implements. */
unsigned arch_irq_lines(void);

#endif
