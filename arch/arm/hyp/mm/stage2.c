// SPDX-License-Identifier: MIT
/* Stage-2 address spaces of native threads: a VSpace object holds the
 * level-1 table (4 x 1 GiB, for a 32-bit IPA space) and its VMID; level-2
 * tables ("page directories", 512 x 2 MiB) and level-3 tables ("page
 * tables", 512 x 4 KiB) are objects of their own, mapped by invocations. */
#include <arch/lpae.h>
#include <arch/sysreg.h>
#include <arch/thread.h>
#include <l4/abi.h>
#include <tern/string.h>
#include "vspace_object.h"

/* Stage-2 descriptor fields */
#define S2_MEMATTR GENMASK64(5, 2)
#define S2_MEMATTR_NORMAL_WB 0xf
#define S2_AP GENMASK64(7, 6)
#define S2_AP_READ 1
#define S2_AP_WRITE 2

#define S2_MEMATTR_DEVICE 0x1

void arch_vspace_init(struct arch_vspace *vs, void *page, uint32_t id)
{
	memset(page, 0, 4096);
	arch_vspace_object_set_id(page, id);
	arch_vspace_from_object(vs, page);
}

void arch_vspace_object_set_id(void *page, uint32_t id)
{
	((struct vspace_object *)page)->id = id;
}

uint32_t arch_vspace_object_id(const void *page)
{
	return ((const struct vspace_object *)page)->id;
}

void arch_vspace_created(void *page, bool guest)
{
	((struct vspace_object *)page)->guest = guest;
}

bool arch_vspace_object_is_guest(const void *page)
{
	return ((const struct vspace_object *)page)->guest;
}

void arch_vspace_from_object(struct arch_vspace *vs, void *page)
{
	vs->object = page;
}

static uint64_t s2_leaf(paddr_t pa, unsigned rights, bool cacheable, bool executable)
{
	unsigned ap = ((rights & L4_RIGHT_READ) ? S2_AP_READ : 0) |
		      ((rights & L4_RIGHT_WRITE) ? S2_AP_WRITE : 0);
	return LPAE_VALID | LPAE_AF |
	       FIELD_PREP(S2_MEMATTR, cacheable ? S2_MEMATTR_NORMAL_WB : S2_MEMATTR_DEVICE) |
	       FIELD_PREP(S2_AP, ap) | FIELD_PREP(LPAE_SH, LPAE_SH_INNER) | (pa & LPAE_ADDR) |
	       ((executable && cacheable) ? 0 : LPAE_XN);
}

static uint64_t *table_at(uint64_t entry)
{
	if ((entry & (LPAE_VALID | LPAE_TABLE)) != (LPAE_VALID | LPAE_TABLE))
		return NULL;
	return (uint64_t *)(uintptr_t)(entry & LPAE_ADDR);
}

/* The entry that maps vaddr at level (1-3), or NULL when an upper table is
 * missing. */
static uint64_t *entry_for(void *vspace_object, uint32_t vaddr, unsigned level)
{
	uint64_t *e = &((struct vspace_object *)vspace_object)->l1[vaddr >> LPAE_L1_SHIFT];
	if (level == 1)
		return e;
	uint64_t *l2 = table_at(*e);
	if (!l2)
		return NULL;
	e = &l2[(vaddr >> LPAE_L2_SHIFT) % LPAE_ENTRIES];
	if (level == 2)
		return e;
	uint64_t *l3 = table_at(*e);
	return l3 ? &l3[(vaddr >> LPAE_L3_SHIFT) % LPAE_ENTRIES] : NULL;
}

int arch_vspace_map_table(void *vspace_object, uint32_t vaddr, unsigned table_level, void *table)
{
	uint64_t *e = entry_for(vspace_object, vaddr, table_level - 1);
	if (!e)
		return ARCH_MAP_NO_TABLE;
	if (*e & LPAE_VALID)
		return ARCH_MAP_EXISTS;
	dsb();
	*e = LPAE_VALID | LPAE_TABLE | ((uintptr_t)table & LPAE_ADDR);
	dsb();
	return ARCH_MAP_OK;
}

