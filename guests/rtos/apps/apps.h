/* SPDX-License-Identifier: MIT */
/* The applications: video into the display window (video.c), a 1 kHz
 * periodic task measuring its release lateness (periodic.c), a line of
 * statistics every second (stats.c), and the control server answering
 * Linux over the inter-VM channel (control.c). */
#ifndef RTOS_APPS_H
#define RTOS_APPS_H

#include <tern/types.h>

/* Priorities: the periodic task most urgent, the video below it, the
 * statistics last: each is preempted by the ones it must not delay. */
#define PERIODIC_PRIORITY 30
#define CONTROL_PRIORITY 12 /* a command's few microseconds before a frame's rendering */
#define VIDEO_PRIORITY 10
#define STATS_PRIORITY 5

#define VIDEO_FPS 25
#define PERIODIC_HZ 1000

struct video_stats {
	uint32_t frames;   /* rendered */
	uint32_t skipped;  /* frame times missed (rendering ran late) */
	uint32_t checksum; /* of the window after the last frame */
};

struct periodic_stats {
	uint32_t releases;
	uint64_t worst_late;   /* counter ticks */
	uint64_t p99_late;     /* counter ticks, upper bound of the histogram bucket */
};

void apps_start(void);
void video_thread(void *arg);
void periodic_thread(void *arg);
void stats_thread(void *arg);
void control_thread(void *arg);
/* Pausing keeps the current frame on screen and the frame grid running. */
void video_set_playing(bool playing);
bool video_playing(void);
void video_read_stats(struct video_stats *out);
void periodic_read_stats(struct periodic_stats *out);

#define PERIODIC_WINDOW 1000 /* releases: 1 s */
struct periodic_window {
	uint32_t number;       /* windows ended so far (0: none yet) */
	uint32_t worst_late;   /* of the last one ended, counter ticks */
	uint32_t p99_late;
};
void periodic_read_window(struct periodic_window *out);
/* A hash of the window's pixels (0 without a window). */
uint32_t video_window_checksum(void);

#endif
