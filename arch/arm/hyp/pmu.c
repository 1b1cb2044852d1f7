// SPDX-License-Identifier: MIT
/* The HYP variant's cycle counter: PMCCFILTR.NSH makes it count in HYP
 * too, so that a user-level measurement includes the kernel's work. */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <tern/kconfig.h>

void arch_cycle_counter_init(void)
{
	sysreg_write32(PMSELR, PMSELR_CYCLE_COUNTER);
	sysreg_write32(PMXEVTYPER, PMCCFILTR_NSH);
	sysreg_write32(PMCR, sysreg_read32(PMCR) | PMCR_E | PMCR_C);
	sysreg_write32(PMCNTENSET, PMCNTEN_CYCLES);
	if (IS_ENABLED(CONFIG_USER_CYCLE_COUNTER))
		sysreg_write32(PMUSERENR, PMUSERENR_EN);
	isb();
}
