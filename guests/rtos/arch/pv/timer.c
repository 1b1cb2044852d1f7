// SPDX-License-Identifier: MIT
/* The paravirtual timer: HC_TIME_GET reads the kernel's clock (the A9's
 * global timer), HC_TIMER_SET arms a one-shot deadline on it at which the
 * kernel injects PPI 27. The frequency is the VMM's to say (the device
 * tree's tern,pv-timer node), as no CP15 register holds it on the A9. */
#include "../arch.h"
#include "../../board.h"

static uint64_t armed_for; /* 0: off */

uint32_t arch_timer_frequency(void)
{
	return board.timer_hz;
}

uint64_t arch_counter(void)
{
	uint32_t high;
	uint32_t low = pv_hypercall(HC_TIME_GET, 0, 0, &high);
	return (uint64_t)high << 32 | low;
}

void arch_timer_arm(uint64_t deadline)
{
	if (!deadline)
		deadline = 1; /* 0 means off: the earliest other time, long past */
	armed_for = deadline;
	pv_hypercall(HC_TIMER_SET, (uint32_t)deadline, (uint32_t)(deadline >> 32), NULL);
}

void arch_timer_disarm(void)
{
	armed_for = 0;
	pv_hypercall(HC_TIMER_SET, 0, 0, NULL);
}

bool arch_timer_expired(void)
{
	return armed_for && arch_counter() >= armed_for;
}
