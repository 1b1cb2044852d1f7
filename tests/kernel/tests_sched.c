// SPDX-License-Identifier: MIT
/* Scheduling: fixed priorities, round robin within one, preemption at the
 * end of a timeslice. */
#include "harness.h"

static char log_buf[64];
static volatile unsigned log_len;

static void log_id(unsigned id)
{
	if (log_len < sizeof(log_buf) - 1)
		log_buf[log_len++] = (char)id;
}

static void log_once(unsigned id)
{
	log_id(id);
}

static int higher_priority_runs_first(void)
{
	log_len = 0;
	struct test_thread *a = thread_new(log_once, 'a', 100, 0, 0);
	struct test_thread *b = thread_new(log_once, 'b', 200, 0, 0);
	struct test_thread *c = thread_new(log_once, 'c', 150, 0, 0);
	CHECK_EQ(l4_tcb_resume(a->tcb), L4_OK);
	CHECK_EQ(l4_tcb_resume(b->tcb), L4_OK);
	CHECK_EQ(l4_tcb_resume(c->tcb), L4_OK);
	CHECK_EQ(log_len, 0); /* the root task (255) still runs */
	CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 50, L4_CAP_INIT_TCB), L4_OK);
	/* all three ran before the root task got the CPU back */
	CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 255, L4_CAP_INIT_TCB), L4_OK);
	CHECK_EQ(log_len, 3);
	CHECK(log_buf[0] == 'b' && log_buf[1] == 'c' && log_buf[2] == 'a');
	thread_stop(a);
	thread_stop(b);
	thread_stop(c);
	return 0;
}

static void log_and_yield(unsigned id)
{
	for (int i = 0; i < 4; i++) {
		log_id(id);
		l4_yield();
	}
}

static int equal_priorities_take_turns(void)
{
	log_len = 0;
	struct test_thread *a = thread_start(log_and_yield, 'a', 255);
	struct test_thread *b = thread_start(log_and_yield, 'b', 255);
	for (int i = 0; i < 12; i++)
		l4_yield();
	CHECK_EQ(log_len, 8);
	for (unsigned i = 0; i < 8; i++)
		CHECK_EQ(log_buf[i], (i % 2) ? 'b' : 'a');
	thread_stop(a);
	thread_stop(b);
	return 0;
}

static volatile unsigned spins;

static void spin_forever(unsigned unused)
{
	for (;;)
		spins++;
}

static int timeslice_end_preempts_a_spinning_thread(void)
{
	spins = 0;
	struct test_thread *t = thread_start(spin_forever, 0, 255);
	l4_yield(); /* the spinner runs until its timeslice ends */
	unsigned seen = spins;
	CHECK(seen > 0);
	l4_yield();
	CHECK(spins > seen); /* it ran again, and so did we */
	thread_stop(t);
	return 0;
}

static int lower_priority_starves_while_higher_runs(void)
{
	spins = 0;
	struct test_thread *t = thread_start(spin_forever, 0, 10);
	for (int i = 0; i < 20; i++)
		l4_yield();
	CHECK_EQ(spins, 0);
	thread_stop(t);
	return 0;
}

static void logging_server(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	l4_recv(ep, &m);
	for (;;) {
		log_id('s');
		m = msg(0, 0);
		l4_reply_recv(ep, &m);
	}
}

static int call_runs_the_server_before_other_ready_threads(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	log_len = 0;
	struct test_thread *server = thread_start(logging_server, ep, 255);
	l4_yield(); /* the server waits in Recv */
	struct test_thread *other = thread_start(log_and_yield, 'x', 255); /* ready, behind us */
	struct l4_msg m = msg(0, 0);
	l4_call(ep, &m);
	/* the server ran on our time, before the thread that was ready first */
	CHECK(log_len >= 1);
	CHECK_EQ(log_buf[0], 's');
	thread_stop(other);
	thread_stop(server);
	return 0;
}

DEFINE_TEST_LIST(sched,
	T(higher_priority_runs_first),
	T(equal_priorities_take_turns),
	T(timeslice_end_preempts_a_spinning_thread),
	T(lower_priority_starves_while_higher_runs),
	T(call_runs_the_server_before_other_ready_threads))
