// SPDX-License-Identifier: MIT
#include <tern/hwdesc.h>
#include <tern/string.h>

#define GIC_SPI 0
#define GIC_PPI 1
#define GIC_CELLS 3

static const char *const gic_compatibles[] = {
	"arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a7-gic", "arm,cortex-a9-gic",
};

int hwdesc_gic_intid(const uint8_t *spec, unsigned *intid)
{
	uint32_t type = fdt_be32(spec), num = fdt_be32(spec + 4);
	if (type == GIC_SPI && num < 988)
		*intid = 32 + num;
	else if (type == GIC_PPI && num < 16)
		*intid = 16 + num;
	else
		return -FDT_ERR_BADVALUE;
	return 0;
}

/* The interrupt `index` of node, as a GIC interrupt ID. */
static int node_irq(const struct fdt *fdt, int node, unsigned index, unsigned *intid)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(fdt, node, "interrupts", &len);
	if (!p)
		return -FDT_ERR_NOTFOUND;
	if (len % (4 * GIC_CELLS) || index >= len / (4 * GIC_CELLS))
		return -FDT_ERR_BADVALUE;
	return hwdesc_gic_intid(p + index * 4 * GIC_CELLS, intid);
}

/* A node is in use unless its status says otherwise (the Devicetree
 * specification: absent means "okay"). Tern runs in the Non-secure world:
 * what QEMU's virt tree marks status = "disabled", secure-status = "okay"
 * (the secure RAM, UART and GPIO when started with secure=on) is not its. */
static bool node_enabled(const struct fdt *fdt, int node)
{
	const char *status = fdt_prop_string(fdt, node, "status");
	return !status || strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0;
}

static const char *parse_memory(const struct fdt *fdt, struct hw_desc *hw)
{
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		const char *type = fdt_prop_string(fdt, node, "device_type");
		if (!type || strcmp(type, "memory") != 0 || !node_enabled(fdt, node))
			continue;
		for (unsigned i = 0;; i++) {
			struct hw_region r;
			int err = fdt_reg(fdt, node, i, &r.base, &r.size);
			if (err == -FDT_ERR_NOTFOUND && i > 0)
				break;
			if (err)
				return "memory node has no valid reg property";
			if (r.size == 0)
				continue;
			if (r.base + r.size < r.base || r.base + r.size > (1ull << 40))
				return "memory bank lies beyond the 40-bit physical address space";
			if (hw->ram_count == HW_MAX_RAM_BANKS)
				return "too many memory banks";
			hw->ram[hw->ram_count++] = r;
		}
	}
	return hw->ram_count ? NULL : "no memory node (device_type = \"memory\")";
}

static const char *parse_console(const struct fdt *fdt, struct hw_desc *hw)
{
	int node = -FDT_ERR_NOTFOUND;
	int chosen = fdt_path(fdt, "/chosen");
	const char *stdout_path = chosen >= 0 ? fdt_prop_string(fdt, chosen, "stdout-path") : NULL;

	if (stdout_path) {
		char path[128];
		size_t len = 0;
		while (stdout_path[len] && stdout_path[len] != ':' && len + 1 < sizeof(path)) {
			path[len] = stdout_path[len];
			len++;
		}
		path[len] = '\0';
		node = fdt_path(fdt, path);
		if (node >= 0 && !fdt_is_compatible(fdt, node, "arm,pl011"))
			node = -FDT_ERR_NOTFOUND;
	}
	if (node < 0)
		node = fdt_find_compatible(fdt, -1, "arm,pl011");
	while (node >= 0 && !node_enabled(fdt, node))
		node = fdt_find_compatible(fdt, node, "arm,pl011");
	if (node < 0)
		return "no console: neither /chosen/stdout-path nor any node is an arm,pl011";
	if (fdt_reg(fdt, node, 0, &hw->console.base, &hw->console.size))
		return "console (arm,pl011) has no valid reg property";
	if (node_irq(fdt, node, 0, &hw->console_irq))
		hw->console_irq = 0;
	return NULL;
}

static const char *parse_gic(const struct fdt *fdt, struct hw_desc *hw)
{
	int node = -FDT_ERR_NOTFOUND;
	for (size_t i = 0; i < ARRAY_SIZE(gic_compatibles) && node < 0; i++)
		node = fdt_find_compatible(fdt, -1, gic_compatibles[i]);
	if (node < 0)
		return "no GICv2 interrupt controller (e.g. arm,cortex-a15-gic)";
	for (unsigned i = 0; i < HW_GIC_REGION_COUNT; i++) {
		int err = fdt_reg(fdt, node, i, &hw->gic[i].base, &hw->gic[i].size);
		if (err && i <= HW_GIC_CPU)
			return "interrupt controller needs distributor and CPU interface in reg";
		if (err)
			hw->gic[i] = (struct hw_region){0, 0};
	}
	hw->gic_has_virt = hw->gic[HW_GIC_HYP].size && hw->gic[HW_GIC_VCPU].size;
	if (node_irq(fdt, node, 0, &hw->gic_maintenance_irq))
		hw->gic_maintenance_irq = 0;
	return NULL;
}

/* The Cortex-A9 MPCore's timers, for a CPU without the generic timer: the
 * global timer's 64-bit count is the clock, the private timer the tick.
 * Both count PERIPHCLK, which only the tree can say. */
