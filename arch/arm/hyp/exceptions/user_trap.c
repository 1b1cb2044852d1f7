// SPDX-License-Identifier: MIT
/* Traps from user threads, dispatched by HSR's exception class. Every class
 * has a destination: system calls and faults go to the generic kernel;
 * nothing a thread does halts the kernel. */
#include "../../arch_private.h"
#include <arch/sysreg.h>
#include <arch/trap.h>

#define EC_UNKNOWN 0x00
#define EC_CP15_32 0x03 /* HDCR traps: the performance monitor */
#define EC_CP15_64 0x04
#define EC_CP14_32 0x05 /* HDCR traps: debug registers */
#define EC_CP14_LS 0x06
#define EC_HCPTR 0x07 /* VFP/SIMD: native threads have no unit */
#define EC_CP14_64 0x0c
#define EC_SVC 0x11
#define EC_PREFETCH_ABORT_LOWER 0x20
#define EC_DATA_ABORT_LOWER 0x24
#define HSR_ISS_IMM16 GENMASK(15, 0)
#define HSR_DABT_WNR BIT(6)

__noreturn void arch_user_trap(void);

__noreturn void arch_user_trap(void)
{
	uint32_t hsr = sysreg_read32(HSR);
	uint32_t ec = FIELD_GET(HSR_EC, hsr);

	if (vcpu_guest_running())
		arch_vcpu_trap(hsr);

	/* vectors.S sends SVCs to kernel_syscall directly; this is a fallback.
	 * ELR is the instruction after the SVC: the thread continues there. */
	if (ec == EC_SVC)
		kernel_syscall(FIELD_GET(HSR_ISS_IMM16, hsr));

	struct arch_fault f = {.pc = arch_current_context->pc, .status = hsr};
	switch (ec) {
	case EC_DATA_ABORT_LOWER:
		f.type = ARCH_FAULT_PAGE;
		f.address = sysreg_read32(HDFAR);
		f.write = hsr & HSR_DABT_WNR;
		kernel_user_fault(&f);
	case EC_PREFETCH_ABORT_LOWER:
		f.type = ARCH_FAULT_PAGE;
		f.address = sysreg_read32(HIFAR);
		f.instruction = true;
		kernel_user_fault(&f);
	case EC_UNKNOWN:
	case EC_CP15_32:
	case EC_CP15_64:
	case EC_CP14_32:
	case EC_CP14_LS:
	case EC_CP14_64:
	case EC_HCPTR:
		f.type = ARCH_FAULT_UNDEFINED;
		kernel_user_fault(&f);
	default:
		f.type = ARCH_FAULT_UNKNOWN;
		kernel_user_fault(&f);
	}
}
