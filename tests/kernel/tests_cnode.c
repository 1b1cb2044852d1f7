// SPDX-License-Identifier: MIT
/* CNode invocations and the derivation tree as seen from user space. */
#include "harness.h"

static volatile unsigned received_badge, receiver_done;

static void receive_once(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	received_badge = l4_recv(ep, &m);
	receiver_done = 1 + l4_msginfo_label(m.info);
}

static int copy_gives_a_second_usable_cap(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0), copy = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, copy, n, L4_RIGHTS_ALL), L4_OK);
	struct l4_msg m = msg(0, 0);
	l4_nbsend(copy, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_OK);
	m = msg(0, 0);
	l4_nbsend(slot_alloc(), &m); /* an empty slot for contrast */
	CHECK_EQ(l4_msginfo_label(m.info), L4_INVALID_CAPABILITY);
	return 0;
}

static int copy_into_occupied_slot_fails(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0);
	struct l4_msg reply;
	const unsigned args[] = {L4_CAP_INIT_TCB, n, L4_RIGHTS_ALL};
	CHECK_EQ(l4_invoke(ROOT, L4_CNODE_COPY, 3, args, &reply), L4_DELETE_FIRST);
	CHECK_EQ(reply.mr[0], 0);
	return 0;
}

static int copy_from_empty_slot_fails(void)
{
	struct l4_msg reply;
	const unsigned args[] = {slot_alloc(), slot_alloc(), L4_RIGHTS_ALL};
	CHECK_EQ(l4_invoke(ROOT, L4_CNODE_COPY, 3, args, &reply), L4_FAILED_LOOKUP);
	CHECK_EQ(reply.mr[0], 1);
	return 0;
}

static int copy_to_index_beyond_cnode_fails(void)
{
	struct l4_msg reply;
	const unsigned args[] = {1u << L4_ROOT_CNODE_RADIX, L4_CAP_INIT_TCB, L4_RIGHTS_ALL};
	CHECK_EQ(l4_invoke(ROOT, L4_CNODE_COPY, 3, args, &reply), L4_RANGE_ERROR);
	CHECK_EQ(reply.mr[0], 0);
	CHECK_EQ(reply.mr[2], (1u << L4_ROOT_CNODE_RADIX) - 1);
	return 0;
}

static int mint_badges_reach_the_receiver(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), badged = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, badged, ep, L4_RIGHTS_ALL, 0x1234), L4_OK);
	receiver_done = 0;
	struct test_thread *t = thread_start(receive_once, ep, 255);
	struct l4_msg m = msg(7, 0);
	l4_send(badged, &m);
	while (!receiver_done)
		l4_yield();
	CHECK_EQ(received_badge, 0x1234);
	CHECK_EQ(receiver_done, 1 + 7);
	thread_stop(t);
	return 0;
}

static int mint_of_a_badged_cap_fails(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), badged = slot_alloc();
	CHECK_EQ(l4_cnode_mint(ROOT, badged, ep, L4_RIGHTS_ALL, 1), L4_OK);
	CHECK_EQ(l4_cnode_mint(ROOT, slot_alloc(), badged, L4_RIGHTS_ALL, 2), L4_ILLEGAL_OPERATION);
	return 0;
}

static int mint_of_a_tcb_cap_fails(void)
{
	CHECK_EQ(l4_cnode_mint(ROOT, slot_alloc(), L4_CAP_INIT_TCB, L4_RIGHTS_ALL, 2),
		 L4_ILLEGAL_OPERATION);
	return 0;
}

static int reduced_rights_are_enforced(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), read_only = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, read_only, ep, L4_RIGHT_READ), L4_OK);
	struct l4_msg m = msg(1, 0);
	l4_nbsend(read_only, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_INSUFFICIENT_RIGHTS);
	return 0;
}

static int move_empties_the_source(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0), dest = slot_alloc();
	CHECK_EQ(l4_cnode_move(ROOT, dest, n), L4_OK);
	l4_signal(dest);
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), n, L4_RIGHTS_ALL), L4_FAILED_LOOKUP);
	return 0;
}

