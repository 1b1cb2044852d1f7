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

static bool asid_live(const struct vspace_object *o)
{
	return vmid_pool_current(&asids, o->generation);
}

/* The space in TTBR0 and CONTEXTIDR (NULL: the empty table, ASID 0). */
static struct vspace_object *loaded;

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

void asid_activate(struct vspace_object *o)
{
	if (o == loaded && asid_live(o))
		return;
	if (!asid_live(o) && vmid_pool_assign(&asids, &o->asid, &o->generation)) {
		/* a new generation: no entry of the old one may survive */
		dsb();
		sysreg_write32(TLBIALL, 0);
		sysreg_write32(BPIALL, 0);
		dsb();
	}
	load((uint32_t)arch_kernel_to_phys((uintptr_t)o->l1), o->asid);
	loaded = o;
}

void asid_release(struct vspace_object *o)
{
	asid_flush_all(o);
	if (o == loaded) {
		load(kernel_no_user_ttbr0(), 0);
		loaded = NULL;
	}
}

void asid_flush_page(const struct vspace_object *o, uint32_t vaddr)
{
	if (!asid_live(o))
		return;
	dsb();
	sysreg_write32(TLBIMVA, (vaddr & ~0xfffu) | o->asid);
	sysreg_write32(BPIALL, 0);
	dsb();
	isb();
}

void asid_flush_all(const struct vspace_object *o)
{
	if (!asid_live(o))
		return;
	dsb();
	sysreg_write32(TLBIASID, o->asid);
	sysreg_write32(BPIALL, 0);
	dsb();
	isb();
}
