/* SPDX-License-Identifier: MIT */
/* A histogram of latencies in counter ticks for percentiles without
 * keeping samples: fine buckets where latencies normally lie, then
 * buckets doubling in width up to 2^32 ticks. */
#ifndef RTOS_HISTOGRAM_H
#define RTOS_HISTOGRAM_H

#include <tern/types.h>

#define HISTOGRAM_FINE_WIDTH 4     /* ticks per fine bucket */
#define HISTOGRAM_FINE_BUCKETS 1024 /* fine up to 4096 ticks (65 us at 62.5 MHz) */
#define HISTOGRAM_COARSE_BUCKETS 21 /* 2^12 .. 2^32 ticks */

struct histogram {
	uint32_t fine[HISTOGRAM_FINE_BUCKETS];
	uint32_t coarse[HISTOGRAM_COARSE_BUCKETS];
	uint32_t count;
	uint32_t worst; /* values above 2^32 - 1 count as that */
};

void histogram_add(struct histogram *h, uint64_t value);
/* One writer, and readers that may run between its stores: every field
 * is a 32-bit word that only grows, so a reader sees counts at most one
 * sample apart, never a torn value. */
/* The upper bound of the bucket holding the pct-th percentile (0 if empty). */
uint64_t histogram_percentile(const struct histogram *h, unsigned pct);

#endif
