// SPDX-License-Identifier: MIT
/* The guest's virtual timer: its interrupt is taken by the kernel, which
 * masks the timer (the guest sees IMASK set, as Linux expects after it
 * fired) and injects the virtual timer interrupt into the loaded VCPU,
 * with no round trip through the VMM. A VCPU whose state is not in the
 * hardware has its armed timer checked at each kernel tick instead (it
 * fires up to a tick late). */
#include <arch/irq.h>
#include <arch/sysreg.h>
#include "vcpu_private.h"

#define VTIMER_PRIORITY 0xa0u
static unsigned vtimer_irq;

static struct arch_vcpu *watched; /* not loaded, timer armed */

static void fire(struct arch_vcpu *v)
{
	v->timer_irqs++;
	arch_vcpu_inject(v, vtimer_irq, VTIMER_PRIORITY, false);
}

void vtimer_unwatch(struct arch_vcpu *v)
{
	if (!v->timer_watched)
		return;
	for (struct arch_vcpu **p = &watched; *p; p = &(*p)->timer_next)
		if (*p == v) {
			*p = v->timer_next;
			break;
		}
	v->timer_watched = false;
}

void vtimer_watch(struct arch_vcpu *v)
{
	uint32_t ctl = v->regs[L4_VCPU_CNTV_CTL];
	if (v->timer_watched || !(ctl & CNT_CTL_ENABLE) || (ctl & CNT_CTL_IMASK))
		return;
	v->timer_next = watched;
	watched = v;
	v->timer_watched = true;
}

void arch_vcpu_tick(void)
{
	/* CNTVOFF is 0: the virtual count is the physical one */
	uint64_t now = sysreg_read64(CNTPCT);
	struct arch_vcpu *v = watched;
	while (v) {
		struct arch_vcpu *next = v->timer_next;
		uint64_t cval = (uint64_t)v->regs[L4_VCPU_CNTV_CVAL_HI] << 32 |
				v->regs[L4_VCPU_CNTV_CVAL_LO];
		if (now >= cval) {
			vtimer_unwatch(v);
			v->regs[L4_VCPU_CNTV_CTL] |= CNT_CTL_IMASK;
			fire(v);
		}
		v = next;
	}
}

static void vtimer_fired(unsigned intid, void *ctx)
{
	uint32_t ctl = sysreg_read32(CNTV_CTL);
	sysreg_write32(CNTV_CTL, ctl | CNT_CTL_IMASK);
	isb();
	if (!vcpu_loaded || !(ctl & CNT_CTL_ENABLE))
		return; /* nobody's: stays masked */
	fire(vcpu_loaded);
}

const char *vtimer_init(const struct hw_desc *hw)
{
	vtimer_irq = hw->timer_irq[HW_TIMER_VIRT];
	sysreg_write32(CNTV_CTL, 0);
	if (!vtimer_irq || arch_irq_attach(vtimer_irq, vtimer_fired, NULL))
		return "the virtual timer interrupt is not given or cannot be attached";
	return NULL;
}
