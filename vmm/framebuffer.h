/* SPDX-License-Identifier: MIT */
/* The guest's window of the shared display: the frames the root task gave
 * (libl4/include/l4/vmm_start.h) mapped into the guest's stage-2 space
 * outside its RAM, and shown to the guest as a `simple-framebuffer` node
 * of its device tree. The mode is the display owner's; the guest only
 * draws. */
#ifndef VMM_FRAMEBUFFER_H
#define VMM_FRAMEBUFFER_H

#include <l4/l4.h>
#include <l4/vmm_start.h>

/* Maps the window (if the start page gives one) with page tables retyped
 * from L4_VMM_CAP_UNTYPED into slots from *next_slot on, and adds the
 * node to the DTB being built at `dtb` (fdt_edit_open'ed). Returns NULL
 * (also when there is no window) or what is wrong; on an error the DTB
 * shows no framebuffer. */
const char *framebuffer_attach(const struct l4_vmm_start *st, l4_cptr_t guest_vspace, void *dtb,
			       unsigned *next_slot);

#endif
