/* SPDX-License-Identifier: MIT */
/* Layout of a VSpace object (one 4 KiB page), private to arch/arm: the
 * level-1 table first (it must be 32-byte aligned), then bookkeeping in the
 * rest of the page. */
#ifndef ARCH_ARM_VSPACE_OBJECT_H
#define ARCH_ARM_VSPACE_OBJECT_H

#include <tern/types.h>

struct vspace_object {
	uint64_t l1[4];      /* 4 x 1 GiB: the 32-bit IPA space */
	uint64_t vttbr;      /* VTTBR for vmid and l1, made when vmid is assigned */
	uint32_t id;         /* the kernel's stable name for it (0: none yet) */
	uint32_t vmid;       /* hardware VMID, valid while generation is current */
	uint32_t generation;
	bool guest;          /* only VCPU-bound threads run in it */
};

#endif
