// SPDX-License-Identifier: MIT
/* The mode and security state the image was entered in, from the CPSR
 * entry.S saved: the same question on both CPU variants. */
#include "../arch_private.h"
#include <arch/boot.h>
#include <arch/sysreg.h>

uint32_t arch_entry_psr; /* written by entry.S after BSS is cleared */

void arch_boot_entry_state(struct arch_boot_info *info)
{
	uint32_t mode = arch_entry_psr & PSR_MODE_MASK;
	info->entry_psr = arch_entry_psr;
	if (mode == PSR_MODE_HYP)
		info->entry = ARCH_ENTRY_HYP;
	else if (mode != PSR_MODE_SVC)
		info->entry = ARCH_ENTRY_OTHER;
	else if (FIELD_GET(ID_PFR1_SECURITY, sysreg_read32(ID_PFR1)) && arch_probe_secure_pl1())
		info->entry = ARCH_ENTRY_SECURE_SVC;
	else
		info->entry = ARCH_ENTRY_NONSECURE_SVC;
}

const char *arch_entry_state_name(enum arch_entry_state state)
{
	switch (state) {
	case ARCH_ENTRY_HYP: return "Non-secure HYP";
	case ARCH_ENTRY_SECURE_SVC: return "Secure SVC";
	case ARCH_ENTRY_NONSECURE_SVC: return "Non-secure SVC";
	default: return "unsupported mode";
	}
}
