/* SPDX-License-Identifier: MIT */
/* The paravirtual CPU of a guest on the SVC kernel (Cortex-A9). */
#ifndef VMM_PV_CPU_H
#define VMM_PV_CPU_H

#include <l4/l4.h>
#include <l4/vmm_start.h>

/* Gives the VCPU its state page (a frame of the VMM's, mapped into the
 * guest at GUEST_PV_STATE_BASE) and tells the guest's device tree where
 * it is (a "tern,pv-state" node) and how fast the paravirtual timer counts
 * (the "tern,pv-timer" node's clock-frequency). NULL, or why the guest
 * cannot run. */
const char *pv_cpu_attach(const struct l4_vmm_start *st, l4_cptr_t vcpu, l4_cptr_t guest_vspace,
			  void *dtb, unsigned *next_slot);

#endif
