// SPDX-License-Identifier: MIT
/* Interrupt dispatch: a handler per interrupt ID, called by the CPU
 * layer's controller driver with interrupts masked (no nesting). */
#include "kernel.h"

#define MAX_IRQS 128

static struct {
	irq_handler_t handler;
	void *ctx;
} handlers[MAX_IRQS];
static uint32_t unhandled;

const char *irq_attach(unsigned id, irq_handler_t handler, void *ctx)
{
	if (id >= MAX_IRQS)
		return "interrupt number out of range";
	if (handlers[id].handler)
		return "interrupt already has a handler";
	handlers[id].ctx = ctx;
	handlers[id].handler = handler;
	return NULL;
}

void kernel_irq(unsigned id)
{
	if (id < MAX_IRQS && handlers[id].handler)
		handlers[id].handler(id, handlers[id].ctx);
	else
		unhandled++; /* acknowledged and ended: nothing else to do */
}
