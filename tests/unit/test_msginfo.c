// SPDX-License-Identifier: MIT
#include "unit.h"
#include <l4/abi.h>

static void packs_and_unpacks_every_field(void **state)
{
	l4_msginfo_t m = l4_msginfo(0xabcde, 5, 3, 120);
	assert_int_equal(l4_msginfo_label(m), 0xabcde);
	assert_int_equal(l4_msginfo_unwrapped(m), 5);
	assert_int_equal(l4_msginfo_extra_caps(m), 3);
	assert_int_equal(l4_msginfo_length(m), 120);
	assert_int_equal(l4_msginfo(0, 0, 0, 0), 0);
}

static void fields_do_not_bleed_into_each_other(void **state)
{
	l4_msginfo_t m = l4_msginfo(0, 0, 0, 0xff); /* length wider than 7 bits */
	assert_int_equal(l4_msginfo_length(m), 0x7f);
	assert_int_equal(l4_msginfo_extra_caps(m), 0);
	m = l4_msginfo(0x1fffff, 0xf, 0x7, 0);
	assert_int_equal(l4_msginfo_label(m), 0xfffff);
	assert_int_equal(l4_msginfo_unwrapped(m), 7);
	assert_int_equal(l4_msginfo_extra_caps(m), 3);
	assert_int_equal(l4_msginfo_length(m), 0);
}

static void every_field_round_trips(void **state)
{
	for (unsigned label = 0; label < (1u << 20); label += 4099)
		for (unsigned len = 0; len <= L4_MSG_MAX_LENGTH; len += 7)
			for (unsigned caps = 0; caps <= L4_MSG_MAX_EXTRA_CAPS; caps++) {
				l4_msginfo_t m = l4_msginfo(label, caps, caps, len);
				assert_int_equal(l4_msginfo_label(m), label);
				assert_int_equal(l4_msginfo_length(m), len);
				assert_int_equal(l4_msginfo_extra_caps(m), caps);
				assert_int_equal(l4_msginfo_unwrapped(m), caps);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(packs_and_unpacks_every_field),
		cmocka_unit_test(fields_do_not_bleed_into_each_other),
		cmocka_unit_test(every_field_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
