// SPDX-License-Identifier: MIT
/* The hardware description read from the boards' device trees, and the
 * messages for trees that lack what the kernel needs. */
#include "unit.h"
#include <tern/hwdesc.h>

static const char *parse(const char *name, struct hw_desc *hw, void **blob)
{
	size_t size;
	struct fdt fdt;
	*blob = load_dtb(name, &size);
	assert_int_equal(fdt_open(&fdt, *blob, size), 0);
	return hwdesc_parse(&fdt, hw);
}

static void describes_vexpress_a15(void **state)
{
	struct hw_desc hw;
	void *blob;
	assert_null(parse("board-vexpress-a15", &hw, &blob));
	assert_int_equal(hw.ram_count, 1);
	assert_int_equal(hw.ram[0].base, 0x80000000);
	assert_int_equal(hwdesc_ram_size(&hw), 1ull << 30);
	assert_int_equal(hw.console.base, 0x1c090000);
	assert_int_equal(hw.console_irq, 32 + 5);
	assert_int_equal(hw.gic[HW_GIC_DIST].base, 0x2c001000);
	assert_int_equal(hw.gic[HW_GIC_CPU].base, 0x2c002000);
	assert_int_equal(hw.gic[HW_GIC_HYP].base, 0x2c004000);
	assert_int_equal(hw.gic[HW_GIC_VCPU].base, 0x2c006000);
	assert_true(hw.gic_has_virt);
	assert_int_equal(hw.gic_maintenance_irq, 25);
	assert_int_equal(hw.timer_irq[HW_TIMER_HYP], 26);
	assert_int_equal(hw.timer_irq[HW_TIMER_VIRT], 27);
	assert_int_equal(hw.timer_irq[HW_TIMER_SECURE_PHYS], 29);
	assert_int_equal(hw.timer_irq[HW_TIMER_NONSECURE_PHYS], 30);
	assert_int_equal(hw.display.base, 0x1c1f0000);
	assert_string_equal(hw.model, "V2P-CA15");
	assert_string_equal(hw.cpu_compatible, "arm,cortex-a15");
	free(blob);
}

static void describes_virt(void **state)
{
	struct hw_desc hw;
	void *blob;
	assert_null(parse("board-virt", &hw, &blob));
	assert_int_equal(hw.ram[0].base, 0x40000000);
	assert_int_equal(hw.console.base, 0x09000000);
	assert_int_equal(hw.gic[HW_GIC_DIST].base, 0x08000000);
	assert_int_equal(hw.gic[HW_GIC_VCPU].base, 0x08040000);
	assert_int_equal(hw.timer_irq[HW_TIMER_HYP], 26);
	assert_int_equal(hw.display.size, 0);
	free(blob);
}

/* No generic timer and no virtualization interface: the MPCore's timers. */
static void describes_vexpress_a9(void **state)
{
	struct hw_desc hw;
	void *blob;
	assert_null(parse("board-vexpress-a9", &hw, &blob));
	assert_string_equal(hw.model, "V2P-CA9");
	assert_int_equal(hw.ram[0].base, 0x60000000);
	assert_int_equal(hw.console.base, 0x10009000);
	assert_int_equal(hw.gic[HW_GIC_DIST].base, 0x1e001000);
	assert_int_equal(hw.gic[HW_GIC_CPU].base, 0x1e000100);
	assert_false(hw.gic_has_virt);
	assert_true(hw.timer_mpcore);
	assert_int_equal(hw.mpcore_global_timer.base, 0x1e000200);
	assert_int_equal(hw.mpcore_private_timer.base, 0x1e000600);
	assert_int_equal(hw.mpcore_private_timer_irq, 29);
	assert_int_equal(hw.timer_clock_hz, 100000000);
	free(blob);
}

static void follows_stdout_path_through_alias_and_buses(void **state)
{
	struct hw_desc hw;
	void *blob;
	assert_null(parse("nested-bus", &hw, &blob));
	assert_int_equal(hw.console.base, 0x1c090000);
	assert_int_equal(hw.ram_count, 2);
	assert_int_equal(hwdesc_ram_size(&hw), 0x20000000);
	assert_false(hw.gic_has_virt);
	assert_int_equal(hw.timer_clock_hz, 24000000);
	free(blob);
}

