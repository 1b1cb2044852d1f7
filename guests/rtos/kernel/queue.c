// SPDX-License-Identifier: MIT
/* Message queues: a ring of fixed-size items in the caller's buffer.
 * A sender waits while the ring is full, a receiver while it is empty,
 * each until one absolute deadline however often it is woken and finds
 * another thread was quicker. */
#include <tern/string.h>
#include "kernel.h"

void queue_init(struct queue *q, void *buffer, size_t item_size, unsigned capacity)
{
	q->buffer = buffer;
	q->item_size = item_size;
	q->capacity = capacity;
	q->head = q->count = 0;
	list_init(&q->senders);
	list_init(&q->receivers);
}

/* Waits on wait_list until woken or deadline; false on timeout. */
static bool wait_for(struct list *wait_list, uint64_t timeout, uint64_t deadline)
{
	if (timeout == RTOS_NO_WAIT)
		return false;
	return kernel_block(wait_list, deadline) == WAKE_SIGNALLED;
}

int queue_send(struct queue *q, const void *item, uint64_t timeout)
{
	irq_flags_t flags = arch_irq_save();
	uint64_t deadline = time_deadline(timeout);
	while (q->count == q->capacity) {
		if (!wait_for(&q->senders, timeout, deadline)) {
			arch_irq_restore(flags);
			return RTOS_TIMEOUT;
		}
	}
	unsigned tail = (q->head + q->count) % q->capacity;
	memcpy(q->buffer + tail * q->item_size, item, q->item_size);
	q->count++;
	kernel_wake_first(&q->receivers, WAKE_SIGNALLED);
	arch_irq_restore(flags);
	return RTOS_OK;
}

int queue_recv(struct queue *q, void *item, uint64_t timeout)
{
	irq_flags_t flags = arch_irq_save();
	uint64_t deadline = time_deadline(timeout);
	while (q->count == 0) {
		if (!wait_for(&q->receivers, timeout, deadline)) {
			arch_irq_restore(flags);
			return RTOS_TIMEOUT;
		}
	}
	memcpy(item, q->buffer + q->head * q->item_size, q->item_size);
	q->head = (q->head + 1) % q->capacity;
	q->count--;
	kernel_wake_first(&q->senders, WAKE_SIGNALLED);
	arch_irq_restore(flags);
	return RTOS_OK;
}
