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

static const char *mode_name(uint32_t psr)
{
	switch (psr & PSR_MODE_MASK) {
	case PSR_MODE_USR: return "USR";
	case PSR_MODE_FIQ: return "FIQ";
	case PSR_MODE_IRQ: return "IRQ";
	case PSR_MODE_SVC: return "SVC";
	case PSR_MODE_MON: return "MON";
	case PSR_MODE_ABT: return "ABT";
	case PSR_MODE_UND: return "UND";
	case PSR_MODE_SYS: return "SYS";
	default: return "invalid";
	}
}

void arch_exception_report(struct arch_exception_frame *f, unsigned vector)
{
	const char *vname = vector < ARRAY_SIZE(vector_names) ? vector_names[vector] : "?";
	uint32_t dfsr = sysreg_read32(DFSR), dfar = sysreg_read32(DFAR);
	uint32_t ifsr = sysreg_read32(IFSR), ifar = sysreg_read32(IFAR);

	kprintf("\n*** Tern: unexpected exception in the kernel: %s\n", vname);
	if (vector == 4 /* data abort */ && arch_stack_guard_hit(dfar))
		kprintf("*** kernel stack overflow: SP %08x reached the guard page below the stack\n",
			f->sp);
	kprintf("    taken from %s mode at PC %08x, SPSR %08x\n", mode_name(f->spsr), f->elr,
		f->spsr);
	if (vector == 4)
		kprintf("    DFSR %08x: %s on a %s, DFAR %08x\n", dfsr, fault_status_name(dfsr),
			(dfsr & DFSR_WNR) ? "write" : "read", dfar);
	else if (vector == 3)
		kprintf("    IFSR %08x: %s, IFAR %08x\n", ifsr, fault_status_name(ifsr), ifar);
	for (unsigned i = 0; i < 13; i++)
		kprintf("    r%-2u %08x%s", i, f->r[i], (i % 4 == 3) ? "\n" : "");
	kprintf("    sp  %08x    lr  %08x\n", f->sp, f->lr);
	kprintf("*** System halted.\n");
	arch_halt();
}
