// SPDX-License-Identifier: MIT
/* The guest's short-descriptor walk and its permission rule (guest_walk.h).
 * Formats from the ARM ARM (ARMv7-A/R, DDI 0406C), B3.5: TTBCR.N splits
 * the space between TTBR0 (below 2^(32-N)) and TTBR1; first-level entries
 * are faults, page tables, sections and supersections (16 MiB, only the
 * 32-bit forms: an extended base is a fault here), second-level entries
 * faults, large pages (64 KiB) and small pages (4 KiB). */
#include "guest_walk.h"

#define BIT(n) (1u << (n))
#define FIELD(value, hi, lo) (((value) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

#define L1_SUPERSECTION BIT(18)
#define L1_XN BIT(4)
#define L1_APX BIT(15)
#define L2_LARGE_XN BIT(15)
#define L2_SMALL_XN BIT(0)
#define L2_APX BIT(9)

static uint32_t l1_address(const struct guest_walk_regs *r, uint32_t va, uint32_t *status)
{
	unsigned n = r->ttbcr & GUEST_TTBCR_N;
	bool low = n == 0 || (va >> (32 - n)) == 0;
	if (low) {
		*status = r->ttbcr & GUEST_TTBCR_PD0 ? GUEST_FS_TRANSLATION_SECTION : 0;
		/* the table is 2^(14-N) bytes, aligned to its size */
		uint32_t base = r->ttbr0 & ~((1u << (14 - n)) - 1u);
		return base | (FIELD(va, 31 - n, 20) << 2);
	}
	*status = r->ttbcr & GUEST_TTBCR_PD1 ? GUEST_FS_TRANSLATION_SECTION : 0;
	return (r->ttbr1 & ~0x3fffu) | (FIELD(va, 31, 20) << 2);
}

uint32_t guest_walk(const struct guest_walk_regs *r, uint32_t va, guest_read_fn read, void *ctx,
		    struct guest_translation *t)
{
	uint32_t status;
	uint32_t address = l1_address(r, va, &status), d;
	if (status)
		return status;
	if (!read(ctx, address, &d))
		return GUEST_FS_WALK_ABORT_L1;
	switch (d & 3u) {
	case 2: /* section or supersection */
		if (d & L1_SUPERSECTION) {
			if (FIELD(d, 23, 20) || FIELD(d, 8, 5))
				return GUEST_FS_TRANSLATION_SECTION; /* above 4 GiB */
			t->pa = (d & 0xff000000u) | (va & 0x00ffffffu);
		} else {
			t->pa = (d & 0xfff00000u) | (va & 0x000fffffu);
		}
		t->ap = FIELD(d, 11, 10) | (d & L1_APX ? 4u : 0);
		t->xn = d & L1_XN;
		t->page = false;
		return 0;
	case 1: /* a second-level table */
		break;
	default: /* fault, or the reserved type (no PXN on these CPUs) */
		return GUEST_FS_TRANSLATION_SECTION;
	}
	address = (d & 0xfffffc00u) | (FIELD(va, 19, 12) << 2);
	if (!read(ctx, address, &d))
		return GUEST_FS_WALK_ABORT_L2;
	t->page = true;
	t->ap = FIELD(d, 5, 4) | (d & L2_APX ? 4u : 0);
	if (d & 2u) { /* small page */
		t->pa = (d & 0xfffff000u) | (va & 0xfffu);
		t->xn = d & L2_SMALL_XN;
		return 0;
	}
	if (d & 1u) { /* large page */
		t->pa = (d & 0xffff0000u) | (va & 0xffffu);
		t->xn = d & L2_LARGE_XN;
		return 0;
	}
	return GUEST_FS_TRANSLATION_PAGE;
}

struct guest_rights guest_rights(uint32_t ap)
{
	switch (ap & 7u) {
	case 1: /* PL1 read/write, PL0 none */
		return (struct guest_rights){true, GUEST_DOMAIN_KERNEL, true};
	case 2: /* PL1 read/write, PL0 read-only: read-only for both */
		return (struct guest_rights){true, GUEST_DOMAIN_ANY, false};
	case 3: /* read/write for both */
		return (struct guest_rights){true, GUEST_DOMAIN_ANY, true};
	case 5: /* PL1 read-only, PL0 none */
		return (struct guest_rights){true, GUEST_DOMAIN_KERNEL, false};
	case 6:
	case 7: /* read-only for both */
		return (struct guest_rights){true, GUEST_DOMAIN_ANY, false};
	default: /* 0 no access; 4 reserved */
		return (struct guest_rights){false, 0, false};
	}
}

bool guest_permits(const struct guest_translation *t, bool user, enum guest_access access)
{
	struct guest_rights g = guest_rights(t->ap);
	if (!g.mapped || (user && g.domain != GUEST_DOMAIN_ANY))
		return false;
	if (access == GUEST_WRITE)
		return g.write;
	if (access == GUEST_EXECUTE)
		return !t->xn;
	return true;
}
