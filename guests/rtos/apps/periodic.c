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
#include "histogram.h"

static struct histogram lateness;
static volatile uint32_t releases;

void periodic_thread(void *arg)
{
	uint64_t period = time_from_us(1000000u / PERIODIC_HZ);
	uint64_t release = time_now();
	for (;;) {
		release += period;
		sleep_until(release);
		histogram_add(&lateness, time_now() - release);
		releases++;
	}
}

void periodic_read_stats(struct periodic_stats *out)
{
	out->releases = releases;
	out->worst_late = lateness.worst;
	out->p99_late = histogram_percentile(&lateness, 99);
}
