// SPDX-License-Identifier: MIT
/* The device tree reader: valid trees from dts/, lookups, address
 * translation, and malformed blobs that must give an error, not a crash. */
#include "unit.h"
#include <tern/fdt.h>

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

static void opens_board_trees(void **state)
{
	const char *boards[] = {"board-vexpress-a15", "board-virt"};
	for (size_t i = 0; i < 2; i++) {
		size_t size;
		void *blob = load_dtb(boards[i], &size);
		struct fdt fdt;
		assert_int_equal(fdt_open(&fdt, blob, size), 0);
		assert_int_equal(fdt.size, size);
		free(blob);
	}
}

static void rejects_bad_magic(void **state)
{
	size_t size;
	uint8_t *blob = load_dtb("board-virt", &size);
	struct fdt fdt;
	blob[0] ^= 0xff;
	assert_int_equal(fdt_open(&fdt, blob, size), -FDT_ERR_BADMAGIC);
	assert_non_null(strstr(fdt_strerror(-FDT_ERR_BADMAGIC), "magic"));
	free(blob);
}

static void rejects_truncated_blob(void **state)
{
	size_t size;
	uint8_t *blob = load_dtb("board-virt", &size);
	struct fdt fdt;
	assert_int_equal(fdt_open(&fdt, blob, size - 1), -FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_open(&fdt, blob, 20), -FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_open(&fdt, NULL, 0), -FDT_ERR_TRUNCATED);
	/* a structure block that claims to run past the end */
	put32(blob + 36, (uint32_t)size);
	assert_int_equal(fdt_open(&fdt, blob, size), -FDT_ERR_TRUNCATED);
	free(blob);
}

static void rejects_old_version(void **state)
{
	size_t size;
	uint8_t *blob = load_dtb("board-virt", &size);
	struct fdt fdt;
	put32(blob + 20, 15);
	assert_int_equal(fdt_open(&fdt, blob, size), -FDT_ERR_BADVERSION);
	free(blob);
}

static void rejects_bad_token_and_unbalanced_nodes(void **state)
{
	size_t size;
	uint8_t *blob = load_dtb("board-virt", &size);
	uint32_t off_struct = fdt_be32(blob + 8);
	struct fdt fdt;

	put32(blob + off_struct, 7); /* not a token */
	assert_int_equal(fdt_open(&fdt, blob, size), -FDT_ERR_BADSTRUCTURE);
	put32(blob + off_struct, 2); /* END_NODE before any node */
	assert_int_equal(fdt_open(&fdt, blob, size), -FDT_ERR_BADSTRUCTURE);
	free(blob);
}

static void rejects_property_name_out_of_range(void **state)
{
	size_t size;
	uint8_t *blob = load_dtb("board-virt", &size);
	uint32_t off_struct = fdt_be32(blob + 8);
	struct fdt fdt;
	/* root node "" is BEGIN_NODE + 4 bytes; then its first property */
	uint32_t prop = off_struct + 8;
	assert_int_equal(fdt_be32(blob + prop), 3);
	put32(blob + prop + 8, 0x7fffffff);
	assert_int_equal(fdt_open(&fdt, blob, size), -FDT_ERR_TRUNCATED);
	free(blob);
}

