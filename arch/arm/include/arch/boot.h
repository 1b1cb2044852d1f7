/* SPDX-License-Identifier: MIT */
/* Early boot: getting into the kernel's mode and setting up translation.
 * Called once, in this order, from kernel_boot() on the boot CPU, with the
 * MMU off and interrupts masked. */
#ifndef ARCH_BOOT_H
#define ARCH_BOOT_H

#include <tern/hwdesc.h>

enum arch_entry_state {
	ARCH_ENTRY_HYP,            /* Non-secure HYP: the kernel's mode */
	ARCH_ENTRY_SECURE_SVC,     /* switched to HYP through Monitor mode */
	ARCH_ENTRY_NONSECURE_SVC,  /* HYP unreachable */
	ARCH_ENTRY_OTHER,
};

struct arch_boot_info {
	enum arch_entry_state entry;
	uint32_t entry_psr;
};

/* The mode the image was entered in (valid from the first instruction). */
void arch_boot_entry_state(struct arch_boot_info *info);
const char *arch_entry_state_name(enum arch_entry_state state);
/* Brings the CPU into the kernel's mode (HYP on this port). Returns NULL,
 * or a message saying why the kernel cannot run here. */
const char *arch_enter_kernel_mode(const struct hw_desc *hw, struct arch_boot_info *info);
/* Installs the kernel's exception vectors. */
void arch_exceptions_init(void);
/* Builds the kernel's address space (RAM and devices of hw) and turns the
 * MMU and caches on. Returns NULL or a message naming the problem. */
const char *arch_mmu_init(const struct hw_desc *hw);
/* The name of the kernel's privilege level for the banner. */
const char *arch_kernel_mode_name(void);

#endif
