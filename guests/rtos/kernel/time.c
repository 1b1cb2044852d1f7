// SPDX-License-Identifier: MIT
/* Time: the counter is the clock, the timer's one compare value the only
 * alarm. Threads sleeping or waiting with a timeout sit in one list sorted
 * by deadline; the timer is programmed for its head, or for the end of a
 * time slice while threads of the running priority share the CPU, and is
 * off when neither exists: no periodic tick, so an idle system sleeps in
 * WFI until the next deadline. */
#include "kernel.h"

static struct list timeouts = LIST_INIT(timeouts);
static uint32_t frequency, timer_irqs;
static uint64_t slice_ticks, slice_end;
static bool slice_running;
static bool armed;
static uint64_t armed_for;

static uint64_t scale(uint64_t value, uint64_t multiplier, uint64_t divisor)
{
	/* value * multiplier / divisor without overflow for the ranges used
	 * (value below 2^32 seconds' worth) */
	return value / divisor * multiplier + value % divisor * multiplier / divisor;
}

uint32_t time_frequency(void)
{
	return frequency;
}

uint64_t time_now(void)
{
	return arch_counter();
}

uint64_t time_from_us(uint64_t us)
{
	return scale(us, frequency, 1000000u);
}

uint64_t time_from_ms(uint64_t ms)
{
	return scale(ms, frequency, 1000u);
}

uint64_t time_to_ns(uint64_t ticks)
{
	return scale(ticks, 1000000000u, frequency);
}

uint64_t time_to_us(uint64_t ticks)
{
	return scale(ticks, 1000000u, frequency);
}

uint32_t time_interrupts(void)
{
	return timer_irqs;
}

uint64_t time_deadline(uint64_t ticks)
{
	uint64_t now = arch_counter();
	return ticks >= RTOS_FOREVER - now ? RTOS_FOREVER : now + ticks;
}

void time_arm(struct thread *t, uint64_t deadline)
{
	time_disarm(t);
	t->wake_at = deadline;
	t->timed = true;
	/* after every entry due no later: equal deadlines wake in order */
	struct list *pos = timeouts.next;
	while (pos != &timeouts && container_of(pos, struct thread, timeout_link)->wake_at <= deadline)
		pos = pos->next;
	list_insert_before(pos, &t->timeout_link);
}

void time_disarm(struct thread *t)
{
	if (!t->timed)
		return;
	list_remove(&t->timeout_link);
	t->timed = false;
}

void time_program(void)
{
	uint64_t next = RTOS_FOREVER;
	if (!list_empty(&timeouts))
		next = container_of(timeouts.next, struct thread, timeout_link)->wake_at;
	if (sched_round_robin_due()) {
		if (!slice_running) {
			slice_end = arch_counter() + slice_ticks;
			slice_running = true;
		}
		if (slice_end < next)
			next = slice_end;
	} else {
		slice_running = false;
	}
	if (next == RTOS_FOREVER) {
		if (armed)
			arch_timer_disarm();
		armed = false;
	} else if (!armed || next != armed_for) {
		arch_timer_arm(next);
		armed = true;
		armed_for = next;
	}
}

static void timer_interrupt(unsigned id, void *ctx)
{
	timer_irqs++;
	/* the hypervisor masked the timer when it fired: arm it again below */
	armed = false;
	arch_timer_disarm();
	uint64_t now = arch_counter();
	while (!list_empty(&timeouts)) {
		struct thread *t = container_of(timeouts.next, struct thread, timeout_link);
		if (t->wake_at > now)
			break;
		kernel_wake(t, WAKE_TIMEOUT);
	}
	if (slice_running && now >= slice_end) {
		slice_running = false;
		sched_rotate();
	}
	/* kernel_interrupt() programs the next event on its way out */
}

const char *time_init(unsigned timer_irq)
{
	frequency = arch_timer_frequency();
	slice_ticks = time_from_us(RTOS_TIME_SLICE_US);
	arch_timer_disarm();
	const char *bad = irq_attach(timer_irq, timer_interrupt, NULL);
	if (bad)
		return bad;
	arch_irq_enable(timer_irq);
	return NULL;
}

void sleep_until(uint64_t deadline)
{
	irq_flags_t flags = arch_irq_save();
	if (deadline > arch_counter())
		kernel_block(NULL, deadline);
	arch_irq_restore(flags);
}

void sleep_for(uint64_t ticks)
{
	sleep_until(time_deadline(ticks));
}
