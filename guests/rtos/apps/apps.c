// SPDX-License-Identifier: MIT
/* Starting the applications (after the self-tests). */
#include "../include/rtos.h"
#include "apps.h"

void apps_start(void)
{
	if (!thread_create("periodic", PERIODIC_PRIORITY, periodic_thread, NULL) ||
	    !thread_create("video", VIDEO_PRIORITY, video_thread, NULL) ||
	    !thread_create("stats", STATS_PRIORITY, stats_thread, NULL) ||
	    !thread_create("control", CONTROL_PRIORITY, control_thread, NULL))
		say("FAIL apps: no room for the application threads");
}
