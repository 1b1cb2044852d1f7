/* SPDX-License-Identifier: MIT */
/* Interrupts owned by user space: IRQ control hands out one handler cap
 * per interrupt; an interrupt is masked and signalled to the handler's
 * notification, and delivered again only after the handler acknowledges. */
#ifndef TERN_IRQ_H
#define TERN_IRQ_H

#include <tern/invocation.h>

/* Keeps every line the kernel has a handler for (its tick, the virtual
 * timer, the GIC maintenance interrupt) from IRQControl_Get. */
void irq_reserve_kernel_lines(void);
struct invocation_error irq_control_invoke(struct invocation *inv);
struct invocation_error irq_handler_invoke(struct invocation *inv);
/* The last handler cap for an interrupt is gone. */
void irq_handler_destroy(const struct cap *cap);
/* A notification is deleted: interrupts must not signal it any more. */
void irq_forget_notification(const struct notification *n);

#endif
