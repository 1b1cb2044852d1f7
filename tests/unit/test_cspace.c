// SPDX-License-Identifier: MIT
/* CSpace addressing: one- and two-level lookups, guards, and each fault. */
#include "unit.h"
#include <tern/cspace.h>

static struct cte top[256];   /* radix 8 */
static struct cte leaf[16];   /* radix 4 */

static int reset(void **state)
{
	memset(top, 0, sizeof(top));
	memset(leaf, 0, sizeof(leaf));
	return 0;
}

static void resolves_a_single_level_with_guard(void **state)
{
	/* 24-bit guard of 0 + 8-bit radix = a flat 32-bit cptr space */
	struct cap root = cnode_cap(top, 8, 24, 0);
	struct lookup_result r = cspace_lookup_slot(&root, 0x2a, 32);
	assert_int_equal(r.fault, LOOKUP_OK);
	assert_ptr_equal(r.slot, &top[0x2a]);
	r = cspace_lookup_slot(&root, 0x12a, 32); /* guard bit set: no match */
	assert_int_equal(r.fault, LOOKUP_GUARD_MISMATCH);
}

static void resolves_two_levels(void **state)
{
	struct cap root = cnode_cap(top, 8, 0, 0);
	top[5].cap = cnode_cap(leaf, 4, 4, 0xa); /* guard 0xa, then 4 index bits */
	/* cptr bits: [8 top index][4 guard][4 leaf index] = 16 bits */
	struct lookup_result r = cspace_lookup_slot(&root, 0x05a3, 16);
	assert_int_equal(r.fault, LOOKUP_OK);
	assert_ptr_equal(r.slot, &leaf[3]);
	/* only the first level */
	r = cspace_lookup_slot(&root, 0x05, 8);
	assert_int_equal(r.fault, LOOKUP_OK);
	assert_ptr_equal(r.slot, &top[5]);
	/* wrong guard at the second level */
	r = cspace_lookup_slot(&root, 0x05b3, 16);
	assert_int_equal(r.fault, LOOKUP_GUARD_MISMATCH);
	assert_int_equal(r.bits_left, 8);
}

static void reports_missing_capability_and_depth_mismatch(void **state)
{
	struct cap root = cnode_cap(top, 8, 0, 0);
	struct lookup_result r = cspace_lookup_slot(&root, 0x0700, 16); /* top[7] empty */
	assert_int_equal(r.fault, LOOKUP_MISSING_CAPABILITY);
	assert_int_equal(r.bits_left, 8);
	top[5].cap = cnode_cap(leaf, 4, 4, 0xa);
	r = cspace_lookup_slot(&root, 0x05a, 12); /* leaf needs 8 bits, 4 left */
	assert_int_equal(r.fault, LOOKUP_DEPTH_MISMATCH);
	r = cspace_lookup_slot(&root, 0, 0);
	assert_int_equal(r.fault, LOOKUP_DEPTH_MISMATCH);
	r = cspace_lookup_slot(&root, 0, 33);
	assert_int_equal(r.fault, LOOKUP_DEPTH_MISMATCH);
}

static void rejects_a_root_that_is_not_a_cnode(void **state)
{
	struct cap ep = {.type = CAP_ENDPOINT};
	assert_int_equal(cspace_lookup_slot(&ep, 0, 32).fault, LOOKUP_INVALID_ROOT);
	struct cap zero_level = cnode_cap(top, 0, 0, 0);
	assert_int_equal(cspace_lookup_slot(&zero_level, 0, 32).fault, LOOKUP_DEPTH_MISMATCH);
}

static void every_cptr_in_a_flat_space_lands_in_range(void **state)
{
	struct cap root = cnode_cap(top, 8, 0, 0);
	for (uint32_t cptr = 0; cptr < 0x10000; cptr += 17) {
		struct lookup_result r = cspace_lookup_slot(&root, cptr, 8);
		assert_int_equal(r.fault, LOOKUP_OK);
		assert_true(r.slot >= top && r.slot < top + 256);
		assert_ptr_equal(r.slot, &top[cptr & 0xff]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(resolves_a_single_level_with_guard, reset),
		cmocka_unit_test_setup(resolves_two_levels, reset),
		cmocka_unit_test_setup(reports_missing_capability_and_depth_mismatch, reset),
		cmocka_unit_test_setup(rejects_a_root_that_is_not_a_cnode, reset),
		cmocka_unit_test_setup(every_cptr_in_a_flat_space_lands_in_range, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
