// SPDX-License-Identifier: MIT
/* The HYP variant's object types and their sizes: 4 KiB and 2 MiB frames
 * (LPAE level-3 pages and level-2 blocks), 4 KiB LPAE tables, and the VSpace
 * and VCPU objects of one page each. */
#include <arch/object.h>

int arch_object_size_bits(enum l4_object_type type)
{
	switch (type) {
	case L4_OBJ_FRAME_4K:
	case L4_OBJ_PAGE_TABLE:     /* level 3: 512 entries of 8 bytes */
	case L4_OBJ_PAGE_DIRECTORY: /* level 2: 512 entries of 8 bytes */
	case L4_OBJ_VSPACE:         /* the level-1 table and bookkeeping */
	case L4_OBJ_GUEST_VSPACE:
	case L4_OBJ_VCPU:
		return 12;
	case L4_OBJ_FRAME_2M:
		return 21;
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
	case L4_OBJ_PAGE_DIRECTORY:
		return CAP_PAGE_DIRECTORY;
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
