// SPDX-License-Identifier: MIT
/* The guest's virtual timer: its interrupt is taken by the kernel, which
 * masks the timer (the guest sees IMASK set, as Linux expects after it
 * fired) and injects the virtual timer interrupt into the loaded VCPU,
 * with no round trip through the VMM. */
#include <arch/irq.h>
#include <arch/sysreg.h>
#include "vcpu_private.h"

#define VTIMER_PRIORITY 0xa0u
static unsigned vtimer_irq;

static void vtimer_fired(unsigned intid, void *ctx)
{
	uint32_t ctl = sysreg_read32(CNTV_CTL);
	sysreg_write32(CNTV_CTL, ctl | CNT_CTL_IMASK);
	isb();
	if (!vcpu_loaded || !(ctl & CNT_CTL_ENABLE))
		return; /* nobody's: stays masked */
	vcpu_loaded->timer_irqs++;
	arch_vcpu_inject(vcpu_loaded, vtimer_irq, VTIMER_PRIORITY, false);
}

const char *vtimer_init(const struct hw_desc *hw)
{
	vtimer_irq = hw->timer_irq[HW_TIMER_VIRT];
	sysreg_write32(CNTV_CTL, 0);
	if (!vtimer_irq || arch_irq_attach(vtimer_irq, vtimer_fired, NULL))
		return "the virtual timer interrupt is not given or cannot be attached";
	return NULL;
}
