// SPDX-License-Identifier: MIT
/* The paravirtual CPU's pieces a VMM provides on the SVC kernel
 * (docs/pv-vcpu.md, sections 3 and 11): the state page, a 4 KiB frame the
 * guest and the kernel share (its interrupt mask, upcall entry and
 * frame), outside guest RAM so that RAM stays whole 2 MiB frames; and the
 * paravirtual timer's frequency, which no CP15 register of the A9 holds.
 * The guest learns both from its device tree. Only the guest maps the
 * page: the VMM has no reason to read it. */
#include <tern/printf.h>
#include "fdt_edit.h"
#include "guest_map.h"
#include "pv_cpu.h"

#ifdef GUEST_PV_STATE_BASE

static const char *describe(const struct l4_vmm_start *st, void *dtb)
{
	char name[32], path[40];
	ksnprintf(name, sizeof(name), "pv-state@%x", GUEST_PV_STATE_BASE);
	ksnprintf(path, sizeof(path), "/%s", name);
	int err = fdt_edit_add_node(dtb, "/", name);
	if (!err)
		err = fdt_edit_setprop_reg(dtb, path, GUEST_PV_STATE_BASE, L4_PAGE_SIZE);
	if (!err)
		err = fdt_edit_setprop_string(dtb, path, "compatible", "tern,pv-state");
	if (err)
		return "cannot add the state page's node to the guest's device tree";
	/* the guest's own tree names the timer node; a tree without one gets
	 * no timer, and the guest says so */
	if (fdt_edit_setprop_u32(dtb, "/timer", "clock-frequency", st->counter_hz))
		l4_printf("%s: the guest's device tree has no /timer node for the paravirtual "
			  "timer's frequency\n", st->guest);
	return NULL;
}

const char *pv_cpu_attach(const struct l4_vmm_start *st, l4_cptr_t vcpu, l4_cptr_t guest_vspace,
			  void *dtb, unsigned *next_slot)
{
	l4_cptr_t table = (*next_slot)++, page = (*next_slot)++;
	if (l4_untyped_retype(L4_VMM_CAP_UNTYPED, L4_OBJ_PAGE_TABLE, 0, L4_VMM_CAP_CNODE, table, 1) ||
	    l4_untyped_retype(L4_VMM_CAP_UNTYPED, L4_OBJ_FRAME_4K, 0, L4_VMM_CAP_CNODE, page, 1))
		return "not enough memory for the paravirtual state page";
	if (l4_page_table_map(table, guest_vspace, GUEST_PV_STATE_BASE & ~(L4_FRAME_2M_SIZE - 1)) ||
	    l4_frame_map(page, guest_vspace, GUEST_PV_STATE_BASE, L4_RIGHT_READ | L4_RIGHT_WRITE, 0))
		return "cannot map the paravirtual state page into the guest";
	int err = l4_vcpu_set_state_page(vcpu, page);
	if (err) {
		static char why[64];
		ksnprintf(why, sizeof(why), "the kernel refused the state page (error %d)", err);
		return why;
	}
	const char *bad = describe(st, dtb);
	if (bad)
		return bad;
	l4_printf("%s: paravirtual CPU: state page at guest physical 0x%08x, timer at %u Hz\n",
		  st->guest, GUEST_PV_STATE_BASE, st->counter_hz);
	return NULL;
}

#else

const char *pv_cpu_attach(const struct l4_vmm_start *st, l4_cptr_t vcpu, l4_cptr_t guest_vspace,
			  void *dtb, unsigned *next_slot)
{
	return "this kernel's VCPUs are not paravirtual";
}

#endif
