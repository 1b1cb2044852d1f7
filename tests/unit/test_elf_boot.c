// SPDX-License-Identifier: MIT
/* The VMM's ELF boot (vmm/elf_boot.c) on a real ARM executable and on
 * copies whose segments claim addresses a guest may not have: every
 * segment must lie in guest RAM and clear of the DTB, and a refused image
 * leaves guest RAM untouched. */
#include "unit.h"
#include <tern/elf.h>
#include "elf_boot.h"
#include "guest_map.h"

/* Guest RAM as the VMM maps it: up to just past the DTB's place. */
#define RAM_BYTES GUEST_INITRD_OFFSET
#define DTB_OFFSET guest_dtb_offset(RAM_BYTES)
#define SAMPLE_TEXT 0x10000u /* where sample.elf is linked */

static uint8_t *ram;
static struct linux_images img;
static uint8_t *image, *dtb;
static size_t image_size;

static int setup(void **state)
{
	size_t dtb_size;
	image = load_test_file("sample.elf", &image_size);
	dtb = load_dtb("guest-linux-a15", &dtb_size);
	ram = calloc(1, RAM_BYTES);
	img = (struct linux_images){.zimage = image, .zimage_size = image_size, .dtb = dtb,
				    .dtb_size = dtb_size, .bootargs = "", .ram_base = 0,
				    .ram_bytes = RAM_BYTES};
	return 0;
}

static int teardown(void **state)
{
	free(ram);
	free(image);
	free(dtb);
	return 0;
}

static bool ram_untouched(void)
{
	for (size_t i = 0; i < RAM_BYTES; i++)
		if (ram[i])
			return false;
	return true;
}

static const char *load(uint32_t *entry, uint32_t *offset, uint32_t *bytes)
{
	uint32_t dtb_ipa;
	return elf_boot_load(&img, ram, entry, &dtb_ipa, offset, bytes);
}

static void recognises_elf_only(void **state)
{
	assert_true(elf_boot_is_elf(image, image_size));
	assert_false(elf_boot_is_elf(image, 3));
	assert_false(elf_boot_is_elf("\x00\x00\xa0\xe1 a zImage", 14));
}

static void loads_segments_and_the_dtb(void **state)
{
	uint32_t entry, offset, bytes, dtb_ipa;
	assert_null(elf_boot_load(&img, ram, &entry, &dtb_ipa, &offset, &bytes));
	assert_int_equal(entry, elf_entry(image));
	assert_int_equal(dtb_ipa, DTB_OFFSET);
	assert_int_equal(offset, SAMPLE_TEXT);
	for (unsigned i = 0; i < elf_load_segments(image); i++) {
		struct elf_segment s;
		elf_load_segment(image, i, &s);
		assert_true(s.vaddr >= offset && s.vaddr + s.memsz <= offset + bytes);
		assert_memory_equal(ram + s.vaddr, s.data, s.filesz);
		for (uint32_t b = s.filesz; b < s.memsz; b++)
			assert_int_equal(ram[s.vaddr + b], 0);
	}
	assert_int_equal(ram[DTB_OFFSET], 0xd0); /* the FDT magic, big-endian */
}

static void refuses_a_segment_outside_ram(void **state)
{
	uint32_t entry, offset, bytes;
	img.ram_base = 0x80000000u;
	const char *err = load(&entry, &offset, &bytes);
	assert_non_null(err);
	assert_non_null(strstr(err, "ELF segment 0 (0x00010000"));
	assert_non_null(strstr(err, "lies outside guest RAM (0x80000000-"));
	img.ram_base = 0;
	img.ram_bytes = SAMPLE_TEXT + 16; /* RAM ends inside the segment */
	assert_non_null(strstr(load(&entry, &offset, &bytes), "outside guest RAM"));
	assert_true(ram_untouched());
}

/* A copy of the sample whose first segment (the text, with the entry)
 * starts at vaddr, with memsz bytes; the caller frees it. */
static uint8_t *moved_copy(uint32_t vaddr, uint32_t memsz)
{
	uint32_t phoff, old_vaddr, old_entry, filesz;
	uint8_t *bad = malloc(image_size);
	memcpy(bad, image, image_size);
	memcpy(&phoff, bad + 28, 4);
	memcpy(&old_vaddr, bad + phoff + 8, 4);
	memcpy(&filesz, bad + phoff + 16, 4);
	memcpy(&old_entry, bad + 24, 4);
	uint32_t entry = old_entry - old_vaddr + vaddr;
	memcpy(bad + phoff + 8, &vaddr, 4);
	memcpy(bad + 24, &entry, 4);
	if (memsz) {
		assert_true(memsz >= filesz && old_entry - old_vaddr < memsz);
		memcpy(bad + phoff + 20, &memsz, 4);
	}
	img.zimage = bad;
	return bad;
}

static void refuses_a_segment_over_the_dtb(void **state)
{
	uint32_t entry, offset, bytes;
	uint8_t *bad = moved_copy(DTB_OFFSET - 16, 0);
	const char *err = load(&entry, &offset, &bytes);
	assert_non_null(err);
	assert_non_null(strstr(err, "overlaps the device tree"));
	assert_true(ram_untouched());
	free(bad);
}

static void refuses_a_segment_that_wraps(void **state)
{
	uint32_t entry, offset, bytes;
	uint8_t *bad = moved_copy(0xfffff000u, 0x2000u); /* ends past 2^32 */
	const char *err = load(&entry, &offset, &bytes);
	assert_non_null(err);
	assert_non_null(strstr(err, "bad ELF image"));
	assert_true(ram_untouched());
	free(bad);
}

static void refuses_what_is_not_an_executable(void **state)
{
	uint32_t entry, offset, bytes;
	uint8_t *bad = malloc(image_size);
	memcpy(bad, image, image_size);
	bad[18] = 62; /* EM_X86_64 */
	img.zimage = bad;
	assert_non_null(strstr(load(&entry, &offset, &bytes), "not an ARM executable"));
	img.zimage_size = 20;
	assert_non_null(strstr(load(&entry, &offset, &bytes), "shorter than an ELF header"));
	assert_true(ram_untouched());
	free(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(recognises_elf_only, setup, teardown),
		cmocka_unit_test_setup_teardown(loads_segments_and_the_dtb, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_a_segment_outside_ram, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_a_segment_over_the_dtb, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_a_segment_that_wraps, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_what_is_not_an_executable, setup, teardown),
	};
	return cmocka_run_group_tests_name("elf_boot", tests, NULL, NULL);
}
