// SPDX-License-Identifier: MIT
/* Each channel appears to the guest at GUEST_CHANNEL_BASE + index *
 * GUEST_CHANNEL_STRIDE, in the GiB of the display window, as a node
 *
 *   tern-channel@50000000 {
 *           compatible = "tern,channel";
 *           reg = <0x50000000 0x1000>;
 *           interrupts = <0 48 1>;            (SPI 48 + index, rising edge)
 *           tern,index = <0>;                 (r1 of the doorbell hypercall)
 *           tern,side = <0>;                  (which ring it produces into)
 *           tern,name = "control";
 *           tern,peer = "rtos";
 *   };
 *
 * The frames are mapped cacheable at stage 2, so the guest's own
 * attributes decide: the RTOS (MMU off) and Linux (the driver maps them
 * write-combining, Normal non-cacheable) both access memory directly, and
 * neither can see stale data in a cache the other bypasses. */
#include <tern/printf.h>
#include <tern/string.h>
#include "../guests/channel/tern_channel.h"
#include "channel.h"
#include "fdt_edit.h"
#include "guest_map.h"

#define GIB 0x40000000u
#define SPI_BASE 32u
#define IRQ_TYPE_EDGE_RISING 1u

static const struct l4_vmm_start *start;
static struct vgic_dist *dist;
static unsigned channels; /* attached: mapped and described */

static unsigned guest_irq(unsigned index)
{
	return GUEST_CHANNEL_FIRST_IRQ + index;
}

/* The start page comes from the root task; still, a slot outside the
 * range it handed over would make this VMM use caps it never meant to. */
static const char *check(const struct l4_vmm_start *st)
{
	if (st->channel_count > L4_VMM_MAX_CHANNELS)
		return "more channels than the start page holds";
	unsigned first = L4_VMM_CAP_ARCHIVE + st->archive_frames;
	if (!st->notification || st->notification < first || st->notification >= st->first_free_slot)
		return "no notification for the doorbells";
	for (unsigned i = 0; i < st->channel_count; i++) {
		const struct l4_vmm_channel *c = &st->channel[i];
		if (!c->frames || c->frames * L4_PAGE_SIZE > GUEST_CHANNEL_STRIDE || c->side > 1)
			return "a channel's frame count or side is out of range";
		if (c->first_frame < first || c->frames > st->first_free_slot ||
		    c->first_frame > st->first_free_slot - c->frames ||
		    c->doorbell < first || c->doorbell >= st->first_free_slot ||
		    (c->doorbell >= c->first_frame && c->doorbell < c->first_frame + c->frames))
			return "a channel's slots are not among those the root task filled";
		if (strnlen(c->name, sizeof(c->name)) == sizeof(c->name) ||
		    strnlen(c->peer, sizeof(c->peer)) == sizeof(c->peer))
			return "a channel's name is not terminated";
	}
	return NULL;
}

/* A directory for the GiB (the display window's, if it has one already)
 * and one table for the 2 MiB holding every channel. */
static const char *map_tables(l4_cptr_t guest_vspace, unsigned *next_slot)
{
	l4_cptr_t pd = *next_slot, pt = *next_slot + 1;
	if ((L4_HAS_PAGE_DIRECTORY &&
	     l4_untyped_retype(L4_VMM_CAP_UNTYPED, L4_OBJ_PAGE_DIRECTORY, 0, L4_VMM_CAP_CNODE, pd, 1)) ||
	    l4_untyped_retype(L4_VMM_CAP_UNTYPED, L4_OBJ_PAGE_TABLE, 0, L4_VMM_CAP_CNODE, pt, 1))
		return "not enough memory for the channels' page tables";
	*next_slot += 2;
	int err = L4_HAS_PAGE_DIRECTORY ? l4_page_table_map(pd, guest_vspace, GUEST_CHANNEL_BASE & ~(GIB - 1))
					: L4_OK; /* the SVC kernel has no directories */
	if (err && err != L4_DELETE_FIRST)
		return "cannot map the channels' page directory";
	if (l4_page_table_map(pt, guest_vspace, GUEST_CHANNEL_BASE & ~(L4_FRAME_2M_SIZE - 1)))
		return "cannot map the channels' page table";
	return NULL;
}

