// SPDX-License-Identifier: MIT
#include "unit.h"
#include <tern/printf.h>

#define CHECK(expect, ...)                                               \
	do {                                                             \
		char buf_[128];                                          \
		int n_ = ksnprintf(buf_, sizeof(buf_), __VA_ARGS__);     \
		assert_string_equal(buf_, expect);                       \
		assert_int_equal(n_, (int)strlen(expect));               \
	} while (0)

static void formats_integers(void **state)
{
	CHECK("0", "%d", 0);
	CHECK("-42 42", "%d %i", -42, 42);
	CHECK("-2147483648", "%d", (int)0x80000000);
	CHECK("4294967295", "%u", 0xffffffffu);
	CHECK("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	CHECK("18446744073709551615", "%llu", ~0ull);
	CHECK("-9223372036854775808", "%lld", (long long)(1ull << 63));
	CHECK("123456789abc", "%llx", 0x123456789abcull);
	CHECK("42", "%zu", (size_t)42);
	CHECK("7", "%lu", 7ul);
}

static void pads_and_aligns(void **state)
{
	CHECK("00ff", "%04x", 0xff);
	CHECK("  ff", "%4x", 0xff);
	CHECK("ff  |", "%-4x|", 0xff);
	CHECK("-007", "%04d", -7);
	CHECK("12345", "%3d", 12345);
	CHECK("r0 |", "%-3s|", "r0");
	CHECK("  ab", "%4s", "ab");
	CHECK("abc", "%.3s", "abcdef");
}

static void formats_strings_chars_pointers(void **state)
{
	CHECK("x=A", "x=%c", 'A');
	CHECK("hello world", "%s %s", "hello", "world");
	const char *volatile null_string = NULL; /* hidden from -Wformat */
	CHECK("(null)", "%s", null_string);
	CHECK("100%", "100%%");
	char buf[64];
	ksnprintf(buf, sizeof(buf), "%p", (void *)0x1234);
	assert_int_equal(strncmp(buf, "0x", 2), 0);
	assert_int_equal(strtoull(buf, NULL, 16), 0x1234);
	assert_int_equal(strlen(buf), 2 + 2 * sizeof(void *));
}

static void unknown_conversion_is_shown(void **state)
{
	/* Formats the compiler would reject, passed as data as from outside. */
	const char *volatile unknown = "%q", *volatile trailing = "end%";
	CHECK("%q", unknown, 0);
	CHECK("end", trailing, 0);
}

static void truncates_and_terminates(void **state)
{
	char buf[8];
	memset(buf, 'x', sizeof(buf));
	int n = ksnprintf(buf, sizeof(buf), "%s", "0123456789");
	assert_int_equal(n, 10);
	assert_string_equal(buf, "0123456");
	buf[0] = 'x';
	assert_int_equal(ksnprintf(buf, 0, "abc"), 3);
	assert_int_equal(buf[0], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formats_integers),
		cmocka_unit_test(pads_and_aligns),
		cmocka_unit_test(formats_strings_chars_pointers),
		cmocka_unit_test(unknown_conversion_is_shown),
		cmocka_unit_test(truncates_and_terminates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
