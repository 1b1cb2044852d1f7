/* SPDX-License-Identifier: MIT */
/* Addressing caps: a cap pointer (cptr) is resolved through a tree of
 * CNodes, each consuming its guard bits and then radix bits of the cptr,
 * from the most significant end, until `depth` bits are used (as in seL4). */
#ifndef TERN_CSPACE_H
#define TERN_CSPACE_H

#include <tern/cap.h>

enum lookup_fault {
	LOOKUP_OK = 0,
	LOOKUP_INVALID_ROOT,      /* the cap to resolve through is not a CNode */
	LOOKUP_DEPTH_MISMATCH,    /* a CNode needs more bits than are left, or depth is bad */
	LOOKUP_GUARD_MISMATCH,    /* the cptr's bits do not match a CNode's guard */
	LOOKUP_MISSING_CAPABILITY /* bits remain but the slot holds no CNode */
};

struct lookup_result {
	enum lookup_fault fault;
	struct cte *slot;      /* when fault == LOOKUP_OK */
	unsigned bits_left;    /* bits not yet resolved where the lookup stopped */
};

#define CPTR_BITS 32

/* Resolves the first `depth` (1-32) bits of cptr from the CNode cap root. */
struct lookup_result cspace_lookup_slot(const struct cap *root, uint32_t cptr, unsigned depth);

/* The slot a whole cptr names, or NULL where the lookup fails. */
struct cte *cspace_lookup_cptr_walk(const struct cap *root, uint32_t cptr);

/* The same, with the common case inline: a CSpace of one CNode whose guard
 * and radix take all 32 bits (as the root task's). */
static inline struct cte *cspace_lookup_cptr(const struct cap *root, uint32_t cptr)
{
	if (root->type == CAP_CNODE && root->guard_bits + root->size_bits == CPTR_BITS &&
	    root->size_bits < CPTR_BITS) {
		if ((cptr >> root->size_bits) != root->guard)
			return NULL;
		return (struct cte *)root->object + (cptr & ((1u << root->size_bits) - 1));
	}
	return cspace_lookup_cptr_walk(root, cptr);
}

/* A CNode cap as Untyped_Retype or Mutate makes it. */
struct cap cnode_cap(struct cte *slots, unsigned radix, unsigned guard_bits, uint32_t guard);

#endif
