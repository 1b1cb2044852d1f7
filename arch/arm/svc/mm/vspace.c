// SPDX-License-Identifier: MIT
/* Short-descriptor address spaces of the SVC variant's user threads. A
 * VSpace object holds TTBR0's first-level table (2048 x 1 MiB: the 2 GiB
 * below the kernel's window) and its ASID. Generic code and the decoder
 * (arch/arm/object/mapping.c) speak LPAE's levels; here they are:
 *
 *  - level 2 (2 MiB): a pair of first-level entries at an even index, both
 *    1 MiB sections (a 2 MiB frame) or both table entries (a page table);
 *  - level 3 (4 KiB): a small page in a page table;
 *  - level 1: none (there is no page directory on SVC).
 *
 * A page table object (4 KiB) holds the pair's two hardware second-level
 * tables back to back, 256 entries for the first MiB then 256 for the
 * second: to the kernel one array of 512 entries covering 2 MiB, as an
 * LPAE level-3 table. Its last 2 KiB are unused.
 *
 * Objects and tables are named by their kernel address, entries hold
 * physical ones (arch/memory.h). Every user entry is non-global (its ASID
 * tags it) and in DOMAIN_USER. The A9's walks may not look in its L1 data
 * cache: each entry written is cleaned to the point of unification. */
#include <arch/memory.h>
#include <arch/thread.h>
#include <l4/abi.h>
#include <tern/string.h>
#include "asid.h"
#include "p2m_hooks.h"
#include "short_desc.h"
#include "vspace_object.h"

#define PAGE_TABLE_USED_BYTES (2 * L2_TABLE_BYTES)

static struct vspace_object *object_of(void *vspace_object)
{
	return vspace_object;
}

void arch_vspace_init(struct arch_vspace *vs, void *page, uint32_t id)
{
	memset(page, 0, sizeof(struct vspace_object));
	arch_clean_to_pou(page, sizeof(struct vspace_object)); /* the empty table, for walks */
	arch_vspace_object_set_id(page, id);
	arch_vspace_from_object(vs, page);
}

void arch_vspace_object_set_id(void *page, uint32_t id)
{
	object_of(page)->id = id;
}

uint32_t arch_vspace_object_id(const void *page)
{
	return ((const struct vspace_object *)page)->id;
}

void arch_vspace_created(void *page, bool guest)
{
	object_of(page)->guest = guest;
}

bool arch_vspace_object_is_guest(const void *page)
{
	return ((const struct vspace_object *)page)->guest;
}

void arch_vspace_from_object(struct arch_vspace *vs, void *page)
{
	vs->object = page;
}

/* The memory attributes and permissions of a user leaf, as field values;
 * sections and small pages place them differently. */
struct leaf_bits {
	uint32_t tex;
	bool c, b, s, xn, apx;
	uint32_t ap;
};

static struct leaf_bits leaf_bits(unsigned rights, enum arch_frame_memory memory,
				  bool executable)
{
	bool write = rights & L4_RIGHT_WRITE;
	struct leaf_bits l = {
		.apx = !write,
		.ap = write ? AP_USER_RW : AP_USER_RO,
		/* only cached RAM runs code, as on HYP: nothing executes from
		 * a device, nor from memory the instruction cache disagrees with */
		.xn = !(executable && memory == ARCH_FRAME_CACHED),
	};
	switch (memory) {
	case ARCH_FRAME_CACHED:
		l.tex = TEX_NORMAL_WBWA;
		l.c = l.b = l.s = true;
		break;
	case ARCH_FRAME_UNCACHED:
		l.tex = TEX_NORMAL_NONCACHED;
		l.s = true;
		break;
	default:
		l.tex = TEX_DEVICE;
		l.b = true;
		break;
	}
	return l;
}