static int describe(void *dtb, unsigned index, const struct l4_vmm_channel *c, uint32_t base)
{
	char name[40], path[48];
	ksnprintf(name, sizeof(name), "tern-channel@%x", base);
	ksnprintf(path, sizeof(path), "/%s", name);
	uint32_t interrupt[3] = {0, guest_irq(index) - SPI_BASE, IRQ_TYPE_EDGE_RISING};
	int err = fdt_edit_add_node(dtb, "/", name);
	if (!err)
		err = fdt_edit_setprop_reg(dtb, path, base, c->frames * L4_PAGE_SIZE);
	if (!err)
		err = fdt_edit_setprop_cells(dtb, path, "interrupts", interrupt, 3);
	if (!err)
		err = fdt_edit_setprop_u32(dtb, path, "tern,index", index);
	if (!err)
		err = fdt_edit_setprop_u32(dtb, path, "tern,side", c->side);
	if (!err)
		err = fdt_edit_setprop_string(dtb, path, "tern,name", c->name);
	if (!err)
		err = fdt_edit_setprop_string(dtb, path, "tern,peer", c->peer);
	/* last: a node left half-filled by an error matches no driver */
	if (!err)
		err = fdt_edit_setprop_string(dtb, path, "compatible", TERN_CHANNEL_COMPATIBLE);
	return err;
}

const char *channel_attach(const struct l4_vmm_start *st, l4_cptr_t guest_vspace, void *dtb,
			   struct vgic_dist *d, unsigned *next_slot)
{
	start = st;
	dist = d;
	if (!st->channel_count)
		return NULL;
	const char *bad = check(st);
	if (!bad)
		bad = map_tables(guest_vspace, next_slot);
	if (bad)
		return bad;
	for (unsigned i = 0; i < st->channel_count; i++) {
		const struct l4_vmm_channel *c = &st->channel[i];
		uint32_t base = GUEST_CHANNEL_BASE + i * GUEST_CHANNEL_STRIDE;
		for (unsigned f = 0; f < c->frames; f++)
			if (l4_frame_map(c->first_frame + f, guest_vspace, base + f * L4_PAGE_SIZE,
					 L4_RIGHT_READ | L4_RIGHT_WRITE, 0))
				return "cannot map a channel's frames";
		int err = describe(dtb, i, c, base);
		if (err == -FDT_ERR_BADVALUE)
			return "the guest's device tree has a root #address-cells or #size-cells other "
			       "than 1 or 2";
		if (err)
			return fdt_edit_strerror(err);
		channels = i + 1;
		l4_printf("%s: channel %s to %s: %u KiB at guest physical 0x%08x, interrupt %u\n",
			  st->guest, c->name, c->peer, c->frames * 4, base, guest_irq(i));
	}
	return NULL;
}

bool channel_is_call(uint32_t fn)
{
	return fn == TERN_CHANNEL_HVC_DOORBELL;
}

uint32_t channel_call(uint32_t fn, uint32_t arg)
{
	if (fn != TERN_CHANNEL_HVC_DOORBELL || arg >= channels)
		return TERN_CHANNEL_HVC_NO_CHANNEL;
	/* a non-blocking signal: a guest ringing in a loop costs its own
	 * exits, and the peer sees one pending doorbell however many came */
	l4_signal(start->channel[arg].doorbell);
	return 0;
}

void channel_doorbells(uint32_t badge)
{
	for (unsigned i = 0; i < channels; i++)
		if (badge & L4_VMM_CHANNEL_BADGE(i))
			vgic_dist_pulse(dist, guest_irq(i));
}
