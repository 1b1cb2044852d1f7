// SPDX-License-Identifier: MIT
/* The window's frames are the root task's caps copied into this VMM's
 * CNode; they are mapped into the guest only, never into the VMM, which
 * has no reason to read the guest's pixels. A window is mapped cacheable at
 * stage 2: Linux maps a simple-framebuffer write-combining (Normal
 * non-cacheable), and the stricter of the two stages applies, so its
 * pixels reach memory where the CLCD reads them. Everything in the start
 * page and in the guest's DTB is checked before use. */
#include <tern/kconfig.h>
#include <tern/printf.h>
#include <tern/string.h>
#include "fdt_edit.h"
#include "framebuffer.h"
#include "guest_map.h"

#define GIB 0x40000000u
/* On the SVC kernel the guest's VSpace is the hardware's only translation
 * (its MMU is off, there is no second stage to make it stricter): the
 * window is mapped uncached there, so the pixels reach memory. */
#define WINDOW_ATTRIBUTES (IS_ENABLED(CONFIG_ARM_SVC) ? L4_FRAME_UNCACHED : 0u)

static const char *check_window(const struct l4_vmm_start *st)
{
	unsigned long long bytes = (unsigned long long)st->window_stride * st->window_height;
	if (!st->window_width || !st->window_height ||
	    st->window_stride / 4 < st->window_width)
		return "the window's width, height or stride is out of range";
	if (bytes != (unsigned long long)st->window_frames * L4_PAGE_SIZE)
		return "the window's frames do not hold exactly its lines";
	if (bytes > GUEST_FRAMEBUFFER_MAX)
		return "the window is larger than the guest's framebuffer region";
	if (st->window_first < L4_VMM_CAP_ARCHIVE + st->archive_frames ||
	    st->window_frames > st->first_free_slot ||
	    st->window_first > st->first_free_slot - st->window_frames)
		return "the window's frames are not where the start page's free slots begin";
	return NULL;
}

static const char *map_window(const struct l4_vmm_start *st, l4_cptr_t guest_vspace,
			      unsigned *next_slot)
{
	/* a directory for the framebuffer's GiB (where the kernel has them), a
	 * table per 2 MiB it spans */
	unsigned tables = (st->window_frames * L4_PAGE_SIZE + L4_FRAME_2M_SIZE - 1) / L4_FRAME_2M_SIZE;
	l4_cptr_t first = *next_slot;
	if ((L4_HAS_PAGE_DIRECTORY &&
	     l4_untyped_retype(L4_VMM_CAP_UNTYPED, L4_OBJ_PAGE_DIRECTORY, 0, L4_VMM_CAP_CNODE, first, 1)) ||
	    l4_untyped_retype(L4_VMM_CAP_UNTYPED, L4_OBJ_PAGE_TABLE, 0, L4_VMM_CAP_CNODE, first + 1,
			      tables))
		return "not enough memory for the framebuffer's page tables";
	*next_slot += 1 + tables;
	if (L4_HAS_PAGE_DIRECTORY &&
	    l4_page_table_map(first, guest_vspace, GUEST_FRAMEBUFFER_BASE & ~(GIB - 1)))
		return "cannot map the framebuffer's page directory";
	for (unsigned i = 0; i < tables; i++)
		if (l4_page_table_map(first + 1 + i, guest_vspace,
				      GUEST_FRAMEBUFFER_BASE + i * L4_FRAME_2M_SIZE))
			return "cannot map the framebuffer's page tables";
	for (unsigned i = 0; i < st->window_frames; i++)
		if (l4_frame_map(st->window_first + i, guest_vspace,
				 GUEST_FRAMEBUFFER_BASE + i * L4_PAGE_SIZE,
				 L4_RIGHT_READ | L4_RIGHT_WRITE, WINDOW_ATTRIBUTES))
			return "cannot map the window's frames (were they revoked?)";
	return NULL;
}

static int describe(const struct l4_vmm_start *st, void *dtb)
{
	char name[32], path[40];
	ksnprintf(name, sizeof(name), "framebuffer@%x", GUEST_FRAMEBUFFER_BASE);
	ksnprintf(path, sizeof(path), "/%s", name);
	int err = fdt_edit_add_node(dtb, "/", name);
	if (!err)
		err = fdt_edit_setprop_reg(dtb, path, GUEST_FRAMEBUFFER_BASE, st->window_frames * L4_PAGE_SIZE);
	if (!err)
		err = fdt_edit_setprop_u32(dtb, path, "width", st->window_width);
	if (!err)
		err = fdt_edit_setprop_u32(dtb, path, "height", st->window_height);
	if (!err)
		err = fdt_edit_setprop_u32(dtb, path, "stride", st->window_stride);
	if (!err)
		err = fdt_edit_setprop_string(dtb, path, "format", "a8r8g8b8");
	/* last: a node left half-filled by an error matches no driver */
	if (!err)
		err = fdt_edit_setprop_string(dtb, path, "compatible", "simple-framebuffer");
	return err;
}

const char *framebuffer_attach(const struct l4_vmm_start *st, l4_cptr_t guest_vspace, void *dtb,
			       unsigned *next_slot)
{
	if (!st->window_frames)
		return NULL;
	const char *bad = check_window(st);
	if (!bad)
		bad = map_window(st, guest_vspace, next_slot);
	if (bad)
		return bad;
	int err = describe(st, dtb);
	if (err == -FDT_ERR_BADVALUE)
		return "the guest's device tree has a root #address-cells or #size-cells other than 1 or 2";
	if (err)
		return fdt_edit_strerror(err);
	l4_printf("%s: display window %ux%u (stride %u) at guest physical 0x%08x\n", st->guest,
		  st->window_width, st->window_height, st->window_stride, GUEST_FRAMEBUFFER_BASE);
	return NULL;
}
