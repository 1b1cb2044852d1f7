// SPDX-License-Identifier: MIT
/* The stage-2 walk and RAM test of arch/stage2_walk.h, for the invariant
 * checker. The descriptor fields are those stage2.c writes. */
#include <arch/lpae.h>
#include <arch/stage2_walk.h>
#include <arch/sysreg.h>
#include "vspace_object.h"

/* Stage-2 leaf fields, as in stage2.c */
#define S2_MEMATTR GENMASK64(5, 2)
#define S2_MEMATTR_NORMAL_WB 0xf
#define S2_AP GENMASK64(7, 6)
#define S2_AP_READ 1
#define S2_AP_WRITE 2

#define L1_ENTRIES 4 /* 32-bit IPA space: 4 x 1 GiB */

static void decode(uint64_t d, unsigned level, uint32_t vaddr, struct stage2_entry *e)
{
	bool table_bit = d & LPAE_TABLE;
	e->vaddr = vaddr;
	e->paddr = d & LPAE_ADDR;
	e->level = (uint8_t)level;
	e->table = level < 3 && table_bit;
	e->malformed = (level == 1 && !table_bit) || (level == 3 && !table_bit);
	unsigned ap = (unsigned)FIELD_GET(S2_AP, d);
	e->readable = ap & S2_AP_READ;
	e->writable = ap & S2_AP_WRITE;
	e->executable = !(d & LPAE_XN);
	e->normal_memory = FIELD_GET(S2_MEMATTR, d) == S2_MEMATTR_NORMAL_WB;
}

bool arch_stage2_walk(const void *vspace_object, stage2_visit_t visit, void *ctx)
{
	/* The three levels as explicit loops: the position in each table is
	 * all the state there is (no recursion on the 8 KiB kernel stack). */
	const uint64_t *l1 = ((const struct vspace_object *)vspace_object)->l1;
	struct stage2_entry e;
	for (unsigned i = 0; i < L1_ENTRIES; i++) {
		if (!(l1[i] & LPAE_VALID))
			continue;
		uint32_t va1 = i << LPAE_L1_SHIFT;
		decode(l1[i], 1, va1, &e);
		enum stage2_walk_step step = visit(&e, ctx);
		if (step == STAGE2_STOP)
			return false;
		if (step != STAGE2_DESCEND || !e.table)
			continue;
		const uint64_t *l2 = (const uint64_t *)(uintptr_t)e.paddr;
		for (unsigned j = 0; j < LPAE_ENTRIES; j++) {
			if (!(l2[j] & LPAE_VALID))
				continue;
			uint32_t va2 = va1 + (j << LPAE_L2_SHIFT);
			decode(l2[j], 2, va2, &e);
			step = visit(&e, ctx);
			if (step == STAGE2_STOP)
				return false;
			if (step != STAGE2_DESCEND || !e.table)
				continue;
			const uint64_t *l3 = (const uint64_t *)(uintptr_t)e.paddr;
			for (unsigned k = 0; k < LPAE_ENTRIES; k++) {
				if (!(l3[k] & LPAE_VALID))
					continue;
				decode(l3[k], 3, va2 + (k << LPAE_L3_SHIFT), &e);
				if (visit(&e, ctx) == STAGE2_STOP)
					return false;
			}
		}
	}
	return true;
}

/* ATS1HR: translate as a HYP-mode read, result in PAR */
#define ATS1HR CP15_32(c7, 4, c8, 0)
#define PAR_F BIT64(0)
#define PAR_ATTR GENMASK64(63, 56)
#define MAIR_NORMAL_WB_ATTR 0xffu /* HMAIR0's attribute for MAIR_IDX_NORMAL_WB */

#define BLOCKS (1u << (32 - LPAE_L2_SHIFT))
static uint32_t block_known[BLOCKS / 32], block_is_ram[BLOCKS / 32];

static bool block_ram(uint32_t block)
{
	uint32_t word = block / 32, bit = 1u << (block % 32);
	if (!(block_known[word] & bit)) {
		/* PAR may hold a guest's value (VCPU state left loaded): keep it */
		uint64_t saved = sysreg_read64(PAR_64);
		sysreg_write32(ATS1HR, block << LPAE_L2_SHIFT);
		isb();
		uint64_t par = sysreg_read64(PAR_64);
		sysreg_write64(PAR_64, saved);
		isb();
		if (!(par & PAR_F) && FIELD_GET(PAR_ATTR, par) == MAIR_NORMAL_WB_ATTR)
			block_is_ram[word] |= bit;
		block_known[word] |= bit; /* the kernel's mapping never changes after boot */
	}
	return block_is_ram[word] & bit;
}

bool arch_kernel_range_is_ram(uintptr_t addr, size_t size)
{
	if (size == 0 || addr + (size - 1) < addr)
		return false;
	uint32_t last = (uint32_t)((addr + (size - 1)) >> LPAE_L2_SHIFT);
	for (uint32_t b = (uint32_t)(addr >> LPAE_L2_SHIFT); b <= last; b++)
		if (!block_ram(b))
			return false;
	return true;
}
