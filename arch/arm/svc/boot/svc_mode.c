// SPDX-License-Identifier: MIT
/* The SVC variant's boot (Cortex-A9, no virtualization extensions): the
 * kernel stays in the SVC mode it was entered in, Secure (QEMU
 * vexpress-a9's default) or Non-secure (secure=off); both give it PL1,
 * which is all it needs. */
#include "../../arch_private.h"
#include <arch/boot.h>
#include <arch/sysreg.h>

const char *arch_kernel_mode_name(void)
{
	return (cpsr_read() & PSR_MODE_MASK) == PSR_MODE_SVC ? "SVC (PL1)" : "not SVC";
}

const char *arch_enter_kernel_mode(const struct hw_desc *hw, struct arch_boot_info *info)
{
	arch_boot_entry_state(info);
	if (info->entry == ARCH_ENTRY_SECURE_SVC || info->entry == ARCH_ENTRY_NONSECURE_SVC)
		return NULL;
	return "entered in a mode other than SVC: this kernel runs in SVC (PL1)";
}

void arch_exceptions_init(void)
{
	/* vectors at VBAR, not the high vectors at 0xffff0000 */
	sysreg_write32(SCTLR, sysreg_read32(SCTLR) & ~SCTLR_V);
	sysreg_write32(VBAR, (uint32_t)(uintptr_t)svc_vectors);
	isb();
}
