// SPDX-License-Identifier: MIT
/* Exceptions of user threads on the SVC kernel (vectors.S saved the
 * registers): faults go to the generic kernel with a syndrome shaped like
 * the A15's HSR (libl4/abi.h), so that fault handlers and VMMs read one
 * format on both variants. Nothing a thread does halts the kernel. */
#include "../../arch_private.h"
#include <arch/sysreg.h>
#include <arch/thread.h>
#include <arch/trap.h>
#include <tern/bits.h>

/* vectors.S's kinds: the exception vector's number */
enum { USER_UNDEFINED = 1, USER_PREFETCH_ABORT = 3, USER_DATA_ABORT = 4 };

/* HSR fields and classes (ARM ARM B3.13.6) */
#define HSR_EC_SHIFT 26
#define HSR_IL BIT(25)
#define EC_UNKNOWN 0x00u
#define EC_PREFETCH_ABORT_LOWER 0x20u
#define EC_DATA_ABORT_LOWER 0x24u
#define HSR_DABT_WNR BIT(6)

#define FSR_FS_LOW GENMASK(3, 0)
#define FSR_FS_HIGH BIT(10)
#define DFSR_WNR BIT(11)

/* A short-descriptor fault status as the long-descriptor fault status code
 * HSR carries: translation and permission faults keep their numbers
 * (section = level 1, page = level 3, as both formats number them), a
 * domain fault reads as a permission fault (the kernel's domain is what a
 * user access hits), an alignment fault as LPAE's 0x21, the rest as a
 * synchronous external abort. */
static uint32_t long_fault_status(uint32_t fsr)
{
	uint32_t fs = FIELD_GET(FSR_FS_HIGH, fsr) << 4 | FIELD_GET(FSR_FS_LOW, fsr);
	switch (fs) {
	case 0x05: case 0x07: /* translation, section or page */
	case 0x0d: case 0x0f: /* permission */
		return fs;
	case 0x09: /* domain, section */
		return 0x0d;
	case 0x0b: /* domain, page */
		return 0x0f;
	case 0x01:
		return 0x21;
	default:
		return 0x10;
	}
}

__noreturn void svc_user_exception(struct arch_context *c, unsigned kind);

__noreturn void pv_trap(struct arch_context *c, unsigned kind); /* svc/vcpu/exit.c */

__noreturn void svc_user_exception(struct arch_context *c, unsigned kind)
{
	arch_current_context = c;
	if (c->vmode) /* a deprivileged guest's: upcalls and exits */
		pv_trap(c, kind);
	struct arch_fault f = {.pc = c->pc};
	if (kind == USER_DATA_ABORT) {
		uint32_t dfsr = sysreg_read32(DFSR);
		f.type = ARCH_FAULT_PAGE;
		f.address = sysreg_read32(DFAR);
		f.write = dfsr & DFSR_WNR;
		f.status = EC_DATA_ABORT_LOWER << HSR_EC_SHIFT | HSR_IL |
			   (f.write ? HSR_DABT_WNR : 0) | long_fault_status(dfsr);
	} else if (kind == USER_PREFETCH_ABORT) {
		f.type = ARCH_FAULT_PAGE;
		f.address = sysreg_read32(IFAR);
		f.instruction = true;
		f.status = EC_PREFETCH_ABORT_LOWER << HSR_EC_SHIFT | HSR_IL |
			   long_fault_status(sysreg_read32(IFSR));
	} else {
		/* the undefined instruction's address: LR was 2 past it in Thumb */
		if (c->cpsr & PSR_T)
			f.pc = c->pc += 2;
		f.type = ARCH_FAULT_UNDEFINED;
		f.status = EC_UNKNOWN << HSR_EC_SHIFT | ((c->cpsr & PSR_T) ? 0 : HSR_IL);
	}
	kernel_user_fault(&f);
}
