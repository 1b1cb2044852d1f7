// SPDX-License-Identifier: MIT
/* The report for an exception the kernel did not expect: which vector, the
 * exception class from HSR decoded, the fault registers and every general
 * register, then a halt. Guest-caused exits never come here. */
#include "../../arch_private.h"
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <tern/printf.h>

static const char *const vector_names[] = {
	"unused vector (reset)", "undefined instruction", "hypervisor call",
	"prefetch abort",        "data abort",            "hyp trap",
	"IRQ",                   "FIQ",
};

static const char *exception_class_name(uint32_t ec)
{
	switch (ec) {
	case 0x00: return "unknown reason (undefined instruction)";
	case 0x01: return "WFI or WFE";
	case 0x03: return "MCR/MRC to CP15";
	case 0x04: return "MCRR/MRRC to CP15";
	case 0x05: return "MCR/MRC to CP14";
	case 0x06: return "LDC/STC to CP14";
	case 0x07: return "HCPTR-trapped access to CP0-CP13 (SIMD/VFP)";
	case 0x08: return "MCR/MRC to CP10 (VMRS)";
	case 0x0c: return "MCRR/MRRC to CP14";
	case 0x0e: return "illegal exception return";
	case 0x11: return "SVC taken to HYP";
	case 0x12: return "HVC";
	case 0x13: return "SMC";
	case 0x20: return "prefetch abort from a lower level";
	case 0x21: return "prefetch abort in HYP";
	case 0x22: return "PC alignment fault";
	case 0x24: return "data abort from a lower level";
	case 0x25: return "data abort in HYP";
	default: return "reserved exception class";
	}
}

void arch_exception_report(struct arch_exception_frame *f, unsigned vector)
{
	uint32_t hsr = sysreg_read32(HSR);
	uint32_t ec = FIELD_GET(HSR_EC, hsr);
	const char *vname = vector < ARRAY_SIZE(vector_names) ? vector_names[vector] : "?";

	arch_exception_report_begin(f, vname, vector == 4 /* data abort */, sysreg_read32(HDFAR));
	kprintf("    HSR %08x: class 0x%02x = %s, IL=%u, ISS %07x\n", hsr, ec,
		exception_class_name(ec), FIELD_GET(HSR_IL, hsr), FIELD_GET(HSR_ISS, hsr));
	kprintf("    HDFAR %08x  HIFAR %08x  HPFAR %08x\n", sysreg_read32(HDFAR),
		sysreg_read32(HIFAR), sysreg_read32(HPFAR));
	arch_exception_report_end(f);
}