static uint32_t section_descriptor(paddr_t pa, struct leaf_bits l)
{
	return FIELD_PREP(L1_TYPE, L1_TYPE_SECTION) | FIELD_PREP(L1_DOMAIN, DOMAIN_USER) |
	       L1_SECT_NG | FIELD_PREP(L1_SECT_TEX, l.tex) | (l.c ? L1_SECT_C : 0) |
	       (l.b ? L1_SECT_B : 0) | (l.s ? L1_SECT_S : 0) | (l.xn ? L1_SECT_XN : 0) |
	       FIELD_PREP(L1_SECT_AP, l.ap) | (l.apx ? L1_SECT_APX : 0) | (pa & L1_SECT_BASE);
}

static uint32_t page_descriptor(paddr_t pa, struct leaf_bits l)
{
	return L2_PAGE | L2_PAGE_NG | FIELD_PREP(L2_PAGE_TEX, l.tex) | (l.c ? L2_PAGE_C : 0) |
	       (l.b ? L2_PAGE_B : 0) | (l.s ? L2_PAGE_S : 0) | (l.xn ? L2_PAGE_XN : 0) |
	       FIELD_PREP(L2_PAGE_AP, l.ap) | (l.apx ? L2_PAGE_APX : 0) | (pa & L2_PAGE_BASE);
}

static uint32_t l1_type(uint32_t entry)
{
	return FIELD_GET(L1_TYPE, entry);
}

/* The pair of first-level entries holding vaddr's 2 MiB, or NULL above
 * user space. */
static uint32_t *pair_for(void *vspace_object, uint32_t vaddr)
{
	if (vaddr >= ARCH_USER_LIMIT)
		return NULL;
	return &object_of(vspace_object)->l1[(vaddr >> L1_SECTION_SHIFT) & ~1u];
}

/* The page table a pair of table entries points to (its kernel address),
 * or NULL when the pair is not one. The pair's second entry is the first
 * one's table plus 1 KiB: this kernel writes no other. */
static uint32_t *table_of(const uint32_t *pair)
{
	if (l1_type(pair[0]) != L1_TYPE_TABLE)
		return NULL;
	return (uint32_t *)arch_phys_to_kernel(pair[0] & L1_TABLE_BASE);
}

/* The entry for vaddr at level 2 (the pair's first) or 3 (a small page),
 * or NULL when there is none: above user space, no page table, level 1. */
static uint32_t *entry_for(void *vspace_object, uint32_t vaddr, unsigned level)
{
	uint32_t *pair = pair_for(vspace_object, vaddr);
	if (!pair || level < 2)
		return NULL;
	if (level == 2)
		return pair;
	uint32_t *table = table_of(pair);
	return table ? &table[(vaddr >> L2_PAGE_SHIFT) % PAGE_TABLE_ENTRIES] : NULL;
}

/* A guest's shadow tables may hold what left o: they are emptied first. */
static void mapping_removed(struct vspace_object *o)
{
	if (o->shadow_users)
		shadow_p2m_removed(o);
}

int arch_vspace_map_table(void *vspace_object, uint32_t vaddr, unsigned table_level, void *table)
{
	/* a page table is the only table there is: it goes straight into
	 * the first-level table */
	uint32_t *pair = table_level == 3 ? pair_for(vspace_object, vaddr) : NULL;
	if (!pair)
		return ARCH_MAP_NO_TABLE;
	if (l1_type(pair[0]) != L1_TYPE_FAULT || l1_type(pair[1]) != L1_TYPE_FAULT)
		return ARCH_MAP_EXISTS;
	/* its zeroes where the walks read, before any walk can reach it */
	arch_clean_to_pou(table, PAGE_TABLE_USED_BYTES);
	paddr_t pa = arch_kernel_to_phys((uintptr_t)table);
	uint32_t d = FIELD_PREP(L1_TYPE, L1_TYPE_TABLE) | FIELD_PREP(L1_DOMAIN, DOMAIN_USER);
	pair[0] = d | (pa & L1_TABLE_BASE);
	pair[1] = d | ((pa + L2_TABLE_BYTES) & L1_TABLE_BASE);
	arch_clean_to_pou(pair, 2 * sizeof(*pair));
	return ARCH_MAP_OK;
}

