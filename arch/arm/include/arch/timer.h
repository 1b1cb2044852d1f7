/* SPDX-License-Identifier: MIT */
/* The kernel's time source and periodic tick. */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <tern/hwdesc.h>

struct arch_timer_info {
	uint32_t frequency_hz;  /* counter frequency */
	unsigned intid;         /* interrupt of the kernel's timer */
	const char *name;
};

/* Starts a tick of hz per second calling tick() in interrupt context.
 * Needs arch_irq_init() first. Returns NULL or a message. */
const char *arch_timer_start_tick(const struct hw_desc *hw, uint32_t hz, void (*tick)(void),
				  struct arch_timer_info *info);
/* The free-running counter, in units of 1/frequency_hz seconds. */
uint64_t arch_timer_now(void);

#endif
