// SPDX-License-Identifier: MIT
#include "../../arch_private.h"
#include <arch/boot.h>
#include <arch/sysreg.h>

const char *arch_kernel_mode_name(void)
{
	return (cpsr_read() & PSR_MODE_MASK) == PSR_MODE_HYP ? "HYP (PL2, non-secure)" : "not HYP";
}

const char *arch_enter_kernel_mode(const struct hw_desc *hw, struct arch_boot_info *info)
{
	arch_boot_entry_state(info);
	switch (info->entry) {
	case ARCH_ENTRY_HYP:
		return NULL;
	case ARCH_ENTRY_SECURE_SVC:
		if (!FIELD_GET(ID_PFR1_VIRT, sysreg_read32(ID_PFR1)))
			return "this CPU has no virtualization extensions: HYP mode is unreachable";
		gic_secure_handoff(hw);
		arch_secure_svc_to_hyp();
		if ((cpsr_read() & PSR_MODE_MASK) != PSR_MODE_HYP)
			return "the switch from Secure SVC through Monitor mode did not reach HYP";
		return NULL;
	case ARCH_ENTRY_NONSECURE_SVC:
		if (!FIELD_GET(ID_PFR1_VIRT, sysreg_read32(ID_PFR1)))
			return "entered in Non-secure SVC on a CPU without virtualization extensions: "
			       "HYP mode is unreachable";
		return "entered in Non-secure SVC: HYP mode is unreachable from here (start Tern in "
		       "HYP or Secure SVC, e.g. QEMU -M ...,virtualization=on)";
	default:
		return "entered in a mode other than HYP or SVC: HYP mode is unreachable";
	}
}

void arch_exceptions_init(void)
{
	sysreg_write32(HVBAR, (uint32_t)(uintptr_t)hyp_vectors);
	/* ThumbEE's handler base and Jazelle's control registers would be one
	 * more thing a guest writes and the next thread reads: trapped for
	 * everyone (a guest's access exits to its VMM, which reads as zero) */
	sysreg_write32(HSTR, HSTR_TTEE | HSTR_TJDBX);
	isb();
}
