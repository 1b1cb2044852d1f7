// SPDX-License-Identifier: MIT
/* What the RTOS learns from its device tree: RAM, the PL011, the GIC's
 * distributor and CPU interface (on a paravirtual CPU, the state page that
 * plays its role), the timer's interrupt (and, for the paravirtual timer,
 * its frequency) and its window of the display (a simple-framebuffer node). The tree comes from
 * outside (the VMM passes what the image's builder wrote): the FDT reader
 * bounds every access, and every value is checked here before use. */
#include <tern/fdt.h>
#include <tern/string.h>
#include "board.h"

#define DTB_MAX_SIZE 0x10000 /* the VMM's GUEST_DTB_MAX */
#define GIC_PPI_BASE 16
#define GIC_SPI_BASE 32
#define GIC_MAX_ID 1019u
#define TIMER_VIRTUAL_INDEX 2 /* secure phys, non-secure phys, virtual, hyp */
#define FB_BYTES_PER_PIXEL 4
#define FB_MAX_SIDE 4096

/* The console's address before the tree is read: the guest board's. */
struct board board = {.uart = 0x1c090000u};

extern char _start[], __end[];

static bool reg_of(const struct fdt *fdt, int node, unsigned index, uint32_t *base, uint32_t *size)
{
	uint64_t b, s;
	if (node < 0 || fdt_reg(fdt, node, index, &b, &s) || b >> 32 || s >> 32 || b + s > 1ull << 32)
		return false;
	*base = (uint32_t)b;
	if (size)
		*size = (uint32_t)s;
	return true;
}

static bool first_compatible(const struct fdt *fdt, const char *const *names, int *node)
{
	for (; *names; names++)
		if ((*node = fdt_find_compatible(fdt, -1, *names)) >= 0)
			return true;
	return false;
}

/* The timer's interrupt: entry `index` of the node's interrupts (3 cells
 * each: type, number, flags). */
static bool timer_irq_of(const struct fdt *fdt, int node, unsigned index, unsigned *id)
{
	uint32_t len;
	const uint8_t *cells = fdt_prop(fdt, node, "interrupts", &len);
	const uint32_t entry = 12 * index;
	if (!cells || len < entry + 12)
		return false;
	uint32_t type = fdt_be32(cells + entry), number = fdt_be32(cells + entry + 4);
	uint32_t base = type == 1 ? GIC_PPI_BASE : type == 0 ? GIC_SPI_BASE : 0;
	if (!base || number > GIC_MAX_ID - base)
		return false;
	*id = base + number;
	return true;
}

static bool overlaps(uint32_t a, uint32_t a_size, uint32_t b, uint32_t b_size)
{
	return (uint64_t)a < (uint64_t)b + b_size && (uint64_t)b < (uint64_t)a + a_size;
}

/* The window: frames the VMM maps outside RAM (the shared display), or a
 * reserved part of RAM clear of the RTOS's image and of the tree; never
 * half in RAM. Large enough for height lines of stride bytes, in the one
 * pixel format the renderer writes. */
static const char *read_framebuffer(const struct fdt *fdt, uint32_t dtb)
{
	int node = fdt_find_compatible(fdt, -1, "simple-framebuffer");
	struct framebuffer fb;
	if (node < 0)
		return "no simple-framebuffer node";
	if (!reg_of(fdt, node, 0, &fb.base, &fb.size))
		return "the framebuffer's reg is missing or above 4 GiB";
	if (fdt_prop_u32(fdt, node, "width", &fb.width) ||
	    fdt_prop_u32(fdt, node, "height", &fb.height) ||
	    fdt_prop_u32(fdt, node, "stride", &fb.stride))
		return "the framebuffer has no width, height or stride";
	const char *format = fdt_prop_string(fdt, node, "format");
	if (!format || strcmp(format, "a8r8g8b8") != 0)
		return "the framebuffer's format is not a8r8g8b8";
	if (!fb.width || !fb.height || fb.width > FB_MAX_SIDE || fb.height > FB_MAX_SIDE)
		return "the framebuffer's width or height is 0 or too large";
	if (fb.stride < fb.width * FB_BYTES_PER_PIXEL || fb.stride % FB_BYTES_PER_PIXEL)
		return "the framebuffer's stride is shorter than a line or not whole pixels";
	if ((uint64_t)fb.stride * fb.height > fb.size)
		return "the framebuffer's lines do not fit in its reg";
	if (fb.base % FB_BYTES_PER_PIXEL)
		return "the framebuffer is not aligned to a pixel";
	bool in_ram = fb.base >= board.ram_base &&
		      (uint64_t)fb.base + fb.size <= (uint64_t)board.ram_base + board.ram_size;
	if (!in_ram && overlaps(fb.base, fb.size, board.ram_base, board.ram_size))
		return "the framebuffer straddles the edge of RAM";
	if (overlaps(fb.base, fb.size, (uint32_t)_start, (uint32_t)(__end - _start)))
		return "the framebuffer overlaps the RTOS's image";
	if (overlaps(fb.base, fb.size, dtb, fdt_header_size((const void *)dtb)))
		return "the framebuffer overlaps the device tree";
	board.fb = fb;
	return NULL;
}

