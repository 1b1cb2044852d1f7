// SPDX-License-Identifier: MIT
/* The report for an exception the SVC kernel did not expect: which vector,
 * the interrupted mode and PC, the fault status and address registers
 * decoded, every general register, then a halt. */
#include "../../arch_private.h"
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <tern/printf.h>

static const char *const vector_names[] = {
	"reset",          "undefined instruction", "supervisor call", "prefetch abort",
	"data abort",     "unused vector",         "IRQ",             "FIQ",
};

#define FSR_FS_LOW GENMASK(3, 0)
#define FSR_FS_HIGH BIT(10)
#define DFSR_WNR BIT(11)

/* Short-descriptor fault status (DFSR/IFSR FS[4] and FS[3:0]). */
static const char *fault_status_name(uint32_t fsr)
{
	switch (FIELD_GET(FSR_FS_HIGH, fsr) << 4 | FIELD_GET(FSR_FS_LOW, fsr)) {
	case 0x01: return "alignment fault";
	case 0x02: return "debug event";
	case 0x03: return "access flag fault (section)";
	case 0x06: return "access flag fault (page)";
	case 0x04: return "instruction cache maintenance fault";
	case 0x05: return "translation fault (section)";
	case 0x07: return "translation fault (page)";
	case 0x08: return "synchronous external abort";
	case 0x09: return "domain fault (section)";
	case 0x0b: return "domain fault (page)";
	case 0x0c: return "external abort on translation table walk (first level)";
	case 0x0e: return "external abort on translation table walk (second level)";
	case 0x0d: return "permission fault (section)";
	case 0x0f: return "permission fault (page)";
	case 0x16: return "asynchronous external abort";
	default: return "reserved fault status";
	}
}

void arch_exception_report(struct arch_exception_frame *f, unsigned vector)
{
	const char *vname = vector < ARRAY_SIZE(vector_names) ? vector_names[vector] : "?";
	uint32_t dfsr = sysreg_read32(DFSR), dfar = sysreg_read32(DFAR);
	uint32_t ifsr = sysreg_read32(IFSR), ifar = sysreg_read32(IFAR);

	arch_exception_report_begin(f, vname, vector == 4 /* data abort */, dfar);
	if (vector == 4)
		kprintf("    DFSR %08x: %s on a %s, DFAR %08x\n", dfsr, fault_status_name(dfsr),
			(dfsr & DFSR_WNR) ? "write" : "read", dfar);
	else if (vector == 3)
		kprintf("    IFSR %08x: %s, IFAR %08x\n", ifsr, fault_status_name(ifsr), ifar);
	arch_exception_report_end(f);
}
