// SPDX-License-Identifier: MIT
#include "unit.h"
#include <tern/bits.h>
#include <tern/kconfig.h>

#define CONFIG_TEST_ON 1

static void builds_masks(void **state)
{
	assert_int_equal(GENMASK(31, 26), 0xfc000000u);
	assert_int_equal(GENMASK(0, 0), 1);
	assert_int_equal(GENMASK(31, 0), 0xffffffffu);
	assert_true(GENMASK64(39, 12) == 0xfffffff000ull);
	assert_true(GENMASK64(63, 0) == ~0ull);
	assert_int_equal(BIT(31), 0x80000000u);
}

static void gets_and_prepares_fields(void **state)
{
	uint32_t hsr = 0x93c08006; /* data abort from a lower level */
	assert_int_equal(FIELD_GET(GENMASK(31, 26), hsr), 0x24);
	assert_int_equal(FIELD_GET(BIT(25), hsr), 1);
	assert_int_equal(FIELD_PREP(GENMASK(4, 2), 3), 0xc);
	assert_int_equal(FIELD_PREP(GENMASK(4, 2), 0xff), 0x1c); /* excess dropped */
	assert_true(FIELD_PREP(GENMASK64(9, 8), 3) == 0x300ull);
}

static void aligns(void **state)
{
	assert_int_equal(ALIGN_UP(0x1001u, 0x1000u), 0x2000u);
	assert_int_equal(ALIGN_UP(0x1000u, 0x1000u), 0x1000u);
	assert_int_equal(ALIGN_DOWN(0x1fffu, 0x1000u), 0x1000u);
	assert_true(IS_ALIGNED(0x200000ull, 0x200000));
	assert_false(IS_ALIGNED(0x200004ull, 8));
	assert_true(IS_POWER_OF_2(4096));
	assert_false(IS_POWER_OF_2(0));
	assert_false(IS_POWER_OF_2(12));
}

static void kconfig_is_enabled(void **state)
{
	assert_int_equal(IS_ENABLED(CONFIG_TEST_ON), 1);
	assert_int_equal(IS_ENABLED(CONFIG_TEST_UNDEFINED_OPTION), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builds_masks),
		cmocka_unit_test(gets_and_prepares_fields),
		cmocka_unit_test(aligns),
		cmocka_unit_test(kconfig_is_enabled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
