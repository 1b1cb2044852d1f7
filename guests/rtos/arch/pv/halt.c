// SPDX-License-Identifier: MIT
/* Stopping for good: interrupts masked on the state page, the timer off,
 * then waiting in HC_WFI (in a loop: an interrupt pending while masked
 * ends the wait, as on real hardware). */
#include "../arch.h"

__noreturn void arch_halt(void)
{
	pv_page->irq_masked = 1;
	pv_hypercall(HC_TIMER_SET, 0, 0, NULL);
	for (;;)
		pv_hypercall(HC_WFI, 0, 0, NULL);
}
