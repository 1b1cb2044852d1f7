// SPDX-License-Identifier: MIT
/* Untyped_Retype: success and each error code with its argument index. */
#include "harness.h"

static int retype_endpoint_makes_a_usable_cap(void)
{
	l4_cptr_t ep = slot_alloc();
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_ENDPOINT, 0, ROOT, ep, 1), L4_OK);
	struct l4_msg m = msg(0, 0);
	l4_nbrecv(ep, &m);
	CHECK_EQ(l4_msginfo_label(m.info), L4_LABEL_NO_MESSAGE);
	return 0;
}

static int retype_several_objects_at_once(void)
{
	l4_cptr_t first = slot_alloc();
	for (int i = 1; i < 4; i++)
		slot_alloc();
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_NOTIFICATION, 0, ROOT, first, 4), L4_OK);
	for (unsigned i = 0; i < 4; i++)
		CHECK_EQ(l4_poll(first + i), 0);
	return 0;
}

static int retype_reports(unsigned type, unsigned bits, unsigned index, unsigned count,
			  unsigned expect_error, unsigned expect_arg)
{
	const unsigned args[] = {type, bits, ROOT, index, count};
	struct l4_msg reply;
	CHECK_EQ(l4_invoke(test_untyped, L4_UNTYPED_RETYPE, 5, args, &reply), expect_error);
	CHECK_EQ(reply.mr[0], expect_arg);
	return 0;
}

static int retype_rejects_unknown_type(void)
{
	return retype_reports(L4_OBJ_TYPE_COUNT + 3, 0, slot_alloc(), 1, L4_INVALID_ARGUMENT, 0);
}

static int retype_rejects_cnode_size_out_of_range(void)
{
	const unsigned args[] = {L4_OBJ_CNODE, 30, ROOT, slot_alloc(), 1};
	struct l4_msg reply;
	CHECK_EQ(l4_invoke(test_untyped, L4_UNTYPED_RETYPE, 5, args, &reply), L4_RANGE_ERROR);
	CHECK_EQ(reply.mr[0], 1);
	CHECK_EQ(reply.mr[1], 1);  /* allowed radix 1..16 */
	CHECK_EQ(reply.mr[2], 16);
	return 0;
}

static int retype_rejects_zero_count(void)
{
	return retype_reports(L4_OBJ_ENDPOINT, 0, slot_alloc(), 0, L4_RANGE_ERROR, 2);
}

static int retype_rejects_occupied_slot(void)
{
	return retype_reports(L4_OBJ_ENDPOINT, 0, L4_CAP_INIT_TCB, 1, L4_DELETE_FIRST, 3);
}

static int retype_rejects_index_beyond_cnode(void)
{
	return retype_reports(L4_OBJ_ENDPOINT, 0, 1u << L4_ROOT_CNODE_RADIX, 1, L4_RANGE_ERROR, 3);
}

static int retype_rejects_destination_that_is_not_a_cnode(void)
{
	const unsigned args[] = {L4_OBJ_ENDPOINT, 0, L4_CAP_INIT_TCB, slot_alloc(), 1};
	struct l4_msg reply;
	CHECK_EQ(l4_invoke(test_untyped, L4_UNTYPED_RETYPE, 5, args, &reply), L4_INVALID_CAPABILITY);
	CHECK_EQ(reply.mr[0], 2);
	return 0;
}

static int retype_reports_not_enough_memory(void)
{
	/* a 4 KiB untyped cannot hold a 2 MiB frame */
	l4_cptr_t small = slot_alloc();
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, 12, ROOT, small, 1), L4_OK);
	const unsigned args[] = {L4_OBJ_FRAME_2M, 0, ROOT, slot_alloc(), 1};
	struct l4_msg reply;
	CHECK_EQ(l4_invoke(small, L4_UNTYPED_RETYPE, 5, args, &reply), L4_NOT_ENOUGH_MEMORY);
	CHECK_EQ(reply.mr[1], 4096); /* bytes available */
	return 0;
}

static int retype_rejects_truncated_message(void)
{
	const unsigned args[] = {L4_OBJ_ENDPOINT, 0};
	struct l4_msg reply;
	CHECK_EQ(l4_invoke(test_untyped, L4_UNTYPED_RETYPE, 2, args, &reply), L4_TRUNCATED_MESSAGE);
	return 0;
}

static int revoked_untyped_can_be_retyped_again(void)
{
	l4_cptr_t small = slot_alloc(), a = slot_alloc(), b = slot_alloc();
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, 12, ROOT, small, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(small, L4_OBJ_FRAME_4K, 0, ROOT, a, 1), L4_OK);
	/* full: a second frame does not fit */
	CHECK_EQ(l4_untyped_retype(small, L4_OBJ_FRAME_4K, 0, ROOT, b, 1), L4_NOT_ENOUGH_MEMORY);
	CHECK_EQ(l4_cnode_revoke(ROOT, small), L4_OK);
	CHECK_EQ(l4_untyped_retype(small, L4_OBJ_FRAME_4K, 0, ROOT, b, 1), L4_OK);
	/* the revoke emptied the first frame's slot */
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), a, L4_RIGHTS_ALL), L4_FAILED_LOOKUP);
	return 0;
}

static int untyped_with_children_cannot_be_copied(void)
{
	l4_cptr_t small = slot_alloc();
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, 12, ROOT, small, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(small, L4_OBJ_ENDPOINT, 0, ROOT, slot_alloc(), 1), L4_OK);
	CHECK_EQ(l4_cnode_copy(ROOT, slot_alloc(), small, L4_RIGHTS_ALL), L4_REVOKE_FIRST);
	return 0;
}

DEFINE_TEST_LIST(untyped,
	T(retype_endpoint_makes_a_usable_cap),
	T(retype_several_objects_at_once),
	T(retype_rejects_unknown_type),
	T(retype_rejects_cnode_size_out_of_range),
	T(retype_rejects_zero_count),
	T(retype_rejects_occupied_slot),
	T(retype_rejects_index_beyond_cnode),
	T(retype_rejects_destination_that_is_not_a_cnode),
	T(retype_reports_not_enough_memory),
	T(retype_rejects_truncated_message),
	T(revoked_untyped_can_be_retyped_again),
	T(untyped_with_children_cannot_be_copied))
