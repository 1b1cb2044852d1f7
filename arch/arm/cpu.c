// SPDX-License-Identifier: MIT
#include "arch_private.h"
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/sysreg.h>

#define IMPLEMENTER_ARM 0x41

static const struct {
	uint32_t part;
	const char *name;
} arm_parts[] = {
	{0xc07, "Cortex-A7"},
	{0xc09, "Cortex-A9"},
	{0xc0e, "Cortex-A17"},
	{0xc0f, "Cortex-A15"},
};

void arch_cpu_identify(struct arch_cpu_info *info)
{
	uint32_t midr = sysreg_read32(MIDR);
	info->midr = midr;
	info->name = "unknown";
	info->variant = FIELD_GET(MIDR_VARIANT, midr);
	info->revision = FIELD_GET(MIDR_REVISION, midr);
	if (FIELD_GET(MIDR_IMPLEMENTER, midr) != IMPLEMENTER_ARM)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(arm_parts); i++)
		if (arm_parts[i].part == FIELD_GET(MIDR_PARTNUM, midr))
			info->name = arm_parts[i].name;
}

void arch_halt(void)
{
	__asm__ volatile("cpsid aif");
	for (;;)
		__asm__ volatile("wfi");
}

void arch_irq_unmask(void)
{
	__asm__ volatile("cpsie i" : : : "memory");
}

void arch_irq_mask(void)
{
	__asm__ volatile("cpsid i" : : : "memory");
}

bool arch_irq_pending(void)
{
	return sysreg_read32(ISR) & ISR_I;
}

void arch_wait_for_interrupt(void)
{
	__asm__ volatile("dsb sy\n\twfi" : : : "memory");
}
