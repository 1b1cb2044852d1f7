// SPDX-License-Identifier: MIT
#include "arch_private.h"
#include <arch/lpae.h>
#include <arch/sysreg.h>
#include <arch/thread.h>
#include <l4/abi.h>
#include <tern/string.h>

/* HCR for native threads: stage 2 on, every exception of the thread to HYP
 * (TGE), stage 1 off with cacheable default memory (DC), SMC trapped. */
#define HCR_VM BIT(0)
#define HCR_FMO BIT(3)
#define HCR_IMO BIT(4)
#define HCR_AMO BIT(5)
#define HCR_DC BIT(12)
#define HCR_TSC BIT(19)
#define HCR_TGE BIT(27)
#define HCR_NATIVE (HCR_VM | HCR_FMO | HCR_IMO | HCR_AMO | HCR_DC | HCR_TSC | HCR_TGE)

/* VTCR: 32-bit IPA, walk starts at level 1, walks cacheable, inner shareable */
#define VTCR_SL0 GENMASK(7, 6)
#define VTCR_IRGN0 GENMASK(9, 8)
#define VTCR_ORGN0 GENMASK(11, 10)
#define VTCR_SH0 GENMASK(13, 12)
#define VTCR_RES1 BIT(31)
#define VTCR_VALUE (VTCR_RES1 | FIELD_PREP(VTCR_SL0, 1) | FIELD_PREP(VTCR_IRGN0, TCR_CACHE_WBWA) | \
		    FIELD_PREP(VTCR_ORGN0, TCR_CACHE_WBWA) | FIELD_PREP(VTCR_SH0, LPAE_SH_INNER))
#define VTTBR_VMID GENMASK64(55, 48)

/* Stage-2 descriptor fields */
#define S2_MEMATTR GENMASK64(5, 2)
#define S2_MEMATTR_NORMAL_WB 0xf
#define S2_AP GENMASK64(7, 6)
#define S2_AP_READ 1
#define S2_AP_WRITE 2

#define PSR_USER (PSR_MODE_USR)

struct arch_context *arch_current_context; /* where the next trap saves */

__noreturn void arch_context_restore(struct arch_context *c); /* vectors.S */

void arch_context_init(struct arch_context *c, uint32_t entry, uint32_t sp, uint32_t arg0)
{
	memset(c, 0, sizeof(*c));
	c->r[0] = arg0;
	c->sp = sp;
	c->pc = entry;
	c->cpsr = PSR_USER;
}

void arch_return_to_user(struct arch_context *c, const struct arch_vspace *vs)
{
	sysreg_write32(VTCR, VTCR_VALUE);
	sysreg_write64(VTTBR, FIELD_PREP(VTTBR_VMID, vs->vmid) | (uintptr_t)vs->l1);
	sysreg_write32(HCR, HCR_NATIVE);
	isb();
	arch_current_context = c;
	arch_context_restore(c);
}

struct vspace_object {
	uint64_t l1[4];
	uint32_t vmid;
};

void arch_vspace_init(struct arch_vspace *vs, void *l1_page, uint32_t vmid)
{
	memset(l1_page, 0, 4096);
	arch_vspace_object_init(l1_page, vmid);
	arch_vspace_from_object(vs, l1_page);
}

void arch_vspace_object_init(void *page, uint32_t vmid)
{
	((struct vspace_object *)page)->vmid = vmid;
}

uint32_t arch_vspace_object_vmid(const void *page)
{
	return ((const struct vspace_object *)page)->vmid;
}

void arch_vspace_from_object(struct arch_vspace *vs, void *page)
{
	vs->l1 = ((struct vspace_object *)page)->l1;
	vs->vmid = ((struct vspace_object *)page)->vmid;
}

static uint64_t *next_table(uint64_t *entry, arch_table_alloc_t alloc, void *ctx)
{
	if (!(*entry & LPAE_VALID)) {
		void *t = alloc(ctx);
		if (!t)
			return NULL;
		dsb();
		*entry = LPAE_VALID | LPAE_TABLE | ((uintptr_t)t & LPAE_ADDR);
	} else if (!(*entry & LPAE_TABLE)) {
		return NULL; /* a block mapping is in the way */
	}
	return (uint64_t *)(uintptr_t)(*entry & LPAE_ADDR);
}

int arch_vspace_map_page(struct arch_vspace *vs, uint32_t vaddr, paddr_t paddr, unsigned rights,
			 bool executable, arch_table_alloc_t alloc, void *alloc_ctx)
{
	if (vaddr < ARCH_USER_BASE || vaddr >= ARCH_USER_LIMIT || !IS_ALIGNED(vaddr, 4096) ||
	    !IS_ALIGNED(paddr, 4096))
		return -1;
	uint64_t *l2 = next_table(&vs->l1[vaddr >> LPAE_L1_SHIFT], alloc, alloc_ctx);
	if (!l2)
		return -1;
	uint64_t *l3 = next_table(&l2[(vaddr >> LPAE_L2_SHIFT) % LPAE_ENTRIES], alloc, alloc_ctx);
	if (!l3)
		return -1;
	uint64_t *pte = &l3[(vaddr >> LPAE_L3_SHIFT) % LPAE_ENTRIES];
	if (*pte & LPAE_VALID)
		return -1;
	unsigned ap = ((rights & L4_RIGHT_READ) ? S2_AP_READ : 0) |
		      ((rights & L4_RIGHT_WRITE) ? S2_AP_WRITE : 0);
	*pte = LPAE_VALID | LPAE_TABLE | LPAE_AF | FIELD_PREP(S2_MEMATTR, S2_MEMATTR_NORMAL_WB) |
	       FIELD_PREP(S2_AP, ap) | FIELD_PREP(LPAE_SH, LPAE_SH_INNER) |
	       (paddr & LPAE_ADDR) | (executable ? 0 : LPAE_XN);
	dsb();
	return 0;
}

void arch_sync_icache(const void *start, size_t len)
{
	uintptr_t line = 64, p = ALIGN_DOWN((uintptr_t)start, line);
	for (; p < (uintptr_t)start + len; p += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(p) : "memory"); /* DCCMVAU */
	dsb();
	sysreg_write32(ICIALLU, 0);
	sysreg_write32(BPIALL, 0);
	dsb();
	isb();
}
