// SPDX-License-Identifier: MIT
#include "asid.h"
#include "../../arch_private.h"
#include <arch/memory.h>
#include <arch/sysreg.h>
#include <tern/bits.h>
#include <tern/vmid_pool.h>

/* ASID 0 stays unused: TTBR0 points at a table with no user entries while
 * no thread runs (the idle loop), tagged 0. */
static struct vmid_pool asids = {.generation = 1, .next = 1, .limit = 256};

/* TTBR0: walks inner and outer write-back write-allocate, shareable
 * (IRGN = 01 is bit 6 set, bit 0 clear; RGN = 01; S). */
#define TTBR_WALK_ATTRS (BIT(6) | (1u << 3) | BIT(1))

static bool tag_live(const struct asid_tag *tag)
{
	return vmid_pool_current(&asids, tag->generation);
}

/* The table in TTBR0 (NULL: the empty table, ASID 0). A table names its
 * space: a VSpace's or a guest shadow's (svc/vcpu/shadow.c). */
static const uint32_t *loaded;

static void load(uint32_t ttbr0, uint32_t asid)
{
	/* ARM ARM B3.10.4, changing ASID and table together: through the
	 * reserved ASID 0, so that no walk of the new table is tagged with the
	 * old ASID and no walk of the old one with the new. */
	sysreg_write32(CONTEXTIDR, 0);
	isb();
	sysreg_write32(TTBR0, ttbr0 | TTBR_WALK_ATTRS);
	isb();
	sysreg_write32(CONTEXTIDR, asid);
	isb();
}

static inline __attribute__((always_inline)) void activate(const uint32_t *l1,
							   struct asid_tag *tag)
{
	if (l1 == loaded && tag_live(tag))
		return;
	if (!tag_live(tag) && vmid_pool_assign(&asids, &tag->asid, &tag->generation)) {
		/* a new generation: no entry of the old one may survive */
		dsb();
		sysreg_write32(TLBIALL, 0);
		sysreg_write32(BPIALL, 0);
		dsb();
	}
	load((uint32_t)arch_kernel_to_phys((uintptr_t)l1), tag->asid);
	loaded = l1;
}

void asid_activate(struct vspace_object *o)
{
	activate(o->l1, &o->tag);
}

void asid_activate_table(const uint32_t *l1, struct asid_tag *tag)
{
	activate(l1, tag);
}

void asid_release_table(const uint32_t *l1, const struct asid_tag *tag)
{
	asid_flush_tag(tag);
	if (l1 == loaded) {
		load(kernel_no_user_ttbr0(), 0);
		loaded = NULL;
	}
}

void asid_release(struct vspace_object *o)
{
	asid_release_table(o->l1, &o->tag);
}

void asid_flush_tag_page(const struct asid_tag *tag, uint32_t vaddr)
{
	if (!tag_live(tag))
		return;
	dsb();
	sysreg_write32(TLBIMVA, (vaddr & ~0xfffu) | tag->asid);
	sysreg_write32(BPIALL, 0);
	dsb();
	isb();
}

void asid_flush_tag(const struct asid_tag *tag)
{
	if (!tag_live(tag))
		return;
	dsb();
	sysreg_write32(TLBIASID, tag->asid);
	sysreg_write32(BPIALL, 0);
	dsb();
	isb();
}

void asid_flush_page(const struct vspace_object *o, uint32_t vaddr)
{
	asid_flush_tag_page(&o->tag, vaddr);
}

void asid_flush_all(const struct vspace_object *o)
{
	asid_flush_tag(&o->tag);
}
