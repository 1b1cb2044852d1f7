// SPDX-License-Identifier: MIT
/* The kernel's identity map as both variants build it: which regions it
 * covers (RAM as normal memory, the GIC and the console as device memory),
 * each widened to the variant's block size and clipped to the 32-bit
 * address space, and the guard page below the kernel stack. The variant
 * writes the descriptors (kernel_map_block) and maps its own other devices. */
#include "../arch_private.h"
#include <tern/bits.h>

#define FOUR_GIB (1ull << 32)

const char *kernel_map_identity(paddr_t base, uint64_t size, enum kernel_mapping kind,
				uint32_t block_size)
{
	if (size == 0)
		return NULL;
	paddr_t end = base + size;
	if (end > FOUR_GIB)
		end = FOUR_GIB;
	for (paddr_t pa = ALIGN_DOWN(base, (paddr_t)block_size); pa < end; pa += block_size) {
		const char *err = kernel_map_block(pa, kind);
		if (err)
			return err;
	}
	return NULL;
}

const char *kernel_map_regions(const struct hw_desc *hw, uint32_t block_size)
{
	const char *err = NULL;

	for (unsigned i = 0; i < hw->ram_count && !err; i++)
		err = kernel_map_identity(hw->ram[i].base, hw->ram[i].size, KERNEL_MAP_RAM, block_size);
	for (unsigned i = 0; i < HW_GIC_REGION_COUNT && !err; i++)
		err = kernel_map_identity(hw->gic[i].base, hw->gic[i].size, KERNEL_MAP_DEVICE,
					  block_size);
	if (!err)
		err = kernel_map_identity(hw->console.base, hw->console.size, KERNEL_MAP_DEVICE,
					  block_size);
	return err;
}

bool arch_stack_guard_hit(uintptr_t address)
{
	return address - (uintptr_t)boot_stack_guard < 4096;
}
