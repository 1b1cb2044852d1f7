// SPDX-License-Identifier: MIT
/* Untyped_Retype's decode step: sizes, alignment, watermark, and the error
 * (with the failing argument) for each kind of bad request. */
#include "unit.h"
#include <tern/untyped.h>

static struct cap untyped(unsigned size_bits, uint32_t used, bool device)
{
	struct cap c = {.type = CAP_UNTYPED, .size_bits = (uint8_t)size_bits, .device = device};
	c.free_offset = used;
	return c;
}

static void sizes_objects(void **state)
{
	assert_int_equal(object_size_bits(L4_OBJ_ENDPOINT, 0), 4);
	assert_int_equal(object_size_bits(L4_OBJ_FRAME_4K, 0), 12);
	assert_int_equal(object_size_bits(L4_OBJ_FRAME_2M, 0), 21);
	assert_int_equal(object_size_bits(L4_OBJ_CNODE, 8), 8 + CTE_SIZE_BITS);
	assert_int_equal(object_size_bits(L4_OBJ_UNTYPED, 20), 20);
	assert_int_equal(object_size_bits(L4_OBJ_UNTYPED, 3), -1);
	assert_int_equal(object_size_bits(L4_OBJ_CNODE, 0), -1);
	assert_int_equal(object_size_bits((enum l4_object_type)99, 0), -1);
}

static void plans_aligned_objects_at_the_watermark(void **state)
{
	struct cap ut = untyped(16, 0x10, false);
	struct retype_plan p;
	struct invocation_error e = untyped_plan_retype(&ut, L4_OBJ_FRAME_4K, 0, 3, &p);
	assert_int_equal(e.code, L4_OK);
	assert_int_equal(p.first_offset, 0x1000); /* aligned up past the used 16 bytes */
	assert_int_equal(p.object_bits, 12);
	assert_int_equal(p.new_free_offset, 0x4000);
	e = untyped_plan_retype(&ut, L4_OBJ_ENDPOINT, 0, 1, &p);
	assert_int_equal(p.first_offset, 0x10);
	assert_int_equal(p.new_free_offset, 0x20);
}

static void fills_an_untyped_exactly(void **state)
{
	struct cap ut = untyped(14, 0, false);
	struct retype_plan p;
	assert_int_equal(untyped_plan_retype(&ut, L4_OBJ_FRAME_4K, 0, 4, &p).code, L4_OK);
	assert_int_equal(p.new_free_offset, 1u << 14);
	ut.free_offset = p.new_free_offset;
	struct invocation_error e = untyped_plan_retype(&ut, L4_OBJ_ENDPOINT, 0, 1, &p);
	assert_int_equal(e.code, L4_NOT_ENOUGH_MEMORY);
	assert_int_equal(e.available, 0);
}

static void reports_each_bad_argument(void **state)
{
	struct cap ut = untyped(20, 0, false);
	struct retype_plan p;
	struct invocation_error e;

	e = untyped_plan_retype(&ut, L4_OBJ_TYPE_COUNT, 0, 1, &p);
	assert_int_equal(e.code, L4_INVALID_ARGUMENT);
	assert_int_equal(e.arg, 0);

	e = untyped_plan_retype(&ut, L4_OBJ_CNODE, 40, 1, &p);
	assert_int_equal(e.code, L4_RANGE_ERROR);
	assert_int_equal(e.arg, 1);
	assert_int_equal(e.range_min, CNODE_MIN_RADIX);
	assert_int_equal(e.range_max, CNODE_MAX_RADIX);

	e = untyped_plan_retype(&ut, L4_OBJ_UNTYPED, 2, 1, &p);
	assert_int_equal(e.code, L4_RANGE_ERROR);
	assert_int_equal(e.arg, 1);

	e = untyped_plan_retype(&ut, L4_OBJ_ENDPOINT, 0, 0, &p);
	assert_int_equal(e.code, L4_RANGE_ERROR);
	assert_int_equal(e.arg, 2);
	e = untyped_plan_retype(&ut, L4_OBJ_ENDPOINT, 0, RETYPE_MAX_COUNT + 1, &p);
	assert_int_equal(e.code, L4_RANGE_ERROR);

	e = untyped_plan_retype(&ut, L4_OBJ_FRAME_2M, 0, 1, &p); /* 2 MiB > 1 MiB */
	assert_int_equal(e.code, L4_NOT_ENOUGH_MEMORY);
	assert_int_equal(e.available, 1u << 20);
}

static void device_memory_holds_no_kernel_objects(void **state)
{
	struct cap dev = untyped(21, 0, true);
	struct retype_plan p;
	assert_int_equal(untyped_plan_retype(&dev, L4_OBJ_TCB, 0, 1, &p).code, L4_INVALID_ARGUMENT);
	assert_int_equal(untyped_plan_retype(&dev, L4_OBJ_CNODE, 4, 1, &p).code, L4_INVALID_ARGUMENT);
	assert_int_equal(untyped_plan_retype(&dev, L4_OBJ_FRAME_4K, 0, 1, &p).code, L4_OK);
	assert_int_equal(untyped_plan_retype(&dev, L4_OBJ_UNTYPED, 12, 2, &p).code, L4_OK);
}

static void large_untyped_does_not_overflow(void **state)
{
	struct cap ut = untyped(UNTYPED_MAX_BITS, (1u << UNTYPED_MAX_BITS) - 16, false);
	struct retype_plan p;
	struct invocation_error e = untyped_plan_retype(&ut, L4_OBJ_FRAME_2M, 0, 256, &p);
	assert_int_equal(e.code, L4_NOT_ENOUGH_MEMORY);
	assert_int_equal(e.available, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes_objects),
		cmocka_unit_test(plans_aligned_objects_at_the_watermark),
		cmocka_unit_test(fills_an_untyped_exactly),
		cmocka_unit_test(reports_each_bad_argument),
		cmocka_unit_test(device_memory_holds_no_kernel_objects),
		cmocka_unit_test(large_untyped_does_not_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
