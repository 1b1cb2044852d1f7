// SPDX-License-Identifier: MIT
/* The 1 kHz real-time task. Each release has a deadline on a fixed grid
 * (start + n periods, never drifting); the task sleeps until it and, once
 * running, reads the counter: the difference is its release lateness, the
 * whole path from the timer's compare match through the hypervisor, the
 * guest's interrupt handler and the switch to this thread. Worst and a
 * histogram (for the 99th percentile) are kept; the statistics thread
 * reads them without stopping this one (histogram.h says why that is
 * safe), so that reading never adds to the lateness it measures. */
#include "../include/rtos.h"
#include "apps.h"
#include <tern/string.h>
#include "histogram.h"

static struct histogram lateness;
static volatile uint32_t releases;

/* The same over windows of PERIODIC_WINDOW releases, so that a phase of the
 * system (Linux idle, Linux busy) can be measured on its own: at the end
 * of a window this task publishes its figures (after its release's
 * measurement, so the work delays no release it measures) and starts the
 * next. */
static struct histogram window;
static volatile uint32_t window_number, window_worst, window_p99;

static void end_window(void)
{
	uint32_t p99 = (uint32_t)histogram_percentile(&window, 99);
	window_worst = window.worst;
	window_p99 = p99;
	window_number++;
	memset(&window, 0, sizeof(window));
}

void periodic_thread(void *arg)
{
	uint64_t period = time_from_us(1000000u / PERIODIC_HZ);
	uint64_t release = time_now();
	for (;;) {
		release += period;
		sleep_until(release);
		uint64_t late = time_now() - release;
		histogram_add(&lateness, late);
		histogram_add(&window, late);
		releases++;
		if (window.count == PERIODIC_WINDOW)
			end_window();
	}
}

void periodic_read_window(struct periodic_window *out)
{
	/* a window ends every PERIODIC_WINDOW ms: read until no end fell in
	 * between, so the three values belong together */
	uint32_t n;
	do {
		n = window_number;
		out->worst_late = window_worst;
		out->p99_late = window_p99;
	} while (n != window_number);
	out->number = n;
}

void periodic_read_stats(struct periodic_stats *out)
{
	out->releases = releases;
	out->worst_late = lateness.worst;
	out->p99_late = histogram_percentile(&lateness, 99);
}
