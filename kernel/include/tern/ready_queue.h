/* SPDX-License-Identifier: MIT */
/* The scheduler's ready queues: one FIFO per priority (0-255, higher runs
 * first) and a two-level bitmap so that finding the highest non-empty
 * priority is two count-leading-zeros, whatever the number of threads. */
#ifndef TERN_READY_QUEUE_H
#define TERN_READY_QUEUE_H

#include <tern/types.h>

#define PRIORITY_COUNT 256
#define PRIORITY_WORDS (PRIORITY_COUNT / 32)

/* Embedded in each TCB. */
struct sched_node {
	struct sched_node *next;
	struct sched_node *prev;
	uint8_t priority;
	bool queued;
};

struct ready_queues {
	struct sched_node *head[PRIORITY_COUNT];
	struct sched_node *tail[PRIORITY_COUNT];
	uint32_t top;                    /* bit w: bitmap word w is non-zero */
	uint32_t bitmap[PRIORITY_WORDS]; /* bit p%32 of word p/32: queue p non-empty */
};

void rq_init(struct ready_queues *rq);
/* Appends n at its priority (round-robin order). n must not be queued. */
void rq_enqueue(struct ready_queues *rq, struct sched_node *n);
/* Puts n first at its priority (a preempted thread keeps its turn). */
void rq_enqueue_front(struct ready_queues *rq, struct sched_node *n);
void rq_dequeue(struct ready_queues *rq, struct sched_node *n);
/* Puts `in` (not queued, same priority) in the place of `out` (queued),
 * which leaves the queue: a direct switch in a few instructions. */
static inline void rq_replace(struct ready_queues *rq, struct sched_node *out, struct sched_node *in)
{
	unsigned p = out->priority;
	in->prev = out->prev;
	in->next = out->next;
	if (in->prev)
		in->prev->next = in;
	else
		rq->head[p] = in;
	if (in->next)
		in->next->prev = in;
	else
		rq->tail[p] = in;
	in->queued = true;
	out->next = out->prev = NULL;
	out->queued = false;
}

/* Whether a node of a priority above `prio` is queued, `self` not counted
 * (whether the thread `self` stops running for is the one that runs next). */
bool rq_ready_above(const struct ready_queues *rq, unsigned prio, const struct sched_node *self);

/* The first node of the highest non-empty priority, or NULL. */
struct sched_node *rq_highest(const struct ready_queues *rq);

#endif