int arch_vspace_map_frame(void *vspace_object, uint32_t vaddr, paddr_t paddr, unsigned size_bits,
			  unsigned rights, enum arch_frame_memory memory, bool executable)
{
	paddr_t pa = arch_kernel_to_phys((uintptr_t)paddr);
	struct leaf_bits l = leaf_bits(rights, memory, executable);
	if (size_bits == PAIR_SHIFT) {
		uint32_t *pair = pair_for(vspace_object, vaddr);
		if (!pair)
			return ARCH_MAP_NO_TABLE;
		if (l1_type(pair[0]) != L1_TYPE_FAULT || l1_type(pair[1]) != L1_TYPE_FAULT)
			return ARCH_MAP_EXISTS;
		pair[0] = section_descriptor(pa, l);
		pair[1] = section_descriptor(pa + L1_SECTION_SIZE, l);
		arch_clean_to_pou(pair, 2 * sizeof(*pair));
		return ARCH_MAP_OK;
	}
	uint32_t *e = entry_for(vspace_object, vaddr, 3);
	if (!e)
		return ARCH_MAP_NO_TABLE;
	if (FIELD_GET(L2_TYPE, *e) != 0)
		return ARCH_MAP_EXISTS; /* any valid kind */
	*e = page_descriptor(pa, l);
	arch_clean_to_pou(e, sizeof(*e));
	return ARCH_MAP_OK;
}

void arch_vspace_unmap(void *vspace_object, uint32_t vaddr, unsigned level, paddr_t paddr)
{
	struct vspace_object *o = object_of(vspace_object);
	paddr_t pa = arch_kernel_to_phys((uintptr_t)paddr);
	uint32_t *e = entry_for(o, vaddr, level);
	if (!e)
		return; /* already gone with a table above it */
	if (level == 3) {
		if (!(*e & L2_PAGE) || (*e & L2_PAGE_BASE) != (pa & L2_PAGE_BASE))
			return; /* replaced */
		*e = 0;
		arch_clean_to_pou(e, sizeof(*e));
		asid_flush_page(o, vaddr);
		mapping_removed(o);
		return;
	}
	uint32_t type = l1_type(e[0]);
	bool section = type == L1_TYPE_SECTION && (e[0] & L1_SECT_BASE) == (pa & L1_SECT_BASE);
	bool table = type == L1_TYPE_TABLE && (e[0] & L1_TABLE_BASE) == (pa & L1_TABLE_BASE);
	if (!section && !table)
		return; /* replaced */
	e[0] = e[1] = 0;
	arch_clean_to_pou(e, 2 * sizeof(*e));
	if (section) {
		uint32_t base = vaddr & ~((1u << PAIR_SHIFT) - 1);
		asid_flush_page(o, base);
		asid_flush_page(o, base + L1_SECTION_SIZE);
	} else {
		asid_flush_all(o); /* up to 512 pages, and walks cached from the table */
	}
	mapping_removed(o);
}

void arch_vspace_forget(void *vspace_object)
{
	struct vspace_object *o = object_of(vspace_object);
	memset(o->l1, 0, sizeof(o->l1));
	arch_clean_to_pou(o->l1, sizeof(o->l1));
	asid_flush_all(o);
	mapping_removed(o);
	o->id = 0;
}

void arch_vspace_destroyed(void *vspace_object)
{
	struct vspace_object *o = object_of(vspace_object);
	if (o->shadow_users)
		shadow_p2m_destroyed(o);
	/* TTBR0 may still hold it (the last space that ran) */
	asid_release(o);
}

