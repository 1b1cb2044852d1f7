// SPDX-License-Identifier: MIT
/* The SVC kernel's time on the Cortex-A9 MPCore, which has no generic
 * timer: the 64-bit global timer is the clock, the CPU's private timer
 * (auto-reload) the periodic tick. Both count PERIPHCLK, which the device
 * tree gives (100 MHz on QEMU: one tick per 10 instructions under
 * -icount shift=0).
 *
 * Besides the tick, one wakeup deadline (timer_wake_at, arch_private.h) on
 * the global timer's comparator: the paravirtual timers of VCPUs
 * (svc/vcpu/virq.c) fire at their deadline, not at the next tick. */
#include "../../arch_private.h"
#include <arch/irq.h>
#include <arch/sysreg.h>
#include <arch/timer.h>

/* Registers (Cortex-A9 MPCore TRM 4.2, 4.3), offset comments per field. */
struct global_timer_regs {
	uint32_t counter_low;   /* 0x00 */
	uint32_t counter_high;  /* 0x04 */
	uint32_t control;       /* 0x08 */
	uint32_t status;        /* 0x0c: write 1 to clear the event */
	uint32_t compare_low;   /* 0x10 */
	uint32_t compare_high;  /* 0x14 */
};
struct private_timer_regs {
	uint32_t load;          /* 0x00 */
	uint32_t counter;       /* 0x04 */
	uint32_t control;       /* 0x08 */
	uint32_t status;        /* 0x0c: write 1 to clear the event */
};
#define GLOBAL_CONTROL_ENABLE BIT(0)
#define GLOBAL_CONTROL_COMPARE BIT(1)
#define GLOBAL_CONTROL_IRQ BIT(2)
#define GLOBAL_STATUS_EVENT BIT(0)
/* the global timer's interrupt, a PPI (Cortex-A9 MPCore TRM 3.3) */
#define GLOBAL_TIMER_IRQ 27u
/* a deadline this close is set this far ahead: the comparator fires when
 * the count reaches it, and a count already past would wait for a wrap */
#define WAKEUP_MIN_AHEAD 64u
#define PRIVATE_CONTROL_ENABLE BIT(0)
#define PRIVATE_CONTROL_AUTO_RELOAD BIT(1)
#define PRIVATE_CONTROL_IRQ BIT(2)
#define PRIVATE_STATUS_EVENT BIT(0)

static volatile struct global_timer_regs *global_timer;
static volatile struct private_timer_regs *private_timer;
static void (*tick_handler)(void);
static uint64_t next_wakeup = TIMER_NO_WAKEUP;
static uint64_t (*wakeup_handler)(uint64_t now);

/* Reads the high word before and after the low one: a carry between the
 * two reads would otherwise make the count jump. */
uint64_t arch_timer_now(void)
{
	if (!global_timer)
		return 0;
	uint32_t high, low;
	do {
		high = global_timer->counter_high;
		low = global_timer->counter_low;
	} while (high != global_timer->counter_high);
	return (uint64_t)high << 32 | low;
}

static void program_wakeup(void)
{
	if (!global_timer)
		return; /* the tick starts it */
	global_timer->control = GLOBAL_CONTROL_ENABLE;
	global_timer->status = GLOBAL_STATUS_EVENT;
	if (next_wakeup == TIMER_NO_WAKEUP)
		return;
	uint64_t now = arch_timer_now(), at = next_wakeup;
	if (at < now + WAKEUP_MIN_AHEAD)
		at = now + WAKEUP_MIN_AHEAD;
	global_timer->compare_low = (uint32_t)at;
	global_timer->compare_high = (uint32_t)(at >> 32);
	global_timer->control = GLOBAL_CONTROL_ENABLE | GLOBAL_CONTROL_COMPARE | GLOBAL_CONTROL_IRQ;
}

void timer_set_wakeup_handler(uint64_t (*handler)(uint64_t now))
{
	wakeup_handler = handler;
}

void timer_wake_at(uint64_t deadline)
{
	next_wakeup = deadline;
	program_wakeup();
}

static void wakeup_irq(unsigned intid, void *ctx)
{
	global_timer->status = GLOBAL_STATUS_EVENT;
	uint64_t now = arch_timer_now();
	if (next_wakeup <= now)
		next_wakeup = wakeup_handler ? wakeup_handler(now) : TIMER_NO_WAKEUP;
	program_wakeup(); /* not due yet (moved later), the next one, or off */
}

static void timer_irq(unsigned intid, void *ctx)
{
	private_timer->status = PRIVATE_STATUS_EVENT;
	tick_handler();
}

const char *arch_timer_start_tick(const struct hw_desc *hw, uint32_t hz, void (*tick)(void),
				  struct arch_timer_info *info)
{
	if (!hw->timer_mpcore)
		return "no Cortex-A9 global and private timers in the device tree";
	uint32_t freq = hw->timer_clock_hz;
	if (hz == 0 || hz > freq)
		return "tick rate out of range";
	global_timer = (void *)kernel_device_address(hw->mpcore_global_timer.base);
	private_timer = (void *)kernel_device_address(hw->mpcore_private_timer.base);
	global_timer->control = GLOBAL_CONTROL_ENABLE;
	tick_handler = tick;
	info->frequency_hz = freq;
	info->intid = hw->mpcore_private_timer_irq;
	info->name = "Cortex-A9 private timer";
	if (arch_irq_attach(info->intid, timer_irq, NULL))
		return "cannot attach the private timer interrupt";
	if (arch_irq_attach(GLOBAL_TIMER_IRQ, wakeup_irq, NULL))
		return "cannot attach the global timer interrupt";
	program_wakeup();
	private_timer->control = 0;
	private_timer->status = PRIVATE_STATUS_EVENT;
	private_timer->load = freq / hz - 1; /* it counts load..0 */
	private_timer->control =
		PRIVATE_CONTROL_ENABLE | PRIVATE_CONTROL_AUTO_RELOAD | PRIVATE_CONTROL_IRQ;
	return NULL;
}
