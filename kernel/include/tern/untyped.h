/* SPDX-License-Identifier: MIT */
/* Untyped memory: the only source of kernel objects. Retype carves objects
 * from an untyped region at its watermark, each aligned to its own size. */
#ifndef TERN_UNTYPED_H
#define TERN_UNTYPED_H

#include <tern/cap.h>
#include <tern/errors.h>

#define UNTYPED_MIN_BITS 4
#define UNTYPED_MAX_BITS 29   /* 512 MiB: fits a 32-bit watermark with room */
#define CNODE_MIN_RADIX 1
#define CNODE_MAX_RADIX 16
#define CTE_SIZE_BITS 5       /* a slot is 32 bytes on ARM32 */
#define RETYPE_MAX_COUNT 256

struct retype_plan {
	uint32_t first_offset;  /* offset of the first object in the untyped */
	unsigned object_bits;   /* log2 of each object's size */
	uint32_t new_free_offset;
};

/* log2 of an object's size in bytes; user_bits is the size argument of
 * Untyped_Retype (untyped: log2 bytes; CNode: log2 slots). -1 if invalid. */
int object_size_bits(enum l4_object_type type, unsigned user_bits);

/* The decode step of Untyped_Retype: checks type (arg 0), size (arg 1) and
 * count (arg 2) against the untyped cap and plans where the objects go.
 * Changes nothing. */
struct invocation_error untyped_plan_retype(const struct cap *untyped, uint32_t type,
					    uint32_t user_bits, uint32_t count,
					    struct retype_plan *plan);

#endif
