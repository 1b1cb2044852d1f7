// SPDX-License-Identifier: MIT
/* The walk and RAM test of arch/stage2_walk.h on the SVC variant, for the
 * invariant checker. The walk reports LPAE's levels, as mm/vspace.c
 * writes them: a pair of first-level entries is one level-2 entry (a
 * page table or a 2 MiB frame), a small page a level-3 one; level 1 never
 * appears. Addresses reported are kernel addresses, what caps hold. */
#include <arch/memory.h>
#include <arch/stage2_walk.h>
#include <arch/sysreg.h>
#include <arch/thread.h>
#include "short_desc.h"
#include "vspace_object.h"


/* A pair as one level-2 entry. Malformed: anything but two sections of
 * one 2 MiB frame, with the same attributes, or two table entries to the
 * halves of one page table (a lone entry, a supersection, a mix). */
static void decode_pair(const uint32_t *pair, uint32_t vaddr, struct stage2_entry *e)
{
	uint32_t d = pair[0], type = FIELD_GET(L1_TYPE, d);
	*e = (struct stage2_entry){.vaddr = vaddr, .level = 2, .malformed = true};
	if (type == L1_TYPE_TABLE) {
		uint32_t pa = d & L1_TABLE_BASE;
		e->paddr = arch_phys_to_kernel(pa);
		e->table = IS_ALIGNED(pa, 4096) && pair[1] == d + L2_TABLE_BYTES;
		e->malformed = !e->table;
		return;
	}
	uint32_t pa = d & L1_SECT_BASE;
	e->paddr = arch_phys_to_kernel(pa);
	if (type != L1_TYPE_SECTION || (d & BIT(18)) /* supersection */ ||
	    !IS_ALIGNED(pa, 1u << PAIR_SHIFT) || pair[1] != d + L1_SECTION_SIZE)
		return;
	e->malformed = false;
	e->readable = true;
	e->writable = !(d & L1_SECT_APX) && FIELD_GET(L1_SECT_AP, d) == AP_USER_RW;
	e->executable = !(d & L1_SECT_XN);
	e->normal_memory = desc_is_cached_ram(d, L1_SECT_TEX, L1_SECT_C, L1_SECT_B);
}

static void decode_page(uint32_t d, uint32_t vaddr, struct stage2_entry *e)
{
	*e = (struct stage2_entry){
		.vaddr = vaddr,
		.paddr = arch_phys_to_kernel(d & L2_PAGE_BASE),
		.level = 3,
		.malformed = !(d & L2_PAGE), /* a 64 KiB large page */
		.readable = true,
		.writable = !(d & L2_PAGE_APX) && FIELD_GET(L2_PAGE_AP, d) == AP_USER_RW,
		.executable = !(d & L2_PAGE_XN),
		.normal_memory = desc_is_cached_ram(d, L2_PAGE_TEX, L2_PAGE_C, L2_PAGE_B),
	};
}

bool arch_stage2_walk(const void *vspace_object, stage2_visit_t visit, void *ctx)
{
	/* Two levels as explicit loops, no recursion on the 8 KiB stack. */
	const uint32_t *l1 = ((const struct vspace_object *)vspace_object)->l1;
	struct stage2_entry e;
	for (unsigned i = 0; i < USER_L1_ENTRIES; i += 2) {
		if (!FIELD_GET(L1_TYPE, l1[i]) && !FIELD_GET(L1_TYPE, l1[i + 1]))
			continue;
		uint32_t va2 = i << L1_SECTION_SHIFT;
		decode_pair(&l1[i], va2, &e);
		enum stage2_walk_step step = visit(&e, ctx);
		if (step == STAGE2_STOP)
			return false;
		if (step != STAGE2_DESCEND || !e.table)
			continue;
		const uint32_t *table = (const uint32_t *)(uintptr_t)e.paddr;
		for (unsigned k = 0; k < PAGE_TABLE_ENTRIES; k++) {
			if (!FIELD_GET(L2_TYPE, table[k]))
				continue;
			decode_page(table[k], va2 + (k << L2_PAGE_SHIFT), &e);
			if (visit(&e, ctx) == STAGE2_STOP)
				return false;
		}
	}
	return true;
}

/* ATS1CPR: translate as a PL1 read; the result in PAR (short-descriptor
 * format: bit 0 set on a fault) */
#define PAR CP15_32(c7, 0, c4, 0)
#define PAR_F BIT(0)

#define WINDOW_SECTIONS (KERNEL_WINDOW_SIZE >> L1_SECTION_SHIFT)
static uint32_t section_known[WINDOW_SECTIONS / 32], section_is_ram[WINDOW_SECTIONS / 32];

/* The window holds RAM and nothing else (mm/kernel_map.c maps the RAM
 * banks there, the devices above it): a window section the MMU translates
 * is RAM. Its first address answers for the whole section, as HYP's 2 MiB
 * blocks do (the kernel's mapping is made of sections; the one exception,
 * the stack guard page, is no object's memory). */
static bool section_ram(uint32_t section)
{
	uint32_t word = section / 32, bit = 1u << (section % 32);
	if (!(section_known[word] & bit)) {
		sysreg_write32(ATS1CPR, KERNEL_WINDOW_BASE + (section << L1_SECTION_SHIFT));
		isb();
		if (!(sysreg_read32(PAR) & PAR_F))
			section_is_ram[word] |= bit;
		section_known[word] |= bit; /* the kernel's mapping never changes after boot */
	}
	return section_is_ram[word] & bit;
}

bool arch_kernel_range_is_ram(uintptr_t addr, size_t size)
{
	if (size == 0 || addr < KERNEL_WINDOW_BASE || addr >= KERNEL_DEVICE_BASE ||
	    size > KERNEL_DEVICE_BASE - addr)
		return false;
	uint32_t first = (uint32_t)(addr - KERNEL_WINDOW_BASE) >> L1_SECTION_SHIFT;
	uint32_t last = (uint32_t)(addr + (size - 1) - KERNEL_WINDOW_BASE) >> L1_SECTION_SHIFT;
	for (uint32_t s = first; s <= last; s++)
		if (!section_ram(s))
			return false;
	return true;
}
