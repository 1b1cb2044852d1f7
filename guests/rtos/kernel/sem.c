// SPDX-License-Identifier: MIT
/* Counting semaphores. A give with waiters hands the unit straight to the
 * most urgent waiter (the count stays 0), so a thread woken can never
 * find the unit taken by a latecomer. */
#include "kernel.h"

void sem_init(struct sem *s, unsigned count)
{
	s->count = count;
	list_init(&s->waiters);
}

int sem_take(struct sem *s, uint64_t timeout)
{
	irq_flags_t flags = arch_irq_save();
	int result = RTOS_OK;
	if (s->count)
		s->count--;
	else if (timeout == RTOS_NO_WAIT)
		result = RTOS_TIMEOUT;
	else if (kernel_block(&s->waiters, time_deadline(timeout)) == WAKE_TIMEOUT)
		result = RTOS_TIMEOUT;
	arch_irq_restore(flags);
	return result;
}

void sem_give(struct sem *s)
{
	irq_flags_t flags = arch_irq_save();
	if (!kernel_wake_first(&s->waiters, WAKE_SIGNALLED))
		s->count++;
	arch_irq_restore(flags);
}
