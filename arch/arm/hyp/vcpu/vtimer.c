// SPDX-License-Identifier: MIT
/* The guest's virtual timer: its interrupt is taken by the kernel, which
 * masks the timer (the guest sees IMASK set, as Linux expects after it
 * fired) and injects the virtual timer interrupt into the loaded VCPU,
 * with no round trip through the VMM.
 *
 * A VCPU whose state is not in the hardware cannot have its timer fire
 * there. While its timer is armed, the VCPU waits in a list sorted by
 * deadline, and the kernel's own timer is set to wake the kernel at the
 * first deadline (timer_wake_at), which then fires it the same way: an
 * RTOS guest waiting in WFI for its 1 kHz period beside a busy Linux is
 * woken at its deadline, not at the next 100 Hz tick.
 *
 * The list is bounded by the VCPUs that exist, each in it at most once
 * (timer_watched): every VCPU is a 4 KiB object user space retyped from
 * its untyped memory, and the dual-OS system has a few. Inserting walks
 * the list, on a switch between VCPUs (the IPC fastpath and a guest exit's
 * round trip through its VMM keep the VCPU loaded and never get here);
 * the wakeup interrupt takes only the VCPUs that are due from its head. */
#include <arch/irq.h>
#include <arch/sysreg.h>
#include "../../arch_private.h"
#include "vcpu_private.h"

#define VTIMER_PRIORITY 0xa0u
static unsigned vtimer_irq;

static struct arch_vcpu *watched; /* not loaded, timer armed; earliest deadline first */

static void fire(struct arch_vcpu *v)
{
	v->timer_irqs++;
	arch_vcpu_inject(v, vtimer_irq, VTIMER_PRIORITY, false);
}

/* When v's timer fires, on the physical counter the kernel's timer
 * compares with. The virtual count is the physical count minus CNTVOFF,
 * which Tern keeps at 0 for every guest (timer/generic_timer.c): the
 * guest's CNTV_CVAL is that deadline as it is. A per-VCPU virtual offset
 * would be added here. */
static uint64_t physical_deadline(const struct arch_vcpu *v)
{
	return (uint64_t)v->regs[L4_VCPU_CNTV_CVAL_HI] << 32 | v->regs[L4_VCPU_CNTV_CVAL_LO];
}

static void wake_at_first_deadline(void)
{
	timer_wake_at(watched ? watched->timer_deadline : TIMER_NO_WAKEUP);
}

void vtimer_unwatch(struct arch_vcpu *v)
{
	if (!v->timer_watched)
		return;
	bool was_first = watched == v;
	for (struct arch_vcpu **p = &watched; *p; p = &(*p)->timer_next)
		if (*p == v) {
			*p = v->timer_next;
			break;
		}
	v->timer_watched = false;
	if (was_first)
		wake_at_first_deadline(); /* later, or never: no early wakeup for nothing */
}

void vtimer_watch(struct arch_vcpu *v)
{
	uint32_t ctl = v->regs[L4_VCPU_CNTV_CTL];
	if (v->timer_watched || !(ctl & CNT_CTL_ENABLE) || (ctl & CNT_CTL_IMASK))
		return;
	v->timer_deadline = physical_deadline(v);
	struct arch_vcpu **p = &watched;
	while (*p && (*p)->timer_deadline <= v->timer_deadline)
		p = &(*p)->timer_next;
	v->timer_next = *p;
	*p = v;
	v->timer_watched = true;
	if (watched == v)
		wake_at_first_deadline();
}

/* The kernel's timer reached the first deadline (timer_wake_at): fires
 * every watched VCPU that is due, as the hardware would have. */
static uint64_t fire_due_timers(uint64_t now)
{
	while (watched && watched->timer_deadline <= now) {
		struct arch_vcpu *v = watched;
		watched = v->timer_next;
		v->timer_watched = false;
		v->regs[L4_VCPU_CNTV_CTL] |= CNT_CTL_IMASK;
		fire(v);
	}
	return watched ? watched->timer_deadline : TIMER_NO_WAKEUP;
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
	timer_set_wakeup_handler(fire_due_timers);
	return NULL;
}
