// SPDX-License-Identifier: MIT
/* The kernel's tick from the HYP physical timer of the generic timer, so
 * that the physical and virtual timers stay free for guests. */
#include <arch/irq.h>
#include <arch/sysreg.h>
#include <arch/timer.h>

static uint64_t period;
static uint64_t next_deadline;
static void (*tick_handler)(void);

uint64_t arch_timer_now(void)
{
	isb();
	return sysreg_read64(CNTPCT);
}

static void timer_irq(unsigned intid, void *ctx)
{
	uint64_t now = arch_timer_now();
	next_deadline += period;
	if (next_deadline <= now) /* ticks were missed: do not replay them */
		next_deadline = now + period;
	sysreg_write64(CNTHP_CVAL, next_deadline);
	isb();
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
	next_deadline = arch_timer_now() + period;
	sysreg_write64(CNTHP_CVAL, next_deadline);
	sysreg_write32(CNTHP_CTL, CNT_CTL_ENABLE);
	isb();
	return NULL;
}
