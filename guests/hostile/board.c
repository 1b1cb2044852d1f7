// SPDX-License-Identifier: MIT
/* What the guest learns from its device tree: where its RAM, UART and GIC
 * are (the VMM's guest DTB, dts/guests/linux-a15.dts), and the campaign's
 * parameters from /chosen (put there by hostile.mk with fdtput). Without a
 * readable tree it falls back to the addresses that DTS gives and says so:
 * the campaign is still worth running. */
#include <tern/fdt.h>
#include <tern/string.h>
#include "hostile.h"

#define DEFAULT_SEED 1
#define DEFAULT_ACTIONS 4000
#define DTB_MAX_SIZE 0x10000 /* the VMM's GUEST_DTB_MAX */

struct board board = {
	.ram_base = 0x80000000u, .ram_size = 0x08000000u,
	.uart = 0x1c090000u, .gicd = 0x2c001000u, .gicc = 0x2c002000u, .gicc_size = 0x2000u,
	.seed = DEFAULT_SEED, .actions = DEFAULT_ACTIONS,
};

static bool reg_of(const struct fdt *fdt, int node, unsigned index, uint32_t *base, uint32_t *size)
{
	uint64_t b, s;
	if (node < 0 || fdt_reg(fdt, node, index, &b, &s) || b >> 32 || s >> 32)
		return false;
	*base = (uint32_t)b;
	if (size)
		*size = (uint32_t)s;
	return true;
}

void board_read(uint32_t dtb)
{
	struct fdt fdt;
	board.dtb = dtb;
	int err = fdt_open(&fdt, (const void *)dtb, DTB_MAX_SIZE);
	if (err) {
		board.problem = fdt_strerror(err);
		return;
	}
	board.dtb_size = fdt_header_size((const void *)dtb);

	if (!reg_of(&fdt, fdt_path(&fdt, "/memory"), 0, &board.ram_base, &board.ram_size))
		board.problem = "no /memory reg";
	if (!reg_of(&fdt, fdt_find_compatible(&fdt, -1, "arm,pl011"), 0, &board.uart, NULL))
		board.problem = "no arm,pl011 node";
	int gic = fdt_find_compatible(&fdt, -1, "arm,cortex-a15-gic");
	if (!reg_of(&fdt, gic, 0, &board.gicd, NULL) ||
	    !reg_of(&fdt, gic, 1, &board.gicc, &board.gicc_size))
		board.problem = "no arm,cortex-a15-gic node with two regs";

	/* optional: the campaign's virtio class does nothing without it */
	if (!reg_of(&fdt, fdt_find_compatible(&fdt, -1, "virtio,mmio"), 0, &board.virtio, NULL))
		board.virtio = 0;

	int chosen = fdt_path(&fdt, "/chosen");
	uint32_t value;
	if (!fdt_prop_u32(&fdt, chosen, "tern,hostile-seed", &value))
		board.seed = value;
	if (!fdt_prop_u32(&fdt, chosen, "tern,hostile-actions", &value))
		board.actions = value;
	if (!fdt_prop_u32(&fdt, chosen, "tern,hostile-trace", &value))
		board.trace = value != 0;
	board.skip = fdt_prop(&fdt, chosen, "tern,hostile-skip", &board.skip_length);
}
