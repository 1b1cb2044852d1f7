// SPDX-License-Identifier: MIT
/* Long messages through IPC buffers, and caps sent along with messages. */
#include "harness.h"

#define LONG 20

static volatile unsigned got, got_length, got_extra, got_unwrapped, got_badge0;
static unsigned got_mr[LONG];
static volatile l4_cptr_t receive_slot;

static void receive_long(unsigned ep)
{
	struct l4_ipc_buffer *buf = l4_ipc_buffer();
	if (buf) {
		buf->receive_cnode = ROOT;
		buf->receive_index = receive_slot;
	}
	struct l4_msg m = msg(0, 0);
	l4_recv(ep, &m);
	got_length = l4_msginfo_length(m.info);
	got_extra = l4_msginfo_extra_caps(m.info);
	got_unwrapped = l4_msginfo_unwrapped(m.info);
	for (unsigned i = 0; i < LONG && i < got_length; i++)
		got_mr[i] = i < L4_MSG_REGISTERS_IN_CPU ? m.mr[i] : buf->mr[i];
	if (buf)
		got_badge0 = buf->badges[0];
	got = 1;
}

/* A thread waiting on ep to receive a long message (a cap goes into a
 * fresh receive_slot). */
static struct test_thread *start_receiver(l4_cptr_t ep)
{
	got = 0;
	receive_slot = slot_alloc();
	struct test_thread *t = thread_start(receive_long, ep, 255);
	l4_yield();
	return t;
}

/* Whether the receive slot holds no cap (a send to it fails). */
static int receive_slot_is_empty(void)
{
	struct l4_msg m = msg(0, 0);
	l4_nbsend(receive_slot, &m);
	return l4_msginfo_label(m.info) == L4_INVALID_CAPABILITY;
}

static int send_long_to(l4_cptr_t ep)
{
	struct l4_ipc_buffer *buf = l4_ipc_buffer();
	struct l4_msg m = msg(3, LONG);
	for (unsigned i = 0; i < LONG; i++) {
		if (i < L4_MSG_REGISTERS_IN_CPU)
			m.mr[i] = 500 + i;
		else
			buf->mr[i] = 500 + i;
	}
	l4_send(ep, &m);
	for (int i = 0; i < 5 && !got; i++)
		l4_yield();
	return got;
}

static int long_message_travels_through_ipc_buffers(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	struct test_thread *t = start_receiver(ep);
	CHECK(send_long_to(ep));
	CHECK_EQ(got_length, LONG);
	for (unsigned i = 0; i < LONG; i++)
		CHECK_EQ(got_mr[i], 500 + i);
	thread_stop(t);
	return 0;
}

static int long_message_to_a_thread_without_buffer_is_cut(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	got = 0;
	test_threads_get_ipc_buffers = 0;
	struct test_thread *t = thread_start(receive_long, ep, 255);
	test_threads_get_ipc_buffers = 1;
	l4_yield();
	CHECK(send_long_to(ep));
	CHECK_EQ(got_length, L4_MSG_REGISTERS_IN_CPU);
	thread_stop(t);
	return 0;
}

static int send_with_cap(l4_cptr_t ep, l4_cptr_t cap)
{
	struct l4_ipc_buffer *buf = l4_ipc_buffer();
	buf->caps[0] = cap;
	struct l4_msg m = msg(1, 0);
	m.info = l4_msginfo(1, 0, 1, 0);
	l4_send(ep, &m);
	for (int i = 0; i < 5 && !got; i++)
		l4_yield();
	return got;
}

static int cap_travels_with_the_grant_right(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), n = object_new(L4_OBJ_NOTIFICATION, 0);
	l4_cptr_t badged = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, badged, n, L4_RIGHTS_ALL, 0x9), L4_OK);
	struct test_thread *t = start_receiver(ep);
	CHECK(send_with_cap(ep, badged));
	CHECK_EQ(got_extra, 1);
	CHECK_EQ(got_unwrapped, 0);
	l4_signal(receive_slot); /* the received cap works, badge and all */
	CHECK_EQ(l4_poll(n), 0x9);
	/* it was derived from the sender's cap: revoking that removes it */
	CHECK_EQ(l4_cnode_revoke(ROOT, badged), L4_OK);
	CHECK(receive_slot_is_empty());
	thread_stop(t);
	return 0;
}

static int without_grant_no_cap_travels(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), n = object_new(L4_OBJ_NOTIFICATION, 0);
	l4_cptr_t no_grant = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, no_grant, ep, L4_RIGHT_READ | L4_RIGHT_WRITE), L4_OK);
	struct test_thread *t = start_receiver(ep);
	CHECK(send_with_cap(no_grant, n));
	CHECK_EQ(got_extra, 0);
	CHECK(receive_slot_is_empty());
	thread_stop(t);
	return 0;
}

static int cap_to_the_same_endpoint_is_unwrapped_to_its_badge(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), badged = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, badged, ep, L4_RIGHTS_ALL, 0x77), L4_OK);
	struct test_thread *t = start_receiver(ep);
	CHECK(send_with_cap(ep, badged));
	CHECK_EQ(got_extra, 1);
	CHECK_EQ(got_unwrapped, 1);
	CHECK_EQ(got_badge0, 0x77);
	CHECK(receive_slot_is_empty()); /* unwrapped: nothing was put in the slot */
	thread_stop(t);
	return 0;
}

DEFINE_TEST_LIST(transfer,
	T(long_message_travels_through_ipc_buffers),
	T(long_message_to_a_thread_without_buffer_is_cut),
	T(cap_travels_with_the_grant_right),
	T(without_grant_no_cap_travels),
	T(cap_to_the_same_endpoint_is_unwrapped_to_its_badge))
