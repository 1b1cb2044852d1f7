// SPDX-License-Identifier: MIT
/* The SVC variant's cycle counter. The A9's PMU (v1) has no PMCCFILTR, and
 * QEMU's A9 cycle counter never counts: benchmarks on this variant will
 * read the global timer instead. The counter is enabled all the same, for
 * real hardware. */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <tern/kconfig.h>

void arch_cycle_counter_init(void)
{
	sysreg_write32(PMCR, sysreg_read32(PMCR) | PMCR_E | PMCR_C);
	sysreg_write32(PMCNTENSET, PMCNTEN_CYCLES);
	if (IS_ENABLED(CONFIG_USER_CYCLE_COUNTER))
		sysreg_write32(PMUSERENR, PMUSERENR_EN);
	isb();
}
