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

void arch_invalidate_icache(void)
{
	dsb();
	sysreg_write32(ICIALLU, 0);
	sysreg_write32(BPIALL, 0);
	dsb();
	isb();
}

/* One data-cache operation (an MCR by virtual address, as a string) on
 * every line of [start, start + len). Eight lines an iteration: new memory
 * is cleaned 64 KiB at a time as it is zeroed, and one line an iteration
 * spent as many instructions on the loop as on the lines. */
#define DCACHE_BY_LINE(mcr, start, len)                                                          \
	do {                                                                                     \
		uintptr_t line_ = dcache_line(), p_ = ALIGN_DOWN((uintptr_t)(start), line_);     \
		uintptr_t end_ = (uintptr_t)(start) + (len);                                     \
		for (; p_ < end_ && end_ - p_ >= 8 * line_;)                                     \
			__asm__ volatile(mcr "\n\tadd %0, %0, %1\n\t" mcr "\n\tadd %0, %0, %1\n\t"  \
					 mcr "\n\tadd %0, %0, %1\n\t" mcr "\n\tadd %0, %0, %1\n\t"  \
					 mcr "\n\tadd %0, %0, %1\n\t" mcr "\n\tadd %0, %0, %1\n\t"  \
					 mcr "\n\tadd %0, %0, %1\n\t" mcr "\n\tadd %0, %0, %1"        \
					 : "+r"(p_) : "r"(line_) : "memory");                    \
		for (; p_ < end_; p_ += line_)                                                   \
			__asm__ volatile(mcr : : "r"(p_) : "memory");                            \
	} while (0)

void arch_sync_icache(const void *start, size_t len)
{
	DCACHE_BY_LINE("mcr p15, 0, %0, c7, c11, 1", start, len); /* DCCMVAU */
	arch_invalidate_icache();
}

void arch_clean_to_pou(const void *start, size_t len)
{
	DCACHE_BY_LINE("mcr p15, 0, %0, c7, c11, 1", start, len); /* DCCMVAU */
	dsb();
}

void arch_clean_to_memory(const void *start, size_t len)
{
	DCACHE_BY_LINE("mcr p15, 0, %0, c7, c10, 1", start, len); /* DCCMVAC */
	arch_invalidate_icache();
}

void arch_clean_invalidate_dcache(const void *start, size_t len)
{
	DCACHE_BY_LINE("mcr p15, 0, %0, c7, c14, 1", start, len); /* DCCIMVAC */
	dsb();
}