int arch_vspace_map_frame(void *vspace_object, uint32_t vaddr, paddr_t paddr, unsigned size_bits,
			  unsigned rights, enum arch_frame_memory memory, bool executable)
{
	bool cacheable = memory == ARCH_FRAME_CACHED; /* uncached RAM as device memory */
	bool large = size_bits == LPAE_L2_SHIFT;
	uint64_t *e = entry_for(vspace_object, vaddr, large ? 2 : 3);
	if (!e)
		return ARCH_MAP_NO_TABLE;
	if (*e & LPAE_VALID)
		return ARCH_MAP_EXISTS;
	/* level 3 pages have bit 1 set; level 2 blocks have it clear */
	*e = s2_leaf(paddr, rights, cacheable, executable) | (large ? 0 : LPAE_TABLE);
	dsb();
	return ARCH_MAP_OK;
}

void arch_vspace_unmap(void *vspace_object, uint32_t vaddr, unsigned level, paddr_t paddr)
{
	uint64_t *e = entry_for(vspace_object, vaddr, level);
	if (!e || !(*e & LPAE_VALID) || (*e & LPAE_ADDR) != (paddr & LPAE_ADDR))
		return; /* already gone with a table above it, or replaced */
	*e = 0;
	dsb();
	/* ARMv7 has no invalidate-by-IPA: drop all non-HYP entries */
	sysreg_write32(TLBIALLNSNH, 0);
	dsb();
	isb();
}

void arch_vspace_forget(void *vspace_object)
{
	struct vspace_object *o = vspace_object;
	memset(o->l1, 0, sizeof(o->l1));
	o->id = 0;
	dsb();
	sysreg_write32(TLBIALLNSNH, 0);
	dsb();
	isb();
}

void arch_vspace_destroyed(void *vspace_object)
{
	/* Nothing: VTTBR is written before any thread runs again, and HYP's
	 * own accesses never walk stage 2. */
}

void arch_vspace_table_clear(void *table)
{
	memset(table, 0, LPAE_ENTRIES * sizeof(uint64_t));
	dsb();
	sysreg_write32(TLBIALLNSNH, 0); /* walks cached from it */
	dsb();
	isb();
}

int arch_vspace_map_page(struct arch_vspace *vs, uint32_t vaddr, paddr_t paddr, unsigned rights,
			 bool executable, arch_table_alloc_t alloc, void *alloc_ctx)
{
	if (!arch_user_page(vaddr, paddr))
		return -1;
	void *object = vs->object;
	for (unsigned level = 2; level <= 3; level++) {
		uint64_t *e = entry_for(object, vaddr, level - 1);
		if (e && !(*e & LPAE_VALID)) {
			void *t = alloc(alloc_ctx);
			if (!t || arch_vspace_map_table(object, vaddr, level, t) != ARCH_MAP_OK)
				return -1;
		}
	}
	return arch_vspace_map_frame(object, vaddr, paddr, 12, rights, ARCH_FRAME_CACHED,
				     executable) ? -1 : 0;
}

void *arch_vspace_translate(void *vspace_object, uint32_t vaddr, bool write)
{
	if (vaddr >= ARCH_USER_LIMIT)
		return NULL;
	for (unsigned level = 2; level <= 3; level++) {
		uint64_t *e = entry_for(vspace_object, vaddr, level);
		if (!e || !(*e & LPAE_VALID))
			return NULL;
		bool leaf = level == 3 || !(*e & LPAE_TABLE);
		if (!leaf)
			continue;
		if (write && !(FIELD_GET(S2_AP, *e) & S2_AP_WRITE))
			return NULL;
		/* the kernel maps RAM only: a device frame (or an uncached
		 * mapping) is nothing it may read or write */
		if (FIELD_GET(S2_MEMATTR, *e) != S2_MEMATTR_NORMAL_WB)
			return NULL;
		uint32_t offset_mask = level == 3 ? 0xfffu : 0x1fffffu;
		return (void *)(uintptr_t)((*e & LPAE_ADDR & ~(uint64_t)offset_mask) |
					   (vaddr & offset_mask));
	}
	return NULL;
}
