/* SPDX-License-Identifier: MIT */
/* Layout of the SVC variant's VSpace object (16 KiB, 16 KiB aligned),
 * private to arch/arm/svc: TTBR0's first-level table for the 2 GiB of user
 * space first (TTBCR.N = 1: 2048 entries, 8 KiB, 8 KiB aligned), then the
 * bookkeeping. The kernel's half of the address space is TTBR1's and is
 * never copied here. */
#ifndef ARCH_ARM_SVC_VSPACE_OBJECT_H
#define ARCH_ARM_SVC_VSPACE_OBJECT_H

#include <tern/types.h>

#define USER_L1_ENTRIES 2048u /* 2 GiB in 1 MiB entries */
#define SVC_VSPACE_SIZE_BITS 14

struct vspace_object {
	uint32_t l1[USER_L1_ENTRIES];
	uint32_t id;         /* the kernel's stable name for it (0: none yet) */
	uint32_t asid;       /* hardware ASID, valid while generation is current */
	uint32_t generation; /* of the ASID pool (0: never assigned) */
	bool guest;          /* only VCPU-bound threads run in it */
};

_Static_assert(sizeof(struct vspace_object) <= (1u << SVC_VSPACE_SIZE_BITS),
	       "the VSpace object's bookkeeping fits its 16 KiB");

#endif
