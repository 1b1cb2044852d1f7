// SPDX-License-Identifier: MIT
#include "ratelimit.h"

void ratelimit_init(struct ratelimit *r, uint32_t burst, uint32_t run, uint64_t interval,
		    uint64_t now)
{
	if (run > burst)
		run = burst; /* else a refusal would never end: credit stops at the burst */
	if (run < 1)
		run = 1;
	uint64_t capacity = (uint64_t)burst * interval;
	*r = (struct ratelimit){.interval = interval, .capacity = capacity, .credit = capacity,
				.resume = (uint64_t)run * interval, .last = now};
}

bool ratelimit_ready(struct ratelimit *r, uint64_t now)
{
	if (now > r->last) {
		uint64_t elapsed = now - r->last;
		/* without overflow: a long quiet spell only fills the bucket */
		r->credit = elapsed >= r->capacity - r->credit ? r->capacity : r->credit + elapsed;
		r->last = now;
	}
	if (r->refusing && r->credit >= r->resume)
		r->refusing = false;
	return !r->refusing && r->credit >= r->interval;
}

bool ratelimit_allow(struct ratelimit *r, uint64_t now)
{
	if (ratelimit_ready(r, now)) {
		r->credit -= r->interval;
		return true;
	}
	r->refusing = true;
	r->suppressed++;
	return false;
}

uint64_t ratelimit_take_suppressed(struct ratelimit *r)
{
	uint64_t n = r->suppressed;
	r->suppressed = 0;
	return n;
}
