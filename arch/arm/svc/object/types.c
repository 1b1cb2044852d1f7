// SPDX-License-Identifier: MIT
/* The SVC variant's object types and their sizes: 4 KiB frames (small
 * pages), 2 MiB frames (two 1 MiB sections), page tables of 4 KiB (two
 * 1 KiB second-level tables covering 2 MiB, the last 2 KiB unused), the
 * 16 KiB VSpace (mm/vspace_object.h), the guest VSpace (the same object,
 * flagged: only VCPU threads run in it) and the deprivileged VCPU's 128
 * KiB (svc/vcpu/: 4 KiB of state, then its shadow page tables). The short-descriptor format has no page directory. Untyped_Retype refuses what is -1 here (an invalid
 * type argument). The invocations are arch/arm/object/mapping.c's. */
#include <arch/object.h>
#include "../mm/vspace_object.h"
#include "../vcpu/vcpu_object.h"

int arch_object_size_bits(enum l4_object_type type)
{
	switch (type) {
	case L4_OBJ_FRAME_4K:
	case L4_OBJ_PAGE_TABLE:
		return 12;
	case L4_OBJ_VCPU:
		return SVC_VCPU_SIZE_BITS;
	case L4_OBJ_FRAME_2M:
		return 21;
	case L4_OBJ_VSPACE:
	case L4_OBJ_GUEST_VSPACE:
		return SVC_VSPACE_SIZE_BITS;
	default:
		return -1;
	}
}

enum cap_type arch_object_cap_type(enum l4_object_type type)
{
	switch (type) {
	case L4_OBJ_FRAME_4K:
	case L4_OBJ_FRAME_2M:
		return CAP_FRAME;
	case L4_OBJ_PAGE_TABLE:
		return CAP_PAGE_TABLE;
	case L4_OBJ_VSPACE:
	case L4_OBJ_GUEST_VSPACE:
		return CAP_VSPACE;
	case L4_OBJ_VCPU:
		return CAP_VCPU;
	default:
		return CAP_NULL;
	}
}

bool arch_object_is_frame(enum l4_object_type type)
{
	return type == L4_OBJ_FRAME_4K || type == L4_OBJ_FRAME_2M;
}
