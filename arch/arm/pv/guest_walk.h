/* SPDX-License-Identifier: MIT */
/* The deprivileged guest's own page tables (docs/pv-vcpu.md, section 5):
 * the short-descriptor walk the MMU would make of them, and the rule that
 * turns the guest's access permissions into a shadow entry's domain and
 * rights. The kernel's shadow filler (arch/arm/svc/vcpu/shadow.c) walks
 * with it on a fault; the guest's table memory is read through a callback
 * (guest-physical, through the guest's p2m), so a walk never touches
 * anything but guest RAM. Only the short-descriptor format, SCTLR.AFE = 0,
 * no TEX remap: the kernel refuses TTBCR.EAE.
 *
 * Freestanding: fixed-width types only, no kernel headers. */
#ifndef ARCH_ARM_PV_GUEST_WALK_H
#define ARCH_ARM_PV_GUEST_WALK_H

#include <tern/types.h>

/* Short-descriptor fault status values (DFSR/IFSR FS[4:0], FS[4] at bit
 * 10 of the register). */
#define GUEST_FS_TRANSLATION_SECTION 0x005u
#define GUEST_FS_TRANSLATION_PAGE 0x007u
#define GUEST_FS_PERMISSION_SECTION 0x00du
#define GUEST_FS_PERMISSION_PAGE 0x00fu
#define GUEST_FS_WALK_ABORT_L1 0x00cu /* synchronous external abort on a table walk */
#define GUEST_FS_WALK_ABORT_L2 0x00eu

/* TTBCR: N, PD0, PD1; everything else (EAE in particular) is refused */
#define GUEST_TTBCR_N 0x7u
#define GUEST_TTBCR_PD0 (1u << 4)
#define GUEST_TTBCR_PD1 (1u << 5)
#define GUEST_TTBCR_VALID (GUEST_TTBCR_N | GUEST_TTBCR_PD0 | GUEST_TTBCR_PD1)

struct guest_walk_regs {
	uint32_t ttbr0, ttbr1, ttbcr;
};

/* Reads the word at guest-physical gpa (4-aligned); false when gpa is not
 * the guest's RAM. */
typedef bool (*guest_read_fn)(void *ctx, uint32_t gpa, uint32_t *value);

struct guest_translation {
	uint32_t pa;    /* guest-physical address of the byte at va */
	uint32_t ap;    /* AP[2:0]: AP[2] (APX) at bit 2 */
	bool xn;
	bool page;      /* from a second-level table (faults then report "page") */
};

/* Walks va. Returns 0 with *t filled, or the fault status the guest's MMU
 * would report: a translation fault of the level that found no entry, or
 * an external abort on the walk when a table is not in guest RAM. */
uint32_t guest_walk(const struct guest_walk_regs *r, uint32_t va, guest_read_fn read, void *ctx,
		    struct guest_translation *t);

/* The two domains of guest pages (section 5): D1 pages every guest mode
 * may reach, D2 pages only the guest kernel's view lets in. */
#define GUEST_DOMAIN_ANY 1u
#define GUEST_DOMAIN_KERNEL 2u

struct guest_rights {
	bool mapped;     /* false: no access at all, never shadowed */
	unsigned domain; /* GUEST_DOMAIN_* */
	bool write;      /* read-write, else read-only */
};

/* The shadow entry's domain and rights for the guest's AP[2:0] (section
 * 5's table). The guest kernel runs in USR, so "kernel only" is a domain,
 * and a page the guest kernel may write but its user only read is
 * read-only for both. */
struct guest_rights guest_rights(uint32_t ap);

enum guest_access { GUEST_READ, GUEST_WRITE, GUEST_EXECUTE };

/* Whether the shadow of t may serve this access from guest user (user) or
 * the guest kernel: the guest's own answer, in the shadow's terms. */
bool guest_permits(const struct guest_translation *t, bool user, enum guest_access access);

#endif
