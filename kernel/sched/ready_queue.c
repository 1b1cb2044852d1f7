// SPDX-License-Identifier: MIT
#include <tern/ready_queue.h>
#include <tern/string.h>

void rq_init(struct ready_queues *rq)
{
	memset(rq, 0, sizeof(*rq));
}

static void mark_nonempty(struct ready_queues *rq, unsigned p)
{
	rq->bitmap[p / 32] |= 1u << (p % 32);
	rq->top |= 1u << (p / 32);
}

void rq_enqueue(struct ready_queues *rq, struct sched_node *n)
{
	unsigned p = n->priority;
	n->next = NULL;
	n->prev = rq->tail[p];
	if (rq->tail[p])
		rq->tail[p]->next = n;
	else
		rq->head[p] = n;
	rq->tail[p] = n;
	n->queued = true;
	mark_nonempty(rq, p);
}

void rq_enqueue_front(struct ready_queues *rq, struct sched_node *n)
{
	unsigned p = n->priority;
	n->prev = NULL;
	n->next = rq->head[p];
	if (rq->head[p])
		rq->head[p]->prev = n;
	else
		rq->tail[p] = n;
	rq->head[p] = n;
	n->queued = true;
	mark_nonempty(rq, p);
}

void rq_dequeue(struct ready_queues *rq, struct sched_node *n)
{
	unsigned p = n->priority;
	if (n->prev)
		n->prev->next = n->next;
	else
		rq->head[p] = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		rq->tail[p] = n->prev;
	n->next = n->prev = NULL;
	n->queued = false;
	if (!rq->head[p]) {
		rq->bitmap[p / 32] &= ~(1u << (p % 32));
		if (!rq->bitmap[p / 32])
			rq->top &= ~(1u << (p / 32));
	}
}

struct sched_node *rq_highest(const struct ready_queues *rq)
{
	if (!rq->top)
		return NULL;
	unsigned word = 31 - (unsigned)__builtin_clz(rq->top);
	unsigned bit = 31 - (unsigned)__builtin_clz(rq->bitmap[word]);
	return rq->head[word * 32 + bit];
}

bool rq_ready_above(const struct ready_queues *rq, unsigned prio, const struct sched_node *self)
{
	bool self_alone = self->queued && rq->head[self->priority] == self && !self->next;
	uint32_t top = rq->top;
	while (top) { /* from the highest non-empty word down */
		unsigned w = 31 - (unsigned)__builtin_clz(top);
		if (w < prio / 32)
			return false;
		uint32_t bits = rq->bitmap[w];
		if (self_alone && self->priority / 32 == w)
			bits &= ~(1u << (self->priority % 32));
		if (bits)
			return w * 32 + (31 - (unsigned)__builtin_clz(bits)) > prio;
		top &= ~(1u << w);
	}
	return false;
}
