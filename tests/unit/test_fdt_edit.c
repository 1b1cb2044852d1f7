// SPDX-License-Identifier: MIT
/* Editing the guest's device tree as the VMM does at boot. */
#include "unit.h"
#include "fdt_edit.h"

static uint8_t buf[65536];

static void open_guest(void)
{
	size_t size;
	void *blob = load_dtb("guest-linux-a15", &size);
	assert_null(fdt_edit_check(blob, size));
	assert_int_equal(fdt_edit_open(buf, sizeof(buf), blob, size), 0);
	free(blob);
}

static void test_refuses_malformed(void **state)
{
	size_t size;
	uint8_t *blob = load_dtb("guest-linux-a15", &size);
	blob[0] ^= 0xff;
	assert_non_null(strstr(fdt_edit_check(blob, size), "magic"));
	blob[0] ^= 0xff;
	assert_non_null(strstr(fdt_edit_check(blob, size - 8), "totalsize"));
	assert_non_null(fdt_edit_check(blob, 20));
	blob[8] = 0x7f; /* structure block far outside */
	assert_non_null(fdt_edit_check(blob, size));
	free(blob);
}

static void test_sets_chosen_and_memory(void **state)
{
	struct fdt f;
	uint32_t v;
	open_guest();
	assert_int_equal(fdt_edit_setprop_string(buf, "/chosen", "bootargs",
						 "console=ttyAMA0 a much longer command line than before"), 0);
	assert_int_equal(fdt_edit_setprop_u32(buf, "/chosen", "linux,initrd-start", 0x84000000u), 0);
	assert_int_equal(fdt_edit_setprop_u32(buf, "/chosen", "linux,initrd-end", 0x84100000u), 0);
	const uint32_t reg[] = {0x80000000u, 0x10000000u};
	assert_int_equal(fdt_edit_setprop_cells(buf, "/memory", "reg", reg, 2), 0);
	assert_int_equal(fdt_edit_setprop_string(buf, "/chosen", "bootargs", "short"), 0);

	assert_int_equal(fdt_open(&f, buf, sizeof(buf)), 0);
	int chosen = fdt_path(&f, "/chosen");
	assert_string_equal(fdt_prop_string(&f, chosen, "bootargs"), "short");
	assert_int_equal(fdt_prop_u32(&f, chosen, "linux,initrd-start", &v), 0);
	assert_int_equal(v, 0x84000000u);
	assert_int_equal(fdt_prop_u32(&f, chosen, "linux,initrd-end", &v), 0);
	assert_int_equal(v, 0x84100000u);
	uint64_t base, sz;
	assert_int_equal(fdt_reg(&f, fdt_path(&f, "/memory"), 0, &base, &sz), 0);
	assert_int_equal(base, 0x80000000u);
	assert_int_equal(sz, 0x10000000u);
	/* the rest is untouched */
	assert_string_equal(fdt_prop_string(&f, fdt_path(&f, "/psci"), "method"), "hvc");
	assert_int_equal(fdt_reg(&f, fdt_path(&f, "/serial"), 0, &base, &sz), 0);
	assert_int_equal(base, 0x1c090000u);
	assert_null(fdt_edit_check(buf, sizeof(buf)));
}

static void test_no_space_changes_nothing(void **state)
{
	static uint8_t before[sizeof(buf)], big[70000];
	open_guest();
	memcpy(before, buf, sizeof(buf));
	memset(big, 'x', sizeof(big) - 1);
	assert_int_equal(fdt_edit_setprop(buf, "/chosen", "bootargs", big, sizeof(big)),
			 -FDT_EDIT_ERR_NOSPACE);
	assert_memory_equal(before, buf, sizeof(buf));
	assert_int_equal(fdt_edit_setprop_u32(buf, "/nowhere", "x", 1), -FDT_ERR_NOTFOUND);
	assert_memory_equal(before, buf, sizeof(buf));
}

static void test_adds_a_node(void **state)
{
	struct fdt f;
	uint32_t v;
	uint64_t base, sz;
	open_guest();
	assert_int_equal(fdt_edit_add_node(buf, "/", "framebuffer@40000000"), 0);
	const uint32_t reg[] = {0x40000000u, 0xc8000u};
	assert_int_equal(fdt_edit_setprop_cells(buf, "/framebuffer@40000000", "reg", reg, 2), 0);
	assert_int_equal(fdt_edit_setprop_string(buf, "/framebuffer@40000000", "compatible",
						 "simple-framebuffer"), 0);
	assert_int_equal(fdt_edit_setprop_u32(buf, "/framebuffer@40000000", "width", 640), 0);
	/* a property of a node before it still grows the tree correctly */
	assert_int_equal(fdt_edit_setprop_string(buf, "/chosen", "bootargs", "console=tty0"), 0);
	assert_int_equal(fdt_edit_add_node(buf, "/", "framebuffer@40000000"), -FDT_EDIT_ERR_EXISTS);
	assert_int_equal(fdt_edit_add_node(buf, "/nowhere", "x"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_edit_add_node(buf, "/", "a/b"), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_edit_add_node(buf, "/", ""), -FDT_ERR_BADVALUE);
	/* a nested one: the closing token of a node with children is found */
	assert_int_equal(fdt_edit_add_node(buf, "/cpus", "cpu@1"), 0);

	assert_null(fdt_edit_check(buf, sizeof(buf)));
	assert_int_equal(fdt_open(&f, buf, sizeof(buf)), 0);
	int fb = fdt_find_compatible(&f, -1, "simple-framebuffer");
	assert_true(fb >= 0);
	assert_int_equal(fdt_parent(&f, fb), fdt_path(&f, "/"));
	assert_string_equal(fdt_node_name(&f, fb), "framebuffer@40000000");
	assert_int_equal(fdt_reg(&f, fb, 0, &base, &sz), 0);
	assert_int_equal(base, 0x40000000u);
	assert_int_equal(sz, 0xc8000u);
	assert_int_equal(fdt_prop_u32(&f, fb, "width", &v), 0);
	assert_int_equal(v, 640);
	int cpu1 = fdt_path(&f, "/cpus/cpu@1");
	assert_true(cpu1 >= 0);
	assert_int_equal(fdt_parent(&f, cpu1), fdt_path(&f, "/cpus"));
	assert_true(fdt_path(&f, "/cpus/cpu@0") >= 0);
	assert_string_equal(fdt_prop_string(&f, fdt_path(&f, "/chosen"), "bootargs"), "console=tty0");
	assert_int_equal(fdt_reg(&f, fdt_path(&f, "/serial"), 0, &base, &sz), 0);
	assert_int_equal(base, 0x1c090000u);
}

static void test_add_node_without_space_changes_nothing(void **state)
{
	static uint8_t small[4096], before[sizeof(small)];
	size_t size;
	void *blob = load_dtb("guest-linux-a15", &size);
	uint32_t used = fdt_be32((uint8_t *)blob + 12) + fdt_be32((uint8_t *)blob + 32);
	assert_true(used + 8 < sizeof(small));
	/* exactly the tree, no spare room */
	assert_int_equal(fdt_edit_open(small, used, blob, size), 0);
	free(blob);
	memcpy(before, small, sizeof(small));
	assert_int_equal(fdt_edit_add_node(small, "/", "framebuffer@40000000"), -FDT_EDIT_ERR_NOSPACE);
	assert_memory_equal(before, small, sizeof(small));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refuses_malformed),
		cmocka_unit_test(test_sets_chosen_and_memory),
		cmocka_unit_test(test_no_space_changes_nothing),
		cmocka_unit_test(test_adds_a_node),
		cmocka_unit_test(test_add_node_without_space_changes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
