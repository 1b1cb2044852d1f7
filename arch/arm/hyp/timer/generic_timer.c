// SPDX-License-Identifier: MIT
/* The kernel's timer: the HYP physical timer of the generic timer, so that
 * the physical and virtual timers stay free for guests. It interrupts at
 * the earlier of the periodic tick and one wakeup deadline (timer_wake_at),
 * so that what waits for a deadline (an unloaded VCPU's virtual timer) is
 * not held to the tick's granularity; a wakeup is never counted as a tick,
 * which keeps the scheduler's timeslices as long as before. */
#include <arch/irq.h>
#include <arch/sysreg.h>
#include <arch/timer.h>
#include "../../arch_private.h"

static uint64_t period;
static uint64_t next_tick;
static uint64_t next_wakeup = TIMER_NO_WAKEUP;
static void (*tick_handler)(void);
static uint64_t (*wakeup_handler)(uint64_t now);

uint64_t arch_timer_now(void)
{
	isb();
	return sysreg_read64(CNTPCT);
}

static void program_next_interrupt(void)
{
	sysreg_write64(CNTHP_CVAL, next_wakeup < next_tick ? next_wakeup : next_tick);
	isb();
}

void timer_set_wakeup_handler(uint64_t (*handler)(uint64_t now))
{
	wakeup_handler = handler;
}

void timer_wake_at(uint64_t deadline)
{
	next_wakeup = deadline;
	program_next_interrupt();
}

static void timer_irq(unsigned intid, void *ctx)
{
	uint64_t now = arch_timer_now();
	bool tick_due = next_tick <= now;
	if (tick_due) {
		next_tick += period;
		if (next_tick <= now) /* ticks were missed: do not replay them */
			next_tick = now + period;
	}
	if (next_wakeup <= now)
		next_wakeup = wakeup_handler ? wakeup_handler(now) : TIMER_NO_WAKEUP;
	/* Neither due: a wakeup moved later after the interrupt was raised. */
	program_next_interrupt();
	if (tick_due)
		tick_handler();
}

const char *arch_timer_start_tick(const struct hw_desc *hw, uint32_t hz, void (*tick)(void),
				  struct arch_timer_info *info)
{
	uint32_t freq = sysreg_read32(CNTFRQ);
	if (freq == 0)
		freq = hw->timer_clock_hz;
	if (freq == 0)
		return "the timer frequency is unknown (CNTFRQ is 0 and the device tree gives no "
		       "clock-frequency)";
	if (hz == 0 || hz > freq)
		return "tick rate out of range";

	/* Guests get the physical counter and timer; no virtual offset. */
	sysreg_write32(CNTHCTL, CNTHCTL_PL1PCTEN | CNTHCTL_PL1PCEN);
	sysreg_write64(CNTVOFF, 0);
	sysreg_write32(CNTKCTL, CNTKCTL_PL0PCTEN | CNTKCTL_PL0VCTEN | CNTKCTL_PL0PTEN);

	period = freq / hz;
	tick_handler = tick;
	info->frequency_hz = freq;
	info->intid = hw->timer_irq[HW_TIMER_HYP];
	info->name = "HYP physical timer";
	if (arch_irq_attach(info->intid, timer_irq, NULL))
		return "cannot attach the HYP timer interrupt";
	next_tick = arch_timer_now() + period;
	program_next_interrupt();
	sysreg_write32(CNTHP_CTL, CNT_CTL_ENABLE);
	isb();
	return NULL;
}
