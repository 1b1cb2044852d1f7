// SPDX-License-Identifier: MIT
/* Interrupts delivered to user space: the test timer (harness.h: the
 * non-secure physical generic timer on HYP, an SP804 on SVC) as the device. */
#include "harness.h"

#define TIMER_TICKS 6250u /* 0.1 ms at 62.5 MHz (HYP), 6.25 ms at 1 MHz (SVC) */

static int ack(l4_cptr_t handler)
{
	return l4_invoke(handler, L4_IRQ_HANDLER_ACK, 0, 0, 0);
}

static int timer_interrupt_arrives_as_a_badged_signal(void)
{
	l4_cptr_t handler, n = object_new(L4_OBJ_NOTIFICATION, 0), badged = slot_alloc();
	CHECK_EQ(get_handler(TEST_TIMER_INTID, &handler), L4_OK);
	CHECK_EQ(l4_cnode_mint(ROOT, badged, n, L4_RIGHTS_ALL, 0x20), L4_OK);
	CHECK_EQ(set_notification(handler, badged), L4_OK);
	timer_start(TIMER_TICKS);
	CHECK_EQ(l4_wait(n), 0x20);
	timer_stop();
	CHECK_EQ(ack(handler), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, handler), L4_OK);
	return 0;
}

static int interrupt_waits_for_the_acknowledgement(void)
{
	l4_cptr_t handler, n = object_new(L4_OBJ_NOTIFICATION, 0), badged = slot_alloc();
	CHECK_EQ(get_handler(TEST_TIMER_INTID, &handler), L4_OK);
	CHECK_EQ(l4_cnode_mint(ROOT, badged, n, L4_RIGHTS_ALL, 0x1), L4_OK);
	CHECK_EQ(set_notification(handler, badged), L4_OK);
	timer_start(TIMER_TICKS);
	CHECK_EQ(l4_wait(n), 0x1);
	/* the timer keeps its interrupt asserted; without Ack nothing new arrives */
	for (int i = 0; i < 20; i++)
		l4_yield();
	CHECK_EQ(l4_poll(n), 0);
	CHECK_EQ(ack(handler), L4_OK); /* still asserted: delivered again at once */
	CHECK_EQ(l4_wait(n), 0x1);
	timer_stop();
	CHECK_EQ(ack(handler), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, handler), L4_OK);
	return 0;
}

static int irq_control_reports_bad_requests(void)
{
	l4_cptr_t first, second;
	CHECK_EQ(get_handler(TEST_TIMER_INTID, &first), L4_OK);
	CHECK_EQ(get_handler(TEST_TIMER_INTID, &second), L4_REVOKE_FIRST);
	CHECK_EQ(get_handler(KERNEL_TICK_INTID, &second), L4_ILLEGAL_OPERATION); /* the kernel's */
	CHECK_EQ(get_handler(3, &second), L4_RANGE_ERROR);        /* an SGI */
	CHECK_EQ(get_handler(5000, &second), L4_RANGE_ERROR);
	const unsigned into_occupied[] = {50 /* a free SPI */, ROOT, L4_CAP_INIT_TCB};
	CHECK_EQ(l4_invoke(L4_CAP_IRQ_CONTROL, L4_IRQ_CONTROL_GET, 3, into_occupied, 0),
		 L4_DELETE_FIRST);
	CHECK_EQ(set_notification(first, L4_CAP_INIT_TCB), L4_INVALID_CAPABILITY);
	/* deleting the handler gives the interrupt back */
	CHECK_EQ(l4_cnode_delete(ROOT, first), L4_OK);
	CHECK_EQ(get_handler(TEST_TIMER_INTID, &second), L4_OK);
	CHECK_EQ(l4_cnode_delete(ROOT, second), L4_OK);
	return 0;
}

DEFINE_TEST_LIST(irq,
	T(timer_interrupt_arrives_as_a_badged_signal),
	T(interrupt_waits_for_the_acknowledgement),
	T(irq_control_reports_bad_requests))
