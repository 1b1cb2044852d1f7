// SPDX-License-Identifier: MIT
/* The SVC kernel's own address space (arch/memory.h): the upper 2 GiB,
 * through TTBR1 and so the same in every user address space. RAM shows in
 * the kernel window at KERNEL_WINDOW_BASE (normal memory, cached), the
 * devices the kernel drives from KERNEL_DEVICE_BASE up (device memory,
 * execute-never), each in 1 MiB sections of the kernel's domain that user
 * mode cannot access (AP: PL1 only). TTBR0 holds the running thread's user
 * space; while none runs, an empty table. */
#include "../../arch_private.h"
#include "short_desc.h"
#include <arch/boot.h>
#include <arch/memory.h>
#include <arch/sysreg.h>
#include <arch/thread.h>
#include <tern/string.h>

static uint32_t kernel_l1[L1_ENTRIES] __aligned(16384);
/* TTBR0 when no user thread runs: all faults (TTBCR.N = 1: 8 KiB). */
static uint32_t no_user_l1[L1_ENTRIES / 2] __aligned(8192);

/* The device sections mapped at KERNEL_DEVICE_BASE, in the order mapped. */
#define MAX_DEVICE_SECTIONS 16
static uint32_t device_section_pa[MAX_DEVICE_SECTIONS];
static unsigned device_sections;
static bool devices_mapped; /* kernel_l1 is in force */

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

static int device_section_index(uint32_t section_pa)
{
	for (unsigned i = 0; i < device_sections; i++)
		if (device_section_pa[i] == section_pa)
			return (int)i;
	return -1;
}

uintptr_t kernel_device_address(paddr_t pa)
{
	if (!devices_mapped)
		return (uintptr_t)pa; /* the boot table maps what lies below RAM one to one */
	int i = device_section_index((uint32_t)pa & L1_SECT_BASE);
	if (i < 0)
		return 0; /* never mapped: a fault names the bug */
	return KERNEL_DEVICE_BASE + ((uint32_t)i << L1_SECTION_SHIFT) +
	       ((uint32_t)pa & ~L1_SECT_BASE);
}

/* One 1 MiB section of mm/kernel_map.c's regions: RAM at its window
 * address (RAM past the window is not the kernel's: build_free_memory
 * leaves it out), a device at the next free device section. */
const char *kernel_map_block(paddr_t pa, enum kernel_mapping kind)
{
	uint32_t va;
	if (kind == KERNEL_MAP_RAM) {
		if (pa < BOARD_RAM_BASE || pa - BOARD_RAM_BASE >= KERNEL_WINDOW_SIZE)
			return NULL;
		va = arch_phys_to_kernel(pa);
	} else {
		int i = device_section_index((uint32_t)pa);
		if (i < 0) {
			if (device_sections == MAX_DEVICE_SECTIONS)
				return "more device sections than the kernel maps";
			i = (int)device_sections;
			device_section_pa[device_sections++] = (uint32_t)pa;
		}
		va = KERNEL_DEVICE_BASE + ((uint32_t)i << L1_SECTION_SHIFT);
	}
	uint32_t *slot = &kernel_l1[va >> L1_SECTION_SHIFT];
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
		((uint32_t)arch_kernel_to_phys((uintptr_t)stack_l2) & L1_TABLE_BASE);
	return NULL;
}

uint32_t kernel_no_user_ttbr0(void)
{
	return (uint32_t)arch_kernel_to_phys((uintptr_t)no_user_l1);
}

/* TTBRs: walks inner and outer write-back write-allocate, shareable
 * (IRGN = 01 is bit 6 set, bit 0 clear; RGN = 01; S). */
#define TTBR_WALK_ATTRS (BIT(6) | (1u << 3) | BIT(1))
#define TTBCR_N_2GIB 1u

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

	/* TTBR1 takes the upper half, then TTBR0 becomes user space's: in that
	 * order, so that the window the kernel runs in stays mapped. */
	_Static_assert(ARCH_DACR_NATIVE == (DACR_FIELD(DOMAIN_KERNEL, DACR_CLIENT) |
					    DACR_FIELD(DOMAIN_USER, DACR_CLIENT)),
		       "native threads' domains are the kernel's and the user's, as clients");
	sysreg_write32(DACR, ARCH_DACR_NATIVE);
	dsb();
	sysreg_write32(TTBR1, (uint32_t)arch_kernel_to_phys((uintptr_t)kernel_l1) | TTBR_WALK_ATTRS);
	isb();
	sysreg_write32(TTBCR, TTBCR_N_2GIB);
	isb();
	sysreg_write32(TTBR0, (uint32_t)arch_kernel_to_phys((uintptr_t)no_user_l1) | TTBR_WALK_ATTRS);
	sysreg_write32(CONTEXTIDR, 0);
	isb();
	sysreg_write32(TLBIALL, 0);
	sysreg_write32(ICIALLU, 0);
	dsb();
	isb();
	devices_mapped = true;
	uint32_t sctlr = sysreg_read32(SCTLR) & ~(SCTLR_TRE | SCTLR_AFE);
	sysreg_write32(SCTLR, sctlr | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_Z);
	isb();
	return NULL;
}
