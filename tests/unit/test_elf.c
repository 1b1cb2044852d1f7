// SPDX-License-Identifier: MIT
/* The ELF reader, on an ARM executable built by arm-none-eabi-gcc, and on
 * damaged copies of it. */
#include "unit.h"
#include <tern/elf.h>

#define USER_LIMIT 0xc0000000u

static uint8_t *load(size_t *size)
{
	return load_test_file("sample.elf", size);
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* the host is little-endian like the image */
}

static void accepts_a_real_executable(void **state)
{
	size_t size;
	uint8_t *img = load(&size);
	assert_null(elf_check(img, size, USER_LIMIT));
	assert_true(elf_entry(img) >= 0x10000);
	unsigned n = elf_load_segments(img);
	assert_true(n >= 1);
	bool text = false, bss = false;
	for (unsigned i = 0; i < n; i++) {
		struct elf_segment s;
		elf_load_segment(img, i, &s);
		assert_true(s.filesz <= s.memsz);
		assert_true((const uint8_t *)s.data + s.filesz <= img + size);
		text |= s.executable && elf_entry(img) - s.vaddr < s.memsz;
		bss |= s.writable && s.memsz >= s.filesz + 8192;
	}
	assert_true(text);
	assert_true(bss);
	free(img);
}

static void names_each_problem(void **state)
{
	size_t size;
	uint8_t *img = load(&size);
	uint8_t *bad = malloc(size);
	struct {
		size_t offset;
		uint32_t value;
		unsigned width;
		const char *expect;
	} cases[] = {
		{0, 0x464c457e, 4, "magic"},
		{4, 2, 1, "32-bit"},
		{16, 3, 2, "executable"},
		{18, 62, 2, "ARM"},
		{42, 20, 2, "program header"},
		{28, 0x7ffffff0, 4, "program header table"},
		{24, 0x4, 4, "entry point"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(bad, img, size);
		if (cases[i].width == 4)
			put32(bad + cases[i].offset, cases[i].value);
		else if (cases[i].width == 2)
			memcpy(bad + cases[i].offset, &cases[i].value, 2);
		else
			bad[cases[i].offset] = (uint8_t)cases[i].value;
		const char *err = elf_check(bad, size, USER_LIMIT);
		assert_non_null(err);
		if (!strstr(err, cases[i].expect))
			fail_msg("case %zu: '%s' does not mention '%s'", i, err, cases[i].expect);
	}
	assert_non_null(elf_check(img, 20, USER_LIMIT));
	assert_non_null(strstr(elf_check(img, size, 0x1000), "user address range"));
	free(bad);
	free(img);
}

static void refuses_segments_past_the_file(void **state)
{
	size_t size;
	uint8_t *img = load(&size);
	uint32_t phoff;
	memcpy(&phoff, img + 28, 4);
	/* first program header: p_offset at +4, p_filesz at +16, p_memsz at +20 */
	uint8_t *bad = malloc(size);
	memcpy(bad, img, size);
	put32(bad + phoff + 16, (uint32_t)size * 2);
	put32(bad + phoff + 20, (uint32_t)size * 2);
	assert_non_null(strstr(elf_check(bad, size, USER_LIMIT), "past the end"));
	memcpy(bad, img, size);
	put32(bad + phoff + 20, 0); /* memsz < filesz */
	assert_non_null(strstr(elf_check(bad, size, USER_LIMIT), "file size exceeds"));
	free(bad);
	free(img);
}

static void survives_every_single_byte_corruption_of_the_headers(void **state)
{
	size_t size;
	uint8_t *img = load(&size);
	uint8_t *bad = malloc(size);
	srand(5);
	for (size_t i = 0; i < 52 + 32 * 4 && i < size; i++) {
		memcpy(bad, img, size);
		bad[i] = (uint8_t)rand();
		if (elf_check(bad, size, USER_LIMIT))
			continue;
		for (unsigned k = 0; k < elf_load_segments(bad); k++) {
			struct elf_segment s;
			elf_load_segment(bad, k, &s);
			assert_true((const uint8_t *)s.data + s.filesz <= bad + size);
			assert_true((uint64_t)s.vaddr + s.memsz <= USER_LIMIT);
		}
	}
	free(bad);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_a_real_executable),
		cmocka_unit_test(names_each_problem),
		cmocka_unit_test(refuses_segments_past_the_file),
		cmocka_unit_test(survives_every_single_byte_corruption_of_the_headers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
