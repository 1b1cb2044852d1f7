// SPDX-License-Identifier: MIT
/* One console line a second: frames rendered, the 1 kHz task's releases,
 * its worst and 99th-percentile lateness (counter ticks and ns), and a
 * checksum of the display window, which changes as long as the video
 * runs. The least urgent application: its printing delays nobody. */
#include "../include/rtos.h"
#include "apps.h"

#define STATS_PERIOD_MS 1000

void stats_thread(void *arg)
{
	uint64_t next = time_now();
	uint32_t windows_said = 0;
	for (unsigned second = 1;; second++) {
		next += time_from_ms(STATS_PERIOD_MS);
		sleep_until(next);
		struct video_stats v;
		struct periodic_stats p;
		video_read_stats(&v);
		periodic_read_stats(&p);
		say("stats t=%us frames=%u skipped=%u window=%08x rt_releases=%u "
		    "worst_late=%llu ticks (%llu ns) p99_late=%llu ticks (%llu ns)",
		    second, v.frames, v.skipped, v.checksum, p.releases, p.worst_late,
		    time_to_ns(p.worst_late), p.p99_late, time_to_ns(p.p99_late));
		struct periodic_window w;
		periodic_read_window(&w);
		if (w.number != windows_said) {
			windows_said = w.number;
			say("rt window %u (%u releases): worst_late=%u ticks p99_late=%u ticks", w.number,
			    PERIODIC_WINDOW, w.worst_late, w.p99_late);
		}
	}
}
