// SPDX-License-Identifier: MIT
/* The exceptions the RTOS never expects (vectors.S): reported with what
 * the CPU says about them, then the system halts, so a bug is seen where
 * it happened rather than as a hang later. */
#include "arch.h"
#include "cp15.h"

#define CP15_DFSR "p15, 0, %0, c5, c0, 0"
#define CP15_DFAR "p15, 0, %0, c6, c0, 0"
#define CP15_IFSR "p15, 0, %0, c5, c0, 1"
#define CP15_IFAR "p15, 0, %0, c6, c0, 2"

enum exception_kind { EXC_UNDEF, EXC_SVC, EXC_PABT, EXC_DABT, EXC_FIQ, EXC_OTHER };

__noreturn void arch_exception_fatal(unsigned kind, uint32_t pc);

__noreturn void arch_exception_fatal(unsigned kind, uint32_t pc)
{
	static const char *const names[] = {"undefined instruction", "SVC", "prefetch abort",
					    "data abort", "FIQ", "unexpected vector"};
	const char *name = kind < ARRAY_SIZE(names) ? names[kind] : "exception";
	uint32_t status = 0, address = 0;
	if (kind == EXC_DABT) {
		status = cp15_read(CP15_DFSR);
		address = cp15_read(CP15_DFAR);
	} else if (kind == EXC_PABT) {
		status = cp15_read(CP15_IFSR);
		address = cp15_read(CP15_IFAR);
	}
	kernel_panic(name, pc, status, address);
}

__noreturn void arch_halt(void)
{
	__asm__ volatile("cpsid if" ::: "memory");
	for (;;)
		__asm__ volatile("wfi");
}