static int mutate_sets_a_badge(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0), dest = slot_alloc(), reader = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, reader, n, L4_RIGHTS_ALL), L4_OK);
	CHECK_EQ(l4_cnode_mutate(ROOT, dest, n, 0x40), L4_OK);
	l4_signal(dest);
	CHECK_EQ(l4_poll(reader), 0x40);
	return 0;
}

static int delete_empties_a_slot(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0);
	CHECK_EQ(l4_cnode_delete(ROOT, n), L4_OK);
	struct l4_msg m = msg(0, 0);
	l4_nbsend(n, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_INVALID_CAPABILITY);
	return 0;
}

static int delete_index_out_of_range_fails(void)
{
	struct l4_msg reply;
	const unsigned args[] = {0xffffff};
	CHECK_EQ(l4_invoke(ROOT, L4_CNODE_DELETE, 1, args, &reply), L4_RANGE_ERROR);
	CHECK_EQ(reply.mr[0], 0);
	return 0;
}

static int revoke_removes_every_derived_cap(void)
{
	l4_cptr_t n = object_new(L4_OBJ_NOTIFICATION, 0);
	l4_cptr_t c1 = slot_alloc(), c2 = slot_alloc(), c3 = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, c1, n, L4_RIGHTS_ALL), L4_OK);
	CHECK_EQ(l4_cnode_copy(ROOT, c2, c1, L4_RIGHTS_ALL), L4_OK);
	CHECK_EQ(l4_cnode_mint(ROOT, c3, n, L4_RIGHTS_ALL, 5), L4_OK);
	CHECK_EQ(l4_cnode_revoke(ROOT, n), L4_OK);
	struct l4_msg m = msg(0, 0);
	l4_cptr_t gone[] = {c1, c2, c3};
	for (unsigned i = 0; i < 3; i++) {
		m = msg(0, 0);
		l4_nbsend(gone[i], &m);
		CHECK_EQ(l4_msginfo_label(m.info), L4_INVALID_CAPABILITY);
	}
	l4_signal(n); /* the original stays */
	return 0;
}

static int deleting_the_last_endpoint_cap_unblocks_its_receiver(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0), copy = slot_alloc();
	CHECK_EQ(l4_cnode_copy(ROOT, copy, ep, L4_RIGHTS_ALL), L4_OK);
	receiver_done = 0;
	struct test_thread *t = thread_start(receive_once, ep, 255);
	l4_yield();
	CHECK_EQ(receiver_done, 0); /* blocked */
	CHECK_EQ(l4_cnode_delete(ROOT, copy), L4_OK);
	CHECK_EQ(receiver_done, 0); /* not the last cap: still blocked */
	CHECK_EQ(l4_cnode_delete(ROOT, ep), L4_OK);
	for (int i = 0; i < 10 && !receiver_done; i++)
		l4_yield();
	CHECK_EQ(receiver_done, 1 + L4_INVALID_CAPABILITY);
	thread_stop(t);
	return 0;
}

static int unknown_cnode_label_is_an_illegal_operation(void)
{
	const unsigned args[] = {0};
	CHECK_EQ(l4_invoke(ROOT, 0x1ff, 1, args, 0), L4_ILLEGAL_OPERATION);
	return 0;
}

static int invoking_an_empty_slot_is_an_invalid_capability(void)
{
	struct l4_msg m = msg(L4_CNODE_DELETE, 1);
	l4_call(slot_alloc(), &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_INVALID_CAPABILITY);
	return 0;
}

DEFINE_TEST_LIST(cnode,
	T(copy_gives_a_second_usable_cap),
	T(copy_into_occupied_slot_fails),
	T(copy_from_empty_slot_fails),
	T(copy_to_index_beyond_cnode_fails),
	T(mint_badges_reach_the_receiver),
	T(mint_of_a_badged_cap_fails),
	T(mint_of_a_tcb_cap_fails),
	T(reduced_rights_are_enforced),
	T(move_empties_the_source),
	T(mutate_sets_a_badge),
	T(delete_empties_a_slot),
	T(delete_index_out_of_range_fails),
	T(revoke_removes_every_derived_cap),
	T(deleting_the_last_endpoint_cap_unblocks_its_receiver),
	T(unknown_cnode_label_is_an_illegal_operation),
	T(invoking_an_empty_slot_is_an_invalid_capability))
