/* SPDX-License-Identifier: MIT */
/* A token bucket for what a VMM prints on behalf of its guest: a burst of
 * lines, then one line per interval of a clock the caller reads, and a
 * count of the lines refused so that the caller can say how many it
 * dropped. No clock of its own: the caller passes the time, in whatever
 * unit its interval is in, so that the outcome depends only on the calls
 * (deterministic, and testable on the host).
 *
 * Once it has refused a line it refuses all until run lines' worth has
 * been earned: under a steady flood output then comes in runs, each after
 * one report of what was dropped, rather than a report of one dropped
 * line before every line. */
#ifndef VMM_RATELIMIT_H
#define VMM_RATELIMIT_H

#include <tern/types.h>

struct ratelimit {
	uint64_t interval;   /* clock ticks that earn one line (0: no limit) */
	uint64_t capacity;   /* burst * interval: the most credit the bucket holds */
	uint64_t resume;     /* the credit that ends a refusal: run * interval */
	uint64_t credit;     /* in ticks; a line spends interval of it */
	uint64_t last;       /* the time credit was last added */
	uint64_t suppressed; /* lines refused since the last ratelimit_take_suppressed */
	bool refusing;       /* a line was refused, credit has not reached resume since */
};

/* A full bucket at time now: burst lines may go out at once, then one per
 * interval, in runs of run lines (1 to burst) after a refusal. */
void ratelimit_init(struct ratelimit *r, uint32_t burst, uint32_t run, uint64_t interval,
		    uint64_t now);
/* Whether one more line may go out at time now; true takes its token,
 * false counts it as suppressed. A clock that goes back adds nothing. */
bool ratelimit_allow(struct ratelimit *r, uint64_t now);
/* Whether a line would go out at time now; takes and counts nothing. For
 * a caller that reports what was suppressed as soon as output may resume,
 * without waiting for another line. */
bool ratelimit_ready(struct ratelimit *r, uint64_t now);
/* The lines suppressed since the last call, and starts counting again:
 * for the one line a caller prints, when output resumes, saying how many
 * it dropped. */
uint64_t ratelimit_take_suppressed(struct ratelimit *r);

#endif
