// SPDX-License-Identifier: MIT
#include "histogram.h"

#define FINE_LIMIT ((uint64_t)HISTOGRAM_FINE_WIDTH * HISTOGRAM_FINE_BUCKETS)

void histogram_add(struct histogram *h, uint64_t value)
{
	if (value > 0xffffffffu)
		value = 0xffffffffu;
	if (value > h->worst)
		h->worst = (uint32_t)value;
	if (value < FINE_LIMIT) {
		h->fine[value / HISTOGRAM_FINE_WIDTH]++;
		h->count++;
		return;
	}
	/* coarse bucket i holds [FINE_LIMIT << i, FINE_LIMIT << (i + 1)) */
	unsigned i = 0;
	while (i < HISTOGRAM_COARSE_BUCKETS - 1 && value >= FINE_LIMIT << (i + 1))
		i++;
	h->coarse[i]++;
	h->count++;
}

uint64_t histogram_percentile(const struct histogram *h, unsigned pct)
{
	uint32_t count = h->count; /* buckets may hold one more: harmless */
	if (!count)
		return 0;
	/* the rank of the percentile's sample, rounded up: at least 1 */
	uint64_t rank = ((uint64_t)count * pct + 99) / 100, seen = 0;
	uint64_t bound = h->worst;
	for (unsigned i = 0; i < HISTOGRAM_FINE_BUCKETS && seen < rank; i++)
		if ((seen += h->fine[i]) >= rank)
			bound = (uint64_t)(i + 1) * HISTOGRAM_FINE_WIDTH - 1;
	for (unsigned i = 0; i < HISTOGRAM_COARSE_BUCKETS && seen < rank; i++)
		if ((seen += h->coarse[i]) >= rank)
			bound = (FINE_LIMIT << (i + 1)) - 1;
	/* no sample exceeds the worst: a tighter bound than the bucket's */
	return bound < h->worst ? bound : h->worst;
}