static void finds_nodes_by_path_alias_and_compatible(void **state)
{
	size_t size;
	void *blob = load_dtb("board-vexpress-a15", &size);
	struct fdt fdt;
	assert_int_equal(fdt_open(&fdt, blob, size), 0);

	int cpu = fdt_path(&fdt, "/cpus/cpu@0");
	assert_true(cpu >= 0);
	assert_string_equal(fdt_node_name(&fdt, cpu), "cpu@0");
	assert_int_equal(fdt_path(&fdt, "/cpus/cpu"), cpu); /* unit address optional */
	assert_int_equal(fdt_path(&fdt, "/cpus/cpu@1"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path(&fdt, "/nonexistent"), -FDT_ERR_NOTFOUND);

	int uart = fdt_path(&fdt, "serial0");
	assert_true(uart >= 0);
	assert_string_equal(fdt_node_name(&fdt, uart), "serial@1c090000");
	assert_int_equal(fdt_find_compatible(&fdt, -1, "arm,pl011"), uart);
	assert_true(fdt_is_compatible(&fdt, uart, "arm,primecell"));
	assert_false(fdt_is_compatible(&fdt, uart, "arm,pl01"));
	assert_int_equal(fdt_path(&fdt, "serial9"), -FDT_ERR_NOTFOUND);

	int cpus = fdt_parent(&fdt, cpu);
	assert_string_equal(fdt_node_name(&fdt, cpus), "cpus");
	assert_int_equal(fdt_first_child(&fdt, cpus), cpu);
	assert_int_equal(fdt_next_sibling(&fdt, cpu), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_parent(&fdt, fdt_next_node(&fdt, -1, NULL)), -FDT_ERR_NOTFOUND);
	free(blob);
}

static void reads_properties(void **state)
{
	size_t size;
	void *blob = load_dtb("board-vexpress-a15", &size);
	struct fdt fdt;
	uint32_t v, len;
	assert_int_equal(fdt_open(&fdt, blob, size), 0);
	int root = fdt_next_node(&fdt, -1, NULL);
	assert_string_equal(fdt_prop_string(&fdt, root, "model"), "V2P-CA15");
	assert_int_equal(fdt_prop_u32(&fdt, root, "#address-cells", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(fdt_prop_u32(&fdt, root, "model", &v), -FDT_ERR_BADVALUE);
	assert_int_equal(fdt_prop_u32(&fdt, root, "nope", &v), -FDT_ERR_NOTFOUND);
	assert_null(fdt_prop(&fdt, root, "nope", &len));
	int gic = fdt_find_compatible(&fdt, -1, "arm,cortex-a15-gic");
	assert_int_equal(fdt_find_phandle(&fdt, 1), gic);
	assert_int_equal(fdt_find_phandle(&fdt, 0), -FDT_ERR_BADVALUE);
	free(blob);
}

static void translates_reg_through_bus_ranges(void **state)
{
	size_t size;
	void *blob = load_dtb("nested-bus", &size);
	struct fdt fdt;
	uint64_t base, sz;
	assert_int_equal(fdt_open(&fdt, blob, size), 0);

	int uart = fdt_find_compatible(&fdt, -1, "arm,pl011");
	assert_int_equal(fdt_reg(&fdt, uart, 0, &base, &sz), 0);
	assert_int_equal(base, 0x1c090000);
	assert_int_equal(sz, 0x1000);
	assert_int_equal(fdt_reg(&fdt, uart, 1, &base, &sz), -FDT_ERR_NOTFOUND);

	/* chip select 7 is not in the motherboard's ranges */
	int orphan = fdt_path(&fdt, "/bus/motherboard/orphan@7,0");
	assert_true(orphan >= 0);
	assert_int_equal(fdt_reg(&fdt, orphan, 0, &base, &sz), -FDT_ERR_NOTFOUND);

	int mem = fdt_path(&fdt, "/memory");
	assert_int_equal(fdt_reg(&fdt, mem, 1, &base, &sz), 0);
	assert_int_equal(base, 0xa0000000);
	free(blob);
}

/* Every single-byte corruption of a valid tree is either refused by
 * fdt_open or leaves a tree every accessor can walk (ASan watches). */
static void survives_corrupted_blobs(void **state)
{
	size_t size;
	uint8_t *orig = load_dtb("nested-bus", &size);
	uint8_t *blob = malloc(size);
	unsigned opened = 0, refused = 0;
	srand(1234);
	for (size_t i = 0; i < size; i++) {
		memcpy(blob, orig, size);
		blob[i] ^= (uint8_t)(1 + rand() % 255);
		struct fdt fdt;
		if (fdt_open(&fdt, blob, size)) {
			refused++;
			continue;
		}
		opened++;
		for (int n = fdt_next_node(&fdt, -1, NULL); n >= 0; n = fdt_next_node(&fdt, n, NULL)) {
			uint64_t b, s;
			uint32_t len;
			fdt_node_name(&fdt, n);
			fdt_parent(&fdt, n);
			fdt_prop(&fdt, n, "reg", &len);
			fdt_reg(&fdt, n, 0, &b, &s);
			fdt_is_compatible(&fdt, n, "arm,pl011");
		}
		fdt_path(&fdt, "serial0");
		fdt_path(&fdt, "/bus/motherboard/uart");
	}
	assert_true(opened > 0);
	assert_true(refused > 0);
	free(blob);
	free(orig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(opens_board_trees),
		cmocka_unit_test(rejects_bad_magic),
		cmocka_unit_test(rejects_truncated_blob),
		cmocka_unit_test(rejects_old_version),
		cmocka_unit_test(rejects_bad_token_and_unbalanced_nodes),
		cmocka_unit_test(rejects_property_name_out_of_range),
		cmocka_unit_test(finds_nodes_by_path_alias_and_compatible),
		cmocka_unit_test(reads_properties),
		cmocka_unit_test(translates_reg_through_bus_ranges),
		cmocka_unit_test(survives_corrupted_blobs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
