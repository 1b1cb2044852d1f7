// SPDX-License-Identifier: MIT
#include "unit.h"
#include <tern/memregion.h>

static void adds_and_merges(void **state)
{
	struct memregion_set s;
	memregion_init(&s);
	assert_int_equal(memregion_add(&s, 0x3000, 0x1000), 0);
	assert_int_equal(memregion_add(&s, 0x1000, 0x1000), 0);
	assert_int_equal(s.count, 2);
	assert_int_equal(s.r[0].base, 0x1000); /* sorted */
	assert_int_equal(memregion_add(&s, 0x2000, 0x1000), 0); /* bridges both */
	assert_int_equal(s.count, 1);
	assert_int_equal(s.r[0].base, 0x1000);
	assert_int_equal(s.r[0].size, 0x3000);
	assert_int_equal(memregion_add(&s, 0x1800, 0x4000), 0); /* overlap */
	assert_int_equal(s.count, 1);
	assert_int_equal(s.r[0].size, 0x4800);
	assert_int_equal(memregion_total(&s), 0x4800);
}

static void rejects_empty_and_wrapping_ranges(void **state)
{
	struct memregion_set s;
	memregion_init(&s);
	assert_int_equal(memregion_add(&s, 0x1000, 0), -MEMREGION_ERR_RANGE);
	assert_int_equal(memregion_add(&s, ~0ull - 10, 100), -MEMREGION_ERR_RANGE);
	assert_int_equal(memregion_reserve(&s, 5, 0), -MEMREGION_ERR_RANGE);
	assert_int_equal(s.count, 0);
}

static void reserve_splits_trims_and_removes(void **state)
{
	struct memregion_set s;
	memregion_init(&s);
	memregion_add(&s, 0x80000000, 0x40000000);
	/* kernel image in the middle: two pieces */
	assert_int_equal(memregion_reserve(&s, 0x80200000, 0x10000), 0);
	assert_int_equal(s.count, 2);
	assert_int_equal(s.r[0].size, 0x200000);
	assert_int_equal(s.r[1].base, 0x80210000);
	assert_int_equal(memregion_total(&s), 0x40000000 - 0x10000);
	/* trim the start, reserve something outside (ignored), remove a piece */
	assert_int_equal(memregion_reserve(&s, 0x7ff00000, 0x200000), 0);
	assert_int_equal(s.r[0].base, 0x80100000);
	assert_int_equal(memregion_reserve(&s, 0x10000000, 0x1000), 0);
	assert_int_equal(memregion_reserve(&s, 0x80000000, 0x200000), 0);
	assert_int_equal(s.count, 1);
	assert_int_equal(s.r[0].base, 0x80210000);
}

static void allocates_aligned_blocks_lowest_first(void **state)
{
	struct memregion_set s;
	paddr_t p;
	memregion_init(&s);
	memregion_add(&s, 0x1000, 0x1000);
	memregion_add(&s, 0x10000, 0x100000);
	assert_int_equal(memregion_alloc(&s, 0x1000, 0x1000, &p), 0);
	assert_int_equal(p, 0x1000);
	assert_int_equal(memregion_alloc(&s, 0x4000, 0x4000, &p), 0);
	assert_int_equal(p, 0x10000);
	assert_int_equal(memregion_alloc(&s, 0x1000, 0x10000, &p), 0);
	assert_int_equal(p, 0x20000);
	assert_int_equal(memregion_alloc(&s, 0x200000, 0x1000, &p), -MEMREGION_ERR_NOMEM);
	assert_int_equal(memregion_alloc(&s, 0x1000, 3, &p), -MEMREGION_ERR_RANGE);
	assert_int_equal(memregion_alloc(&s, 0, 0x1000, &p), -MEMREGION_ERR_RANGE);
	assert_int_equal(memregion_total(&s), 0x100000 - 0x5000);
}

static void reports_a_full_table(void **state)
{
	struct memregion_set s;
	memregion_init(&s);
	for (unsigned i = 0; i < MEMREGION_MAX; i++)
		assert_int_equal(memregion_add(&s, 0x10000ull * i, 0x1000), 0);
	assert_int_equal(memregion_add(&s, 0x10000ull * MEMREGION_MAX, 0x1000), -MEMREGION_ERR_FULL);
	/* a split that needs one more slot fails without losing anything */
	memregion_init(&s);
	for (unsigned i = 0; i < MEMREGION_MAX; i++)
		memregion_add(&s, 0x10000ull * i, 0x3000);
	assert_int_equal(memregion_reserve(&s, 0x1000, 0x1000), -MEMREGION_ERR_FULL);
	assert_int_equal(memregion_total(&s), 0x3000ull * MEMREGION_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(adds_and_merges),
		cmocka_unit_test(rejects_empty_and_wrapping_ranges),
		cmocka_unit_test(reserve_splits_trims_and_removes),
		cmocka_unit_test(allocates_aligned_blocks_lowest_first),
		cmocka_unit_test(reports_a_full_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
