// SPDX-License-Identifier: MIT
/* TCB invocations. */
#include "harness.h"

static volatile unsigned counter;

static void count_forever(unsigned step)
{
	for (;;) {
		counter += step;
		l4_yield();
	}
}

static int started_thread_runs(void)
{
	counter = 0;
	struct test_thread *t = thread_start(count_forever, 1, 255);
	CHECK(t);
	for (int i = 0; i < 5; i++)
		l4_yield();
	CHECK(counter >= 3);
	thread_stop(t);
	return 0;
}

static int suspended_thread_stops_and_resumes(void)
{
	counter = 0;
	struct test_thread *t = thread_start(count_forever, 1, 255);
	l4_yield();
	CHECK_EQ(l4_tcb_suspend(t->tcb), L4_OK);
	unsigned before = counter;
	for (int i = 0; i < 5; i++)
		l4_yield();
	CHECK_EQ(counter, before);
	CHECK_EQ(l4_tcb_resume(t->tcb), L4_OK);
	for (int i = 0; i < 5; i++)
		l4_yield();
	CHECK(counter > before);
	thread_stop(t);
	return 0;
}

static int read_registers_shows_the_start_state(void)
{
	struct test_thread *t = thread_new(count_forever, 1, 255, 0, 0); /* not resumed */
	unsigned pc, sp, r0;
	CHECK_EQ(l4_tcb_read_registers(t->tcb, &pc, &sp, &r0), L4_OK);
	CHECK(pc != 0);
	CHECK(sp != 0 && (sp & 7) == 0);
	thread_stop(t);
	return 0;
}

static int every_register_can_be_written_and_read_back(void)
{
	struct test_thread *t = thread_new(count_forever, 1, 255, 0, 0);
	unsigned regs[L4_REG_COUNT], back[L4_REG_COUNT];
	for (unsigned i = 0; i < L4_REG_COUNT; i++)
		regs[i] = 0x1000 * (i + 1) + i;
	regs[L4_REG_CPSR] = 0xf00001d3; /* flags, and an attempt at SVC mode with A/I/F masked */
	CHECK_EQ(l4_tcb_write_all_registers(t->tcb, regs, L4_REG_COUNT, 0), L4_OK);
	CHECK_EQ(l4_tcb_read_all_registers(t->tcb, back), L4_OK);
	for (unsigned i = 0; i < L4_REG_CPSR; i++)
		CHECK_EQ(back[i], regs[i]);
	CHECK_EQ(back[L4_REG_CPSR], 0xf0000010); /* flags kept, mode forced to USR */
	struct l4_msg reply;
	const unsigned too_many[] = {0, L4_REG_COUNT + 1};
	CHECK_EQ(l4_invoke(t->tcb, L4_TCB_WRITE_REGISTERS, 2, too_many, &reply), L4_RANGE_ERROR);
	CHECK_EQ(reply.mr[0], 1);
	const unsigned none[] = {0};
	CHECK_EQ(l4_invoke(t->tcb, L4_TCB_READ_REGISTERS, 1, none, &reply), L4_RANGE_ERROR);
	/* a count the message does not carry */
	const unsigned short_msg[] = {0, 10, 1, 2};
	CHECK_EQ(l4_invoke(t->tcb, L4_TCB_WRITE_REGISTERS, 4, short_msg, &reply),
		 L4_TRUNCATED_MESSAGE);
	thread_stop(t);
	return 0;
}

static int write_registers_then_resume_starts_it(void)
{
	counter = 0;
	struct test_thread *t = thread_new(count_forever, 1, 255, 0, 0);
	for (int i = 0; i < 3; i++)
		l4_yield();
	CHECK_EQ(counter, 0); /* not started */
	CHECK_EQ(l4_tcb_resume(t->tcb), L4_OK);
	for (int i = 0; i < 3; i++)
		l4_yield();
	CHECK(counter > 0);
	thread_stop(t);
	return 0;
}

