// SPDX-License-Identifier: MIT
/* The SVC kernel's own address space: short-descriptor 1 MiB sections, an
 * identity map of RAM (normal memory, cached) and of the devices the
 * kernel drives (device memory, execute-never), all in the kernel's
 * domain and inaccessible to user mode. */
#include "../../arch_private.h"
#include "short_desc.h"
#include <arch/boot.h>
#include <arch/sysreg.h>

static uint32_t kernel_l1[L1_ENTRIES] __aligned(16384);

static uint32_t section_descriptor(uint32_t pa, enum kernel_mapping kind)
{
	uint32_t d = FIELD_PREP(L1_TYPE, L1_TYPE_SECTION) | FIELD_PREP(L1_DOMAIN, DOMAIN_KERNEL) |
		     FIELD_PREP(L1_SECT_AP, AP_KERNEL_RW) | (pa & L1_SECT_BASE);
	if (kind == KERNEL_MAP_RAM)
		d |= FIELD_PREP(L1_SECT_TEX, TEX_NORMAL_WBWA) | L1_SECT_C | L1_SECT_B | L1_SECT_S;
	else
		d |= FIELD_PREP(L1_SECT_TEX, TEX_DEVICE) | L1_SECT_B | L1_SECT_XN;
	return d;
}

/* One 1 MiB section of mm/kernel_map.c's identity map. */
const char *kernel_map_block(paddr_t pa, enum kernel_mapping kind)
{
	uint32_t *slot = &kernel_l1[pa >> L1_SECTION_SHIFT];
	uint32_t want = section_descriptor((uint32_t)pa, kind);
	if (*slot && *slot != want)
		return "a device shares a 1 MiB section with RAM or another kind of memory";
	*slot = want;
	return NULL;
}

/* The kernel stack's guard page is left unmapped; its section is mapped in
 * 4 KiB pages instead. */
static uint32_t stack_l2[L2_ENTRIES] __aligned(1024);

static const char *unmap_stack_guard(void)
{
	uintptr_t guard = (uintptr_t)boot_stack_guard;
	uint32_t *slot = &kernel_l1[guard >> L1_SECTION_SHIFT];
	uint32_t section = *slot;
	if (FIELD_GET(L1_TYPE, section) != L1_TYPE_SECTION)
		return "the kernel stack is not in mapped RAM";
	uint32_t page = L2_PAGE | FIELD_PREP(L2_PAGE_AP, AP_KERNEL_RW) |
			FIELD_PREP(L2_PAGE_TEX, TEX_NORMAL_WBWA) | L2_PAGE_C | L2_PAGE_B | L2_PAGE_S;
	for (unsigned i = 0; i < L2_ENTRIES; i++)
		stack_l2[i] = page | ((section & L1_SECT_BASE) + (i << L2_PAGE_SHIFT));
	stack_l2[(guard >> L2_PAGE_SHIFT) % L2_ENTRIES] = 0;
	*slot = FIELD_PREP(L1_TYPE, L1_TYPE_TABLE) | FIELD_PREP(L1_DOMAIN, DOMAIN_KERNEL) |
		((uintptr_t)stack_l2 & L1_TABLE_BASE);
	return NULL;
}

/* TTBR0: walks inner and outer write-back write-allocate (IRGN = 01 is
 * bit 6 set, bit 0 clear; RGN = 01). */
#define TTBR_IRGN_WBWA BIT(6)
#define TTBR_RGN_WBWA (1u << 3)

const char *arch_mmu_init(const struct hw_desc *hw)
{
	const char *err = kernel_map_regions(hw, L1_SECTION_SIZE);
	if (!err)
		err = kernel_map_identity(hw->mpcore_global_timer.base, hw->mpcore_global_timer.size,
					  KERNEL_MAP_DEVICE, L1_SECTION_SIZE);
	if (!err)
		err = kernel_map_identity(hw->mpcore_private_timer.base,
					  hw->mpcore_private_timer.size, KERNEL_MAP_DEVICE,
					  L1_SECTION_SIZE);
	if (!err)
		err = unmap_stack_guard();
	if (err)
		return err;

	sysreg_write32(DACR, DACR_FIELD(DOMAIN_KERNEL, DACR_CLIENT));
	sysreg_write32(TTBCR, 0);
	sysreg_write32(TTBR0, (uintptr_t)kernel_l1 | TTBR_IRGN_WBWA | TTBR_RGN_WBWA);
	sysreg_write32(CONTEXTIDR, 0);
	dsb();
	sysreg_write32(TLBIALL, 0);
	sysreg_write32(ICIALLU, 0);
	dsb();
	isb();
	uint32_t sctlr = sysreg_read32(SCTLR) & ~(SCTLR_TRE | SCTLR_AFE);
	sysreg_write32(SCTLR, sctlr | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_Z);
	isb();
	return NULL;
}
