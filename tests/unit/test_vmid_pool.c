// SPDX-License-Identifier: MIT
#include "unit.h"
#include <tern/vmid_pool.h>

static void hands_out_distinct_vmids_within_a_generation(void **state)
{
	struct vmid_pool p;
	vmid_pool_init(&p, 256);
	bool seen[256] = {false};
	for (unsigned i = 0; i < 255; i++) {
		uint32_t vmid, gen;
		assert_false(vmid_pool_assign(&p, &vmid, &gen));
		assert_int_equal(gen, 1);
		assert_true(vmid >= 1 && vmid < 256);
		assert_false(seen[vmid]);
		seen[vmid] = true;
	}
}

static void rolls_over_when_vmids_run_out(void **state)
{
	struct vmid_pool p;
	vmid_pool_init(&p, 4); /* VMIDs 1-3 */
	uint32_t vmid, gen, old_gen;
	for (int i = 0; i < 3; i++)
		assert_false(vmid_pool_assign(&p, &vmid, &gen));
	old_gen = gen;
	assert_true(vmid_pool_current(&p, old_gen));
	assert_true(vmid_pool_assign(&p, &vmid, &gen)); /* the caller must flush */
	assert_int_equal(vmid, 1);
	assert_int_equal(gen, old_gen + 1);
	assert_false(vmid_pool_current(&p, old_gen)); /* old holders reassign */
	assert_false(vmid_pool_assign(&p, &vmid, &gen));
	assert_int_equal(vmid, 2);
}

static void never_assigned_is_never_current(void **state)
{
	struct vmid_pool p;
	vmid_pool_init(&p, 3);
	assert_false(vmid_pool_current(&p, 0));
	uint32_t vmid, gen;
	for (unsigned i = 0; i < 1000; i++) {
		vmid_pool_assign(&p, &vmid, &gen);
		assert_int_not_equal(gen, 0);
		assert_true(vmid == 1 || vmid == 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hands_out_distinct_vmids_within_a_generation),
		cmocka_unit_test(rolls_over_when_vmids_run_out),
		cmocka_unit_test(never_assigned_is_never_current),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
