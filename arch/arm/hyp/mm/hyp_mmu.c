// SPDX-License-Identifier: MIT
/* The kernel's own address space in HYP mode: an identity map of RAM (normal
 * memory, cached) and of the devices the kernel drives (device memory,
 * execute-never) in 2 MiB blocks. */
#include "../../arch_private.h"
#include <arch/boot.h>
#include <arch/lpae.h>
#include <arch/sysreg.h>

#define L1_ENTRIES 4 /* 32-bit input address space: 4 x 1 GiB */

static uint64_t hyp_l1[L1_ENTRIES] __aligned(32);
static uint64_t hyp_l2[L1_ENTRIES][LPAE_ENTRIES] __aligned(4096);

static uint64_t block_descriptor(paddr_t pa, enum kernel_mapping kind)
{
	uint64_t d = LPAE_VALID | LPAE_AF | FIELD_PREP(LPAE_AP, LPAE_AP_HYP_RW) |
		     (pa & LPAE_ADDR & ~(uint64_t)(LPAE_BLOCK_SIZE - 1));
	if (kind == KERNEL_MAP_RAM)
		d |= FIELD_PREP(LPAE_ATTRINDX, MAIR_IDX_NORMAL_WB) | FIELD_PREP(LPAE_SH, LPAE_SH_INNER);
	else
		d |= FIELD_PREP(LPAE_ATTRINDX, MAIR_IDX_DEVICE) | LPAE_XN;
	return d;
}

/* One 2 MiB block of mm/kernel_map.c's identity map. */
const char *kernel_map_block(paddr_t pa, enum kernel_mapping kind)
{
	uint64_t *slot = &hyp_l2[pa >> LPAE_L1_SHIFT][(pa >> LPAE_L2_SHIFT) % LPAE_ENTRIES];
	uint64_t want = block_descriptor(pa, kind);
	if (*slot && *slot != want)
		return "a device shares a 2 MiB block with RAM or another kind of memory";
	*slot = want;
	return NULL;
}

/* The kernel stack's guard page is left unmapped; its 2 MiB block is mapped
 * in pages instead. */
static uint64_t hyp_l3_stack[LPAE_ENTRIES] __aligned(4096);

static const char *unmap_stack_guard(void)
{
	uintptr_t guard = (uintptr_t)boot_stack_guard;
	uint64_t *slot = &hyp_l2[guard >> LPAE_L1_SHIFT][(guard >> LPAE_L2_SHIFT) % LPAE_ENTRIES];
	uint64_t block = *slot;
	if (!(block & LPAE_VALID) || (block & LPAE_TABLE))
		return "the kernel stack is not in mapped RAM";
	for (unsigned i = 0; i < LPAE_ENTRIES; i++)
		hyp_l3_stack[i] = block + ((uint64_t)i << LPAE_L3_SHIFT) + LPAE_TABLE; /* a page */
	hyp_l3_stack[(guard >> LPAE_L3_SHIFT) % LPAE_ENTRIES] = 0;
	*slot = LPAE_VALID | LPAE_TABLE | ((uintptr_t)hyp_l3_stack & LPAE_ADDR);
	return NULL;
}

const char *arch_mmu_init(const struct hw_desc *hw)
{
	for (unsigned i = 0; i < L1_ENTRIES; i++)
		hyp_l1[i] = LPAE_VALID | LPAE_TABLE | ((uintptr_t)hyp_l2[i] & LPAE_ADDR);
	const char *err = kernel_map_regions(hw, LPAE_BLOCK_SIZE);
	if (!err)
		err = unmap_stack_guard();
	if (err)
		return err;

	sysreg_write32(HMAIR0, HMAIR0_VALUE);
	sysreg_write32(HMAIR1, 0);
	sysreg_write32(HTCR, HTCR_RES1 | FIELD_PREP(HTCR_T0SZ, 0) |
				     FIELD_PREP(HTCR_IRGN0, TCR_CACHE_WBWA) |
				     FIELD_PREP(HTCR_ORGN0, TCR_CACHE_WBWA) |
				     FIELD_PREP(HTCR_SH0, LPAE_SH_INNER));
	sysreg_write64(HTTBR, (uintptr_t)hyp_l1);
	dsb();
	sysreg_write32(TLBIALLH, 0);
	sysreg_write32(ICIALLU, 0);
	dsb();
	isb();
	sysreg_write32(HSCTLR, sysreg_read32(HSCTLR) | HSCTLR_M | HSCTLR_C | HSCTLR_I);
	isb();
	return NULL;
}