static int priority_above_the_authority_mcp_fails(void)
{
	l4_cptr_t tcb = object_new(L4_OBJ_TCB, 0);
	struct l4_msg reply;
	/* a fresh TCB has MCP 0: as authority it allows priority 0 only */
	const unsigned args[] = {5, tcb};
	CHECK_EQ(l4_invoke(tcb, L4_TCB_SET_PRIORITY, 2, args, &reply), L4_RANGE_ERROR);
	CHECK_EQ(reply.mr[0], 0);
	CHECK_EQ(reply.mr[2], 0);
	CHECK_EQ(l4_tcb_set_priority(tcb, 200, L4_CAP_INIT_TCB), L4_OK);
	return 0;
}

static int mcp_bounds_what_a_tcb_may_grant(void)
{
	l4_cptr_t a = object_new(L4_OBJ_TCB, 0), b = object_new(L4_OBJ_TCB, 0);
	CHECK_EQ(l4_tcb_set_mcp(a, 100, L4_CAP_INIT_TCB), L4_OK);
	CHECK_EQ(l4_tcb_set_priority(b, 100, a), L4_OK);  /* a's MCP allows 100 */
	CHECK_EQ(l4_tcb_set_priority(b, 101, a), L4_RANGE_ERROR);
	CHECK_EQ(l4_tcb_set_mcp(b, 150, a), L4_RANGE_ERROR); /* nor more MCP than it has */
	/* a priority set by the root task does not raise the MCP */
	CHECK_EQ(l4_tcb_set_priority(a, 200, L4_CAP_INIT_TCB), L4_OK);
	CHECK_EQ(l4_tcb_set_priority(b, 150, a), L4_RANGE_ERROR);
	return 0;
}

static int configure_needs_a_cnode_and_a_vspace(void)
{
	l4_cptr_t tcb = object_new(L4_OBJ_TCB, 0);
	struct l4_msg reply;
	const unsigned bad_cspace[] = {L4_CAP_INIT_TCB, L4_CAP_INIT_VSPACE, 0, 0};
	CHECK_EQ(l4_invoke(tcb, L4_TCB_CONFIGURE, 4, bad_cspace, &reply), L4_INVALID_CAPABILITY);
	CHECK_EQ(reply.mr[0], 0);
	const unsigned bad_vspace[] = {ROOT, ROOT, 0, 0};
	CHECK_EQ(l4_invoke(tcb, L4_TCB_CONFIGURE, 4, bad_vspace, &reply), L4_INVALID_CAPABILITY);
	CHECK_EQ(reply.mr[0], 1);
	return 0;
}

static int resume_of_an_unconfigured_thread_fails(void)
{
	l4_cptr_t tcb = object_new(L4_OBJ_TCB, 0);
	CHECK_EQ(l4_tcb_resume(tcb), L4_ILLEGAL_OPERATION);
	return 0;
}

static int deleting_a_running_threads_tcb_stops_it(void)
{
	counter = 0;
	struct test_thread *t = thread_start(count_forever, 1, 255);
	l4_yield();
	CHECK_EQ(l4_cnode_delete(ROOT, t->tcb), L4_OK);
	unsigned before = counter;
	for (int i = 0; i < 5; i++)
		l4_yield();
	CHECK_EQ(counter, before);
	t->used = 0;
	return 0;
}

static int unknown_tcb_label_is_an_illegal_operation(void)
{
	CHECK_EQ(l4_invoke(L4_CAP_INIT_TCB, 0x2ff, 0, 0, 0), L4_ILLEGAL_OPERATION);
	return 0;
}

DEFINE_TEST_LIST(tcb,
	T(started_thread_runs),
	T(suspended_thread_stops_and_resumes),
	T(read_registers_shows_the_start_state),
	T(every_register_can_be_written_and_read_back),
	T(write_registers_then_resume_starts_it),
	T(priority_above_the_authority_mcp_fails),
	T(mcp_bounds_what_a_tcb_may_grant),
	T(configure_needs_a_cnode_and_a_vspace),
	T(resume_of_an_unconfigured_thread_fails),
	T(deleting_a_running_threads_tcb_stops_it),
	T(unknown_tcb_label_is_an_illegal_operation))
