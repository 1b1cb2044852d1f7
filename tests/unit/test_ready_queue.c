// SPDX-License-Identifier: MIT
#include "unit.h"
#include <tern/ready_queue.h>

static struct ready_queues rq;
static struct sched_node nodes[512];

static int reset(void **state)
{
	rq_init(&rq);
	memset(nodes, 0, sizeof(nodes));
	return 0;
}

static struct sched_node *node(unsigned i, unsigned prio)
{
	nodes[i].priority = (uint8_t)prio;
	return &nodes[i];
}

static void empty_has_no_highest(void **state)
{
	assert_null(rq_highest(&rq));
}

static void highest_priority_first_across_words(void **state)
{
	rq_enqueue(&rq, node(0, 3));
	rq_enqueue(&rq, node(1, 200));
	rq_enqueue(&rq, node(2, 31));
	rq_enqueue(&rq, node(3, 32));
	rq_enqueue(&rq, node(4, 255));
	rq_enqueue(&rq, node(5, 0));
	unsigned order[] = {4, 1, 3, 2, 0, 5};
	for (unsigned i = 0; i < 6; i++) {
		struct sched_node *n = rq_highest(&rq);
		assert_ptr_equal(n, &nodes[order[i]]);
		rq_dequeue(&rq, n);
		assert_false(n->queued);
	}
	assert_null(rq_highest(&rq));
	assert_int_equal(rq.top, 0);
}

static void round_robin_within_a_priority(void **state)
{
	for (unsigned i = 0; i < 3; i++)
		rq_enqueue(&rq, node(i, 100));
	/* a timeslice ends: the head goes to the back */
	for (unsigned turn = 0; turn < 6; turn++) {
		struct sched_node *n = rq_highest(&rq);
		assert_ptr_equal(n, &nodes[turn % 3]);
		rq_dequeue(&rq, n);
		rq_enqueue(&rq, n);
	}
}

static void front_insert_keeps_the_turn(void **state)
{
	rq_enqueue(&rq, node(0, 7));
	rq_enqueue(&rq, node(1, 7));
	rq_enqueue_front(&rq, node(2, 7));
	assert_ptr_equal(rq_highest(&rq), &nodes[2]);
	rq_dequeue(&rq, &nodes[2]);
	assert_ptr_equal(rq_highest(&rq), &nodes[0]);
}

static void dequeue_from_the_middle_and_tail(void **state)
{
	for (unsigned i = 0; i < 4; i++)
		rq_enqueue(&rq, node(i, 50));
	rq_dequeue(&rq, &nodes[2]);
	rq_dequeue(&rq, &nodes[3]);
	assert_ptr_equal(rq.tail[50], &nodes[1]);
	rq_dequeue(&rq, &nodes[0]);
	rq_dequeue(&rq, &nodes[1]);
	assert_null(rq_highest(&rq));
	assert_int_equal(rq.bitmap[1], 0);
}

static void replace_takes_the_place_in_line(void **state)
{
	for (unsigned i = 0; i < 3; i++)
		rq_enqueue(&rq, node(i, 9));
	rq_replace(&rq, &nodes[1], node(7, 9)); /* middle */
	assert_false(nodes[1].queued);
	assert_true(nodes[7].queued);
	assert_ptr_equal(rq.head[9], &nodes[0]);
	assert_ptr_equal(nodes[0].next, &nodes[7]);
	assert_ptr_equal(nodes[7].next, &nodes[2]);
	rq_replace(&rq, &nodes[0], node(8, 9)); /* head */
	assert_ptr_equal(rq_highest(&rq), &nodes[8]);
	rq_replace(&rq, &nodes[2], node(6, 9)); /* tail */
	assert_ptr_equal(rq.tail[9], &nodes[6]);
	unsigned order[] = {8, 7, 6};
	for (unsigned i = 0; i < 3; i++) {
		struct sched_node *n = rq_highest(&rq);
		assert_ptr_equal(n, &nodes[order[i]]);
		rq_dequeue(&rq, n);
	}
	assert_null(rq_highest(&rq));
}

/* Random operations against a simple model: the highest is always the
 * oldest node of the highest priority present. */
static void matches_a_model_under_random_operations(void **state)
{
	srand(99);
	for (unsigned step = 0; step < 20000; step++) {
		unsigned i = (unsigned)rand() % 512;
		if (nodes[i].queued) {
			rq_dequeue(&rq, &nodes[i]);
		} else {
			nodes[i].priority = (uint8_t)(rand() % 256);
			rq_enqueue(&rq, &nodes[i]);
		}
		int best = -1;
		for (unsigned k = 0; k < 512; k++)
			if (nodes[k].queued && nodes[k].priority > best)
				best = nodes[k].priority;
		struct sched_node *h = rq_highest(&rq);
		if (best < 0) {
			assert_null(h);
		} else {
			assert_non_null(h);
			assert_int_equal(h->priority, best);
			assert_null(h->prev);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(empty_has_no_highest, reset),
		cmocka_unit_test_setup(highest_priority_first_across_words, reset),
		cmocka_unit_test_setup(round_robin_within_a_priority, reset),
		cmocka_unit_test_setup(front_insert_keeps_the_turn, reset),
		cmocka_unit_test_setup(dequeue_from_the_middle_and_tail, reset),
		cmocka_unit_test_setup(replace_takes_the_place_in_line, reset),
		cmocka_unit_test_setup(matches_a_model_under_random_operations, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