/* The first interrupt of a node: an SPI (type 0), as interrupt ID. */
static bool spi_of(const struct fdt *fdt, int node, unsigned *id)
{
	uint32_t len;
	const uint8_t *cells = fdt_prop(fdt, node, "interrupts", &len);
	if (!cells || len < 12 || fdt_be32(cells) != 0 || fdt_be32(cells + 4) > GIC_MAX_ID - GIC_SPI_BASE)
		return false;
	*id = GIC_SPI_BASE + fdt_be32(cells + 4);
	return true;
}

/* The channel: outside RAM (frames its VMM maps beside it), clear of the
 * display window, at least one frame. */
static const char *read_channel(const struct fdt *fdt)
{
	int node = fdt_find_compatible(fdt, -1, "tern,channel");
	struct channel_region c;
	if (node < 0)
		return "no tern,channel node";
	if (!reg_of(fdt, node, 0, &c.base, &c.size))
		return "the channel's reg is missing or above 4 GiB";
	if (c.size < 4096 || c.base % 4096)
		return "the channel is smaller than a frame or not frame-aligned";
	if (overlaps(c.base, c.size, board.ram_base, board.ram_size))
		return "the channel overlaps RAM";
	if (board.fb.size && overlaps(c.base, c.size, board.fb.base, board.fb.size))
		return "the channel overlaps the display window";
	if (!spi_of(fdt, node, &c.irq))
		return "the channel has no SPI interrupt";
	if (fdt_prop_u32(fdt, node, "tern,index", &c.index) ||
	    fdt_prop_u32(fdt, node, "tern,side", &c.side) || c.side > 1)
		return "the channel has no tern,index or no tern,side of 0 or 1";
	board.channel = c;
	return NULL;
}

const char *board_read(uint32_t dtb)
{
	static const char *const gics[] = {"arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a9-gic", NULL};
	static const char *const timers[] = {"arm,armv7-timer", "arm,armv8-timer", NULL};
	struct fdt fdt;
	int node, err = fdt_open(&fdt, (const void *)dtb, DTB_MAX_SIZE);
	if (err)
		return fdt_strerror(err);
	if (reg_of(&fdt, fdt_find_compatible(&fdt, -1, "arm,pl011"), 0, &board.uart, NULL) == false)
		return "no arm,pl011 node";
	if (!reg_of(&fdt, fdt_path(&fdt, "/memory"), 0, &board.ram_base, &board.ram_size))
		return "no /memory reg below 4 GiB";
	/* a paravirtual CPU (Cortex-A9 under Tern) has no GIC CPU interface:
	 * the state page shared with the kernel plays its role */
	if (!first_compatible(&fdt, gics, &node) || !reg_of(&fdt, node, 0, &board.gicd, NULL) ||
	    (!reg_of(&fdt, node, 1, &board.gicc, NULL) &&
	     !reg_of(&fdt, fdt_find_compatible(&fdt, -1, "tern,pv-state"), 0, &board.gicc, NULL)))
		return "no GICv2 node with distributor and CPU interface regs (nor a tern,pv-state page)";
	if (first_compatible(&fdt, timers, &node)) {
		if (!timer_irq_of(&fdt, node, TIMER_VIRTUAL_INDEX, &board.timer_irq))
			return "the generic timer node has no virtual timer interrupt";
	} else if ((node = fdt_find_compatible(&fdt, -1, "tern,pv-timer")) >= 0) {
		/* one interrupt; its counter's frequency is the VMM's to say */
		if (!timer_irq_of(&fdt, node, 0, &board.timer_irq) ||
		    fdt_prop_u32(&fdt, node, "clock-frequency", &board.timer_hz) || !board.timer_hz)
			return "the tern,pv-timer node has no interrupt or no clock-frequency";
	} else {
		return "no generic timer node (nor a tern,pv-timer)";
	}
	board.fb_problem = read_framebuffer(&fdt, dtb);
	board.channel_problem = read_channel(&fdt);
	return NULL;
}
