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

bool arch_clean_invalidate_dcache_set_way(uint32_t operand)
{
	sysreg_write32(CSSELR, 0); /* level 1, data */
	isb();
	uint32_t ccsidr = sysreg_read32(CCSIDR);
	uint32_t line_shift = (ccsidr & 7u) + 4, ways = ((ccsidr >> 3) & 0x3ffu) + 1;
	uint32_t sets = ((ccsidr >> 13) & 0x7fffu) + 1;
	uint32_t way_shift = ways > 1 ? (uint32_t)__builtin_clz(ways - 1) : 32;
	uint32_t way = way_shift < 32 ? operand >> way_shift : 0;
	uint32_t set = (way_shift < 32 ? operand & ((1u << way_shift) - 1) : operand) >> line_shift;
	uint32_t named = (way_shift < 32 ? way << way_shift : 0) | set << line_shift;
	if (way >= ways || set >= sets || named != operand) /* level 0, nothing else set */
		return false;
	sysreg_write32(DCCISW, operand);
	dsb();
	return true;
}