/* Whether the page at addr is in one of the (merged) device regions. */
static bool has_device(const struct hw_desc *hw, uint64_t addr)
{
	for (unsigned i = 0; i < hw->device_count; i++)
		if (hw->devices[i].base <= addr && addr - hw->devices[i].base < hw->devices[i].size)
			return true;
	return false;
}

static void lists_every_device_region(void **state)
{
	struct hw_desc hw;
	void *blob;
	assert_null(parse("board-vexpress-a15", &hw, &blob));
	assert_true(has_device(&hw, 0x1c090000));  /* the UART */
	assert_true(has_device(&hw, 0x1c1f0000));  /* the CLCD */
	assert_true(has_device(&hw, 0x2c006000));  /* GICV, 4th reg of the GIC */
	assert_false(has_device(&hw, 0x80000000)); /* RAM is not a device */
	assert_false(has_device(&hw, 0));          /* nor the CPU (reg 0) */
	free(blob);
	assert_null(parse("nested-bus", &hw, &blob));
	assert_true(has_device(&hw, 0x1c090000));  /* translated through the buses */
	free(blob);
}

/* QEMU virt's generated tree: 33 small devices come before the GIC; with
 * secure=on, RAM and a UART of the Secure world's are disabled for Tern. */
static void merges_neighbouring_devices(void **state)
{
	struct hw_desc hw;
	void *blob;
	assert_null(parse("many-devices", &hw, &blob));
	assert_true(hw.gic_has_virt);
	assert_true(has_device(&hw, 0x8040000));   /* GICV still listed */
	assert_true(has_device(&hw, 0x8041000));   /* its second page too */
	assert_true(has_device(&hw, 0xa003e00));   /* the last virtio-mmio */
	assert_true(has_device(&hw, 0x9020000));   /* fw-cfg, widened to its page */
	assert_false(has_device(&hw, 0x8020000));  /* no device between GICC and GICH */
	assert_int_equal(hw.devices_left_out, 1);  /* PCIe configuration above 4 GiB */
	for (unsigned i = 0; i < hw.device_count; i++) {
		assert_int_equal(hw.devices[i].base % 4096, 0);
		assert_int_equal(hw.devices[i].size % 4096, 0);
		assert_true(hw.devices[i].base + hw.devices[i].size <= 0x100000000ull);
	}
	assert_true(hw.device_count <= 8);
	assert_int_equal(hw.ram_count, 1);          /* not the secure RAM */
	assert_int_equal(hw.console.base, 0x9000000); /* not the secure UART */
	assert_false(has_device(&hw, 0x9040000));
	free(blob);
}

static void names_what_is_missing(void **state)
{
	struct hw_desc hw;
	void *blob;
	const char *err = parse("no-memory", &hw, &blob);
	assert_non_null(err);
	assert_non_null(strstr(err, "memory"));
	free(blob);
	err = parse("no-console", &hw, &blob);
	assert_non_null(err);
	assert_non_null(strstr(err, "console"));
	free(blob);
	err = parse("bad-timer", &hw, &blob);
	assert_non_null(err);
	assert_non_null(strstr(err, "timer"));
	free(blob);
}

static void decodes_gic_interrupt_specifiers(void **state)
{
	const uint8_t spi[12] = {0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 4};
	const uint8_t ppi[12] = {0, 0, 0, 1, 0, 0, 0, 10, 0, 0, 0, 4};
	const uint8_t bad_ppi[12] = {0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0, 4};
	const uint8_t bad_type[12] = {0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 4};
	unsigned id;
	assert_int_equal(hwdesc_gic_intid(spi, &id), 0);
	assert_int_equal(id, 37);
	assert_int_equal(hwdesc_gic_intid(ppi, &id), 0);
	assert_int_equal(id, 26);
	assert_int_equal(hwdesc_gic_intid(bad_ppi, &id), -FDT_ERR_BADVALUE);
	assert_int_equal(hwdesc_gic_intid(bad_type, &id), -FDT_ERR_BADVALUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(describes_vexpress_a15),
		cmocka_unit_test(describes_virt),
		cmocka_unit_test(describes_vexpress_a9),
		cmocka_unit_test(follows_stdout_path_through_alias_and_buses),
		cmocka_unit_test(lists_every_device_region),
		cmocka_unit_test(merges_neighbouring_devices),
		cmocka_unit_test(names_what_is_missing),
		cmocka_unit_test(decodes_gic_interrupt_specifiers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
