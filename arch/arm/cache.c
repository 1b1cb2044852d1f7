// SPDX-License-Identifier: MIT
/* Cache maintenance by address range, ARMv7 (the same on both variants):
 * to the point of unification for instruction fetch, to the point of
 * coherency for readers with caches off. */
#include <arch/sysreg.h>
#include <arch/thread.h>
#include <tern/bits.h>

/* The smallest data cache line (32 bytes on Cortex-A9, 64 on A15). */
static uintptr_t dcache_line(void)
{
	return 4u << FIELD_GET(CTR_DMINLINE, sysreg_read32(CTR));
}

static void invalidate_icache(void)
{
	dsb();
	sysreg_write32(ICIALLU, 0);
	sysreg_write32(BPIALL, 0);
	dsb();
	isb();
}

void arch_sync_icache(const void *start, size_t len)
{
	uintptr_t line = dcache_line(), p = ALIGN_DOWN((uintptr_t)start, line);
	for (; p < (uintptr_t)start + len; p += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(p) : "memory"); /* DCCMVAU */
	invalidate_icache();
}

void arch_clean_to_memory(const void *start, size_t len)
{
	uintptr_t line = dcache_line(), p = ALIGN_DOWN((uintptr_t)start, line);
	for (; p < (uintptr_t)start + len; p += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(p) : "memory"); /* DCCMVAC */
	invalidate_icache();
}