void arch_vspace_table_clear(void *table)
{
	/* No TLB maintenance: the table is out of every first-level table
	 * (unmapped, with its VSpace's entries flushed; or its VSpace forgot
	 * it, flushing; or its VSpace is gone, whose ASID no thread runs
	 * with before the next generation drops the whole TLB). Mapped again,
	 * it is walked from memory: its zeroes go there. */
	memset(table, 0, PAGE_TABLE_USED_BYTES);
	arch_clean_to_pou(table, PAGE_TABLE_USED_BYTES);
}

int arch_vspace_map_page(struct arch_vspace *vs, uint32_t vaddr, paddr_t paddr, unsigned rights,
			 bool executable, arch_table_alloc_t alloc, void *alloc_ctx)
{
	if (!arch_user_page(vaddr, paddr))
		return -1;
	void *object = vs->object;
	uint32_t *pair = pair_for(object, vaddr);
	if (l1_type(pair[0]) == L1_TYPE_FAULT && l1_type(pair[1]) == L1_TYPE_FAULT) {
		void *t = alloc(alloc_ctx);
		if (!t || arch_vspace_map_table(object, vaddr, 3, t) != ARCH_MAP_OK)
			return -1;
	}
	return arch_vspace_map_frame(object, vaddr, paddr, L2_PAGE_SHIFT, rights, ARCH_FRAME_CACHED,
				     executable)
		       ? -1
		       : 0;
}

void *arch_vspace_translate(void *vspace_object, uint32_t vaddr, bool write)
{
	uint32_t *pair = pair_for(vspace_object, vaddr);
	if (!pair)
		return NULL;
	uint32_t d = pair[(vaddr >> L1_SECTION_SHIFT) & 1];
	if (l1_type(d) == L1_TYPE_SECTION) {
		/* the kernel maps RAM only: a device frame (or an uncached
		 * mapping) is nothing it may read or write */
		if ((write && (d & L1_SECT_APX)) ||
		    !desc_is_cached_ram(d, L1_SECT_TEX, L1_SECT_C, L1_SECT_B))
			return NULL;
		return (void *)arch_phys_to_kernel((d & L1_SECT_BASE) |
						   (vaddr & (L1_SECTION_SIZE - 1)));
	}
	uint32_t *e = entry_for(vspace_object, vaddr, 3);
	if (!e || !(*e & L2_PAGE) || (write && (*e & L2_PAGE_APX)) ||
	    !desc_is_cached_ram(*e, L2_PAGE_TEX, L2_PAGE_C, L2_PAGE_B))
		return NULL;
	return (void *)arch_phys_to_kernel((*e & L2_PAGE_BASE) | (vaddr & 0xfffu));
}

bool p2m_lookup(const struct vspace_object *o, uint32_t gpa, struct p2m_leaf *leaf)
{
	if (gpa >= ARCH_USER_LIMIT)
		return false;
	uint32_t d = o->l1[gpa >> L1_SECTION_SHIFT];
	if (l1_type(d) == L1_TYPE_SECTION) {
		*leaf = (struct p2m_leaf){
			.pa = (d & L1_SECT_BASE) | (gpa & (L1_SECTION_SIZE - 1) & ~0xfffu),
			.write = !(d & L1_SECT_APX), .xn = d & L1_SECT_XN,
			.tex = FIELD_GET(L1_SECT_TEX, d), .c = d & L1_SECT_C, .b = d & L1_SECT_B,
			.s = d & L1_SECT_S,
		};
		return true;
	}
	const uint32_t *e = entry_for((void *)o, gpa, 3);
	if (!e || !(*e & L2_PAGE))
		return false;
	*leaf = (struct p2m_leaf){
		.pa = *e & L2_PAGE_BASE, .write = !(*e & L2_PAGE_APX), .xn = *e & L2_PAGE_XN,
		.tex = FIELD_GET(L2_PAGE_TEX, *e), .c = *e & L2_PAGE_C, .b = *e & L2_PAGE_B,
		.s = *e & L2_PAGE_S,
	};
	return true;
}
