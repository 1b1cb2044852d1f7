// SPDX-License-Identifier: MIT
#include <l4/vmm_start.h>
#include <tern/fdt.h>
#include "bench_device.h"

#define CNTV_CTL_ENABLE 0x1u
#define CNTV_CTL_STATE 0x7u /* ENABLE, IMASK, ISTATUS */

void bench_device_init(struct bench_device *b, const void *dtb, size_t size, struct vgic_dist *dist)
{
	struct fdt fdt;
	*b = (struct bench_device){.dist = dist};
	b->present = fdt_open(&fdt, dtb, size) == 0 &&
		     fdt_find_compatible(&fdt, -1, "tern,bench-device") >= 0;
}

/* The helper: armed, it runs only when the guest has blocked (it is below
 * the guest), takes the guest's VCPU state out of the CPU (any register
 * access does: the kernel syncs the VCPU into memory first) and spins until
 * the guest, running again, ends the spell. */
static uint64_t helper_stack[128];

static __attribute__((noreturn)) void helper_main(struct bench_device *b)
{
	for (;;) {
		l4_wait(b->helper_ntfn);
		uint32_t spell = b->helper_spell;
		unsigned ctl = 0;
		l4_vcpu_read_registers(b->vcpu, L4_VCPU_CNTV_CTL, 1, &ctl);
		/* enabled, not masked, not yet due: only the kernel's deadline
		 * timer can fire it now */
		if ((ctl & CNTV_CTL_STATE) == CNTV_CTL_ENABLE)
			b->helper_armed++;
		while (b->helper_spell == spell)
			;
	}
}

const char *bench_device_start_helper(struct bench_device *b, l4_cptr_t tcb, l4_cptr_t ntfn,
				      l4_cptr_t signal_slot, l4_cptr_t vcpu, unsigned priority)
{
	if (!tcb || !ntfn)
		return "not enough memory for its thread";
	/* signalled with a badge: an unbadged signal to a notification that
	 * nobody waits on yet would leave nothing pending */
	if (l4_cnode_mint(L4_VMM_CAP_CNODE, signal_slot, ntfn, L4_RIGHTS_ALL, 1) ||
	    l4_tcb_configure(tcb, L4_VMM_CAP_CNODE, L4_VMM_CAP_VSPACE, 0, 0) ||
	    l4_tcb_set_priority(tcb, priority, L4_VMM_CAP_TCB))
		return "cannot make its thread";
	b->vcpu = vcpu;
	b->helper_ntfn = ntfn;
	b->helper_signal = signal_slot;
	uint32_t sp = (uint32_t)(uintptr_t)&helper_stack[ARRAY_SIZE(helper_stack)];
	if (l4_tcb_write_registers(tcb, (uint32_t)(uintptr_t)helper_main, sp, (uint32_t)(uintptr_t)b, 1)) {
		b->helper_ntfn = 0;
		return "cannot start its thread";
	}
	return NULL;
}

bool bench_device_read(const struct bench_device *b, uint32_t offset, unsigned size, uint32_t *value)
{
	if (size != 4)
		return false;
	switch (offset) {
	case BENCH_NULL:
		*value = 0;
		return true;
	case BENCH_VMM_CYCLES:
		*value = b->vmm_cycles;
		return true;
	case BENCH_HELPER:
		*value = b->helper_armed;
		return true;
	default:
		return false;
	}
}

bool bench_device_write(struct bench_device *b, uint32_t offset, unsigned size, uint32_t value)
{
	if (size != 4)
		return false;
	if (offset == BENCH_NULL)
		return true; /* apart, before any frame: the round trip the MMIO rows time */
	switch (offset) {
	case BENCH_RAISE:
		vgic_dist_pulse(b->dist, BENCH_IRQ);
		return true;
	case BENCH_HELPER:
		if (!b->helper_ntfn || value > 1)
			return false;
		b->helper_spell++;
		if (value)
			l4_signal(b->helper_signal);
		return true;
	default:
		return false;
	}
}
