// SPDX-License-Identifier: MIT
/* Notifications: badges OR-ed, wait and poll, binding to a TCB. */
#include "harness.h"

static volatile unsigned woken_with;

static void wait_once(unsigned ntfn)
{
	woken_with = l4_wait(ntfn);
}

static int signals_accumulate_badge_bits(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0);
	l4_cptr_t a = slot_alloc(), b = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, a, n, L4_RIGHTS_ALL, 0x1), L4_OK);
	CHECK_EQ(l4_cnode_mint(ROOT, b, n, L4_RIGHTS_ALL, 0x4), L4_OK);
	l4_signal(a);
	l4_signal(b);
	l4_signal(a);
	CHECK_EQ(l4_poll(n), 0x5);
	CHECK_EQ(l4_poll(n), 0); /* taken */
	return 0;
}

static int poll_without_signal_returns_no_message(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0);
	struct l4_msg m = msg(0, 0);
	l4_nbrecv(n, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_LABEL_NO_MESSAGE);
	CHECK_EQ(m.word, 0);
	return 0;
}

static int wait_blocks_until_a_signal(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0), badged = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, badged, n, L4_RIGHTS_ALL, 0x80), L4_OK);
	woken_with = 0;
	struct test_thread *t = thread_start(wait_once, n, 255);
	for (int i = 0; i < 3; i++)
		l4_yield();
	CHECK_EQ(woken_with, 0);
	l4_signal(badged);
	for (int i = 0; i < 3 && !woken_with; i++)
		l4_yield();
	CHECK_EQ(woken_with, 0x80);
	thread_stop(t);
	return 0;
}

static volatile unsigned bound_badge, bound_label;

static void receive_on_endpoint(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	bound_badge = l4_recv(ep, &m);
	bound_label = l4_msginfo_label(m.info) + 1;
}

static int bound_notification_wakes_an_endpoint_receiver(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), n = object_new(L4_OBJ_NOTIFICATION, 0);
	l4_cptr_t badged = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, badged, n, L4_RIGHTS_ALL, 0x10), L4_OK);
	bound_label = 0;
	struct test_thread *t = thread_new(receive_on_endpoint, ep, 255, 0, 0);
	CHECK_EQ(l4_tcb_bind_notification(t->tcb, n), L4_OK);
	CHECK_EQ(l4_tcb_bind_notification(t->tcb, n), L4_ILLEGAL_OPERATION); /* already bound */
	CHECK_EQ(l4_tcb_resume(t->tcb), L4_OK);
	l4_yield(); /* it blocks on the endpoint */
	l4_signal(badged);
	for (int i = 0; i < 3 && !bound_label; i++)
		l4_yield();
	CHECK_EQ(bound_badge, 0x10);
	CHECK_EQ(bound_label, 1);
	CHECK_EQ(l4_tcb_unbind_notification(t->tcb), L4_OK);
	CHECK_EQ(l4_tcb_unbind_notification(t->tcb), L4_ILLEGAL_OPERATION);
	thread_stop(t);
	return 0;
}

static int deleting_a_notification_wakes_its_waiter(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0);
	woken_with = 1;
	struct test_thread *t = thread_start(wait_once, n, 255);
	l4_yield();
	CHECK_EQ(woken_with, 1); /* still waiting */
	CHECK_EQ(l4_cnode_delete(ROOT, n), L4_OK);
	for (int i = 0; i < 3 && woken_with; i++)
		l4_yield();
	CHECK_EQ(woken_with, 0); /* woken with no badge */
	thread_stop(t);
	return 0;
}

DEFINE_TEST_LIST(notification,
	T(signals_accumulate_badge_bits),
	T(poll_without_signal_returns_no_message),
	T(wait_blocks_until_a_signal),
	T(bound_notification_wakes_an_endpoint_receiver),
	T(deleting_a_notification_wakes_its_waiter))
