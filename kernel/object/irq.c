// SPDX-License-Identifier: MIT
#include <arch/irq.h>
#include <tern/ipc.h>
#include <tern/irq.h>

#define MAX_INTIDS 1020

enum irq_state { IRQ_FREE, IRQ_KERNEL, IRQ_USER };

static struct {
	uint8_t state;
	struct notification *notification;
	uint32_t badge;
} irqs[MAX_INTIDS];

void irq_reserve_kernel_lines(void)
{
	for (unsigned intid = 0; intid < MAX_INTIDS; intid++)
		if (arch_irq_attached(intid))
			irqs[intid].state = IRQ_KERNEL;
}

static void user_irq(unsigned intid, void *ctx)
{
	arch_irq_mask_line(intid); /* until the handler acknowledges it */
	if (irqs[intid].notification)
		notification_signal(irqs[intid].notification, irqs[intid].badge);
}

struct invocation_error irq_control_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	if (inv->label != L4_IRQ_CONTROL_GET)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	if (!invocation_has_args(inv, 3, &err))
		return err;
	uint32_t intid = inv->mr[0];
	unsigned lines = arch_irq_lines() < MAX_INTIDS ? arch_irq_lines() : MAX_INTIDS;
	if (intid < 16 || intid >= lines)
		return invocation_range(0, 16, lines - 1); /* SGIs are not devices */
	if (irqs[intid].state == IRQ_KERNEL)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	if (irqs[intid].state == IRQ_USER)
		return invocation_fail(L4_REVOKE_FIRST, 0); /* someone has it already */
	struct cte *dest = invocation_empty_slot(inv, 1, &err);
	if (!dest)
		return err;

	irqs[intid].state = IRQ_USER;
	irqs[intid].notification = NULL;
	struct cap handler = {.type = CAP_IRQ_HANDLER, .rights = L4_RIGHTS_ALL};
	handler.irq = intid;
	cte_insert_derived(inv->slot, dest, handler);
	arch_irq_attach(intid, user_irq, NULL);
	arch_irq_mask_line(intid); /* delivered once a notification is set */
	return err;
}

struct invocation_error irq_handler_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	uint32_t intid = inv->slot->cap.irq;

	switch (inv->label) {
	case L4_IRQ_HANDLER_SET_NOTIFICATION: {
		if (!invocation_has_args(inv, 1, &err))
			return err;
		struct cte *n = invocation_lookup_cap(inv, inv->mr[0], 0, CAP_NOTIFICATION, &err);
		if (!n)
			return err;
		if (!(n->cap.rights & L4_RIGHT_WRITE))
			return invocation_fail(L4_INSUFFICIENT_RIGHTS, 0);
		irqs[intid].notification = (struct notification *)n->cap.object;
		irqs[intid].badge = n->cap.badge;
		arch_irq_unmask_line(intid);
		return err;
	}
	case L4_IRQ_HANDLER_ACK:
		if (irqs[intid].notification)
			arch_irq_unmask_line(intid);
		return err;
	default:
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	}
}

void irq_handler_destroy(const struct cap *cap)
{
	uint32_t intid = cap->irq;
	if (intid >= MAX_INTIDS || irqs[intid].state != IRQ_USER)
		return;
	arch_irq_detach(intid);
	irqs[intid].state = IRQ_FREE;
	irqs[intid].notification = NULL;
}

void irq_forget_notification(const struct notification *n)
{
	for (unsigned i = 0; i < MAX_INTIDS; i++)
		if (irqs[i].notification == n) {
			irqs[i].notification = NULL;
			arch_irq_mask_line(i);
		}
}
