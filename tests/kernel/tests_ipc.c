// SPDX-License-Identifier: MIT
/* Endpoint IPC between threads of one address space. */
#include "harness.h"

static volatile unsigned server_calls;
static struct l4_msg last_received;
static volatile unsigned got_message;

/* Replies to every Call with each register plus one and label + 1. */
static void adding_server(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	l4_recv(ep, &m);
	for (;;) {
		server_calls++;
		unsigned len = l4_msginfo_length(m.info);
		for (unsigned i = 0; i < len; i++)
			m.mr[i] += 1;
		m.info = l4_msginfo(l4_msginfo_label(m.info) + 1, 0, 0, len);
		l4_reply_recv(ep, &m);
	}
}

static void receive_one(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	unsigned badge = l4_recv(ep, &m);
	last_received = m;
	last_received.word = badge;
	got_message = 1;
}

static int send_transfers_label_and_six_registers(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	got_message = 0;
	struct test_thread *t = thread_start(receive_one, ep, 255);
	struct l4_msg m = msg(0x321, 6);
	for (unsigned i = 0; i < 6; i++)
		m.mr[i] = 100 + i;
	l4_send(ep, &m);
	for (int i = 0; i < 5 && !got_message; i++)
		l4_yield();
	CHECK(got_message);
	CHECK_EQ(l4_msginfo_label(last_received.info), 0x321);
	CHECK_EQ(l4_msginfo_length(last_received.info), 6);
	for (unsigned i = 0; i < 6; i++)
		CHECK_EQ(last_received.mr[i], 100 + i);
	thread_stop(t);
	return 0;
}

static int send_blocks_until_a_receiver_comes(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	got_message = 0;
	/* receiver created but started only after the send is queued */
	struct test_thread *t = thread_new(receive_one, ep, 255, 0, 0);
	struct l4_msg m = msg(9, 1);
	m.mr[0] = 77;
	CHECK_EQ(l4_tcb_resume(t->tcb), L4_OK);
	l4_send(ep, &m); /* blocks until the receiver's Recv */
	for (int i = 0; i < 5 && !got_message; i++)
		l4_yield();
	CHECK(got_message);
	CHECK_EQ(last_received.mr[0], 77);
	thread_stop(t);
	return 0;
}

static int call_and_reply_recv_round_trip(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	server_calls = 0;
	struct test_thread *t = thread_start(adding_server, ep, 255);
	for (unsigned round = 0; round < 100; round++) {
		struct l4_msg m = msg(round, 3);
		m.mr[0] = round, m.mr[1] = 2 * round, m.mr[2] = 3 * round;
		l4_call(ep, &m);
		CHECK_EQ(l4_msginfo_label(m.info), round + 1);
		CHECK_EQ(m.mr[0], round + 1);
		CHECK_EQ(m.mr[1], 2 * round + 1);
		CHECK_EQ(m.mr[2], 3 * round + 1);
	}
	CHECK_EQ(server_calls, 100);
	thread_stop(t);
	return 0;
}

static int call_to_a_higher_priority_server(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	server_calls = 0;
	struct test_thread *t = thread_start(adding_server, ep, 255);
	CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 200, L4_CAP_INIT_TCB), L4_OK);
	struct l4_msg m = msg(1, 1);
	m.mr[0] = 41;
	l4_call(ep, &m);
	CHECK_EQ(l4_tcb_set_priority(L4_CAP_INIT_TCB, 255, L4_CAP_INIT_TCB), L4_OK);
	CHECK_EQ(m.mr[0], 42);
	thread_stop(t);
	return 0;
}

static int badge_identifies_the_sender(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), a = slot_alloc(), b = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, a, ep, L4_RIGHTS_ALL, 0xa), L4_OK);
	CHECK_EQ(l4_cnode_mint(ROOT, b, ep, L4_RIGHTS_ALL, 0xb), L4_OK);
	l4_cptr_t senders[] = {a, b};
	for (unsigned i = 0; i < 2; i++) {
		got_message = 0;
		struct test_thread *t = thread_start(receive_one, ep, 255);
		l4_yield();
		struct l4_msg m = msg(0, 0);
		l4_send(senders[i], &m);
		for (int k = 0; k < 5 && !got_message; k++)
			l4_yield();
		CHECK_EQ(last_received.word, 0xa + i);
		thread_stop(t);
	}
	return 0;
}

static int nbsend_without_receiver_is_dropped(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	struct l4_msg m = msg(5, 0);
	l4_nbsend(ep, &m); /* returns at once */
	m = msg(0, 0);
	l4_nbrecv(ep, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_LABEL_NO_MESSAGE);
	return 0;
}

static void send_one(unsigned ep)
{
	struct l4_msg m = msg(0x55, 1);
	m.mr[0] = 0xabc;
	l4_send(ep, &m);
}

static int nbrecv_takes_a_waiting_sender(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	struct test_thread *s = thread_start(send_one, ep, 255);
	l4_yield(); /* the sender blocks in Send */
	struct l4_msg m = msg(0, 0);
	l4_nbrecv(ep, &m);
	CHECK_EQ(l4_msginfo_label(m.info), 0x55);
	CHECK_EQ(m.mr[0], 0xabc);
	m = msg(0, 0);
	l4_nbrecv(ep, &m); /* nobody left */
	CHECK_EQ(l4_msginfo_label(m.info), L4_LABEL_NO_MESSAGE);
	thread_stop(s);
	return 0;
}

static int send_without_write_right_fails(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), ro = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, ro, ep, L4_RIGHT_READ | L4_RIGHT_GRANT), L4_OK);
	struct l4_msg m = msg(1, 0);
	l4_call(ro, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_INSUFFICIENT_RIGHTS);
	return 0;
}

static int recv_without_read_right_fails(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), wo = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, wo, ep, L4_RIGHT_WRITE), L4_OK);
	struct l4_msg m = msg(0, 0);
	l4_recv(wo, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_INSUFFICIENT_RIGHTS);
	return 0;
}

static int cptr_outside_the_cspace_fails_lookup(void)
{
	struct l4_msg m = msg(0, 0);
	l4_nbsend(0xfffff000u, &m); /* guard bits set: no such slot */
	CHECK_EQ(l4_msginfo_label(m.info), L4_FAILED_LOOKUP);
	return 0;
}

static int recv_on_a_tcb_cap_fails(void)
{
	struct l4_msg m = msg(0, 0);
	l4_nbrecv(L4_CAP_INIT_TCB, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_INVALID_CAPABILITY);
	return 0;
}

DEFINE_TEST_LIST(ipc,
	T(send_transfers_label_and_six_registers),
	T(send_blocks_until_a_receiver_comes),
	T(call_and_reply_recv_round_trip),
	T(call_to_a_higher_priority_server),
	T(badge_identifies_the_sender),
	T(nbsend_without_receiver_is_dropped),
	T(nbrecv_takes_a_waiting_sender),
	T(send_without_write_right_fails),
	T(recv_without_read_right_fails),
	T(cptr_outside_the_cspace_fails_lookup),
	T(recv_on_a_tcb_cap_fails))