static const char *parse_mpcore_timers(const struct fdt *fdt, struct hw_desc *hw)
{
	int global = fdt_find_compatible(fdt, -1, "arm,cortex-a9-global-timer");
	int private = fdt_find_compatible(fdt, -1, "arm,cortex-a9-twd-timer");
	if (global < 0 || private < 0)
		return "no timer: neither a generic timer (arm,armv7-timer) nor the Cortex-A9's "
		       "global and private timers (arm,cortex-a9-global-timer, "
		       "arm,cortex-a9-twd-timer)";
	if (fdt_reg(fdt, global, 0, &hw->mpcore_global_timer.base, &hw->mpcore_global_timer.size) ||
	    fdt_reg(fdt, private, 0, &hw->mpcore_private_timer.base,
		    &hw->mpcore_private_timer.size))
		return "Cortex-A9 global and private timers need their registers in reg";
	if (node_irq(fdt, private, 0, &hw->mpcore_private_timer_irq))
		return "Cortex-A9 private timer (arm,cortex-a9-twd-timer) needs its GIC interrupt";
	if (fdt_prop_u32(fdt, global, "clock-frequency", &hw->timer_clock_hz) ||
	    hw->timer_clock_hz == 0)
		return "Cortex-A9 global timer needs its clock-frequency (PERIPHCLK)";
	hw->timer_mpcore = true;
	return NULL;
}

static const char *parse_timer(const struct fdt *fdt, struct hw_desc *hw)
{
	int node = fdt_find_compatible(fdt, -1, "arm,armv7-timer");
	if (node < 0)
		return parse_mpcore_timers(fdt, hw);
	for (unsigned i = 0; i < HW_TIMER_IRQ_COUNT; i++)
		if (node_irq(fdt, node, i, &hw->timer_irq[i]))
			return "timer needs four GIC interrupts (secure, non-secure, virtual, hyp)";
	if (fdt_prop_u32(fdt, node, "clock-frequency", &hw->timer_clock_hz))
		hw->timer_clock_hz = 0;
	return NULL;
}

#define DEVICE_PAGE 4096u
#define DEVICE_ADDR_LIMIT (1ull << 32)

/* Adds one device region, widened to whole pages, to hw->devices: merged
 * into a listed region it overlaps or touches, so that a tree with many
 * small devices side by side (QEMU virt's 32 virtio-mmio transports of 512
 * bytes each in 16 KiB) takes few entries and a later device (the GIC's
 * virtual CPU interface) still finds room. */
static void add_device_region(struct hw_desc *hw, paddr_t base, uint64_t size)
{
	paddr_t start = base & ~(paddr_t)(DEVICE_PAGE - 1);
	paddr_t end = (base + size + DEVICE_PAGE - 1) & ~(paddr_t)(DEVICE_PAGE - 1);
	/* the kernel's untyped and frame capabilities hold 32-bit physical
	 * addresses: a region above 4 GiB (QEMU virt's PCIe configuration
	 * space when QEMU loads the kernel itself) cannot be offered */
	if (!size || end <= start || end > DEVICE_ADDR_LIMIT) {
		hw->devices_left_out++;
		return;
	}
	for (unsigned i = 0; i < hw->device_count; i++) {
		struct hw_region *r = &hw->devices[i];
		if (start <= r->base + r->size && r->base <= end) {
			paddr_t merged_end = end > r->base + r->size ? end : r->base + r->size;
			if (start < r->base)
				r->base = start;
			r->size = merged_end - r->base;
			return;
		}
	}
	if (hw->device_count == HW_MAX_DEVICES) {
		hw->devices_left_out++;
		return;
	}
	hw->devices[hw->device_count++] = (struct hw_region){start, end - start};
}

/* Every reg of every device node (compatible, not memory or a CPU). */
static void parse_devices(const struct fdt *fdt, struct hw_desc *hw)
{
	int depth = 0;
	for (int node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const char *type = fdt_prop_string(fdt, node, "device_type");
		if (depth <= 1 || !fdt_prop(fdt, node, "compatible", NULL) || !node_enabled(fdt, node) ||
		    (type && (strcmp(type, "memory") == 0 || strcmp(type, "cpu") == 0)))
			continue;
		for (unsigned i = 0;; i++) {
			struct hw_region r;
			if (fdt_reg(fdt, node, i, &r.base, &r.size))
				break;
			if (r.base + r.size < r.base)
				hw->devices_left_out++;
			else if (r.size)
				add_device_region(hw, r.base, r.size);
		}
	}
}

static void parse_optional(const struct fdt *fdt, struct hw_desc *hw)
{
	int root = fdt_next_node(fdt, -1, NULL);
	hw->model = fdt_prop_string(fdt, root, "model");
	if (!hw->model)
		hw->model = "unknown";

	hw->cpu_compatible = "unknown";
	int cpus = fdt_path(fdt, "/cpus");
	for (int cpu = cpus >= 0 ? fdt_first_child(fdt, cpus) : -1; cpu >= 0;
	     cpu = fdt_next_sibling(fdt, cpu)) {
		const char *compat = fdt_prop_string(fdt, cpu, "compatible");
		if (compat) {
			hw->cpu_compatible = compat;
			break;
		}
	}

	int clcd = fdt_find_compatible(fdt, -1, "arm,pl111");
	if (clcd < 0 || fdt_reg(fdt, clcd, 0, &hw->display.base, &hw->display.size))
		hw->display = (struct hw_region){0, 0};
}

const char *hwdesc_parse(const struct fdt *fdt, struct hw_desc *hw)
{
	const char *err;
	memset(hw, 0, sizeof(*hw));
	if ((err = parse_memory(fdt, hw)) || (err = parse_console(fdt, hw)) ||
	    (err = parse_gic(fdt, hw)) || (err = parse_timer(fdt, hw)))
		return err;
	parse_optional(fdt, hw);
	parse_devices(fdt, hw);
	return NULL;
}

uint64_t hwdesc_ram_size(const struct hw_desc *hw)
{
	uint64_t total = 0;
	for (unsigned i = 0; i < hw->ram_count; i++)
		total += hw->ram[i].size;
	return total;
}
