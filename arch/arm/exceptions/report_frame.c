// SPDX-License-Identifier: MIT
/* The parts of the unexpected-exception report both variants print alike
 * from the saved frame: the vector, a stack overflow, the mode and PC it was
 * taken from, and every general register before the halt. Each variant's
 * exceptions/report.c decodes its own fault registers in between. */
#include "../arch_private.h"
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <tern/printf.h>

static const char *mode_name(uint32_t psr)
{
	switch (psr & PSR_MODE_MASK) {
	case PSR_MODE_USR: return "USR";
	case PSR_MODE_FIQ: return "FIQ";
	case PSR_MODE_IRQ: return "IRQ";
	case PSR_MODE_SVC: return "SVC";
	case PSR_MODE_MON: return "MON";
	case PSR_MODE_ABT: return "ABT";
	case PSR_MODE_HYP: return "HYP";
	case PSR_MODE_UND: return "UND";
	case PSR_MODE_SYS: return "SYS";
	default: return "invalid";
	}
}

void arch_exception_report_begin(const struct arch_exception_frame *f, const char *vector_name,
				 bool data_abort, uintptr_t fault_address)
{
	kprintf("\n*** Tern: unexpected exception in the kernel: %s\n", vector_name);
	if (data_abort && arch_stack_guard_hit(fault_address))
		kprintf("*** kernel stack overflow: SP %08x reached the guard page below the stack\n",
			f->sp);
	kprintf("    taken from %s mode at PC %08x, SPSR %08x\n", mode_name(f->spsr), f->elr,
		f->spsr);
}

void arch_exception_report_end(const struct arch_exception_frame *f)
{
	for (unsigned i = 0; i < 13; i++)
		kprintf("    r%-2u %08x%s", i, f->r[i], (i % 4 == 3) ? "\n" : "");
	kprintf("    sp  %08x    lr  %08x\n", f->sp, f->lr);
	kprintf("*** System halted.\n");
	arch_halt();
}
