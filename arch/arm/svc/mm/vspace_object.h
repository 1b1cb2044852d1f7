/* SPDX-License-Identifier: MIT */
/* Layout of the SVC variant's VSpace object (16 KiB, 16 KiB aligned),
 * private to arch/arm/svc: TTBR0's first-level table for the 2 GiB of user
 * space first (TTBCR.N = 1: 2048 entries, 8 KiB, 8 KiB aligned), then the
 * bookkeeping. The kernel's half of the address space is TTBR1's and is
 * never copied here. */
#ifndef ARCH_ARM_SVC_VSPACE_OBJECT_H
#define ARCH_ARM_SVC_VSPACE_OBJECT_H

#include <tern/types.h>

/* A space's hardware ASID (mm/asid.c): valid while generation is the ASID
 * pool's current one (0: never assigned). */
struct asid_tag {
	uint32_t asid;
	uint32_t generation;
};

struct arch_vcpu;

#define USER_L1_ENTRIES 2048u /* 2 GiB in 1 MiB entries */
#define SVC_VSPACE_SIZE_BITS 14

struct vspace_object {
	uint32_t l1[USER_L1_ENTRIES];
	uint32_t id;         /* the kernel's stable name for it (0: none yet) */
	struct asid_tag tag;
	bool guest;          /* only VCPU-bound threads run in it */
	/* the VCPUs whose shadow tables were filled from this VSpace as their
	 * guest-physical map (svc/vcpu/shadow.c), linked by p2m_next: they are
	 * emptied whenever a mapping leaves it */
	struct arch_vcpu *shadow_users;
};

_Static_assert(sizeof(struct vspace_object) <= (1u << SVC_VSPACE_SIZE_BITS),
	       "the VSpace object's bookkeeping fits its 16 KiB");

/* A guest VSpace as the guest-physical map of shadow tables: the leaf
 * mapping the 4 KiB page at a guest-physical address (mm/vspace.c). */
struct p2m_leaf {
	uint32_t pa;        /* the page's physical address */
	bool write, xn;     /* the mapping's rights */
	uint32_t tex;       /* its memory type, in small-page fields */
	bool c, b, s;
};
/* false when nothing is mapped at gpa (or gpa is not user space) */
bool p2m_lookup(const struct vspace_object *o, uint32_t gpa, struct p2m_leaf *leaf);

#endif
